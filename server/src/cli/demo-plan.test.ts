import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emailLocalPart } from './demo-data.ts';
import { planTickets } from './demo-plan.ts';

const now = Date.parse('2026-03-04T10:00:00Z');
const DAY = 24 * 3600_000;

test('the plan is deterministic, in the past, within 60 days and in time order per ticket', () => {
  const plans = planTickets(300, now);
  assert.deepEqual(JSON.stringify(planTickets(300, now)), JSON.stringify(plans));
  for (const p of plans) {
    assert.equal(p.steps[0].action.kind, 'create');
    for (let i = 1; i < p.steps.length; i++) assert.ok(p.steps[i].at >= p.steps[i - 1].at, `ticket ${p.index} step ${i}`);
    assert.ok(p.steps[0].at >= now - 61 * DAY, `ticket ${p.index} starts ${new Date(p.steps[0].at).toISOString()}`);
    assert.ok(p.steps[p.steps.length - 1].at < now);
  }
});

test('the first tickets cover every final status and story', () => {
  const plans = planTickets(14, now);
  const targets = new Set(plans.map((p) => p.target));
  for (const t of ['new', 'assigned', 'in_progress', 'pending_requester', 'pending_third_party', 'resolved', 'closed']) assert.ok(targets.has(t as never), t);
  assert.deepEqual(new Set(plans.map((p) => p.scenario)), new Set(['standard', 'phone', 'escalated', 'vendor', 'reopened']));
  const last = (i: number) => plans[i].steps[plans[i].steps.length - 1].action.kind;
  assert.equal(last(plans.findIndex((p) => p.target === 'closed')), 'close');
  assert.equal(last(plans.findIndex((p) => p.target === 'resolved')), 'resolve');
});

test('larger plans follow the weights: mostly closed, open tickets recent', () => {
  const plans = planTickets(400, now);
  const closed = plans.filter((p) => p.target === 'closed').length;
  assert.ok(closed > 150 && closed < 260, `${closed} closed`);
  for (const p of plans.filter((p) => p.target === 'new' && p.scenario === 'standard')) {
    assert.ok(p.steps[0].at > now - 3 * DAY, 'a new ticket is days old at most');
  }
});

test('email addresses drop accents and punctuation', () => {
  assert.equal(emailLocalPart('Hélène Durand'), 'helene.durand');
  assert.equal(emailLocalPart("James O'Connor"), 'james.oconnor');
  assert.equal(emailLocalPart('Fatima El Amrani'), 'fatima.el.amrani');
});
