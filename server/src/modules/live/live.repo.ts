// The one query the live module needs: whose ticket it is, to check who may watch it.
import type { Db } from '../../db/db.ts';

export async function findTicketAudience(db: Db, ticketId: number): Promise<{ organisationId: number | null; requesterId: number } | undefined> {
  const row = await db.selectFrom('tickets').select(['organisation_id', 'requester_id']).where('id', '=', ticketId).executeTakeFirst();
  return row && { organisationId: row.organisation_id, requesterId: row.requester_id };
}
