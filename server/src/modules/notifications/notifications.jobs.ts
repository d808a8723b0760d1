// Delivering queued mail to the relay (job email.send), after the change that queued it has
// committed. A failed try is recorded on the row and retried with the queue's backoff; after
// the last try, or when the relay refuses the message for good, the row is failed and the
// ticket's timeline says so.
import type { Deps } from '../../lib/deps.ts';
import type { JobAttempt, JobHandler, RecurringJob } from '../../lib/jobs.ts';
import { systemActor } from '../../lib/actor.ts';
import { isoNow } from '../../lib/clock.ts';
import { changeTicketIn, publishTicketChange } from '../tickets/ticket-change.ts';
import { readMailFiles } from './mail-files.ts';
import { mailTransport } from './mail-transport.ts';
import { SEND_JOB } from './outbound-compose.ts';
import * as repo from './outbound.repo.ts';

type OutboundRow = NonNullable<Awaited<ReturnType<typeof repo.findOutbound>>>;

const MAX_ERROR = 1_000;

function describe(err: unknown): string {
  const e = err as { code?: string; responseCode?: number; message?: string };
  const text = [e.code, e.message ?? String(err)].filter(Boolean).join(': ');
  return text.length > MAX_ERROR ? `${text.slice(0, MAX_ERROR)}…` : text;
}

/** The relay refused this message itself (5xx to the envelope or data), or a file it carries is gone: retrying will not help. */
function isPermanent(err: unknown): boolean {
  const e = err as { code?: string; responseCode?: number; isPermanent?: boolean };
  if (e.isPermanent === true) return true;
  return typeof e.responseCode === 'number' && e.responseCode >= 500 && e.responseCode < 600 && e.code !== 'EAUTH';
}

const angled = (id: string) => `<${id}>`;

function headersOf(row: OutboundRow): Record<string, string> {
  const headers: Record<string, string> = {};
  // Agent replies are a person writing; everything else is a notification that must not
  // start an auto-reply loop.
  if (row.kind === 'agent_reply') headers['Auto-Submitted'] = 'no';
  else {
    headers['Auto-Submitted'] = 'auto-generated';
    headers['X-Auto-Response-Suppress'] = 'All';
  }
  if (row.ticket_number !== null) headers['X-Guichet-Ticket'] = String(row.ticket_number);
  return headers;
}

async function deliver(deps: Deps, row: OutboundRow): Promise<string | null> {
  const attachments = await readMailFiles(deps, row.id);
  const info = await mailTransport(deps.config.mail).sendMail({
    from: row.from_address,
    to: JSON.parse(row.to_addresses) as string[],
    cc: JSON.parse(row.cc_addresses) as string[],
    replyTo: row.reply_to ?? undefined,
    subject: row.subject,
    text: row.text_body,
    html: row.html_body ?? undefined,
    messageId: angled(row.message_id),
    inReplyTo: row.in_reply_to ? angled(row.in_reply_to) : undefined,
    references: row.references ? row.references.split(' ').map(angled) : undefined,
    date: deps.clock.now(),
    headers: headersOf(row),
    attachments,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  // Accepted for some recipients only: sent, with a note of who was refused.
  const rejected = ((info.rejected ?? []) as (string | { address: string })[]).map((r) => (typeof r === 'string' ? r : r.address));
  return rejected.length ? `Refused by the relay for ${rejected.join(', ')}.` : null;
}

export async function sendOutbound(deps: Deps, payload: { outboundId: number }, attempt: JobAttempt): Promise<void> {
  const row = await repo.findOutbound(deps.db, payload.outboundId);
  // Gone with its ticket, already sent (a repeated job), or failed and not retried.
  if (!row || row.status !== 'queued') return;
  try {
    const note = await deliver(deps, row);
    await repo.markSent(deps.db, row.id, isoNow(deps.clock), note);
  } catch (err) {
    const error = describe(err);
    const isLast = attempt.attempt >= attempt.maxAttempts || isPermanent(err);
    if (!isLast) {
      await repo.markAttemptFailed(deps.db, row.id, error, 'queued');
      throw err;
    }
    deps.logger.error({ outboundId: row.id, ticketId: row.ticket_id, err }, 'mail could not be sent');
    await recordFailure(deps, row, error);
  }
}

/** The row is failed and the ticket shows it, in one transaction. */
async function recordFailure(deps: Deps, row: OutboundRow, error: string): Promise<void> {
  const actor = systemActor();
  const written = await deps.db.transaction().execute(async (trx) => {
    await repo.markAttemptFailed(trx, row.id, error, 'failed');
    if (row.ticket_id === null) return undefined;
    const to = [...(JSON.parse(row.to_addresses) as string[]), ...(JSON.parse(row.cc_addresses) as string[])];
    return changeTicketIn(trx, deps, actor, row.ticket_id, 'ticket.email_failed', (c) => {
      c.events.push({ kind: 'email_failed', internal: true, data: { outboundId: row.id, kind: row.kind, to, error } });
    });
  });
  if (written) publishTicketChange(deps, written.row, written.events, actor);
}

const SWEEP_JOB = 'email.outbound-sweep';

/**
 * A worker that dies during a message's last try leaves the row queued with no job to send
 * it: such rows are failed here, so that the ticket shows it and an admin can retry.
 */
export async function failOrphanedOutbound(deps: Deps): Promise<number> {
  const rows = await repo.findOrphanedQueued(deps.db, 100);
  for (const row of rows) await recordFailure(deps, row, 'The sending stopped during its last try (the worker was interrupted).');
  return rows.length;
}

export function notificationJobs(): { handlers: Record<string, JobHandler>; recurring: RecurringJob[] } {
  return {
    handlers: { [SEND_JOB]: sendOutbound, [SWEEP_JOB]: async (deps) => void (await failOrphanedOutbound(deps)) },
    recurring: [{ kind: SWEEP_JOB, everyMs: 10 * 60_000 }],
  };
}
