// IMAP polling of helpdesk mailboxes. Each message is stored first (receiveMessage resolves
// once the raw message is committed), and only then moved to the processed folder or
// flagged; nothing is ever deleted. A crash between the two leaves the message in place:
// the next poll stores it again, which receiveMessage recognises by its Message-ID (no
// second ticket), and finishes the move.
//
// Which messages a poll takes:
//   move mode  every message in the folder (what is done has left it)
//   flag mode  those without the keyword $GuichetDone, which is set together with \Seen.
//              \Seen alone would not do: a person reading the mailbox marks mail seen
//              that Guichet has not stored yet. Servers that allow no keywords fall back
//              to \Seen.
// A poll takes at most POLL_LIMIT messages, fetched POLL_BATCH at a time, so a backlog
// drains over successive polls with bounded memory; a mailbox left with a backlog is due
// again at the next run of the job rather than after its poll_seconds.
import { ImapFlow } from 'imapflow';
import type { Deps } from '../../lib/deps.ts';
import type { JobHandler, RecurringJob } from '../../lib/jobs.ts';
import { isoNow } from '../../lib/clock.ts';
import { NotFound, Unprocessable } from '../../lib/errors.ts';
import { receiveMessage } from './inbound.service.ts';
import { IMAP_PASSWORD_CONTEXT } from './mailboxes.service.ts';
import { isSealed, SecretOpenError } from '../../lib/secret-box.ts';
import { secretBoxOf } from '../../lib/secret-key.ts';
import { findPollableMailbox, listImapMailboxes, recordPoll, type PollableMailboxRow } from './imap-poller.repo.ts';

export const DONE_KEYWORD = '$GuichetDone';
export const POLL_LIMIT = 500;
const POLL_BATCH = 50;
const BATCH_BYTES = 32 * 1024 * 1024;
const PARALLEL_MAILBOXES = 4;
const MAX_ERROR_LENGTH = 1000;

export interface PollResult {
  mailboxId: number;
  /** Messages stored by this poll. */
  stored: number;
  /** Messages that were already stored (a re-poll after a crash): moved or flagged now. */
  duplicates: number;
  /** Messages whose storing failed: left in the folder, retried next poll. */
  failed: number;
  /** Messages over the size limit: left in the folder. */
  tooLarge: number;
  /** Messages waiting beyond this poll's limit. */
  remaining: number;
  /** What went wrong, as recorded in last_poll_error; null when all went well. */
  error: string | null;
}

/** A failure we can word ourselves: its message goes to last_poll_error as is. */
class PollError extends Error {}

type MailboxSettings = PollableMailboxRow & { imap_host: string; imap_user: string; imap_password: string };

function hasImap(box: PollableMailboxRow): box is MailboxSettings {
  return box.imap_host !== null && box.imap_user !== null && box.imap_password !== null;
}

