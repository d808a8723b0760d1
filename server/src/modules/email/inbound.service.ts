// Inbound mail, from bytes to ticket. receiveMessage stores the raw message first and
// answers only once it is committed (the SMTP 250, the IMAP move wait for that); the rest
// happens after, in processInbound, in one transaction per message that re-checks the
// row's status, so a message is applied exactly once however often it is delivered,
// re-polled or retried. A message that cannot be handled stays stored with the reason.
import { Readable } from 'node:stream';
import { simpleParser, type ParsedMail } from 'mailparser';
import { LIMITS } from '../../../../common/enums.ts';
import type { EmailMatch } from '../../../../common/schemas/email.ts';
import type { Deps } from '../../lib/deps.ts';
import { isStaff, systemActor, type Actor } from '../../lib/actor.ts';
import { isoNow } from '../../lib/clock.ts';
import { AppError } from '../../lib/errors.ts';
import { batchedTransaction } from '../../lib/write-batch.ts';
import type { Role } from '../../../../common/enums.ts';
import type { Trx } from '../../db/db.ts';
import { storeBlob } from '../attachments/attachment-store.ts';
import { insertAttachment, linkAttachmentsToEvent } from '../attachments/attachments.repo.ts';
import { changeTicketIn, publishTicketChange } from '../tickets/ticket-change.ts';
import { applyReply } from '../tickets/ticket-workflow.service.ts';
import { getTicket, openTicketIn, publishTicketCreated } from '../tickets/tickets.service.ts';
import { findOrCreateRequester } from '../tickets/requesters.ts';
import { classifyMail, type MailTraits } from './mail-rules.ts';
import { fullText, guessLanguage, mailFiles, storableText, visibleReply, type MailFile } from './mail-content.ts';
import { headerBlock, headerValue, messageIdList, messageIdentity, normalizeMessageId } from './message-ids.ts';
import { helpdeskAddresses, findMailbox, type MailboxRow } from './mailboxes.repo.ts';
import { isOwnAddress } from '../notifications/addresses.ts';
import { threadMessage, type Sender, type Threading } from './threading.ts';
import * as repo from './inbound.repo.ts';

export interface ReceiveMeta {
  source: 'smtp' | 'imap' | 'api';
  mailboxId: number | null;
  envelopeFrom?: string | null;
  envelopeTo: string[];
}

export class MessageTooLarge extends AppError {
  constructor(limit: number) {
    super(413, 'Content Too Large', `The message is larger than the ${limit} bytes accepted.`);
  }
}

/** Stores the raw message durably (once per Message-ID); processing follows in the background. */
export async function receiveMessage(deps: Deps, raw: Buffer, meta: ReceiveMeta): Promise<{ id: number; duplicate: boolean }> {
  if (raw.length > deps.config.mail.maxBytes) throw new MessageTooLarge(deps.config.mail.maxBytes);
  const at = isoNow(deps.clock);
  const stored = await batchedTransaction(deps, (trx) =>
    repo.insertInbound(trx, {
      messageId: messageIdentity(raw),
      mailboxId: meta.mailboxId,
      source: meta.source,
      envelopeFrom: meta.envelopeFrom ?? null,
      envelopeTo: meta.envelopeTo.map((a) => a.toLowerCase()),
      raw,
      at,
    }),
  );
  if (!stored.duplicate) scheduleProcessing(deps, stored.id);
  return stored;
}

// In-process work list: messages are processed shortly after they are stored, a few at a
// time. Storing comes first: while mail keeps arriving (a storm, a backlog relayed at
// once), processing waits for a quiet moment, but never longer than STARVE_MS, so the 250s
// are not slowed by the work behind them. What a crash leaves behind is picked up at
// start and by the recurring job (processWaitingInbound).
interface Processor {
  queue: number[];
  running: number;
  idle: (() => void)[];
  lastReceivedAt: number;
  lastStartedAt: number;
  timer: NodeJS.Timeout | null;
  stopped: boolean;
}
const CONCURRENCY = 2;
const QUIET_MS = 15;
const STARVE_MS = 250;
const processors = new WeakMap<Deps, Processor>();

