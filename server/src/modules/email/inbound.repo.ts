// SQL for inbound mail: the stored raw messages, the conversation Message-IDs, CCs, and
// what threading needs to know about tickets and people.

import type { Trx } from '../../db/db.ts';
import { executeCompiled } from '../../db/compiled-query-cache.ts';
import type { Dialect } from '../../db/db.ts';

export interface NewInbound {
  messageId: string;
  mailboxId: number | null;
  source: string;
  envelopeFrom: string | null;
  envelopeTo: string[];
  raw: Buffer;
  at: string;
}

/** Stores a raw message once per Message-ID; a repeat delivery only counts as a duplicate. */
export async function insertInbound(trx: Trx, m: NewInbound): Promise<{ id: number; duplicate: boolean }> {
  // The intake's hot path: compiled once (db/compiled-query-cache.ts), values bound per call.
  const inputs = [m.messageId, m.mailboxId, m.source, m.envelopeFrom, JSON.stringify(m.envelopeTo), m.raw.length, m.at];
  const [row] = await executeCompiled(trx, 'insert-inbound', inputs, ([messageId, mailboxId, source, envelopeFrom, envelopeTo, size, at]) =>
    trx
      .insertInto('inbound_messages')
      .values({
        message_id: messageId as string,
        mailbox_id: mailboxId as number | null,
        source: source as string,
        envelope_from: envelopeFrom as string | null,
        envelope_to: envelopeTo as string,
        size: size as number,
        status: 'received',
        is_auto: 0,
        attempts: 0,
        duplicates: 0,
        received_at: at as string,
      })
      .onConflict((oc) => oc.column('message_id').doNothing())
      .returning('id'),
  );
  if (row) {
    await executeCompiled(trx, 'insert-inbound-raw', [row.id, m.raw], ([id, raw]) => trx.insertInto('inbound_raw').values({ inbound_id: id as number, raw: raw as Buffer }));
    return { id: row.id, duplicate: false };
  }
  const existing = await trx
    .updateTable('inbound_messages')
    .set((eb) => ({ duplicates: eb('duplicates', '+', 1) }))
    .where('message_id', '=', m.messageId)
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: existing.id, duplicate: true };
}

export function findInboundForProcessing(db: Trx, id: number) {
  return db
    .selectFrom('inbound_messages as m')
    .innerJoin('inbound_raw as r', 'r.inbound_id', 'm.id')
    .selectAll('m')
    .select('r.raw')
    .where('m.id', '=', id)
    .executeTakeFirst();
}

/** Locks the row for the processing transaction and says whether it still waits. */
export async function lockInboundStatus(trx: Trx, dialect: Dialect, id: number): Promise<string | undefined> {
  let q = trx.selectFrom('inbound_messages').select('status').where('id', '=', id);
  if (dialect === 'postgres') q = q.forUpdate();
  return (await q.executeTakeFirst())?.status;
}

export interface InboundResult {
  status: 'processed' | 'ignored' | 'held' | 'failed';
  outcome: string | null;
  match: unknown;
  isAuto: boolean;
  fromAddress: string | null;
  subject: string | null;
  ticketId: number | null;
  eventId: number | null;
  error: string | null;
  at: string;
}

export async function recordInboundResult(trx: Trx, id: number, r: InboundResult): Promise<void> {
  await trx
    .updateTable('inbound_messages')
    .set((eb) => ({
      status: r.status,
      outcome: r.outcome,
      match: r.match === null ? null : JSON.stringify(r.match),
      is_auto: r.isAuto ? 1 : 0,
      from_address: r.fromAddress,
      subject: r.subject,
      ticket_id: r.ticketId,
      event_id: r.eventId,
      error: r.error,
      attempts: eb('attempts', '+', 1),
      processed_at: r.at,
    }))
    .where('id', '=', id)
    .execute();
}

/** Messages stored but not processed yet, oldest first (crash recovery, tests). */
export async function listWaitingInbound(db: Trx, receivedBefore: string, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('inbound_messages')
    .select('id')
    .where('status', '=', 'received')
    .where('received_at', '<=', receivedBefore)
    .orderBy('received_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** How many messages this sender sent since `since` (the current one excluded). */
export async function countRecentFromSender(db: Trx, address: string, since: string, exceptId: number): Promise<number> {
  const r = await db
    .selectFrom('inbound_messages')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('from_address', '=', address)
    .where('received_at', '>=', since)
    .where('id', '!=', exceptId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function ticketOfMessageIds(db: Trx, ids: string[]): Promise<{ messageId: string; ticketId: number; direction: string }[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('email_message_ids').select(['message_id', 'ticket_id', 'direction']).where('message_id', 'in', ids).execute();
  return rows.map((r) => ({ messageId: r.message_id, ticketId: r.ticket_id, direction: r.direction }));
}

export async function rememberMessageId(trx: Trx, messageId: string, ticketId: number, direction: 'in' | 'out', at: string): Promise<void> {
  await trx
    .insertInto('email_message_ids')
    .values({ message_id: messageId, ticket_id: ticketId, direction, created_at: at })
    .onConflict((oc) => oc.column('message_id').doNothing())
    .execute();
}

export function findTicketForThreading(db: Trx, by: { id: number } | { number: number }) {
  let q = db.selectFrom('tickets').select(['id', 'number', 'status', 'requester_id', 'organisation_id']);
  q = 'id' in by ? q.where('id', '=', by.id) : q.where('number', '=', by.number);
  return q.executeTakeFirst();
}

export async function isTicketCc(db: Trx, ticketId: number, email: string): Promise<boolean> {
  const r = await db.selectFrom('ticket_ccs').select('email').where('ticket_id', '=', ticketId).where('email', '=', email).executeTakeFirst();
  return r !== undefined;
}

export async function addTicketCcs(trx: Trx, ticketId: number, ccs: { email: string; name: string | null }[], at: string): Promise<void> {
  if (ccs.length === 0) return;
  await trx
    .insertInto('ticket_ccs')
    .values(ccs.map((c) => ({ ticket_id: ticketId, email: c.email, name: c.name, created_at: at })))
    .onConflict((oc) => oc.columns(['ticket_id', 'email']).doNothing())
    .execute();
}

export function findUserByEmail(db: Trx, email: string) {
  return db.selectFrom('users').select(['id', 'name', 'organisation_id', 'is_org_manager', 'is_active', 'language']).where('email', '=', email).executeTakeFirst();
}

export async function rolesOf(db: Trx, userId: number): Promise<string[]> {
  const rows = await db.selectFrom('user_roles').select('role').where('user_id', '=', userId).execute();
  return rows.map((r) => r.role);
}

export function createdEventId(db: Trx, ticketId: number) {
  return db.selectFrom('ticket_events').select('id').where('ticket_id', '=', ticketId).where('kind', '=', 'created').orderBy('id').limit(1).executeTakeFirstOrThrow();
}

export async function setUserOrganisation(trx: Trx, userId: number, organisationId: number): Promise<void> {
  await trx.updateTable('users').set({ organisation_id: organisationId }).where('id', '=', userId).where('organisation_id', 'is', null).execute();
}

/** The outbound message a bounce is about, by its Message-ID. */
export function findOutboundByMessageId(db: Trx, messageId: string) {
  return db.selectFrom('outbound_messages').select(['id', 'ticket_id', 'to_addresses']).where('message_id', '=', messageId).executeTakeFirst();
}

export async function markOutboundBounced(trx: Trx, id: number, error: string): Promise<void> {
  await trx.updateTable('outbound_messages').set({ status: 'failed', last_error: error }).where('id', '=', id).execute();
}

