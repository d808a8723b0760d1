// The real `guichet` binary, spawned against a fresh database (SQLite data directory or
// PostgreSQL database, per GUICHET_TEST_DB).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { systemActor } from '../lib/actor.ts';
import { actorFromToken, forgetCachedActors } from '../modules/auth/auth.service.ts';
import { createTicket } from '../modules/tickets/tickets.service.ts';
import { keyFilePath, loadKeyFile } from '../lib/secret-key.ts';
import { expectExit, freshTarget, runCli, startCli, testDb, type Target } from './test-support.ts';

const targets: Target[] = [];
async function target(kind?: 'sqlite' | 'postgres') {
  const t = await freshTarget(kind);
  targets.push(t);
  return t;
}
after(async () => {
  for (const t of targets) await t.cleanup();
});

const rolesOf = async (t: Target, email: string) => {
  const deps = t.openDeps();
  const rows = await deps.db
    .selectFrom('user_roles')
    .innerJoin('users', 'users.id', 'user_roles.user_id')
    .select('role')
    .where('users.email', '=', email)
    .orderBy('role')
    .execute();
  return rows.map((r) => r.role);
};

test('--help, per-command help, unknown commands and flags; any working directory', async () => {
  const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-cwd-'));
  try {
    const help = expectExit(await runCli(['--help'], { cwd: elsewhere }), 0);
    assert.match(help.stdout, /Usage: guichet <command>/);
    for (const name of ['serve', 'migrate', 'user add', 'token create', 'backup', 'restore', 'demo']) assert.match(help.stdout, new RegExp(`\\n  ${name} `));
    const cmdHelp = expectExit(await runCli(['user', 'add', '--help']), 0);
    assert.match(cmdHelp.stdout, /--role ROLE/);
    assert.match(cmdHelp.stdout, /--organisation NAME_OR_ID/);

    const unknown = expectExit(await runCli(['frobnicate']), 2);
    assert.match(unknown.stderr, /unknown command "frobnicate"/);
    const badFlag = expectExit(await runCli(['token', 'create', '--email', 'a@b.test', '--colour', 'red']), 2);
    assert.match(badFlag.stderr, /Unknown option '--colour'/);
    const missing = expectExit(await runCli(['user', 'add', '--email', 'a@b.test', '--role', 'agent']), 2);
    assert.match(missing.stderr, /Missing --name/);
  } finally {
    fs.rmSync(elsewhere, { recursive: true, force: true });
  }
});

if (testDb === 'sqlite') test('a relative GUICHET_DATA is taken from the working directory', async () => {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-rel-'));
  try {
    const r = expectExit(await runCli(['migrate'], { cwd, env: { GUICHET_DATA: 'here' } }), 0);
    assert.match(r.stdout, /applied 1 migration|applied \d+ migrations/);
    assert.ok(fs.existsSync(path.join(cwd, 'here', 'guichet.sqlite')));
  } finally {
    fs.rmSync(cwd, { recursive: true, force: true });
  }
});