function processorOf(deps: Deps): Processor {
  let p = processors.get(deps);
  if (!p) processors.set(deps, (p = { queue: [], running: 0, idle: [], lastReceivedAt: 0, lastStartedAt: 0, timer: null, stopped: false }));
  return p;
}

function scheduleProcessing(deps: Deps, id: number): void {
  const p = processorOf(deps);
  if (p.stopped) return; // stored; the next start processes it
  p.queue.push(id);
  p.lastReceivedAt = Date.now();
  pump(deps, p);
}

function pump(deps: Deps, p: Processor): void {
  while (p.running < CONCURRENCY && p.queue.length) {
    const now = Date.now();
    const busy = now - p.lastReceivedAt < QUIET_MS && now - p.lastStartedAt < STARVE_MS;
    if (busy) {
      p.timer ??= setTimeout(() => {
        p.timer = null;
        pump(deps, p);
      }, QUIET_MS);
      return;
    }
    const id = p.queue.shift()!;
    p.running++;
    p.lastStartedAt = now;
    processInbound(deps, id)
      .catch((err) => deps.logger.error({ err, inboundId: id }, 'inbound mail processing crashed'))
      .finally(() => {
        p.running--;
        if (p.queue.length) pump(deps, p);
        else if (p.running === 0) for (const resolve of p.idle.splice(0)) resolve();
      });
  }
}

function whenIdle(p: Processor): Promise<void> {
  if (p.running === 0 && p.queue.length === 0) return Promise.resolve();
  return new Promise<void>((resolve) => p.idle.push(resolve));
}

/** Messages stored more than `olderThanMs` ago and still waiting: processed now, through the work list. */
export async function processWaitingInbound(deps: Deps, olderThanMs = 30_000): Promise<number> {
  const p = processorOf(deps);
  let done = 0;
  for (;;) {
    const before = new Date(deps.clock.now().getTime() - olderThanMs).toISOString();
    const ids = await repo.listWaitingInbound(deps.db, before, 100);
    if (p.stopped) return done;
    p.queue.push(...ids.filter((id) => !p.queue.includes(id)));
    pump(deps, p);
    await whenIdle(p);
    done += ids.length;
    if (ids.length < 100) return done;
  }
}

/** Waits for the in-process work, then processes whatever still waits (tests, CLI). */
export async function processPendingInbound(deps: Deps): Promise<number> {
  await whenIdle(processorOf(deps));
  return processWaitingInbound(deps, 0);
}

/**
 * Shutdown: takes no more work and waits for the messages being processed. What was still
 * queued stays stored as received, for the next start.
 */
export async function stopInboundProcessing(deps: Deps): Promise<void> {
  const p = processorOf(deps);
  p.stopped = true;
  p.queue.length = 0;
  if (p.timer) clearTimeout(p.timer);
  p.timer = null;
  await whenIdle(p);
}

export function inboundJobs() {
  return {
    handlers: { 'email.process-waiting': (deps: Deps) => processWaitingInbound(deps).then(() => undefined) },
    recurring: [{ kind: 'email.process-waiting', everyMs: 15_000 }],
  };
}

const PARSE_OPTIONS = { skipTextToHtml: true, skipImageLinks: true, keepCidLinks: true } as const;

type InboundRow = NonNullable<Awaited<ReturnType<typeof repo.findInboundForProcessing>>>;
type Outcome = Omit<repo.InboundResult, 'at' | 'fromAddress' | 'subject' | 'isAuto'>;

/**
 * Applies one stored message. `retry` also takes a failed or held message (an admin asked);
 * it then skips the per-sender limit.
 */
