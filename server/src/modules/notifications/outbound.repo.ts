// SQL of outgoing mail: what a notification needs to know about a ticket's people and
// conversation, the outbound rows, and their listing.
import { sql, type Insertable } from 'kysely';
import type { Trx } from '../../db/db.ts';
import type { OutboundMessagesTable } from '../../db/schema.ts';
import type { Scope } from '../../lib/actor.ts';
import type { Language } from '../../../../common/enums.ts';
import type { OutboundSummary } from '../../../../common/schemas/email.ts';
import { scopeFilter } from '../tickets/tickets.repo.ts';

/** Send jobs are deduplicated by `email.send:<outbound id>`. */
export const SEND_KEY_PREFIX = 'email.send:';

export function findUsers(db: Trx, ids: number[]) {
  return db.selectFrom('users').select(['id', 'email', 'name', 'language', 'is_active']).where('id', 'in', ids).execute();
}

export function findMailbox(db: Trx, id: number) {
  return db.selectFrom('mailboxes').select(['name', 'address']).where('id', '=', id).executeTakeFirst();
}

export async function listMailboxAddresses(db: Trx): Promise<string[]> {
  return (await db.selectFrom('mailboxes').select('address').execute()).map((r) => r.address.toLowerCase());
}

export function listCcs(db: Trx, ticketId: number) {
  return db.selectFrom('ticket_ccs').select(['email', 'name']).where('ticket_id', '=', ticketId).orderBy('created_at').orderBy('email').execute();
}

/** The ticket's conversation, oldest first; at the same instant a message received comes before our answer to it. */
export function listConversationIds(db: Trx, ticketId: number) {
  return db
    .selectFrom('email_message_ids')
    .select(['message_id', 'direction'])
    .where('ticket_id', '=', ticketId)
    .orderBy('created_at')
    .orderBy('direction')
    .orderBy('message_id')
    .execute();
}

export function listTicketOutboundKinds(db: Trx, ticketId: number) {
  return db.selectFrom('outbound_messages').select(['message_id', 'kind']).where('ticket_id', '=', ticketId).execute();
}

export function findInbound(db: Trx, id: number) {
  return db.selectFrom('inbound_messages').select(['message_id', 'is_auto']).where('id', '=', id).executeTakeFirst();
}

export function findLatestInbound(db: Trx, ticketId: number) {
  return db.selectFrom('inbound_messages').select(['message_id', 'is_auto']).where('ticket_id', '=', ticketId).orderBy('id', 'desc').limit(1).executeTakeFirst();
}

export async function insertOutbound(db: Trx, row: Insertable<OutboundMessagesTable>): Promise<number> {
  const { id } = await db.insertInto('outbound_messages').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function insertOutboundAttachments(db: Trx, outboundId: number, attachmentIds: number[]): Promise<void> {
  if (attachmentIds.length === 0) return;
  await db
    .insertInto('outbound_attachments')
    .values(attachmentIds.map((attachment_id, position) => ({ outbound_id: outboundId, attachment_id, position })))
    .execute();
}

/** What the send job needs to read a mail's files from the store, in their order. */
export function listOutboundAttachments(db: Trx, outboundId: number) {
  return db
    .selectFrom('outbound_attachments as oa')
    .innerJoin('attachments as a', 'a.id', 'oa.attachment_id')
    .select(['a.id', 'a.filename', 'a.content_type', 'a.sha256'])
    .where('oa.outbound_id', '=', outboundId)
    .orderBy('oa.position')
    .execute();
}

export async function recordMessageId(db: Trx, messageId: string, ticketId: number, direction: 'in' | 'out', at: string): Promise<void> {
  await db.insertInto('email_message_ids').values({ message_id: messageId, ticket_id: ticketId, direction, created_at: at }).execute();
}

export function findOutbound(db: Trx, id: number) {
  return db
    .selectFrom('outbound_messages as o')
    .leftJoin('tickets as t', 't.id', 'o.ticket_id')
    .selectAll('o')
    .select('t.number as ticket_number')
    .where('o.id', '=', id)
    .executeTakeFirst();
}

export async function markSent(db: Trx, id: number, at: string, note: string | null): Promise<void> {
  await db
    .updateTable('outbound_messages')
    .set((eb) => ({ status: 'sent', sent_at: at, attempts: eb('attempts', '+', 1), last_error: note }))
    .where('id', '=', id)
    .execute();
}

export async function markAttemptFailed(db: Trx, id: number, error: string, status: 'queued' | 'failed'): Promise<void> {
  await db
    .updateTable('outbound_messages')
    .set((eb) => ({ status, attempts: eb('attempts', '+', 1), last_error: error }))
    .where('id', '=', id)
    .execute();
}

/** Queued rows whose send job is gone (its worker died during the last try): nothing will send them. */
export function findOrphanedQueued(db: Trx, limit: number) {
  return db
    .selectFrom('outbound_messages as o')
    .leftJoin('tickets as t', 't.id', 'o.ticket_id')
    .selectAll('o')
    .select('t.number as ticket_number')
    .where('o.status', '=', 'queued')
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('jobs').select('jobs.id').where('jobs.dedupe_key', '=', sql<string>`${SEND_KEY_PREFIX} || cast(o.id as text)`))),
    )
    .orderBy('o.id')
    .limit(limit)
    .execute();
}