test('user add: roles repeated and comma-separated, organisation by name, duplicate and bad role fail with 1', async () => {
  const t = await target();
  const first = expectExit(await runCli(['migrate'], { env: t.env }), 0);
  assert.match(first.stdout, /20261129000000_create-core-tables/);

  const add = expectExit(
    await runCli(['user', 'add', '--email', 'Lea@Example.test', '--name', 'Léa Martin', '--role', 'agent,supervisor', '--role', 'admin', '--password', 'long enough secret'], { env: t.env }),
    0,
  );
  assert.match(add.stdout, /^Created user \d+ lea@example\.test/m);
  assert.deepEqual(await rolesOf(t, 'lea@example.test'), ['admin', 'agent', 'supervisor']);

  const deps = t.openDeps();
  const org = await deps.db
    .insertInto('organisations')
    .values({ name: 'Mairie de Lyon', created_at: new Date().toISOString(), updated_at: new Date().toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow();
  expectExit(await runCli(['user', 'add', '--email', 'paul@lyon.test', '--name', 'Paul', '--role', 'requester', '--organisation', 'mairie de lyon'], { env: t.env }), 0);
  const paul = await deps.db.selectFrom('users').select(['organisation_id', 'password_hash']).where('email', '=', 'paul@lyon.test').executeTakeFirstOrThrow();
  assert.equal(paul.organisation_id, org.id);
  assert.equal(paul.password_hash, null);

  const dup = expectExit(await runCli(['user', 'add', '--email', 'lea@example.test', '--name', 'Again', '--role', 'agent'], { env: t.env }), 1);
  assert.match(dup.stderr, /already exists/);
  const badRole = expectExit(await runCli(['user', 'add', '--email', 'x@example.test', '--name', 'X', '--role', 'agent,wizard'], { env: t.env }), 1);
  assert.match(badRole.stderr, /Unknown role "wizard"/);
  const noOrg = expectExit(await runCli(['user', 'add', '--email', 'y@example.test', '--name', 'Y', '--role', 'requester', '--organisation', 'Nowhere'], { env: t.env }), 1);
  assert.match(noOrg.stderr, /No organisation/);
  assert.equal((await deps.db.selectFrom('users').select('id').execute()).length, 2);

  const list = expectExit(await runCli(['user', 'list'], { env: t.env }), 0);
  const lines = list.stdout.trim().split('\n');
  assert.match(lines[0], /^ID\s+EMAIL\s+NAME\s+ROLES\s+ORGANISATION\s+ACTIVE$/);
  assert.ok(lines.some((l) => /lea@example\.test\s+Léa Martin\s+agent,supervisor,admin\s+-\s+yes/.test(l)), list.stdout);
  assert.ok(lines.some((l) => /paul@lyon\.test\s+Paul\s+requester\s+Mairie de Lyon\s+yes/.test(l)), list.stdout);
});

test('token create prints the token alone on the last line; it authenticates until revoked', async () => {
  const t = await target();
  expectExit(await runCli(['user', 'add', '--email', 'bot@example.test', '--name', 'Monitoring', '--role', 'agent'], { env: t.env }), 0);
  const created = expectExit(await runCli(['token', 'create', '--email', 'bot@example.test', '--name', 'nagios'], { env: t.env }), 0);
  const lines = created.stdout.trimEnd().split('\n');
  const token = lines[lines.length - 1];
  assert.match(token, /^gch_[A-Za-z0-9_-]{20,}$/);
  assert.match(created.stderr, /shown only this once/);

  const deps = t.openDeps();
  const actor = await actorFromToken(deps, token);
  assert.equal(actor?.email, 'bot@example.test');
  assert.deepEqual(actor?.roles, ['agent']);

  const row = await deps.db.selectFrom('api_tokens').select(['id', 'name']).executeTakeFirstOrThrow();
  assert.equal(row.name, 'nagios');
  const revoked = expectExit(await runCli(['token', 'revoke', '--id', String(row.id)], { env: t.env }), 0);
  assert.match(revoked.stdout, /Revoked API token/);
  forgetCachedActors(deps);
  assert.equal(await actorFromToken(deps, token), undefined);
  expectExit(await runCli(['token', 'revoke', '--id', String(row.id)], { env: t.env }), 1);
});

test('serve: listens, accepts a token from `token create`, runs the recurring jobs, stops cleanly on SIGTERM', async () => {
  const t = await target();
  expectExit(await runCli(['user', 'add', '--email', 'ops@example.test', '--name', 'Ops', '--role', 'supervisor'], { env: t.env }), 0);
  const token = expectExit(await runCli(['token', 'create', '--email', 'ops@example.test'], { env: t.env }), 0).stdout.trim().split('\n').pop();
  const server = startCli(['serve'], { env: { ...t.env, PORT: '0' } });
  try {
    const [, url] = await server.waitFor(/Guichet listening on (http:\/\/127\.0\.0\.1:\d+)/);
    const health = await fetch(`${url}/healthz`);
    assert.equal(health.status, 200);
    assert.deepEqual(await health.json(), { status: 'ok', database: testDb });
    assert.equal((await fetch(`${url}/api/v1/auth/me`)).status, 401);
    // The token printed by `guichet token create` authenticates API calls.
    const me = await fetch(`${url}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(me.status, 200);
    assert.equal((await me.json()).email, 'ops@example.test');
    // The runner's first pass made the recurring jobs exist (and ran them).
    const deps = t.openDeps();
    let keys: (string | null)[] = [];
    const recurring = [
      'recurring:email.outbound-sweep',
      'recurring:email.poll-imap',
      'recurring:email.process-waiting',
      'recurring:problems.detect',
      'recurring:sessions.purge-expired',
      'recurring:sla.backfill',
      'recurring:sla.tick',
      'recurring:tickets.auto-close',
    ];
    for (let i = 0; i < 50 && keys.length < recurring.length; i++) {
      keys = (await deps.db.selectFrom('jobs').select('dedupe_key').orderBy('dedupe_key').execute()).map((r) => r.dedupe_key);
      if (keys.length < recurring.length) await new Promise((r) => setTimeout(r, 100));
    }
    assert.deepEqual(keys, recurring);
  } finally {
    const code = await server.stop('SIGTERM');
    assert.equal(code, 0, server.output());
  }
  assert.match(server.output(), /SIGTERM received: shutting down/);
  assert.match(server.output(), /"msg":"stopped"/);
});

/** Two users and a ticket with a reply, made through the services. */
async function seed(t: Target) {
  expectExit(await runCli(['user', 'add', '--email', 'agent@example.test', '--name', 'Agent Smith', '--role', 'agent', '--password', 'long enough secret'], { env: t.env }), 0);
  const deps = t.openDeps();
  const ticket = await createTicket(deps, systemActor(), {
    title: 'Imprimante du 2e étage hors service',
    description: 'Elle affiche « Bourrage papier » en permanence.',
    requester: { email: 'claire@example.test', name: 'Claire' },
  });
  return { deps, ticket };
}

async function counts(t: Target) {
  const deps = t.openDeps();
  const users = await deps.db.selectFrom('users').select('email').orderBy('email').execute();
  const tickets = await deps.db.selectFrom('tickets').select(['number', 'title']).execute();
  const events = await deps.db.selectFrom('ticket_events').select('id').execute();
  return { users: users.map((u) => u.email), tickets, events: events.length };
}

test('backup while the database is in use, restore into a fresh place: users and tickets survive', async () => {
  const source = await target();
  const { deps } = await seed(source);
  const before = await counts(source);
  assert.equal(before.tickets.length, 1);

  const backupFile = path.join(source.dataDir, '..', testDb === 'sqlite' ? 'backup.sqlite' : 'backup.dump');
  // `deps` keeps a connection open, as a running server would; its start made the key file.
  await loadKeyFile(source.dataDir);
  const made = expectExit(await runCli(['backup', '--out', backupFile], { env: source.env }), 0);
  assert.match(made.stdout, /Backed up .* to /);
  assert.ok(made.stderr.includes(`IMAP passwords in the backup are encrypted with the secret key (${keyFilePath(source.dataDir)}), which is not in it`), made.stderr);
  assert.ok(fs.statSync(backupFile).size > 0);
  const again = expectExit(await runCli(['backup', '--out', backupFile], { env: source.env }), 1);
  assert.match(again.stderr, /already exists/);

  // Changes after the backup are not in it.
  await createTicket(deps, systemActor(), { title: 'After the backup', description: 'Not in it.', requester: { email: 'late@example.test' } });

  const dest = await target();
  const restored = expectExit(await runCli(['restore', backupFile], { env: dest.env }), 0);
  assert.match(restored.stdout, /Restored /);
  assert.ok(restored.stderr.includes(`the secret key of the server that made the backup (GUICHET_SECRET_KEY, or the file ${keyFilePath(dest.dataDir)})`), restored.stderr);
  assert.deepEqual(await counts(dest), before);
});

if (testDb === 'sqlite') test('SQLite restore: refused while the database is open, keeps the previous one, checks the file', async () => {
  const source = await target('sqlite');
  await seed(source);
  const backupFile = path.join(source.dataDir, '..', 'good.sqlite');
  expectExit(await runCli(['backup', '--out', backupFile], { env: source.env }), 0);
  // The backup is one self-contained file: nothing beside it.
  assert.deepEqual(fs.readdirSync(path.dirname(backupFile)).filter((f) => f.startsWith('good.sqlite')), ['good.sqlite']);

  const dest = await target('sqlite');
  expectExit(await runCli(['user', 'add', '--email', 'only-here@example.test', '--name', 'Local', '--role', 'agent'], { env: dest.env }), 0);
  const deps = dest.openDeps();
  await deps.db.selectFrom('users').select('id').execute(); // an open, used connection: a "server"
  const busy = expectExit(await runCli(['restore', backupFile], { env: dest.env }), 1);
  assert.match(busy.stderr, /in use by another process/);
  await deps.dbHandle.close();

  const ok = expectExit(await runCli(['restore', backupFile], { env: dest.env }), 0);
  const kept = fs.readdirSync(dest.dataDir).filter((f) => f.startsWith('guichet.sqlite.before-restore-'));
  assert.equal(kept.length, 1, fs.readdirSync(dest.dataDir).join(', '));
  assert.match(ok.stdout, /kept as .*before-restore-\d{8}T\d{6}Z/);
  const old = new SQLite(path.join(dest.dataDir, kept[0]), { readonly: true });
  assert.deepEqual(old.prepare('select email from users').all(), [{ email: 'only-here@example.test' }]);
  old.close();
  assert.deepEqual((await counts(dest)).users, ['agent@example.test', 'claire@example.test']);
  assert.ok(!fs.existsSync(path.join(dest.dataDir, 'guichet.sqlite-wal')) || fs.statSync(path.join(dest.dataDir, 'guichet.sqlite-wal')).size === 0);

  const other = path.join(source.dataDir, '..', 'other.sqlite');
  const foreign = new SQLite(other);
  foreign.exec('create table notes (t text)');
  foreign.close();
  const notOurs = expectExit(await runCli(['restore', other], { env: dest.env }), 1);
  assert.match(notOurs.stderr, /not a Guichet one/);
  const junk = path.join(source.dataDir, '..', 'junk.bin');
  fs.writeFileSync(junk, 'hello, not a database at all');
  expectExit(await runCli(['restore', junk], { env: dest.env }), 1);
  // Refusals left the restored database in place.
  assert.deepEqual((await counts(dest)).users, ['agent@example.test', 'claire@example.test']);
});

if (testDb === 'postgres') test('PostgreSQL restore refuses while other connections are open, unless --force', async () => {
  const source = await target('postgres');
  const { deps } = await seed(source);
  const backupFile = path.join(source.dataDir, '..', 'pg.dump');
  expectExit(await runCli(['backup', '--out', backupFile], { env: source.env }), 0);
  // Hold a connection for the duration: the pool closes idle ones after 10 s, which a slow
  // backup on a loaded machine outlasts (the "server" would have seemed gone).
  const busy = await deps.db.connection().execute(async (held) => {
    await held.selectFrom('users').select('id').execute();
    return expectExit(await runCli(['restore', backupFile], { env: source.env }), 1);
  });
  assert.match(busy.stderr, /other connection/);
  expectExit(await runCli(['restore', '--force', backupFile], { env: source.env }), 0);
  assert.equal((await counts(source)).tickets.length, 1);
});
