// Background work of the tickets module: closing resolved tickets after the configured delay.
import type { Deps } from '../../lib/deps.ts';
import type { JobHandler, RecurringJob } from '../../lib/jobs.ts';
import { systemActor } from '../../lib/actor.ts';
import { Conflict } from '../../lib/errors.ts';
import { closeTicket } from './ticket-workflow.service.ts';

const BATCH = 200;

/** Closes tickets resolved more than autoCloseHours ago; returns how many it closed. */
export async function autoCloseResolvedTickets(deps: Deps): Promise<number> {
  const hours = deps.config.autoCloseHours;
  if (hours <= 0) return 0;
  const cutoff = new Date(deps.clock.now().getTime() - hours * 3600_000).toISOString();
  const actor = systemActor();
  let closed = 0;
  for (;;) {
    const due = await deps.db
      .selectFrom('tickets')
      .select('id')
      .where('status', '=', 'resolved')
      .where('resolved_at', '<', cutoff)
      .orderBy('resolved_at')
      .limit(BATCH)
      .execute();
    for (const { id } of due) {
      try {
        await closeTicket(deps, actor, id, `Closed automatically ${hours} hours after resolution.`);
        closed++;
      } catch (err) {
        // Reopened or closed by someone else meanwhile: nothing to do.
        if (!(err instanceof Conflict)) throw err;
      }
    }
    if (due.length < BATCH) return closed;
  }
}

export function ticketJobs(): { handlers: Record<string, JobHandler>; recurring: RecurringJob[] } {
  return {
    handlers: { 'tickets.auto-close': async (deps) => void (await autoCloseResolvedTickets(deps)) },
    recurring: [{ kind: 'tickets.auto-close', everyMs: 5 * 60_000 }],
  };
}
