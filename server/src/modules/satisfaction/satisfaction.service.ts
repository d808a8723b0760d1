// The satisfaction survey of a ticket: read by whoever sees the ticket, written by its
// requester (or their organisation's manager) once it is resolved; a new answer replaces
// the previous one.
import type { RateTicketInput, Satisfaction } from '../../../../common/schemas/satisfaction.ts';
import type { Deps } from '../../lib/deps.ts';
import { scopeAllows, type Actor } from '../../lib/actor.ts';
import { isoNow } from '../../lib/clock.ts';
import { recordAudit } from '../../lib/audit.ts';
import { Conflict, Forbidden, NotFound } from '../../lib/errors.ts';
import { notVisible, publishTicketChange } from '../tickets/ticket-change.ts';
import { findTicketView, lockTicket } from '../tickets/tickets.repo.ts';
import type { TicketRow } from '../../db/schema.ts';
import { canRate, RATEABLE_STATUSES } from './satisfaction.policy.ts';
import * as repo from './satisfaction.repo.ts';

export async function getSatisfaction(deps: Deps, actor: Actor, ticketId: number): Promise<Satisfaction> {
  if (!(await findTicketView(deps.db, actor.scope, ticketId))) throw notVisible(ticketId);
  const rating = await repo.findRating(deps.db, ticketId);
  if (!rating) throw new NotFound(`Ticket ${ticketId} has not been rated yet.`);
  return rating;
}

/** Records or corrects the rating; `created` tells the two apart (201 or 200). */
export async function rateTicket(deps: Deps, actor: Actor, ticketId: number, input: RateTicketInput): Promise<{ rating: Satisfaction; created: boolean }> {
  const at = isoNow(deps.clock);
  const comment = input.comment ? input.comment : null;
  let ticket: TicketRow | undefined;
  const result = await deps.db.transaction().execute(async (trx) => {
    const row = await lockTicket(trx, deps.dialect, ticketId);
    if (!row || !scopeAllows(actor.scope, row.organisation_id, row.requester_id)) throw notVisible(ticketId);
    if (!canRate(actor, { requesterId: row.requester_id })) {
      throw new Forbidden('Only the requester of a ticket (or their organisation manager) answers its satisfaction survey.');
    }
    if (!RATEABLE_STATUSES.includes(row.status)) {
      throw new Conflict(`Ticket #${row.number} is ${row.status.replace('_', ' ')}: it can be rated once it is resolved.`, { ticketStatus: row.status });
    }
    const before = await repo.findRating(trx, ticketId);
    await repo.upsertRating(trx, { ticketId, ratedById: actor.userId > 0 ? actor.userId : null, score: input.score, comment, at });
    await recordAudit(trx, actor, at, {
      action: before ? 'ticket.satisfaction.update' : 'ticket.satisfaction.create',
      entityType: 'ticket',
      entityId: ticketId,
      organisationId: row.organisation_id,
      data: { score: input.score, comment, ...(before && { previous: { score: before.score, comment: before.comment } }) },
    });
    ticket = row;
    return { rating: (await repo.findRating(trx, ticketId))!, created: !before };
  });
  // Staff viewing the ticket see the rating arrive (no timeline event: it is not a change of the ticket).
  if (ticket) publishTicketChange(deps, ticket, [], actor);
  return result;
}
