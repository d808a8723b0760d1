// The SLA scheduler: every few seconds it reads the clocks whose wake-up time has passed
// (an index range on ticket_sla.wake_at, never every ticket) and fires what is due, each
// ticket in its own transaction with the ticket row locked. A warning or breach is recorded
// in the same commit as its actions, so a restart (or a second process) finds it done and
// never repeats it; one that was not committed is simply found due again.
import type { Deps } from '../../lib/deps.ts';
import { enqueueJob, type JobHandler, type RecurringJob } from '../../lib/jobs.ts';
import type { Trx } from '../../db/db.ts';
import { systemActor } from '../../lib/actor.ts';
import { isoNow } from '../../lib/clock.ts';
import { changeTicketIn, publishTicketChange } from '../tickets/ticket-change.ts';
import * as ticketsRepo from '../tickets/tickets.repo.ts';
import { loadBusinessCalendar } from '../calendars/calendar-cache.ts';
import { dueWork, metricOf, nextDueAt, recordBreach, recordWarning, wakeAt } from './sla-clock.ts';
import { clockForExistingTicket } from './sla.service.ts';
import { runSlaActions, tierHandOffNote } from './sla-actions.ts';
import { applyEscalation } from '../tickets/ticket-workflow.service.ts';
import * as repo from './sla.repo.ts';

const BATCH = 200;
/** A ticket whose firing failed is looked at again after this long, not in a tight loop. */
const RETRY_MS = 5 * 60_000;

/** Fires everything due now; resolves to the number of clocks looked at. */
export async function runDueSla(deps: Deps): Promise<number> {
  let seen = 0;
  for (;;) {
    const now = isoNow(deps.clock);
    const due = await repo.findDueClocks(deps.db, now, BATCH);
    for (const { ticket_id } of due) {
      try {
        await fireClock(deps, ticket_id);
      } catch (err) {
        deps.logger.error({ err, ticketId: ticket_id }, 'SLA timer failed; retrying later');
        const later = new Date(deps.clock.now().getTime() + RETRY_MS).toISOString();
        await deps.db.updateTable('ticket_sla').set({ wake_at: later }).where('ticket_id', '=', ticket_id).execute();
      }
    }
    seen += due.length;
    if (due.length < BATCH) return seen;
  }
}

async function fireClock(deps: Deps, ticketId: number): Promise<void> {
  const actor = systemActor();
  const written = await deps.db.transaction().execute((trx) =>
    changeTicketIn(trx, deps, actor, ticketId, 'sla.timer', async (c) => {
      const clock = await repo.findClock(trx, ticketId);
      const now = Date.parse(c.at);
      // Fired meanwhile by another process, or moved by a change: nothing to do here.
      if (!clock?.wake_at || Date.parse(clock.wake_at) > now) return;
      c.sla = clock;
      const policy = await repo.loadPolicy(trx, clock.policy_id);
      const cal = await loadBusinessCalendar(trx, clock.calendar_id);
      const rules = await repo.tierRulesFor(trx, c.row.tier);
      const work = dueWork(cal, clock, policy, rules, now);
      for (const metric of work.warnings) {
        recordWarning(clock, metric, c.at);
        const dueAt = metricOf(clock, metric).dueAt;
        const actions = await runSlaActions(c, policy, cal.timeZone, 'warning', metric, dueAt);
        c.events.push({ kind: 'sla_warning', internal: true, data: { metric, dueAt, actions } });
      }
      for (const metric of work.breaches) {
        recordBreach(clock, metric);
        const dueAt = metricOf(clock, metric).dueAt;
        const actions = await runSlaActions(c, policy, cal.timeZone, 'breach', metric, dueAt);
        c.events.push({ kind: 'sla_breach', internal: true, data: { metric, dueAt, actions } });
      }
      const rule = work.tierRule ? rules.find((r) => r.id === work.tierRule!.id) : undefined;
      const target = rule ? await ticketsRepo.findGroup(trx, rule.toGroupId) : undefined;
      if (rule && target && target.tier > c.row.tier && target.id !== c.row.group_id) {
        await applyEscalation(c, target, await tierHandOffNote(c, rule));
      }
      if (c.events.length === 0 && Object.keys(c.patch).length === 0) {
        // Woken for nothing (a rule changed, a tier rule with no valid target): sleep until the next point.
        clock.wake_at = wakeAt(cal, clock, policy, rule ? rules.filter((r) => r.id !== rule.id) : rules);
        await repo.updateClock(trx, ticketId, clock);
      }
    }),
  );
  if (written) publishTicketChange(deps, written.row, written.events, actor);
}

/** Gives a clock to every open ticket that has none (tickets from before SLAs existed). */
export async function backfillClocks(deps: Deps): Promise<number> {
  let made = 0;
  for (;;) {
    const batch = await repo.findTicketsWithoutClock(deps.db, BATCH);
    for (const { id } of batch) {
      await deps.db.transaction().execute(async (trx) => {
        const row = await ticketsRepo.lockTicket(trx, deps.dialect, id);
        if (!row || (await repo.findClock(trx, id))) return;
        const clock = await clockForExistingTicket(trx, row, isoNow(deps.clock));
        await repo.insertClock(trx, id, clock);
        await ticketsRepo.updateTicketRow(trx, id, { sla_due_at: nextDueAt(clock) });
        made++;
      });
    }
    if (batch.length < BATCH) return made;
  }
}

const REWAKE_JOB = 'sla.rewake';

/** A tier rule was made or changed: open tickets at that tier get their wake-up time again (after commit, by a job). */
export async function scheduleRewake(trx: Trx, tier: number, at: string): Promise<void> {
  await enqueueJob(trx, { kind: REWAKE_JOB, payload: { tier }, dedupeKey: `${REWAKE_JOB}:${tier}` }, at);
}

/** Recomputes the wake-up time of the running clocks at a tier, each with its ticket locked. */
export async function rewakeTier(deps: Deps, tier: number): Promise<number> {
  repo.forgetSlaConfig();
  let afterId = 0;
  let changed = 0;
  for (;;) {
    const batch = await repo.findOpenTicketIdsAtTier(deps.db, tier, afterId, BATCH);
    for (const { id } of batch) {
      await deps.db.transaction().execute(async (trx) => {
        const row = await ticketsRepo.lockTicket(trx, deps.dialect, id);
        const clock = await repo.findClock(trx, id);
        if (!row || !clock || row.tier !== tier) return;
        const policy = await repo.loadPolicy(trx, clock.policy_id);
        const cal = await loadBusinessCalendar(trx, clock.calendar_id);
        const wake = wakeAt(cal, clock, policy, await repo.tierRulesFor(trx, tier));
        if (wake === clock.wake_at) return;
        await trx.updateTable('ticket_sla').set({ wake_at: wake }).where('ticket_id', '=', id).execute();
        changed++;
      });
      afterId = id;
    }
    if (batch.length < BATCH) return changed;
  }
}

export function slaJobs(): { handlers: Record<string, JobHandler>; recurring: RecurringJob[] } {
  return {
    handlers: {
      'sla.tick': async (deps) => void (await runDueSla(deps)),
      'sla.backfill': async (deps) => void (await backfillClocks(deps)),
      [REWAKE_JOB]: async (deps, payload: { tier: number }) => void (await rewakeTier(deps, payload.tier)),
    },
    recurring: [
      { kind: 'sla.tick', everyMs: 10_000 },
      { kind: 'sla.backfill', everyMs: 6 * 3_600_000 },
    ],
  };
}