export async function processInbound(deps: Deps, id: number, opts: { retry?: boolean } = {}): Promise<void> {
  const row = await repo.findInboundForProcessing(deps.db, id);
  if (!row) return;
  const waiting = row.status === 'received' || (opts.retry === true && (row.status === 'failed' || row.status === 'held'));
  if (!waiting) return;
  let mail: ParsedMail;
  try {
    mail = await simpleParser(row.raw, PARSE_OPTIONS);
  } catch (err) {
    await recordFailure(deps, row, `The message could not be parsed: ${errorText(err)}`);
    return;
  }
  try {
    await applyMessage(deps, row, mail, opts.retry === true);
  } catch (err) {
    deps.logger.warn({ err, inboundId: id }, 'inbound mail failed');
    // The headers were readable: the failed list can say who wrote and about what.
    await recordFailure(deps, row, errorText(err), { from: senderAddress(mail), subject: subjectOf(mail) });
  }
}

const senderAddress = (mail: ParsedMail) => mail.from?.value.find((v) => v.address)?.address?.trim().toLowerCase() ?? null;
const subjectOf = (mail: ParsedMail) => storableText(mail.subject ?? '').trim() || null;

function errorText(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.slice(0, 2000);
}

async function recordFailure(deps: Deps, row: InboundRow, error: string, seen: { from: string | null; subject: string | null } = { from: row.from_address, subject: row.subject }): Promise<void> {
  await batchedTransaction(deps, async (trx) => {
    const status = await repo.lockInboundStatus(trx, deps.dialect, row.id);
    if (status !== row.status) return; // someone else applied it meanwhile
    await repo.recordInboundResult(trx, row.id, {
      status: 'failed',
      outcome: null,
      match: null,
      isAuto: false,
      fromAddress: seen.from,
      subject: seen.subject,
      ticketId: null,
      eventId: null,
      error,
      at: isoNow(deps.clock),
    });
  });
}

const SENDER_WINDOW_MS = 10 * 60_000;

async function applyMessage(deps: Deps, row: InboundRow, mail: ParsedMail, retry: boolean): Promise<void> {
  const at = isoNow(deps.clock);
  const from = senderAddress(mail);
  const subject = subjectOf(mail);
  const traits = classifyMail(mail, row.envelope_from);
  const ours = await helpdeskAddresses(deps);
  const base = { fromAddress: from, subject, isAuto: traits.noAutoReply !== null, at };
  const finish = (outcome: Outcome, work?: (trx: Trx) => Promise<Outcome>) =>
    batchedTransaction(deps, async (trx) => {
      const status = await repo.lockInboundStatus(trx, deps.dialect, row.id);
      if (status !== row.status) return undefined;
      const result = work ? await work(trx) : outcome;
      await repo.recordInboundResult(trx, row.id, { ...base, ...result });
      return result;
    });

  if (from !== null && isOwnAddress(from, ours) && !traits.bounce) {
    await finish({ status: 'ignored', outcome: 'ignored_loop', match: null, ticketId: null, eventId: null, error: `Sent from our own address ${from}: a mail loop, not answered.` });
    return;
  }
  if (traits.bounce) return applyBounce(deps, row, mail, finish);
  if (from === null) throw new Error('The message has no sender address (From).');

  const limit = deps.config.mail.senderLimit;
  if (!retry && limit > 0) {
    const since = new Date(Date.parse(row.received_at) - SENDER_WINDOW_MS).toISOString();
    if ((await repo.countRecentFromSender(deps.db, from, since, row.id)) >= limit) {
      await finish({ status: 'held', outcome: 'held_rate_limit', match: null, ticketId: null, eventId: null, error: `More than ${limit} messages from ${from} in 10 minutes: held until an administrator retries it.` });
      return;
    }
  }

  const sender = await senderOf(deps, from);
  const recipients = recipientsOf(row, mail);
  const threading = await threadMessage(deps.db, mail, sender, recipients);
  const files = await storeFiles(deps, mailFiles(mail));
  // A list's post goes To the list: copying the list on replies would mail all its members.
  const ccs = isListMail(mail) ? [] : copiedPeople(mail, ours, from);
  const mailbox = row.mailbox_id !== null ? await findMailbox(deps.db, row.mailbox_id) : undefined;
  const name = oneLine(mail.from?.value.find((v) => v.address)?.name ?? '', LIMITS.name) || undefined;

  let published: (() => Promise<void>) | undefined;
  await finish({} as Outcome, async (trx) => {
    if (threading.ticketId === null) {
      const r = await openFromMail(trx, deps, { row, mail, from, name, threading, traits, files, ccs, mailbox, at });
      published = async () => publishTicketCreated(deps, await getTicket(deps, systemActor(), r.ticketId!), systemActor());
      return r;
    }
    const r = await replyFromMail(trx, deps, { row, mail, from, name, sender, threading, traits, files, ccs, at });
    published = async () => r.publish();
    return r.outcome;
  });
  await published?.();
}

