import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TICKET_STATUSES, OPEN_STATUSES, type TicketStatus } from '../../../../common/enums.ts';
import { checkTransition } from './ticket-status.ts';

// The whole transition table, written out: any change to the lifecycle shows up here.
const allowed: Record<TicketStatus, TicketStatus[]> = {
  new: ['assigned', 'in_progress', 'pending', 'resolved'],
  assigned: ['new', 'in_progress', 'pending', 'resolved'],
  in_progress: ['new', 'assigned', 'pending', 'resolved'],
  pending: ['new', 'assigned', 'in_progress', 'resolved'],
  resolved: ['closed', 'new', 'assigned', 'in_progress', 'pending'],
  closed: [],
};

test('every pair of statuses is allowed or refused exactly as the lifecycle says', () => {
  for (const from of TICKET_STATUSES) {
    for (const to of TICKET_STATUSES) {
      const r = checkTransition(from, to);
      assert.equal(r.ok, allowed[from].includes(to), `${from} → ${to}`);
      if (!r.ok) assert.ok(r.reason.length > 10, `a refusal explains itself (${from} → ${to})`);
    }
  }
});

test('leaving resolved for an open status is a reopen, and only that', () => {
  for (const from of TICKET_STATUSES) {
    for (const to of TICKET_STATUSES) {
      const r = checkTransition(from, to);
      if (r.ok) assert.equal(r.isReopen, from === 'resolved' && OPEN_STATUSES.includes(to), `${from} → ${to}`);
    }
  }
});

test('refusals name the way forward', () => {
  const r = checkTransition('in_progress', 'closed');
  assert.equal(r.ok, false);
  assert.match((r as { reason: string }).reason, /Resolve it first/);
  const c = checkTransition('closed', 'in_progress');
  assert.match((c as { reason: string }).reason, /final/);
});
