// Linking incidents to a problem: each link writes an internal "problem" event on the
// ticket's timeline through changeTicketIn, in the caller's transaction.
import type { Trx } from '../../db/db.ts';
import type { Deps } from '../../lib/deps.ts';
import type { Actor } from '../../lib/actor.ts';
import { Unprocessable } from '../../lib/errors.ts';
import { changeTicketIn, publishTicketChange, type TicketChange } from '../tickets/ticket-change.ts';
import { problemReference } from './problem-dto.ts';
import * as repo from './problems.repo.ts';

export type VisibleTicket = Awaited<ReturnType<typeof repo.findVisibleTickets>>[number];

/** The tickets, every one of which must exist and be visible to the actor (422 naming the others). */
export async function visibleTicketsOrFail(trx: Trx, actor: Actor, ids: number[]): Promise<VisibleTicket[]> {
  const wanted = [...new Set(ids)];
  const found = await repo.findVisibleTickets(trx, actor.scope, wanted);
  const seen = new Set(found.map((t) => t.id));
  const missing = wanted.filter((id) => !seen.has(id));
  if (missing.length) {
    throw new Unprocessable(`incidentIds: ticket ${missing.join(', ')} does not exist or is not visible to you.`, { ticketIds: missing });
  }
  return found;
}

/** A problem of one organisation links only that organisation's incidents (others must not see it). */
export function assertSameOrganisation(problem: { id: number | null; organisation_id: number | null }, tickets: VisibleTicket[]): void {
  if (problem.organisation_id === null) return;
  const others = tickets.filter((t) => t.organisation_id !== problem.organisation_id).map((t) => t.id);
  if (others.length) {
    const which = problem.id === null ? 'this problem' : problemReference(problem.id);
    throw new Unprocessable(`incidentIds: ticket ${others.join(', ')} belongs to another organisation than ${which}.`, { ticketIds: others });
  }
}

export interface ProblemRef {
  id: number;
  title: string;
}

/**
 * Writes the links that do not exist yet and one timeline event on each newly linked
 * ticket. Returns the ids linked now and the ticket changes to publish after commit.
 */
export async function linkTicketsIn(
  trx: Trx,
  deps: Deps,
  actor: Actor,
  problem: ProblemRef,
  ticketIds: number[],
  at: string,
  changes: TicketChange[],
): Promise<number[]> {
  const already = new Set(await repo.linkedTicketIds(trx, problem.id));
  const fresh = [...new Set(ticketIds)].filter((id) => !already.has(id)).sort((a, b) => a - b);
  await repo.insertLinks(trx, problem.id, fresh, actor.userId > 0 ? actor.userId : null, at);
  for (const id of fresh) await writeLinkEvent(trx, deps, actor, problem, id, 'linked', changes);
  return fresh;
}

export async function writeLinkEvent(
  trx: Trx,
  deps: Deps,
  actor: Actor,
  problem: ProblemRef,
  ticketId: number,
  action: 'linked' | 'unlinked',
  changes: TicketChange[],
): Promise<void> {
  const written = await changeTicketIn(trx, deps, actor, ticketId, `ticket.problem.${action === 'linked' ? 'link' : 'unlink'}`, (c) => {
    c.events.push({ kind: 'problem', internal: true, data: { problemId: problem.id, reference: problemReference(problem.id), title: problem.title, action } });
  });
  if (written) changes.push(written);
}

/** After commit: the tickets' timelines changed. */
export function publishTicketChanges(deps: Deps, actor: Actor, changes: TicketChange[]): void {
  for (const c of changes) publishTicketChange(deps, c.row, c.events, actor);
}
