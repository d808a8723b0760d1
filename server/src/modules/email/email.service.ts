// Reading the mail side of the helpdesk: the inbound list (with the failed and held mail an
// administrator must look at), one message in full, its raw bytes, and a ticket's mail.
import { simpleParser } from 'mailparser';
import type { EmailMatch, InboundDetail, InboundSummary, ListInboundQuery, TicketEmail } from '../../../../common/schemas/email.ts';
import type { Deps } from '../../lib/deps.ts';
import { isStaff, type Actor } from '../../lib/actor.ts';
import { Conflict, NotFound, ValidationError } from '../../lib/errors.ts';
import { recordAudit } from '../../lib/audit.ts';
import { isoNow } from '../../lib/clock.ts';
import { findTicketView } from '../tickets/tickets.repo.ts';
import { notVisible } from '../tickets/ticket-change.ts';
import { listTicketOutbound } from '../notifications/outbound.repo.ts';
import { safeHtml, mailFiles } from './mail-content.ts';
import { processInbound } from './inbound.service.ts';
import * as repo from './email.repo.ts';

function toSummary(r: repo.InboundListRow): InboundSummary {
  return {
    id: r.id,
    messageId: r.message_id,
    mailboxId: r.mailbox_id,
    source: r.source as InboundSummary['source'],
    from: r.from_address ?? r.envelope_from,
    subject: r.subject,
    size: r.size,
    status: r.status as InboundSummary['status'],
    outcome: r.outcome as InboundSummary['outcome'],
    match: r.match ? (JSON.parse(r.match) as EmailMatch) : null,
    auto: r.is_auto === 1,
    ticket: r.ticket_id !== null && r.ticket_number !== null ? { id: r.ticket_id, number: r.ticket_number } : null,
    error: r.error,
    attempts: r.attempts,
    duplicates: r.duplicates,
    receivedAt: r.received_at,
    processedAt: r.processed_at,
  };
}

const cursorOf = (id: number) => Buffer.from(String(id)).toString('base64url');
function idFromCursor(cursor: string | undefined): number | undefined {
  if (!cursor) return undefined;
  const id = Number(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!Number.isInteger(id) || id <= 0) throw new ValidationError('cursor is not valid: pass back the nextCursor of a previous page unchanged.');
  return id;
}

/** Newest first. Staff restricted to some organisations see their tickets' mail only. */
export async function listInbound(deps: Deps, actor: Actor, q: ListInboundQuery): Promise<{ items: InboundSummary[]; nextCursor: string | null }> {
  const rows = await repo.listInbound(deps.db, actor.scope, { status: q.status, ticketId: q.ticketId, beforeId: idFromCursor(q.cursor), limit: q.limit + 1 });
  const page = rows.slice(0, q.limit);
  return { items: page.map(toSummary), nextCursor: rows.length > q.limit ? cursorOf(page[page.length - 1].id) : null };
}

async function visibleInbound(deps: Deps, actor: Actor, id: number) {
  const row = await repo.findInbound(deps.db, actor.scope, id);
  if (!row) throw new NotFound(`Inbound message ${id} does not exist or is not visible to you.`);
  return row;
}

export async function getInboundDetail(deps: Deps, actor: Actor, id: number): Promise<InboundDetail> {
  const row = await visibleInbound(deps, actor, id);
  const raw = await repo.rawOf(deps.db, id);
  // Parsed again for display: inline images become data: URIs that the sanitiser keeps.
  const mail = await simpleParser(raw).catch(() => undefined);
  const attachmentIds = row.event_id !== null ? await repo.attachmentIdsOfEvent(deps.db, row.event_id) : [];
  const list = (f: typeof mail extends undefined ? never : any) => (f ? (Array.isArray(f) ? f : [f]).flatMap((o: { text: string }) => (o.text ? [o.text] : [])) : []);
  return {
    ...toSummary(row),
    headers: mail ? mail.headerLines.map((h) => ({ name: h.key, value: h.line.slice(h.line.indexOf(':') + 1).trim() })) : [],
    to: list(mail?.to),
    cc: list(mail?.cc),
    text: mail?.text ?? null,
    html: mail && typeof mail.html === 'string' ? safeHtml(mail.html) : null,
    attachments: mail
      ? mailFiles(mail).map((f) => ({ filename: f.filename, contentType: f.contentType, size: f.content.length, attachmentId: attachmentIds.find((a) => a.filename === f.filename)?.id ?? null }))
      : [],
  };
}

export async function getInboundRaw(deps: Deps, actor: Actor, id: number): Promise<Buffer> {
  await visibleInbound(deps, actor, id);
  return repo.rawOf(deps.db, id);
}

/** Processes a failed or held message again (held ones skip the sender limit this time). */
export async function retryInbound(deps: Deps, actor: Actor, id: number): Promise<InboundSummary> {
  const row = await visibleInbound(deps, actor, id);
  if (row.status !== 'failed' && row.status !== 'held') throw new Conflict(`Message ${id} is ${row.status}; only failed or held mail is retried.`);
  await deps.db.transaction().execute((trx) => recordAudit(trx, actor, isoNow(deps.clock), { action: 'email.retry', entityType: 'inbound_message', entityId: id, data: { status: row.status } }));
  await processInbound(deps, id, { retry: true });
  return toSummary((await repo.findInbound(deps.db, actor.scope, id))!);
}

export async function getTicketEmail(deps: Deps, actor: Actor, ticketId: number): Promise<TicketEmail> {
  if (!isStaff(actor.roles) || !(await findTicketView(deps.db, actor.scope, ticketId))) throw notVisible(ticketId);
  const [ccs, inbound, outbound] = await Promise.all([
    repo.listTicketCcs(deps.db, ticketId),
    repo.listInbound(deps.db, actor.scope, { ticketId, limit: 200 }),
    listTicketOutbound(deps.db, ticketId),
  ]);
  return { ccs, inbound: inbound.map(toSummary), outbound };
}
