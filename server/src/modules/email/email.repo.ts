// SQL for reading inbound mail through the API, scoped like tickets: mail not linked to a
// ticket is seen by staff who serve every organisation only.
import type { Trx } from '../../db/db.ts';
import type { Scope } from '../../lib/actor.ts';

function inboundView(db: Trx, scope: Scope) {
  let q = db
    .selectFrom('inbound_messages as m')
    .leftJoin('tickets as t', 't.id', 'm.ticket_id')
    .select([
      'm.id',
      'm.message_id',
      'm.mailbox_id',
      'm.source',
      'm.envelope_from',
      'm.from_address',
      'm.subject',
      'm.size',
      'm.status',
      'm.outcome',
      'm.match',
      'm.is_auto',
      'm.ticket_id',
      'm.event_id',
      'm.error',
      'm.attempts',
      'm.duplicates',
      'm.received_at',
      'm.processed_at',
      't.number as ticket_number',
    ]);
  if (scope.kind === 'organisations') q = q.where('t.organisation_id', 'in', scope.organisationIds.length ? scope.organisationIds : [-1]);
  if (scope.kind === 'requester') q = q.where('m.id', '<', 0); // mail is staff business
  return q;
}

export type InboundListRow = Awaited<ReturnType<ReturnType<typeof inboundView>['executeTakeFirstOrThrow']>>;

export function listInbound(db: Trx, scope: Scope, f: { status?: string; ticketId?: number; beforeId?: number; limit: number }) {
  let q = inboundView(db, scope);
  if (f.status) q = q.where('m.status', '=', f.status);
  if (f.ticketId !== undefined) q = q.where('m.ticket_id', '=', f.ticketId);
  if (f.beforeId !== undefined) q = q.where('m.id', '<', f.beforeId);
  return q.orderBy('m.id', 'desc').limit(f.limit).execute();
}

export function findInbound(db: Trx, scope: Scope, id: number) {
  return inboundView(db, scope).where('m.id', '=', id).executeTakeFirst();
}

export async function rawOf(db: Trx, id: number): Promise<Buffer> {
  const r = await db.selectFrom('inbound_raw').select('raw').where('inbound_id', '=', id).executeTakeFirstOrThrow();
  return Buffer.from(r.raw);
}

export function attachmentIdsOfEvent(db: Trx, eventId: number) {
  return db.selectFrom('attachments').select(['id', 'filename']).where('event_id', '=', eventId).execute();
}

export function listTicketCcs(db: Trx, ticketId: number) {
  return db.selectFrom('ticket_ccs').select(['email', 'name']).where('ticket_id', '=', ticketId).orderBy('created_at').orderBy('email').execute();
}
