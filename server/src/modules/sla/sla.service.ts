// The SLA engine's place in a ticket's life: a clock planned with the ticket (policy from
// the organisation's contract, else the default), kept in step with every change inside
// that change's own transaction, and shown with the ticket.
import type { TicketSla } from '../../../../common/schemas/sla.ts';
import type { Trx } from '../../db/db.ts';
import type { TicketRow } from '../../db/schema.ts';
import { isStaff } from '../../lib/actor.ts';
import { loadBusinessCalendar } from '../calendars/calendar-cache.ts';
import { findPolicyIdForOrganisation } from './contracts.repo.ts';
import type { TicketChange } from '../tickets/ticket-change.ts';
import {
  clockRuns,
  enterTier,
  meet,
  METRICS,
  metricOf,
  newClock,
  nextDueAt,
  pause,
  resume,
  retarget,
  startNextResponse,
  wakeAt,
  type SlaClock,
} from './sla-clock.ts';
import * as repo from './sla.repo.ts';

/** The clock of a ticket about to be created (before its row exists: the row carries its due time). */
export async function planClock(trx: Trx, t: Pick<TicketRow, 'organisation_id' | 'priority' | 'created_at' | 'tier'>): Promise<SlaClock> {
  const policyId = await findPolicyIdForOrganisation(trx, t.organisation_id, t.created_at.slice(0, 10));
  const policy = await repo.loadPolicy(trx, policyId);
  const cal = await loadBusinessCalendar(trx, policy.calendarId);
  const clock = newClock(cal, policy, t.priority, t.created_at);
  clock.wake_at = wakeAt(cal, clock, policy, await repo.tierRulesFor(trx, t.tier));
  return clock;
}


/**
 * Brings the clock in line with a change about to be written (called by changeTicketIn
 * before the row is saved, so that tickets.sla_due_at goes out with it). A target met
 * after its due time, before the scheduler saw it, is recorded as a breach on the timeline.
 */
export async function reconcileClock(c: TicketChange): Promise<void> {
  const clock = c.sla ?? (await repo.findClock(c.trx, c.row.id));
  if (!clock) return;
  const before = JSON.stringify(clock);
  const policy = await repo.loadPolicy(c.trx, clock.policy_id);
  const cal = await loadBusinessCalendar(c.trx, clock.calendar_id);
  const { row, at } = c;
  const lateBreaches: string[] = [];
  const met = (m: (typeof METRICS)[number], when: string) => {
    if (meet(clock, m, when)) lateBreaches.push(m);
  };

  if (row.first_response_at && !clock.fr_met_at) met('firstResponse', row.first_response_at);
  for (const e of c.events) {
    if (e.kind !== 'reply' || e.internal) continue;
    if (isStaff(c.actor.roles) && c.actor.userId > 0) {
      if (clock.nr_started_at && !clock.nr_met_at) met('nextResponse', at);
    } else if (clock.fr_met_at) {
      startNextResponse(cal, clock, policy, at);
    }
  }

  const wasRunning = clockRuns(c.before.status);
  const runs = clockRuns(row.status);
  if (row.status === 'resolved' && c.before.status !== 'resolved') {
    // Resolving answers the requester too.
    met('firstResponse', at);
    if (clock.nr_started_at) met('nextResponse', at);
    met('resolution', at);
  }
  if ((c.before.status === 'resolved' || c.before.status === 'closed') && runs) clock.res_met_at = null;
  if (wasRunning && !runs) pause(clock, at);
  if (row.priority !== clock.priority) retarget(cal, clock, policy, row.priority);
  if (!wasRunning && runs) resume(cal, clock, at);
  if (row.tier !== c.before.tier) enterTier(clock, at);

  clock.wake_at = wakeAt(cal, clock, policy, await repo.tierRulesFor(c.trx, row.tier));
  for (const metric of lateBreaches) {
    c.events.push({ kind: 'sla_breach', internal: true, data: { metric, dueAt: metricOf(clock, metric as never).dueAt, late: true, actions: [] } });
  }
  const due = nextDueAt(clock);
  if (due !== row.sla_due_at) {
    c.row.sla_due_at = due;
    (c.patch as Record<string, unknown>).sla_due_at = due;
  }
  if (JSON.stringify(clock) === before) return;
  clock.updated_at = at;
  await repo.updateClock(c.trx, row.id, clock);
}

/** The SLA state shown with a ticket (staff only), or null when it has no clock. */
export async function ticketSla(db: Trx, ticketId: number, now: string): Promise<TicketSla | null> {
  const row = await repo.findClockView(db, ticketId);
  if (!row) return null;
  const { policy_name, calendar_name, time_zone, is_24x7, ticket_id: _id, ...clock } = row;
  const view = (metric: (typeof METRICS)[number]) => {
    const s = metricOf(clock, metric);
    const overdue = s.dueAt !== null && (s.metAt ? s.metAt > s.dueAt : !clock.paused_at && now > s.dueAt);
    return {
      targetMinutes: Math.round((s.targetMs ?? 0) / 60_000),
      dueAt: s.dueAt,
      metAt: s.metAt,
      breached: s.breachedAt !== null || overdue,
      breachedAt: s.breachedAt,
      warnedAt: s.warnedAt,
    };
  };
  return {
    policy: { id: clock.policy_id, name: policy_name },
    calendar: { id: clock.calendar_id, name: calendar_name, timeZone: time_zone, is24x7: is_24x7 === 1 },
    priority: clock.priority,
    paused: clock.paused_at !== null,
    pausedSince: clock.paused_at,
    firstResponse: view('firstResponse'),
    resolution: view('resolution'),
    nextResponse: clock.nr_started_at ? view('nextResponse') : null,
    nextDueAt: nextDueAt(clock),
  };
}

/**
 * A clock for a ticket made before SLAs existed (an upgrade): planned from its creation,
 * its first response counted, stopped when it waits or is done.
 */
export async function clockForExistingTicket(trx: Trx, row: TicketRow, now: string): Promise<SlaClock> {
  const clock = await planClock(trx, row);
  const policy = await repo.loadPolicy(trx, clock.policy_id);
  const cal = await loadBusinessCalendar(trx, clock.calendar_id);
  if (row.first_response_at) meet(clock, 'firstResponse', row.first_response_at);
  if (row.resolved_at) meet(clock, 'resolution', row.resolved_at);
  if (!clockRuns(row.status)) pause(clock, row.resolved_at ?? now);
  clock.wake_at = wakeAt(cal, clock, policy, await repo.tierRulesFor(trx, row.tier));
  return clock;
}