/** Failed → queued again; false when the row was not failed (already requeued, or sent). */
export async function requeueFailed(db: Trx, id: number): Promise<boolean> {
  const res = await db.updateTable('outbound_messages').set({ status: 'queued' }).where('id', '=', id).where('status', '=', 'failed').executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

const summaryColumns = [
  'o.id',
  'o.ticket_id',
  't.number as ticket_number',
  'o.kind',
  'o.language',
  'o.to_addresses',
  'o.cc_addresses',
  'o.subject',
  'o.message_id',
  'o.status',
  'o.attempts',
  'o.last_error',
  'o.created_at',
  'o.sent_at',
] as const;

function summaries(db: Trx) {
  return db.selectFrom('outbound_messages as o').leftJoin('tickets as t', 't.id', 'o.ticket_id').select(summaryColumns);
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaries>['execute']>>[number];

function toSummary(r: SummaryRow): OutboundSummary {
  return {
    id: r.id,
    ticket: r.ticket_id !== null && r.ticket_number !== null ? { id: r.ticket_id, number: r.ticket_number } : null,
    kind: r.kind,
    language: r.language as Language,
    to: JSON.parse(r.to_addresses) as string[],
    cc: JSON.parse(r.cc_addresses) as string[],
    subject: r.subject,
    messageId: r.message_id,
    status: r.status as OutboundSummary['status'],
    attempts: r.attempts,
    lastError: r.last_error,
    createdAt: r.created_at,
    sentAt: r.sent_at,
  };
}

export async function findOutboundSummary(db: Trx, id: number): Promise<OutboundSummary | undefined> {
  const row = await summaries(db).where('o.id', '=', id).executeTakeFirst();
  return row && toSummary(row);
}

/** A ticket's outgoing mail, oldest first. */
export async function listTicketOutbound(db: Trx, ticketId: number): Promise<OutboundSummary[]> {
  return (await summaries(db).where('o.ticket_id', '=', ticketId).orderBy('o.id').execute()).map(toSummary);
}

/** Newest first, keyset on id; rows outside the scope's tickets are not seen. */
export async function listOutbound(
  db: Trx,
  scope: Scope,
  f: { status?: string; ticketId?: number; beforeId?: number; limit: number },
): Promise<{ items: OutboundSummary[]; nextCursor: string | null }> {
  let q = summaries(db).orderBy('o.id', 'desc').limit(f.limit + 1);
  if (scope.kind !== 'all') q = q.where((eb) => scopeFilter(eb, scope));
  if (f.status !== undefined) q = q.where('o.status', '=', f.status);
  if (f.ticketId !== undefined) q = q.where('o.ticket_id', '=', f.ticketId);
  if (f.beforeId !== undefined) q = q.where('o.id', '<', f.beforeId);
  const rows = await q.execute();
  const page = rows.slice(0, f.limit);
  return { items: page.map(toSummary), nextCursor: rows.length > f.limit ? String(page[page.length - 1].id) : null };
}