async function senderOf(deps: Deps, email: string): Promise<Sender> {
  const user = await repo.findUserByEmail(deps.db, email);
  if (!user) return { userId: null, email, isStaff: false, organisationId: null, isOrgManager: false };
  const roles = (await repo.rolesOf(deps.db, user.id)) as Role[];
  return { userId: user.id, email, isStaff: isStaff(roles), organisationId: user.organisation_id, isOrgManager: user.is_org_manager === 1 };
}

function recipientsOf(row: InboundRow, mail: ParsedMail): string[] {
  const listed = [...addressesOf(mail.to), ...addressesOf(mail.cc)].map((a) => a.email);
  return [...new Set([...(JSON.parse(row.envelope_to) as string[]), ...listed])];
}

function addressesOf(field: ParsedMail['to']): { email: string; name: string | null }[] {
  const objects = field === undefined ? [] : Array.isArray(field) ? field : [field];
  const out: { email: string; name: string | null }[] = [];
  const walk = (values: { address?: string; name?: string; group?: unknown[] }[]) => {
    for (const v of values) {
      if (v.address) out.push({ email: v.address.trim().toLowerCase(), name: storableText(v.name ?? '').trim() || null });
      if (Array.isArray(v.group)) walk(v.group as typeof values);
    }
  };
  for (const o of objects) walk(o.value);
  return out;
}

function isListMail(mail: ParsedMail): boolean {
  return mail.headers.has('list-id') || mail.headers.has('list-post') || /^(list|bulk)$/i.test(String(mail.headers.get('precedence') ?? '').trim());
}

/** Whoever else the sender wrote to, besides us: kept informed of public replies. */
function copiedPeople(mail: ParsedMail, ours: Set<string>, from: string) {
  const seen = new Set<string>();
  return [...addressesOf(mail.to), ...addressesOf(mail.cc)].filter((a) => {
    if (a.email === from || isOwnAddress(a.email, ours) || seen.has(a.email) || a.email.length > LIMITS.email) return false;
    seen.add(a.email);
    return true;
  });
}

interface StoredFile {
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
}

/** Files go to the content-addressed store before the transaction (an orphan is harmless). */
async function storeFiles(deps: Deps, files: MailFile[]): Promise<StoredFile[]> {
  const out: StoredFile[] = [];
  for (const f of files) {
    if (f.content.length > deps.config.attachmentMaxBytes) continue; // still in the raw message
    const blob = await storeBlob(deps.config.dataDir, Readable.from([f.content]), deps.config.attachmentMaxBytes);
    out.push({ filename: f.filename, contentType: f.contentType, size: blob.size, sha256: blob.sha256 });
  }
  return out;
}

async function attachFiles(trx: Trx, ticketId: number, eventId: number, files: StoredFile[], at: string): Promise<void> {
  const ids: number[] = [];
  for (const f of files) ids.push(await insertAttachment(trx, { ticketId, ...f, uploadedById: null, at }));
  await linkAttachmentsToEvent(trx, ids, eventId);
}

const truncate = (text: string, max: number) => (text.length <= max ? text : text.slice(0, max - 60).trimEnd() + '\n\n[…] (cut here; the full message is kept with the ticket)');
const oneLine = (text: string, max: number) => {
  const line = storableText(text).replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : line.slice(0, max - 1).trimEnd() + '…';
};

