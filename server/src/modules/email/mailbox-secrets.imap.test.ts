// Mailbox IMAP passwords are encrypted at rest: what the database holds is not the password,
// the real Dovecot is still polled with it, a value this server cannot open is reported in
// plain words, and passwords stored in clear before encryption are sealed at start.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { client, startTestApp, type TestApp } from '../../test/harness.ts';
import { makeUser, uniq, type MadeUser } from '../../test/factories.ts';
import { appendMessage, imapTestAccount, listFolder, type ImapTestAccount } from '../../test/imap.ts';
import { loadConfig } from '../../config.ts';
import { serve } from '../../main.ts';
import { isSealed, SecretBox, sealedKeyId } from '../../lib/secret-box.ts';
import { keyFilePath, secretBoxOf } from '../../lib/secret-key.ts';
import { pollDueMailboxes, pollMailbox } from './imap-poller.ts';
import { IMAP_PASSWORD_CONTEXT, sealStoredPasswords } from './mailboxes.service.ts';

let t: TestApp;
let api: ReturnType<typeof client>;
let admin: MadeUser;

before(async () => {
  t = await startTestApp();
  api = client(t);
  admin = await makeUser(t.deps, { roles: ['admin'] });
});
after(() => t.close());

function mail(): { raw: string; messageId: string } {
  const id = uniq();
  const messageId = `${id}.${Date.now()}@client.example.org`;
  const raw = [`From: someone-${id}@example.org`, 'To: help@example.test', `Subject: VPN down ${id}`, `Message-ID: <${messageId}>`, `Date: ${new Date().toUTCString()}`, '', 'It is down.', ''].join('\r\n');
  return { raw, messageId };
}

async function createMailbox(on: TestApp, token: string, account: ImapTestAccount, password = account.password) {
  const res = await client(on).post(
    '/api/v1/email/mailboxes',
    { name: `Help ${uniq()}`, address: `help-${uniq()}@example.test`, imap: { host: account.host, port: account.port, tls: false, user: account.user, password } },
    { token },
  );
  assert.equal(res.status, 201, JSON.stringify(res.body));
  assert.equal(res.body.imap.hasPassword, true);
  assert.ok(!JSON.stringify(res.body).includes(password), 'the password is never sent back');
  return res.body as { id: number };
}

const storedPassword = async (on: TestApp, id: number) =>
  (await on.deps.db.selectFrom('mailboxes').select('imap_password').where('id', '=', id).executeTakeFirstOrThrow()).imap_password!;

const setStoredPassword = (id: number, value: string) => t.deps.db.updateTable('mailboxes').set({ imap_password: value }).where('id', '=', id).execute();

