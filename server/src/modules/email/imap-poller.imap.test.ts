// IMAP polling against the real Dovecot that `npm test` starts: mail appended by a real
// client becomes tickets, is moved or flagged only once stored, is never deleted nor
// stored twice, and every failure is recorded on the mailbox.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { client, startTestApp, type TestApp } from '../../test/harness.ts';
import { makeUser, uniq, type MadeUser } from '../../test/factories.ts';
import { appendMessage, appendMessages, imapTestAccount, listFolder, type ImapTestAccount } from '../../test/imap.ts';
import { startJobRunner } from '../../lib/jobs.ts';
import { processPendingInbound, receiveMessage } from './inbound.service.ts';
import { DONE_KEYWORD, imapJobs, pollDueMailboxes, pollMailbox } from './imap-poller.ts';
import { IMAP_PASSWORD_CONTEXT } from './mailboxes.service.ts';
import { secretBoxOf } from '../../lib/secret-key.ts';

let offsetMs = 0; // moves the app's clock forward for the poll_seconds test
const clock = { now: () => new Date(Date.now() + offsetMs) };
let t: TestApp;
let api: ReturnType<typeof client>;
let admin: MadeUser;

before(async () => {
  t = await startTestApp({ clock });
  api = client(t);
  admin = await makeUser(t.deps, { roles: ['admin'] });
});
after(() => t.close());

interface Mail {
  raw: string;
  messageId: string;
  subject: string;
  from: string;
}

