// The only place with attachment SQL. Whether an attachment is internal is not a column of
// its own: it is the visibility of the timeline event that brought it (attachments
// without an event are public).
import type { Trx } from '../../db/db.ts';
import type { Scope } from '../../lib/actor.ts';
import { scopeFilter } from '../tickets/tickets.repo.ts';

function attachmentView(db: Trx) {
  return db
    .selectFrom('attachments as a')
    .leftJoin('ticket_events as e', 'e.id', 'a.event_id')
    .leftJoin('users as u', 'u.id', 'a.uploaded_by_id')
    .select([
      'a.id',
      'a.ticket_id',
      'a.filename',
      'a.content_type',
      'a.size',
      'a.sha256',
      'a.uploaded_by_id',
      'a.created_at',
      'e.is_internal',
      'u.name as uploader_name',
      'u.email as uploader_email',
    ]);
}

export type AttachmentViewRow = Awaited<ReturnType<ReturnType<typeof attachmentView>['executeTakeFirstOrThrow']>>;

export function listAttachments(db: Trx, ticketId: number, opts: { includeInternal: boolean; ids?: number[] }) {
  let q = attachmentView(db).where('a.ticket_id', '=', ticketId);
  if (!opts.includeInternal) q = q.where((eb) => eb.or([eb('e.is_internal', 'is', null), eb('e.is_internal', '=', 0)]));
  if (opts.ids) q = q.where('a.id', 'in', opts.ids.length ? opts.ids : [-1]);
  return q.orderBy('a.id').execute();
}

/**
 * The public files of a public message: those that came with it (linked to its event, e.g.
 * by mail) and those it named (`ids`, uploaded before it). Internal files never qualify.
 */
export function listPublicFilesOfMessage(db: Trx, ticketId: number, eventId: number, ids: number[]) {
  return attachmentView(db)
    .where('a.ticket_id', '=', ticketId)
    .where((eb) => eb.or([eb('a.event_id', '=', eventId), ...(ids.length ? [eb('a.id', 'in', ids)] : [])]))
    .where((eb) => eb.or([eb('e.is_internal', 'is', null), eb('e.is_internal', '=', 0)]))
    .orderBy('a.id')
    .execute();
}

/** One attachment, if its ticket is within the scope (and it is public, unless includeInternal). */
export function findVisibleAttachment(db: Trx, scope: Scope, id: number, includeInternal: boolean) {
  let q = attachmentView(db)
    .innerJoin('tickets as t', 't.id', 'a.ticket_id')
    .where('a.id', '=', id)
    .where((eb) => scopeFilter(eb, scope));
  if (!includeInternal) q = q.where((eb) => eb.or([eb('e.is_internal', 'is', null), eb('e.is_internal', '=', 0)]));
  return q.executeTakeFirst();
}

export interface NewAttachment {
  ticketId: number;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  uploadedById: number | null;
  at: string;
}

export async function insertAttachment(trx: Trx, a: NewAttachment): Promise<number> {
  const r = await trx
    .insertInto('attachments')
    .values({
      ticket_id: a.ticketId,
      event_id: null,
      filename: a.filename,
      content_type: a.contentType,
      size: a.size,
      sha256: a.sha256,
      uploaded_by_id: a.uploadedById,
      created_at: a.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function linkAttachmentsToEvent(trx: Trx, ids: number[], eventId: number): Promise<void> {
  if (ids.length === 0) return;
  await trx.updateTable('attachments').set({ event_id: eventId }).where('id', 'in', ids).execute();
}
