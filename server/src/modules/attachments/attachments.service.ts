// Attaching files to tickets, listing them, and opening their content for download.
import type { Attachment } from '../../../../common/schemas/attachments.ts';
import type { Deps } from '../../lib/deps.ts';
import { isStaff, type Actor } from '../../lib/actor.ts';
import type { Trx } from '../../db/db.ts';
import { Conflict, NotFound, Unprocessable } from '../../lib/errors.ts';
import { changeTicket, notVisible, requireStaff } from '../tickets/ticket-change.ts';
import { findTicketView } from '../tickets/tickets.repo.ts';
import type { ReceivedUpload } from './attachment-upload.ts';
import { openBlob } from './attachment-store.ts';
import * as repo from './attachments.repo.ts';

const closedTicket = (id: number) => new Conflict(`Ticket ${id} is closed; a closed ticket takes no more attachments.`);

/** Refuses early, before any byte is stored, what the transaction would refuse anyway. */
export async function checkCanAttach(deps: Deps, actor: Actor, ticketId: number): Promise<void> {
  const ticket = await findTicketView(deps.db, actor.scope, ticketId);
  if (!ticket) throw notVisible(ticketId);
  if (ticket.status === 'closed') throw closedTicket(ticketId);
}

/**
 * Records stored files on a ticket in one transaction: the rows, then one timeline event
 * naming them (its visibility is theirs), then the rows are linked to the event.
 */
export async function addAttachments(deps: Deps, actor: Actor, ticketId: number, upload: ReceivedUpload): Promise<Attachment[]> {
  if (upload.internal) requireStaff(actor, 'add internal attachments');
  const uploadedById = actor.userId > 0 ? actor.userId : null;
  const ids: number[] = [];
  await changeTicket(deps, actor, ticketId, 'ticket.attach', async (c) => {
    if (c.row.status === 'closed') throw closedTicket(ticketId);
    for (const f of upload.files) ids.push(await repo.insertAttachment(c.trx, { ticketId, ...f, uploadedById, at: c.at }));
    c.events.push({
      kind: 'attachment',
      internal: upload.internal,
      data: { attachments: upload.files.map((f, i) => ({ id: ids[i], filename: f.filename, size: f.size })) },
      afterInsert: (trx, eventId) => repo.linkAttachmentsToEvent(trx, ids, eventId),
    });
  });
  const rows = await repo.listAttachments(deps.db, ticketId, { includeInternal: true, ids });
  return rows.map(toAttachment);
}

export interface MessageFile {
  id: number;
  filename: string;
  size: number;
  contentType: string;
}

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

/**
 * The files a reply or note names (`attachmentIds`), in the order given: they must be on
 * this ticket and visible to the actor, and a public message may carry public files only.
 */
export async function filesOfMessage(trx: Trx, actor: Actor, ticketId: number, ids: number[], internal: boolean): Promise<MessageFile[]> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return [];
  const rows = await repo.listAttachments(trx, ticketId, { includeInternal: isStaff(actor.roles), ids: wanted });
  const missing = wanted.filter((id) => !rows.some((r) => r.id === id));
  if (missing.length) {
    throw new Unprocessable(
      `${plural(missing.length, 'Attachment', 'Attachments')} ${missing.join(', ')} ${plural(missing.length, 'is', 'are')} not on ticket ${ticketId} or not visible to you; attach the files to this ticket first (POST /api/v1/tickets/${ticketId}/attachments).`,
      { missing },
    );
  }
  const internalOnes = rows.filter((r) => r.is_internal === 1);
  if (!internal && internalOnes.length) {
    throw new Unprocessable(
      `${internalOnes.map((r) => `"${r.filename}" (#${r.id})`).join(', ')} ${plural(internalOnes.length, 'was', 'were')} attached for the support team only; a public reply cannot carry internal files. Attach them again as public files, or write an internal note.`,
      { internal: internalOnes.map((r) => r.id) },
    );
  }
  return wanted.map((id) => rows.find((r) => r.id === id)!).map((r) => ({ id: r.id, filename: r.filename, size: r.size, contentType: r.content_type }));
}

export async function listTicketAttachments(deps: Deps, actor: Actor, ticketId: number): Promise<Attachment[]> {
  if (!(await findTicketView(deps.db, actor.scope, ticketId))) throw notVisible(ticketId);
  const rows = await repo.listAttachments(deps.db, ticketId, { includeInternal: isStaff(actor.roles) });
  return rows.map(toAttachment);
}

const notFound = (id: number) => new NotFound(`Attachment ${id} does not exist or is not visible to you.`);

/** The attachment, if the actor may read it (404 otherwise, never 403: no existence leak). */
export async function findAttachment(deps: Deps, actor: Actor, id: number): Promise<Attachment> {
  const row = await repo.findVisibleAttachment(deps.db, actor.scope, id, isStaff(actor.roles));
  if (!row) throw notFound(id);
  return toAttachment(row);
}

/** Opens the stored content of a readable attachment; the caller streams and closes the handle. */
export async function openAttachmentContent(deps: Deps, attachment: Attachment) {
  const blob = await openBlob(deps.config.dataDir, attachment.sha256);
  if (!blob) {
    deps.logger.error({ attachmentId: attachment.id, sha256: attachment.sha256 }, 'attachment content missing from storage');
    throw new NotFound(`The content of attachment ${attachment.id} is missing from storage; an administrator has been told in the logs.`);
  }
  return blob;
}

export function toAttachment(r: repo.AttachmentViewRow): Attachment {
  return {
    id: r.id,
    ticketId: r.ticket_id,
    filename: r.filename,
    contentType: r.content_type,
    size: r.size,
    sha256: r.sha256,
    internal: r.is_internal === 1,
    uploadedBy: r.uploaded_by_id !== null && r.uploader_name !== null ? { id: r.uploaded_by_id, name: r.uploader_name, email: r.uploader_email! } : null,
    createdAt: r.created_at,
    url: `/api/v1/attachments/${r.id}/content`,
  };
}