function mail(o: { subject?: string; from?: string; to?: string; body?: string } = {}): Mail {
  const id = uniq();
  const messageId = `${id}.${Date.now()}@client.example.org`;
  const subject = o.subject ?? `Printer on floor 3 jams ${id}`;
  const from = o.from ?? `user-${id}@example.org`;
  const raw = [
    `From: Someone ${id} <${from}>`,
    `To: ${o.to ?? 'help@example.test'}`,
    `Subject: ${subject}`,
    `Message-ID: <${messageId}>`,
    `Date: ${new Date().toUTCString()}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    o.body ?? `Hello,\r\nthe printer jams again (${id}).\r\nThanks`,
    '',
  ].join('\r\n');
  return { raw, messageId, subject, from };
}

type MailboxOptions = { action?: 'move' | 'flag'; folder?: string; processedFolder?: string; password?: string; port?: number; pollSeconds?: number };

async function makeMailbox(account: ImapTestAccount, o: MailboxOptions = {}) {
  const at = new Date().toISOString();
  const address = `help-${uniq()}@example.test`;
  const secrets = await secretBoxOf(t.deps.config);
  const row = await t.deps.db
    .insertInto('mailboxes')
    .values({
      name: `Help ${address}`,
      address,
      imap_host: account.host,
      imap_port: o.port ?? account.port,
      imap_tls: 0,
      imap_user: account.user,
      imap_password: secrets.seal(o.password ?? account.password, IMAP_PASSWORD_CONTEXT),
      imap_folder: o.folder ?? 'INBOX',
      processed_action: o.action ?? 'move',
      processed_folder: o.processedFolder ?? 'Processed',
      poll_seconds: o.pollSeconds ?? 60,
      is_active: 1,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, address };
}

const mailboxRow = (id: number) => t.deps.db.selectFrom('mailboxes').select(['last_polled_at', 'last_poll_error']).where('id', '=', id).executeTakeFirstOrThrow();

const inboundOf = (messageId: string) =>
  t.deps.db.selectFrom('inbound_messages').select(['id', 'source', 'mailbox_id', 'ticket_id', 'status', 'envelope_to']).where('message_id', '=', messageId).execute();

const ids = (messages: { messageId: string | null }[]) => messages.map((m) => m.messageId).sort();
const bracketed = (mails: Mail[]) => mails.map((m) => `<${m.messageId}>`).sort();

describe('IMAP polling', () => {
  test('mail appended by a client becomes tickets and is moved to the processed folder, never deleted', async () => {
    const account = await imapTestAccount();
    const box = await makeMailbox(account);
    const mails = [mail(), mail(), mail({ subject: '=?UTF-8?Q?Acc=C3=A8s_VPN_refus=C3=A9?=' })];
    await appendMessages(account, mails.map((m) => m.raw));

    const r = await pollMailbox(t.deps, box.id);
    assert.deepEqual({ ...r, error: r.error }, { mailboxId: box.id, stored: 3, duplicates: 0, failed: 0, tooLarge: 0, remaining: 0, error: null });
    assert.deepEqual(await listFolder(account, 'INBOX'), []);
    assert.deepEqual(ids(await listFolder(account, 'Processed')), bracketed(mails));

    const row = await mailboxRow(box.id);
    assert.equal(row.last_poll_error, null);
    assert.ok(row.last_polled_at && Math.abs(Date.parse(row.last_polled_at) - Date.now()) < 60_000);

    await processPendingInbound(t.deps);
    const titles: string[] = [];
    for (const m of mails) {
      const rows = await inboundOf(m.messageId);
      assert.equal(rows.length, 1, `one inbound row for ${m.messageId}`);
      assert.equal(rows[0].source, 'imap');
      assert.equal(rows[0].mailbox_id, box.id);
      assert.deepEqual(JSON.parse(rows[0].envelope_to), [box.address]);
      assert.ok(rows[0].ticket_id, `a ticket for ${m.messageId} (${rows[0].status})`);
      const ticket = await api.get(`/api/v1/tickets/${rows[0].ticket_id}`, { token: admin.token });
      assert.equal(ticket.status, 200);
      assert.equal(ticket.body.channel, 'email');
      assert.equal(ticket.body.requester.email, m.from);
      titles.push(ticket.body.title);
    }
    assert.equal(titles[2], 'Accès VPN refusé');
    assert.deepEqual(titles.slice(0, 2), [mails[0].subject, mails[1].subject]);

    // A second poll finds nothing, and the processed folder keeps everything.
    const again = await pollMailbox(t.deps, box.id);
    assert.equal(again.stored + again.duplicates, 0);
    assert.equal((await listFolder(account, 'Processed')).length, 3);
  });

  test('flag mode: processed mail stays in the folder, seen and marked $GuichetDone; mail a person already read is still taken', async () => {
    const account = await imapTestAccount();
    const box = await makeMailbox(account, { action: 'flag' });
    const unread = mail();
    const read = mail();
    await appendMessage(account, unread.raw);
    await appendMessage(account, read.raw, 'INBOX', ['\\Seen']);

    const r = await pollMailbox(t.deps, box.id);
    assert.equal(r.error, null);
    assert.equal(r.stored, 2);
    const inbox = await listFolder(account, 'INBOX');
    assert.deepEqual(ids(inbox), bracketed([unread, read]));
    for (const m of inbox) {
      assert.ok(m.flags.includes('\\Seen'), m.flags.join(' '));
      assert.ok(m.flags.includes(DONE_KEYWORD), m.flags.join(' '));
    }
    assert.deepEqual(await listFolder(account, 'Processed'), [], 'flag mode creates no folder');

    const later = mail();
    await appendMessage(account, later.raw);
    const r2 = await pollMailbox(t.deps, box.id);
    assert.equal(r2.stored, 1);
    assert.equal(r2.duplicates, 0, 'flagged mail is not fetched again');
    assert.equal((await inboundOf(later.messageId)).length, 1);
    assert.equal((await listFolder(account, 'INBOX')).length, 3);
  });

  test('a message stored before a crash (not yet moved) is moved by the next poll without a second ticket', async () => {
    const account = await imapTestAccount();
    const box = await makeMailbox(account);
    const a = mail();
    const b = mail();
    await appendMessages(account, [a.raw, b.raw]);
    // The poll that crashed: it had stored A, then died before the move.
    await receiveMessage(t.deps, Buffer.from(a.raw), { source: 'imap', mailboxId: box.id, envelopeTo: [box.address] });
    await processPendingInbound(t.deps);
    const ticketOfA = (await inboundOf(a.messageId))[0].ticket_id;
    assert.ok(ticketOfA);

    const r = await pollMailbox(t.deps, box.id);
    assert.equal(r.error, null);
    assert.equal(r.stored, 1);
    assert.equal(r.duplicates, 1);
    assert.deepEqual(await listFolder(account, 'INBOX'), []);
    assert.deepEqual(ids(await listFolder(account, 'Processed')), bracketed([a, b]));
    await processPendingInbound(t.deps);
    const rowsA = await inboundOf(a.messageId);
    assert.equal(rowsA.length, 1);
    assert.equal(rowsA[0].ticket_id, ticketOfA);
    const fromBox = await t.deps.db.selectFrom('inbound_messages').select('ticket_id').where('mailbox_id', '=', box.id).execute();
    assert.equal(fromBox.length, 2);
    assert.equal(new Set(fromBox.map((x) => x.ticket_id)).size, 2, 'two messages, two tickets');
  });

  test('a processed folder that cannot be created stops the poll before anything is fetched; fixing it resumes', async () => {
    const account = await imapTestAccount();
    // Dovecot refuses mailbox names that begin with "~".
    const box = await makeMailbox(account, { processedFolder: '~Done' });
    const m = mail();
    await appendMessage(account, m.raw);

    const r = await pollMailbox(t.deps, box.id);
    assert.equal(r.stored, 0);
    assert.match(r.error ?? '', /processed folder "~Done" does not exist and cannot be created on .*: Invalid mailbox name: Begins with '~'\. Nothing was fetched\.$/);
    assert.equal((await mailboxRow(box.id)).last_poll_error, r.error);
    assert.deepEqual(ids(await listFolder(account, 'INBOX')), bracketed([m]));
    assert.deepEqual(await inboundOf(m.messageId), []);

    await t.deps.db.updateTable('mailboxes').set({ processed_folder: 'Guichet.Done' }).where('id', '=', box.id).execute();
    const fixed = await pollMailbox(t.deps, box.id);
    assert.equal(fixed.error, null);
    assert.equal(fixed.stored, 1);
    assert.equal((await mailboxRow(box.id)).last_poll_error, null);
    assert.deepEqual(ids(await listFolder(account, 'Guichet.Done')), bracketed([m]));
  });

  test('a wrong password, an unreachable host or a missing folder is recorded, and the mail is left untouched', async () => {
    const account = await imapTestAccount();
    const m = mail();
    await appendMessage(account, m.raw);

    const badPassword = await makeMailbox(account, { password: 'not-the-password' });
    const r1 = await pollMailbox(t.deps, badPassword.id);
    assert.match(r1.error ?? '', new RegExp(`IMAP login refused for "${account.user}" at ${account.host}:${account.port}: wrong user name or password`));
    const row = await mailboxRow(badPassword.id);
    assert.equal(row.last_poll_error, r1.error);
    assert.ok(row.last_polled_at);

    // A port nothing listens on (Dovecot's own, plus one, is not it; find a closed one).
    const closed = await closedPort();
    const unreachable = await makeMailbox(account, { port: closed });
    const r2 = await pollMailbox(t.deps, unreachable.id);
    assert.match(r2.error ?? '', new RegExp(`Cannot reach the IMAP server ${account.host}:${closed}: the connection was refused`));

    const noFolder = await makeMailbox(account, { folder: 'Support' });
    const r3 = await pollMailbox(t.deps, noFolder.id);
    assert.match(r3.error ?? '', /^The folder "Support" cannot be opened on 127\.0\.0\.1: Mailbox doesn't exist: Support\.$/);

    for (const r of [r1, r2, r3]) assert.equal(r.stored + r.duplicates, 0);
    const inbox = await listFolder(account, 'INBOX');
    assert.deepEqual(ids(inbox), bracketed([m]));
    assert.deepEqual(inbox[0].flags, [], 'not even marked seen');
    assert.deepEqual(await listFolder(account, 'Processed'), []);
    assert.deepEqual(await inboundOf(m.messageId), []);
  });

  test('a message over the size limit is left in place and named in the error; the others go through', async () => {
    const account = await imapTestAccount();
    const box = await makeMailbox(account);
    const small = mail();
    const big = mail({ body: ('y'.repeat(76) + '\r\n').repeat(100) });
    const [, bigUid] = await appendMessages(account, [small.raw, big.raw]);
    const limit = t.deps.config.mail.maxBytes;
    t.deps.config.mail.maxBytes = Buffer.byteLength(big.raw) - 1;
    try {
      const r = await pollMailbox(t.deps, box.id);
      assert.equal(r.stored, 1);
      assert.equal(r.tooLarge, 1);
      assert.match(r.error ?? '', new RegExp(`Message UID ${bigUid} \\(\\d+ bytes\\) is larger than the \\d+ bytes accepted`));
    } finally {
      t.deps.config.mail.maxBytes = limit;
    }
    assert.deepEqual(ids(await listFolder(account, 'INBOX')), bracketed([big]));
    assert.deepEqual(ids(await listFolder(account, 'Processed')), bracketed([small]));
  });

  test('a backlog drains over bounded polls, in batches, and a mailbox with a backlog stays due', async () => {
    const account = await imapTestAccount();
    const box = await makeMailbox(account, { pollSeconds: 3600 });
    const mails = Array.from({ length: 130 }, () => mail());
    await appendMessages(account, mails.map((m) => m.raw));

    const first = await pollMailbox(t.deps, box.id, { limit: 110 });
    assert.equal(first.stored, 110);
    assert.equal(first.remaining, 20);
    assert.equal((await listFolder(account, 'INBOX')).length, 20);

    await onlyActive(box.id);
    // Due again despite its hour-long period: the backlog.
    const firstDue = await pollDueMailboxes(t.deps);
    const noLongerDue = await pollDueMailboxes(t.deps);
    assert.equal(noLongerDue.length, 0);
    assert.deepEqual(
      firstDue.map((r) => [r.mailboxId, r.stored, r.remaining]),
      [[box.id, 20, 0]],
    );
    assert.deepEqual(await listFolder(account, 'INBOX'), []);
    assert.deepEqual(ids(await listFolder(account, 'Processed')), bracketed(mails));
    const stored = await t.deps.db.selectFrom('inbound_messages').select((eb) => eb.fn.countAll<number>().as('n')).where('mailbox_id', '=', box.id).executeTakeFirstOrThrow();
    assert.equal(Number(stored.n), 130);
  });

  test('the recurring job polls a mailbox again only once its poll_seconds have elapsed', async () => {
    const account = await imapTestAccount();
    const box = await makeMailbox(account, { pollSeconds: 60 });
    await onlyActive(box.id);
    const { handlers, recurring } = imapJobs();
    assert.deepEqual(recurring, [{ kind: 'email.poll-imap', everyMs: 15_000 }]);
    const runner = startJobRunner(t.deps, handlers, recurring, { pollMs: 0 });
    try {
      const first = mail();
      await appendMessage(account, first.raw);
      assert.equal(await runner.runDueJobs(), 1);
      assert.equal((await inboundOf(first.messageId)).length, 1, 'never polled: due at once');
      const polledAt = (await mailboxRow(box.id)).last_polled_at;

      const second = mail();
      await appendMessage(account, second.raw);
      offsetMs += 20_000; // the job is due again, the mailbox is not
      assert.equal(await runner.runDueJobs(), 1);
      assert.deepEqual(await inboundOf(second.messageId), []);
      assert.equal((await mailboxRow(box.id)).last_polled_at, polledAt);

      offsetMs += 45_000; // 65 s after the first poll
      assert.equal(await runner.runDueJobs(), 1);
      assert.equal((await inboundOf(second.messageId)).length, 1);
      assert.notEqual((await mailboxRow(box.id)).last_polled_at, polledAt);

      // Inactive mailboxes are never polled.
      await t.deps.db.updateTable('mailboxes').set({ is_active: 0 }).where('id', '=', box.id).execute();
      const third = mail();
      await appendMessage(account, third.raw);
      offsetMs += 120_000;
      assert.equal(await runner.runDueJobs(), 1);
      assert.deepEqual(await inboundOf(third.messageId), []);
    } finally {
      await runner.stop();
    }
  });
});

/** Leaves only this mailbox active, so that pollDueMailboxes sees no other test's. */
async function onlyActive(id: number): Promise<void> {
  await t.deps.db.updateTable('mailboxes').set({ is_active: 0 }).where('id', '!=', id).execute();
}

async function closedPort(): Promise<number> {
  const net = await import('node:net');
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}
