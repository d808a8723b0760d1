// SQL of pages: who was paged for which ticket, at which level, and who acknowledged it.
import type { Selectable } from 'kysely';
import type { Trx } from '../../db/db.ts';
import type { OncallPagesTable } from '../../db/schema.ts';
import type { Scope } from '../../lib/actor.ts';
import type { Page } from '../../../../common/schemas/oncall.ts';
import { scopeFilter } from '../tickets/tickets.repo.ts';

export type PageRow = Selectable<OncallPagesTable>;

export async function hasPage(db: Trx, ticketId: number): Promise<boolean> {
  return (await db.selectFrom('oncall_pages').select('id').where('ticket_id', '=', ticketId).limit(1).executeTakeFirst()) !== undefined;
}

export async function insertPage(db: Trx, p: Omit<PageRow, 'id' | 'acked_at' | 'acked_by_id'>): Promise<number> {
  const row = await db
    .insertInto('oncall_pages')
    .values({ ...p, acked_at: null, acked_by_id: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export function findPage(db: Trx, id: number): Promise<PageRow | undefined> {
  return db.selectFrom('oncall_pages').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The first page of a ticket's incident: its sending time anchors the escalation order. */
export function findFirstPage(db: Trx, ticketId: number): Promise<PageRow | undefined> {
  return db.selectFrom('oncall_pages').selectAll().where('ticket_id', '=', ticketId).orderBy('level').orderBy('id').limit(1).executeTakeFirst();
}

export async function isTicketAcknowledged(db: Trx, ticketId: number): Promise<boolean> {
  const row = await db.selectFrom('oncall_pages').select('id').where('ticket_id', '=', ticketId).where('acked_at', 'is not', null).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** Whether the ticket has a page beyond this level (the next one was already sent). */
export async function hasPageAfter(db: Trx, ticketId: number, level: number): Promise<boolean> {
  const row = await db.selectFrom('oncall_pages').select('id').where('ticket_id', '=', ticketId).where('level', '>', level).limit(1).executeTakeFirst();
  return row !== undefined;
}

export async function wasPaged(db: Trx, ticketId: number, userId: number): Promise<boolean> {
  const row = await db.selectFrom('oncall_pages').select('id').where('ticket_id', '=', ticketId).where('user_id', '=', userId).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** Acknowledges every open page of the ticket; how many were open. */
export async function acknowledgeOpenPages(db: Trx, ticketId: number, userId: number, at: string): Promise<number> {
  const res = await db
    .updateTable('oncall_pages')
    .set({ acked_at: at, acked_by_id: userId })
    .where('ticket_id', '=', ticketId)
    .where('acked_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

function pages(db: Trx) {
  return db
    .selectFrom('oncall_pages as p')
    .innerJoin('tickets as t', 't.id', 'p.ticket_id')
    .innerJoin('oncall_rotations as r', 'r.id', 'p.rotation_id')
    .innerJoin('users as u', 'u.id', 'p.user_id')
    .leftJoin('users as a', 'a.id', 'p.acked_by_id')
    .select([
      'p.id',
      'p.ticket_id',
      't.number as ticket_number',
      't.title as ticket_title',
      'p.rotation_id',
      'r.name as rotation_name',
      'p.user_id',
      'u.name as user_name',
      'u.email as user_email',
      'p.level',
      'p.reason',
      'p.sent_at',
      'p.acked_at',
      'p.acked_by_id',
      'a.name as acked_by_name',
      'a.email as acked_by_email',
    ]);
}

type ViewRow = Awaited<ReturnType<ReturnType<typeof pages>['execute']>>[number];

function toPage(r: ViewRow): Page {
  return {
    id: r.id,
    ticket: { id: r.ticket_id, number: r.ticket_number, title: r.ticket_title },
    rotation: { id: r.rotation_id, name: r.rotation_name },
    user: { id: r.user_id, name: r.user_name, email: r.user_email },
    level: r.level,
    reason: r.reason,
    sentAt: r.sent_at,
    ackedAt: r.acked_at,
    ackedBy: r.acked_by_id !== null && r.acked_by_name !== null ? { id: r.acked_by_id, name: r.acked_by_name, email: r.acked_by_email ?? '' } : null,
  };
}

export async function findPageView(db: Trx, scope: Scope, id: number): Promise<Page | undefined> {
  const row = await pages(db).where('p.id', '=', id).where((eb) => scopeFilter(eb, scope)).executeTakeFirst();
  return row && toPage(row);
}

/** Newest first, limited to the tickets the scope sees. */
export async function listPages(db: Trx, scope: Scope, f: { ticketId?: number; open?: boolean; limit: number }): Promise<Page[]> {
  let q = pages(db).where((eb) => scopeFilter(eb, scope));
  if (f.ticketId !== undefined) q = q.where('p.ticket_id', '=', f.ticketId);
  if (f.open === true) q = q.where('p.acked_at', 'is', null);
  if (f.open === false) q = q.where('p.acked_at', 'is not', null);
  return (await q.orderBy('p.sent_at', 'desc').orderBy('p.id', 'desc').limit(f.limit).execute()).map(toPage);
}