interface Applying {
  row: InboundRow;
  mail: ParsedMail;
  from: string;
  name: string | undefined;
  threading: Threading;
  traits: MailTraits;
  files: StoredFile[];
  ccs: { email: string; name: string | null }[];
  at: string;
}

async function openFromMail(trx: Trx, deps: Deps, a: Applying & { mailbox: MailboxRow | undefined }): Promise<Outcome> {
  const text = fullText(a.mail);
  const requester = await findOrCreateRequester(trx, a.from, a.name, a.at, guessLanguage(a.mail, text));
  if (requester.created && requester.organisationId === null && a.mailbox?.default_organisation_id) {
    await repo.setUserOrganisation(trx, requester.id, a.mailbox.default_organisation_id);
  }
  const firstLine = oneLine(text.split('\n').find((l) => l.trim()) ?? '', 80);
  const title = oneLine(a.mail.subject ?? '', LIMITS.title) || firstLine || '(no subject)';
  const email = { inboundId: a.row.id, match: a.threading.match, auto: a.traits.noAutoReply !== null };
  const ticketId = await openTicketIn(
    trx,
    deps,
    systemActor(),
    {
      title,
      description: truncate(text || '(empty message)', LIMITS.description),
      requesterId: requester.id,
      channel: 'email',
      ...(a.mailbox?.default_category_id ? { category: a.mailbox.default_category_id } : {}),
    },
    a.at,
    { mailboxId: a.mailbox?.id ?? null, createdData: { email }, defaultGroupId: a.mailbox?.default_group_id ?? null },
  );
  const { id: eventId } = await repo.createdEventId(trx, ticketId);
  await attachFiles(trx, ticketId, eventId, a.files, a.at);
  await repo.rememberMessageId(trx, a.row.message_id, ticketId, 'in', a.at);
  await repo.addTicketCcs(trx, ticketId, a.ccs, a.at);
  return { status: 'processed', outcome: 'ticket_created', match: a.threading.match, ticketId, eventId, error: null };
}

async function replyFromMail(trx: Trx, deps: Deps, a: Applying & { sender: Sender }): Promise<{ outcome: Outcome; publish: () => void }> {
  const t = a.threading as Extract<Threading, { ticketId: number }>;
  const user = a.sender.userId !== null ? { id: a.sender.userId } : await findOrCreateRequester(trx, a.from, a.name, a.at, guessLanguage(a.mail, fullText(a.mail)));
  const roles: Role[] = a.sender.isStaff ? (((await repo.rolesOf(trx, user.id)) as Role[]) ?? ['agent']) : ['requester'];
  // Visibility was settled by threading; the actor only carries authorship and role.
  const actor: Actor = { ...systemActor(), userId: user.id, email: a.from, name: a.name ?? a.from, roles, via: 'system' };
  const asReply = t.participant && !a.traits.machine;
  const reply = visibleReply(fullText(a.mail));
  const email = { inboundId: a.row.id, match: t.match, trimmed: reply.trimmed, ...(a.traits.noAutoReply ? { auto: true } : {}), ...(t.participant ? {} : { notParticipant: true }) };
  let eventId: number | null = null;
  const change = await changeTicketIn(trx, deps, actor, t.ticketId, 'ticket.email', async (c) => {
    await applyReply(c, { body: truncate(reply.body || '(empty message)', LIMITS.body), internal: !asReply }, { data: { email } });
    const event = c.events.find((e) => e.kind === 'reply' || e.kind === 'note')!;
    event.afterInsert = async (tx, id) => {
      eventId = id;
      await attachFiles(tx, t.ticketId, id, a.files, c.at);
    };
  });
  await repo.rememberMessageId(trx, a.row.message_id, t.ticketId, 'in', a.at);
  if (asReply) await repo.addTicketCcs(trx, t.ticketId, a.ccs, a.at);
  const outcome: Outcome = { status: 'processed', outcome: asReply ? 'reply_added' : 'note_added', match: t.match, ticketId: t.ticketId, eventId, error: null };
  return { outcome, publish: () => change && publishTicketChange(deps, change.row, change.events, actor) };
}

