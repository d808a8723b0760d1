// SQL for satisfaction ratings (one row per ticket). Visibility is checked by the caller
// on the ticket itself.
import type { Trx } from '../../db/db.ts';
import type { Satisfaction } from '../../../../common/schemas/satisfaction.ts';

export async function findRating(db: Trx, ticketId: number): Promise<Satisfaction | undefined> {
  const r = await db
    .selectFrom('satisfaction_ratings as s')
    .leftJoin('users as u', 'u.id', 's.rated_by_id')
    .select(['s.ticket_id', 's.score', 's.comment', 's.rated_by_id', 'u.name', 'u.email', 's.created_at', 's.updated_at'])
    .where('s.ticket_id', '=', ticketId)
    .executeTakeFirst();
  if (!r) return undefined;
  return {
    ticketId: r.ticket_id,
    score: r.score,
    comment: r.comment,
    ratedBy: r.rated_by_id !== null && r.name !== null ? { id: r.rated_by_id, name: r.name, email: r.email! } : null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Inserts the rating, or replaces the score and comment of the existing one. */
export async function upsertRating(db: Trx, r: { ticketId: number; ratedById: number | null; score: number; comment: string | null; at: string }) {
  await db
    .insertInto('satisfaction_ratings')
    .values({ ticket_id: r.ticketId, rated_by_id: r.ratedById, score: r.score, comment: r.comment, created_at: r.at, updated_at: r.at })
    .onConflict((oc) => oc.column('ticket_id').doUpdateSet({ rated_by_id: r.ratedById, score: r.score, comment: r.comment, updated_at: r.at }))
    .execute();
}