/** Fetches new mail of one mailbox now (whether or not it is due). */
export async function pollMailbox(deps: Deps, mailboxId: number, opts: { limit?: number } = {}): Promise<PollResult> {
  const box = await findPollableMailbox(deps.db, mailboxId);
  if (!box) throw new NotFound(`Mailbox ${mailboxId} does not exist.`);
  if (!hasImap(box)) throw new Unprocessable(`Mailbox ${mailboxId} (${box.address}) has no IMAP settings to poll.`);
  const result: PollResult = { mailboxId, stored: 0, duplicates: 0, failed: 0, tooLarge: 0, remaining: 0, error: null };
  const startedAt = isoNow(deps.clock);
  const password = await openPassword(deps, box.imap_password);
  if (password instanceof PollError) {
    result.error = password.message;
    deps.logger.warn({ mailboxId, error: result.error }, 'IMAP poll not attempted');
    await recordPoll(deps.db, mailboxId, startedAt, result.error);
    return result;
  }
  const problems: string[] = [];
  const client = new ImapFlow({
    host: box.imap_host,
    port: box.imap_port ?? (box.imap_tls ? 993 : 143),
    secure: box.imap_tls === 1, // otherwise STARTTLS when offered; certificates are verified
    auth: { user: box.imap_user, pass: password },
    logger: false,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 120_000,
    // A server announcing a huge literal cannot make us allocate it.
    maxLiteralSize: deps.config.mail.maxBytes + 1024 * 1024,
    maxResponseSize: deps.config.mail.maxBytes + 2 * 1024 * 1024,
  });
  client.on('error', (err) => deps.logger.debug({ err, mailboxId }, 'IMAP connection error'));
  try {
    await client.connect();
    await pollFolder(deps, client, box, opts.limit ?? POLL_LIMIT, result, problems);
  } catch (err) {
    problems.unshift(describeImapError(err, box));
  } finally {
    await client.logout().catch(() => client.close());
  }
  const backlog = backlogOf(deps);
  if (result.remaining > 0) backlog.add(mailboxId);
  else backlog.delete(mailboxId);
  result.error = problems.length ? truncate(problems.join(' ')) : null;
  if (result.error) deps.logger.warn({ mailboxId, error: result.error }, 'IMAP poll incomplete');
  await recordPoll(deps.db, mailboxId, startedAt, result.error);
  return result;
}

async function pollFolder(deps: Deps, client: ImapFlow, box: MailboxSettings, limit: number, result: PollResult, problems: string[]): Promise<void> {
  const isMove = box.processed_action !== 'flag';
  let lock;
  try {
    lock = await client.getMailboxLock(box.imap_folder);
  } catch (err) {
    throw new PollError(`The folder "${box.imap_folder}" cannot be opened on ${box.imap_host}: ${serverText(err) ?? 'it does not exist'}.`);
  }
  try {
    if (isMove) await ensureFolder(client, box);
    // A keyword only where the server keeps custom ones ("\*" among the permanent flags).
    const useKeyword = !isMove && Boolean(client.mailbox && client.mailbox.permanentFlags?.has('\\*'));
    const query = isMove ? { all: true } : useKeyword ? { unKeyword: DONE_KEYWORD } : { seen: false };
    const found = (await client.search(query, { uid: true })) || [];
    const uids = found.sort((a, b) => a - b);
    const chosen = uids.slice(0, limit);
    result.remaining = uids.length - chosen.length;
    if (chosen.length === 0) return;

    // Sizes first: what is too large is never downloaded.
    const maxBytes = deps.config.mail.maxBytes;
    const sized = (await client.fetchAll(chosen.join(','), { uid: true, size: true }, { uid: true })).sort((a, b) => a.uid - b.uid);
    const wanted: { uid: number; size: number }[] = [];
    for (const m of sized) {
      if ((m.size ?? 0) > maxBytes) {
        result.tooLarge++;
        problems.push(`Message UID ${m.uid} (${m.size} bytes) is larger than the ${maxBytes} bytes accepted (GUICHET_MAIL_MAX_BYTES): left in "${box.imap_folder}".`);
      } else wanted.push({ uid: m.uid, size: m.size ?? 0 });
    }

    for (const batch of batches(wanted)) {
      const done = await storeBatch(deps, client, box, batch, result, problems);
      if (done.length) await markDone(client, box, done, isMove, useKeyword);
      // Nothing in a whole batch could be stored: the database is likely down; stop here.
      if (done.length === 0 && batch.length > 0) break;
    }
  } finally {
    lock.release();
  }
}

/** The password in clear, or why it cannot be had (wrong key, damaged value). */
async function openPassword(deps: Deps, stored: string): Promise<string | PollError> {
  // Clear text written by a process older than encryption at rest: sealed at the next start.
  if (!isSealed(stored)) return stored;
  const secrets = await secretBoxOf(deps.config);
  try {
    return secrets.open(stored, IMAP_PASSWORD_CONTEXT);
  } catch (err) {
    if (!(err instanceof SecretOpenError)) throw err;
    const sameKey = err.reason === 'other-key' ? ', or give this server the secret key of the server that saved it (GUICHET_SECRET_KEY or secret.key)' : '';
    return new PollError(`The stored IMAP password cannot be decrypted with this server's secret key (${err.message}); enter the password again${sameKey}.`);
  }
}

