// The real IMAP server of the tests: the Dovecot that `npm test` starts for files whose
// name contains `.imap.` (scripts/dovecot.mjs), reached with imapflow like any client.
//
// Accounts box1@test … boxN@test are shared by the whole run (both back ends, two files at
// a time), so imapTestAccount() claims one with a lock file holding our pid: a claim lasts
// until this process exits, and the lock of a process that died is taken over. Each claimed
// account is emptied first.
import fs from 'node:fs';
import path from 'node:path';
import { ImapFlow } from 'imapflow';

export interface ImapTestAccount {
  host: string;
  port: number;
  user: string;
  password: string;
}

export interface ImapTestMessage {
  uid: number;
  /** Sorted, without \\Recent (which only says which session saw the message first). */
  flags: string[];
  messageId: string | null;
  subject: string | null;
}

interface ImapTestServer {
  host: string;
  port: number;
  dir: string;
  accounts: number;
  password: string;
}

/** Where Dovecot is; fails loudly outside `npm test` (IMAP tests never skip). */
export function imapTestServer(): ImapTestServer {
  const env = process.env;
  const { GUICHET_TEST_IMAP_HOST: host, GUICHET_TEST_IMAP_PORT: port, GUICHET_TEST_IMAP_DIR: dir } = env;
  if (!host || !port || !dir) {
    throw new Error(
      'No IMAP server for this test: GUICHET_TEST_IMAP_HOST/PORT/DIR are not set. Run it with `npm test -- <file>`, ' +
        'which starts Dovecot for test files whose name contains ".imap." (scripts/dovecot.mjs).',
    );
  }
  return { host, port: Number(port), dir, accounts: Number(env.GUICHET_TEST_IMAP_ACCOUNTS ?? 40), password: env.GUICHET_TEST_IMAP_PASSWORD ?? 'secret' };
}

const held = new Set<string>(); // lock files this process owns

process.once('exit', () => {
  for (const lock of held) fs.rmSync(lock, { force: true });
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function lockOwner(lock: string): number | null {
  try {
    const pid = Number(fs.readFileSync(lock, 'utf8').trim());
    return pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** Claims the lock file, or takes it over from a dead process; false when someone holds it. */
function tryLock(lock: string): boolean {
  if (held.has(lock)) return false;
  try {
    fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
    held.add(lock);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const owner = lockOwner(lock);
  if (owner === null || isAlive(owner)) return false; // half-written or alive: leave it
  // A guard directory (mkdir is atomic) so that two processes cannot both take it over.
  const guard = `${lock}.takeover`;
  try {
    fs.mkdirSync(guard);
  } catch {
    return false;
  }
  try {
    if (lockOwner(lock) !== owner) return false;
    fs.writeFileSync(lock, String(process.pid));
    held.add(lock);
    return true;
  } finally {
    fs.rmdirSync(guard);
  }
}

/** An imapflow client for the account (not yet connected); errors are raised by the calls. */
export function imapClient(account: ImapTestAccount): ImapFlow {
  const client = new ImapFlow({ host: account.host, port: account.port, secure: false, auth: { user: account.user, pass: account.password }, logger: false });
  client.on('error', () => {}); // surfaced by the pending command instead
  return client;
}

async function withClient<T>(account: ImapTestAccount, fn: (c: ImapFlow) => Promise<T>): Promise<T> {
  const client = imapClient(account);
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.logout().catch(() => client.close());
  }
}

/** Deletes every folder but INBOX and every message in INBOX. */
async function emptyAccount(account: ImapTestAccount): Promise<void> {
  await withClient(account, async (c) => {
    // Real folders only (a parent implied by "A.B" is listed but does not exist), children first.
    const folders = (await c.list()).filter((f) => f.path.toUpperCase() !== 'INBOX' && !f.flags.has('\\NonExistent'));
    folders.sort((a, b) => b.path.length - a.path.length);
    for (const f of folders) await c.mailboxDelete(f.path);
    const box = await c.mailboxOpen('INBOX');
    if (box.exists > 0) await c.messageDelete('1:*');
  });
}

/** A distinct, empty account, not used by any other running test file. */
export async function imapTestAccount(): Promise<ImapTestAccount> {
  const server = imapTestServer();
  for (let i = 1; i <= server.accounts; i++) {
    const user = `box${i}@test`;
    if (!tryLock(path.join(server.dir, 'locks', `${user}.lock`))) continue;
    const account = { host: server.host, port: server.port, user, password: server.password };
    await emptyAccount(account);
    return account;
  }
  throw new Error(`All ${server.accounts} IMAP test accounts are in use (GUICHET_TEST_IMAP_ACCOUNTS): raise the number in scripts/dovecot.mjs.`);
}

/** Appends a message as a mail client would, creating the folder if needed; resolves to its UID. */
export async function appendMessage(account: ImapTestAccount, raw: string | Buffer, folder = 'INBOX', flags: string[] = []): Promise<number> {
  const [uid] = await appendMessages(account, [raw], folder, flags);
  return uid;
}

/** Appends many messages over one connection; resolves to their UIDs. */
export async function appendMessages(account: ImapTestAccount, raws: (string | Buffer)[], folder = 'INBOX', flags: string[] = []): Promise<number[]> {
  return withClient(account, async (c) => {
    if (folder.toUpperCase() !== 'INBOX' && !(await c.list()).some((f) => f.path === folder)) await c.mailboxCreate(folder);
    const uids: number[] = [];
    for (const raw of raws) {
      const res = await c.append(folder, raw, flags);
      if (!res || !res.uid) throw new Error(`The IMAP server did not report a UID for a message appended to ${folder}.`);
      uids.push(res.uid);
    }
    return uids;
  });
}

/** The messages of a folder, oldest first; [] when the folder does not exist. */
export async function listFolder(account: ImapTestAccount, folder: string): Promise<ImapTestMessage[]> {
  return withClient(account, async (c) => {
    if (folder.toUpperCase() !== 'INBOX' && !(await c.list()).some((f) => f.path === folder)) return [];
    const box = await c.mailboxOpen(folder, { readOnly: true });
    if (box.exists === 0) return [];
    const messages = await c.fetchAll('1:*', { uid: true, flags: true, envelope: true });
    return messages
      .map((m) => ({ uid: m.uid, flags: [...(m.flags ?? [])].filter((f) => f !== '\\Recent').sort(), messageId: m.envelope?.messageId ?? null, subject: m.envelope?.subject ?? null }))
      .sort((a, b) => a.uid - b.uid);
  });
}