describe('mailbox IMAP passwords at rest', () => {
  test('the database holds a sealed value, not the password, different at each save; polling with it works', async () => {
    const account = await imapTestAccount();
    const box = await createMailbox(t, admin.token, account);
    const first = await storedPassword(t, box.id);
    assert.notEqual(first, account.password);
    assert.ok(!first.includes(account.password));
    assert.ok(isSealed(first), first);
    assert.equal(sealedKeyId(first), (await secretBoxOf(t.deps.config)).keyId);

    const same = await api.patch(`/api/v1/email/mailboxes/${box.id}`, { imap: { host: account.host, port: account.port, tls: false, user: account.user, password: account.password } }, { token: admin.token });
    assert.equal(same.status, 200);
    const second = await storedPassword(t, box.id);
    assert.ok(isSealed(second));
    assert.notEqual(second, first, 'the same password saved twice is stored differently');

    // Settings changed without a password keep the stored one untouched.
    const kept = await api.patch(`/api/v1/email/mailboxes/${box.id}`, { imap: { host: account.host, port: account.port, tls: false, user: account.user, pollSeconds: 120 } }, { token: admin.token });
    assert.equal(kept.status, 200);
    assert.equal(await storedPassword(t, box.id), second);

    const m = mail();
    await appendMessage(account, m.raw);
    const r = await pollMailbox(t.deps, box.id);
    assert.equal(r.error, null);
    assert.equal(r.stored, 1);
    assert.deepEqual(await listFolder(account, 'INBOX'), []);
  });

  test('a password sealed with another key, or damaged, is reported in plain words and nothing crashes; a new password fixes it', async () => {
    const account = await imapTestAccount();
    const box = await createMailbox(t, admin.token, account);
    const m = mail();
    await appendMessage(account, m.raw);
    const ours = await secretBoxOf(t.deps.config);
    const other = SecretBox.generate().box;
    await setStoredPassword(box.id, other.seal(account.password, IMAP_PASSWORD_CONTEXT));

    assert.deepEqual(await sealStoredPasswords(t.deps), { sealed: 0, otherKey: 1 }, 'the start counts it');
    const r = await pollMailbox(t.deps, box.id);
    assert.equal(r.stored, 0);
    assert.equal(
      r.error,
      `The stored IMAP password cannot be decrypted with this server's secret key (sealed with key ${other.keyId}, but this server's key is ${ours.keyId}); ` +
        'enter the password again, or give this server the secret key of the server that saved it (GUICHET_SECRET_KEY or secret.key).',
    );
    const shown = await api.get('/api/v1/email/mailboxes', { token: admin.token });
    assert.equal(shown.body.items.find((b: { id: number }) => b.id === box.id).lastPollError, r.error);

    // The recurring job's path: the mailbox is due again, reports, and nothing throws.
    await t.deps.db.updateTable('mailboxes').set({ is_active: 0 }).where('id', '!=', box.id).execute();
    await t.deps.db.updateTable('mailboxes').set({ last_polled_at: null }).where('id', '=', box.id).execute();
    const due = await pollDueMailboxes(t.deps);
    assert.deepEqual(
      due.map((d) => [d.mailboxId, d.error?.slice(0, 60)]),
      [[box.id, r.error!.slice(0, 60)]],
    );

    const sealed = ours.seal(account.password, IMAP_PASSWORD_CONTEXT);
    const damaged = sealed.slice(0, -6) + (sealed.slice(-6, -5) === 'A' ? 'B' : 'A') + sealed.slice(-5);
    await setStoredPassword(box.id, damaged);
    const r2 = await pollMailbox(t.deps, box.id);
    assert.equal(r2.error, "The stored IMAP password cannot be decrypted with this server's secret key (the sealed value fails its integrity check: it was altered or copied from elsewhere); enter the password again.");
    assert.deepEqual((await listFolder(account, 'INBOX')).map((x) => x.messageId), [`<${m.messageId}>`], 'the mail is left in place');

    const fixed = await api.patch(`/api/v1/email/mailboxes/${box.id}`, { imap: { host: account.host, port: account.port, tls: false, user: account.user, password: account.password } }, { token: admin.token });
    assert.equal(fixed.status, 200);
    const r3 = await pollMailbox(t.deps, box.id);
    assert.equal(r3.error, null);
    assert.equal(r3.stored, 1);
    assert.equal((await api.get('/api/v1/email/mailboxes', { token: admin.token })).body.items.find((b: { id: number }) => b.id === box.id).lastPollError, null);
    assert.deepEqual(await sealStoredPasswords(t.deps), { sealed: 0, otherKey: 0 });
  });

  test('passwords stored in clear before encryption are polled as they are, then sealed by the next start, once', async () => {
    const account = await imapTestAccount();
    const at = new Date().toISOString();
    const legacy = await t.deps.db
      .insertInto('mailboxes')
      .values(
        [1, 2].map((i) => ({
          name: `Legacy ${i} ${uniq()}`,
          address: `legacy-${uniq()}@example.test`,
          imap_host: account.host,
          imap_port: account.port,
          imap_tls: 0,
          imap_user: account.user,
          imap_password: i === 1 ? account.password : `other clear ${i}`,
          imap_folder: 'INBOX',
          processed_action: 'move',
          processed_folder: 'Processed',
          poll_seconds: 60,
          is_active: 1,
          created_at: at,
          updated_at: at,
        })),
      )
      .returning('id')
      .execute();
    const [id1, id2] = legacy.map((r) => r.id);
    const before = mail();
    await appendMessage(account, before.raw);
    assert.equal((await pollMailbox(t.deps, id1)).stored, 1, 'a clear-text password still works until the start seals it');

    // A real start on the same database and data folder (hence the same key file).
    const server = await serve(
      loadConfig({ GUICHET_DATA: t.dataDir, DATABASE_URL: t.deps.config.databaseUrl ?? '', PORT: '0', GUICHET_JOBS: '0', GUICHET_LOG_LEVEL: 'silent', GUICHET_WEB_DIST: t.deps.config.webDist }),
      { handleSignals: false },
    );
    await server.close();
    const secrets = await secretBoxOf(t.deps.config);
    const sealed1 = await storedPassword(t, id1);
    const sealed2 = await storedPassword(t, id2);
    assert.ok(isSealed(sealed1) && isSealed(sealed2), `${sealed1} ${sealed2}`);
    assert.equal(secrets.open(sealed1, IMAP_PASSWORD_CONTEXT), account.password);
    assert.equal(secrets.open(sealed2, IMAP_PASSWORD_CONTEXT), 'other clear 2');
    assert.equal(fs.statSync(keyFilePath(t.dataDir)).mode & 0o777, 0o600);

    // Already sealed: a second start changes nothing.
    assert.deepEqual(await sealStoredPasswords(t.deps), { sealed: 0, otherKey: 0 });
    assert.equal(await storedPassword(t, id1), sealed1);

    const later = mail();
    await appendMessage(account, later.raw);
    const r = await pollMailbox(t.deps, id1);
    assert.equal(r.error, null);
    assert.equal(r.stored, 1);
  });
});

describe('GUICHET_SECRET_KEY', () => {
  let keyed: TestApp;
  const key = crypto.randomBytes(32);
  before(async () => {
    keyed = await startTestApp({ env: { GUICHET_SECRET_KEY: key.toString('base64') } });
  });
  after(() => keyed.close());

  test('passwords are sealed with the configured key, no key file is made, and polling works', async () => {
    const keyedAdmin = await makeUser(keyed.deps, { roles: ['admin'] });
    const account = await imapTestAccount();
    const box = await createMailbox(keyed, keyedAdmin.token, account);
    const stored = await storedPassword(keyed, box.id);
    assert.equal(sealedKeyId(stored), new SecretBox(key).keyId);
    assert.equal(new SecretBox(key).open(stored, IMAP_PASSWORD_CONTEXT), account.password);
    assert.equal(fs.existsSync(keyFilePath(keyed.dataDir)), false);

    await appendMessage(account, mail().raw);
    const r = await pollMailbox(keyed.deps, box.id);
    assert.equal(r.error, null);
    assert.equal(r.stored, 1);
  });
});