/** Groups of at most POLL_BATCH messages and about BATCH_BYTES. */
function* batches(messages: { uid: number; size: number }[]): Generator<number[]> {
  let uids: number[] = [];
  let bytes = 0;
  for (const m of messages) {
    if (uids.length && (uids.length >= POLL_BATCH || bytes + m.size > BATCH_BYTES)) {
      yield uids;
      uids = [];
      bytes = 0;
    }
    uids.push(m.uid);
    bytes += m.size;
  }
  if (uids.length) yield uids;
}

/** Downloads and stores a batch; resolves to the UIDs now safely stored. */
async function storeBatch(deps: Deps, client: ImapFlow, box: MailboxSettings, uids: number[], result: PollResult, problems: string[]): Promise<number[]> {
  const messages = await client.fetchAll(uids.join(','), { uid: true, source: true }, { uid: true });
  // Together, so that SQLite commits them in one group.
  const meta = { source: 'imap' as const, mailboxId: box.id, envelopeTo: [box.address] };
  const settled = await Promise.allSettled(messages.map((m) => (m.source ? receiveMessage(deps, m.source, meta) : Promise.reject(new Error('the server sent no content')))));
  const done: number[] = [];
  let firstError: string | null = null;
  settled.forEach((s, i) => {
    const uid = messages[i].uid;
    if (s.status === 'fulfilled') {
      done.push(uid);
      if (s.value.duplicate) result.duplicates++;
      else result.stored++;
    } else {
      result.failed++;
      firstError ??= `UID ${uid}: ${s.reason instanceof Error ? s.reason.message : String(s.reason)}`;
      deps.logger.error({ err: s.reason, mailboxId: box.id, uid }, 'storing an IMAP message failed');
    }
  });
  if (firstError) problems.push(`${uids.length - done.length} message(s) could not be stored and stay in "${box.imap_folder}" for the next poll (${firstError}).`);
  return done;
}

async function markDone(client: ImapFlow, box: MailboxSettings, uids: number[], isMove: boolean, useKeyword: boolean): Promise<void> {
  const range = uids.join(',');
  if (isMove) {
    const moved = await client.messageMove(range, box.processed_folder, { uid: true });
    if (!moved) throw new PollError(`Stored messages could not be moved to "${box.processed_folder}"; they stay in "${box.imap_folder}" and will not be stored twice.`);
  } else {
    const flagged = await client.messageFlagsAdd(range, useKeyword ? ['\\Seen', DONE_KEYWORD] : ['\\Seen'], { uid: true });
    if (!flagged) throw new PollError(`Stored messages could not be flagged in "${box.imap_folder}"; they will not be stored twice.`);
  }
}