/** A delivery failure: recorded on the ticket whose mail bounced, never answered. */
async function applyBounce(
  deps: Deps,
  row: InboundRow,
  mail: ParsedMail,
  finish: (outcome: Outcome, work?: (trx: Trx) => Promise<Outcome>) => Promise<Outcome | undefined>,
): Promise<void> {
  const report = deliveryReport(mail);
  const candidates = [...report.originalIds, ...messageIdList(mail.references).reverse(), normalizeMessageId(typeof mail.inReplyTo === 'string' ? mail.inReplyTo : null)].filter(
    (x): x is string => !!x,
  );
  const known = await repo.ticketOfMessageIds(deps.db, candidates);
  const hit = candidates.map((id) => known.find((k) => k.messageId === id)).find((k) => k !== undefined);
  if (!hit) {
    await finish({ status: 'ignored', outcome: 'ignored_bounce', match: null, ticketId: null, eventId: null, error: 'A delivery failure report about no mail of ours.' });
    return;
  }
  const files = await storeFiles(deps, mailFiles(mail));
  const match: EmailMatch = { by: 'bounce', messageId: hit.messageId };
  let change: Awaited<ReturnType<typeof changeTicketIn>>;
  const done = await finish({} as Outcome, async (trx) => {
    const outbound = await repo.findOutboundByMessageId(trx, hit.messageId);
    if (outbound) await repo.markOutboundBounced(trx, outbound.id, report.diagnostic ?? 'bounced');
    let eventId: number | null = null;
    change = await changeTicketIn(trx, deps, systemActor(), hit.ticketId, 'ticket.email-bounce', (c) => {
      c.events.push({
        kind: 'email_bounce',
        internal: true,
        body: report.diagnostic,
        data: { inboundId: row.id, messageId: hit.messageId, recipients: report.recipients, status: report.status, outboundId: outbound?.id ?? null },
        afterInsert: async (tx, id) => {
          eventId = id;
          await attachFiles(tx, hit.ticketId, id, files, c.at);
        },
      });
    });
    return { status: 'processed', outcome: 'bounce_recorded', match, ticketId: hit.ticketId, eventId, error: null };
  });
  if (done && change) publishTicketChange(deps, change.row, change.events, systemActor());
}

/** What a delivery status notification says: who failed, why, and which message it was. */
export function deliveryReport(mail: ParsedMail): { recipients: string[]; status: string | null; diagnostic: string | null; originalIds: string[] } {
  const recipients: string[] = [];
  let status: string | null = null;
  let diagnostic: string | null = null;
  const originalIds: string[] = [];
  for (const part of mail.attachments) {
    const type = part.contentType.toLowerCase();
    const text = part.content.toString('utf8');
    if (type === 'message/delivery-status' || type === 'message/global-delivery-status') {
      for (const m of text.matchAll(/^Final-Recipient:\s*[^;]*;\s*(\S+)/gim)) recipients.push(m[1].toLowerCase());
      status ??= /^Status:\s*(\S+)/im.exec(text)?.[1] ?? null;
      diagnostic ??= /^Diagnostic-Code:\s*[^;]*;\s*(.+(?:\n[ \t].+)*)/im.exec(text)?.[1].replace(/\s+/g, ' ').trim() ?? null;
    } else if (type === 'message/rfc822' || type === 'text/rfc822-headers' || type === 'message/global' || type === 'message/global-headers') {
      const id = normalizeMessageId(headerValue(headerBlock(part.content), 'Message-ID'));
      if (id) originalIds.push(id);
    }
  }
  if (!diagnostic) diagnostic = fullText(mail).split('\n').find((l) => /\b[45]\d\d\b|[45]\.\d+\.\d+/.test(l))?.trim().slice(0, 500) ?? null;
  return { recipients, status, diagnostic, originalIds };
}