/** The processed folder, created when missing. */
async function ensureFolder(client: ImapFlow, box: MailboxSettings): Promise<void> {
  if (box.processed_folder === box.imap_folder) throw new PollError('The processed folder is the folder polled: set another one, or flag processed mail instead.');
  const exists = await client.status(box.processed_folder, { messages: true }).then(
    () => true,
    () => false,
  );
  if (exists) return;
  try {
    await client.mailboxCreate(box.processed_folder);
  } catch (err) {
    throw new PollError(`The processed folder "${box.processed_folder}" does not exist and cannot be created on ${box.imap_host}: ${serverText(err) ?? errorMessage(err)}. Nothing was fetched.`);
  }
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The server's own words for a refused command, when it gave some. */
function serverText(err: unknown): string | null {
  const e = err as { responseText?: unknown };
  if (typeof e?.responseText !== 'string') return null;
  // Dovecot appends its timings: "Mailbox doesn't exist: X (0.001 + 0.000 secs)."
  const text = e.responseText.replace(/\s*\([\d.+ ]+secs\)\.?$/, '').trim();
  return text || null;
}

const NETWORK_ERRORS: Record<string, string> = {
  ECONNREFUSED: 'the connection was refused (nothing listens on that port)',
  ENOTFOUND: 'the host name does not resolve',
  EAI_AGAIN: 'the host name could not be resolved (DNS)',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  ETIMEDOUT: 'the connection timed out',
  CONNECT_TIMEOUT: 'the connection timed out',
  GREETING_TIMEOUT: 'the server did not greet us in time',
  ECONNRESET: 'the server closed the connection (is the TLS setting right for this port?)',
  EPIPE: 'the server closed the connection',
};

/** A sentence an admin can act on: wrong password, host unreachable, TLS, folder missing… */
export function describeImapError(err: unknown, box: { imap_host: string | null; imap_port: number | null; imap_user: string | null }): string {
  if (err instanceof PollError) return err.message;
  const where = `${box.imap_host}:${box.imap_port}`;
  const e = (err ?? {}) as { code?: unknown; authenticationFailed?: unknown; message?: unknown };
  if (e.authenticationFailed) return `IMAP login refused for "${box.imap_user}" at ${where}: wrong user name or password (${serverText(err) ?? 'authentication failed'}).`;
  const code = typeof e.code === 'string' ? e.code : '';
  const message = errorMessage(err);
  if (NETWORK_ERRORS[code]) return `Cannot reach the IMAP server ${where}: ${NETWORK_ERRORS[code]}.`;
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ALTNAME/i.test(code)) return `The TLS certificate of ${where} could not be verified (${code}): ${message}.`;
  if (/ssl|tls|wrong version number/i.test(message) || code === 'EPROTO') return `TLS with ${where} failed: ${message} (is the TLS setting right for this port?).`;
  return `IMAP error with ${where}: ${serverText(err) ?? message}${code ? ` (${code})` : ''}.`;
}

function truncate(text: string): string {
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH)}…` : text;
}

// Mailboxes left with a backlog by their last poll: due again at once (per process; a
// restart merely waits poll_seconds).
const backlogs = new WeakMap<Deps, Set<number>>();

function backlogOf(deps: Deps): Set<number> {
  let set = backlogs.get(deps);
  if (!set) backlogs.set(deps, (set = new Set()));
  return set;
}

/** Polls every active IMAP mailbox whose poll_seconds have elapsed, a few at a time. */
export async function pollDueMailboxes(deps: Deps): Promise<PollResult[]> {
  const now = deps.clock.now().getTime();
  const backlog = backlogOf(deps);
  const due = (await listImapMailboxes(deps.db)).filter(
    (m) => backlog.has(m.id) || m.last_polled_at === null || now - Date.parse(m.last_polled_at) >= m.poll_seconds * 1000,
  );
  const results: PollResult[] = [];
  const queue = [...due];
  const worker = async () => {
    for (let m = queue.shift(); m; m = queue.shift()) {
      const r = await pollMailbox(deps, m.id).catch((err) => {
        // Deleted or stripped of its IMAP settings since the listing: nothing to do.
        if (err instanceof NotFound || err instanceof Unprocessable) return null;
        throw err;
      });
      if (r) results.push(r);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_MAILBOXES, due.length) }, worker));
  return results.sort((a, b) => a.mailboxId - b.mailboxId);
}

export const IMAP_POLL_JOB = 'email.poll-imap';

/** The recurring job: every 15 s, the mailboxes that are due. Register in main.ts jobHandlers(). */
export function imapJobs(): { handlers: Record<string, JobHandler>; recurring: RecurringJob[] } {
  return {
    handlers: { [IMAP_POLL_JOB]: async (deps) => void (await pollDueMailboxes(deps)) },
    recurring: [{ kind: IMAP_POLL_JOB, everyMs: 15_000 }],
  };
}
