// Crash safety of the SMTP channel, end to end with the real server process: a batch of mail
// is sent over several connections, the server is SIGKILLed in the middle, restarted on the
// same data, and the whole batch is sent again (what a retrying MTA does for the messages it
// got no 250 for; the others arrive as duplicates). Every message must then be stored once,
// every acknowledged one must have survived the kill, and each must make exactly one ticket.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { Deps } from '../../lib/deps.ts';
import { createPgDatabase, openTestDeps, testDb, type PgTestDatabase } from '../../test/databases.ts';
import { startCli, type RunningCli } from '../../cli/test-support.ts';

const BATCH = 200;
const KILL_AFTER = 70; // acknowledged messages before the kill
const CONNECTIONS = 4;
const RUN = crypto.randomBytes(4).toString('hex');

interface Server {
  cli: RunningCli;
  smtpPort: number;
}

const servers: RunningCli[] = [];
let dataDir: string;
let pgDb: PgTestDatabase | undefined;
let deps: Deps | undefined;

before(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-smtp-crash-'));
  if (testDb === 'postgres') pgDb = await createPgDatabase({ migrated: true, prefix: 'smtpcrash' });
});

after(async () => {
  await Promise.all(servers.map((s) => s.stop('SIGKILL')));
  await deps?.dbHandle.close();
  await pgDb?.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** `guichet serve` as its own process; resolves once its SMTP listener greets. */
async function startServer(): Promise<Server> {
  const cli = startCli(['serve'], {
    env: {
      HOST: '127.0.0.1',
      PORT: '0',
      GUICHET_DATA: dataDir,
      GUICHET_SMTP_PORT: '0',
      GUICHET_JOBS: '1',
      GUICHET_LOG_LEVEL: 'info',
      ...(process.env.GUICHET_WEB_DIST ? { GUICHET_WEB_DIST: process.env.GUICHET_WEB_DIST } : {}),
      ...(pgDb ? { DATABASE_URL: pgDb.url } : {}),
    },
  });
  servers.push(cli);
  // Generous: a cold `tsx` start of the whole server takes long on a loaded 2-core machine.
  const [, port] = await cli.waitFor(/SMTP listener on [^"\s]+:(\d+)/, 90_000);
  return { cli, smtpPort: Number(port) };
}

function rawMessage(i: number): Buffer {
  const lines = [
    `From: Sender ${i} <sender-${i}.${RUN}@example.test>`,
    'To: Helpdesk <help@helpdesk.test>',
    `Subject: Crash ${RUN} #${i}`,
    `Message-ID: <crash-${i}.${RUN}@example.test>`,
    `Date: ${new Date(Date.UTC(2026, 10, 30, 9, 0, i % 60)).toUTCString().replace('GMT', '+0000')}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    `Bonjour, message ${i} : l'imprimante du 3e étage ne répond plus.`,
    'Merci.',
    '',
  ];
  return Buffer.from(lines.join('\r\n'));
}

const messageId = (i: number) => `crash-${i}.${RUN}@example.test`;

type Outcome = { ok: true; response: string } | { ok: false; error: string };

/**
 * Sends messages `indexes` over CONNECTIONS parallel connections, in order within each.
 * `onAck` runs after every 250; once `stop()` says so, the rest is not attempted.
 */
async function sendAll(port: number, indexes: number[], onAck: (i: number) => void = () => {}, stop: () => boolean = () => false): Promise<Map<number, Outcome>> {
  const outcomes = new Map<number, Outcome>();
  const worker = async (share: number[]) => {
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, pool: true, maxConnections: 1, maxMessages: Infinity, connectionTimeout: 5_000, greetingTimeout: 5_000, socketTimeout: 10_000 });
    try {
      for (const i of share) {
        if (stop()) break;
        try {
          const info = await transport.sendMail({ envelope: { from: `sender-${i}.${RUN}@example.test`, to: ['help@helpdesk.test'] }, raw: rawMessage(i) });
          outcomes.set(i, { ok: true, response: info.response });
          if (/^250/.test(info.response)) onAck(i);
        } catch (err) {
          outcomes.set(i, { ok: false, error: err instanceof Error ? err.message : String(err) });
        }
      }
    } finally {
      transport.close();
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, (_, w) => worker(indexes.filter((i) => i % CONNECTIONS === w))));
  return outcomes;
}

async function waitUntilProcessed(d: Deps, ids: string[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let waiting = ids.length;
  while (Date.now() < deadline) {
    const row = await d.db
      .selectFrom('inbound_messages')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('message_id', 'in', ids)
      .where('status', '<>', 'received')
      .executeTakeFirstOrThrow();
    waiting = ids.length - Number(row.n);
    if (waiting === 0) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  assert.fail(`${waiting} of ${ids.length} messages were still unprocessed ${timeoutMs / 1000} s after the restart`);
}

test(`SIGKILL in the middle of an SMTP batch: after a restart and a full resend, each of ${BATCH} messages is stored once and makes one ticket`, { timeout: 300_000 }, async (t) => {
  const all = Array.from({ length: BATCH }, (_, i) => i);

  // 1. Send, and kill the server once KILL_AFTER messages were acknowledged.
  const first = await startServer();
  const ackedBeforeKill = new Set<number>();
  let killed = false;
  const before = await sendAll(
    first.smtpPort,
    all,
    (i) => {
      ackedBeforeKill.add(i);
      if (!killed && ackedBeforeKill.size >= KILL_AFTER) {
        killed = true;
        void first.cli.stop('SIGKILL');
      }
    },
    () => killed,
  );
  assert.equal(await first.cli.killedBy, 'SIGKILL');
  const failedBeforeKill = [...before.values()].filter((o) => !o.ok).length;
  assert.ok(ackedBeforeKill.size >= KILL_AFTER && ackedBeforeKill.size < BATCH, `the kill fell mid-batch (${ackedBeforeKill.size} acknowledged)`);
  assert.ok(failedBeforeKill > 0 || before.size < BATCH, 'some messages were cut off by the kill');

  // 2. Restart on the same data and resend everything.
  const second = await startServer();
  const resent = await sendAll(second.smtpPort, all);
  const notAccepted = all.filter((i) => {
    const o = resent.get(i);
    return !o || !o.ok || !/^250/.test(o.response);
  });
  assert.deepEqual(notAccepted, [], 'after the restart every message is accepted');
  // What was acknowledged before the kill was durable: the resend finds it stored.
  const lost = [...ackedBeforeKill].filter((i) => !/Already received/.test((resent.get(i) as { response: string }).response));
  assert.deepEqual(lost, [], 'every message acknowledged before the kill survived it');

  // 3. Wait for processing (messages stored before the kill are taken up by the recovery sweep).
  deps = openTestDeps({ dataDir, databaseUrl: pgDb?.url, poolSize: 2 });
  const ids = all.map(messageId);
  const waitStarted = Date.now();
  await waitUntilProcessed(deps, ids, 75_000);
  const storedBefore = [...resent.values()].filter((o) => o.ok && /Already received/.test(o.response)).length;
  t.diagnostic(
    `before the kill: ${ackedBeforeKill.size} acknowledged, ${failedBeforeKill} cut off; stored before the kill: ${storedBefore}; ` +
      `all processed ${((Date.now() - waitStarted) / 1000).toFixed(1)} s after the resend`,
  );

  const rows = await deps.db.selectFrom('inbound_messages').select(['id', 'message_id', 'status', 'outcome', 'ticket_id', 'error']).where('message_id', 'in', ids).execute();
  assert.equal(rows.length, BATCH, 'each message stored exactly once');
  assert.equal(new Set(rows.map((r) => r.message_id)).size, BATCH);
  const notMade = rows.filter((r) => r.status !== 'processed' || r.outcome !== 'ticket_created' || r.ticket_id === null);
  assert.deepEqual(notMade, [], 'each message made a ticket');

  const tickets = await deps.db.selectFrom('tickets').select(['id', 'title']).where('title', 'like', `Crash ${RUN} #%`).execute();
  assert.equal(tickets.length, BATCH, 'one ticket per message, none twice');
  assert.equal(new Set(tickets.map((t) => t.title)).size, BATCH);
  assert.deepEqual(new Set(tickets.map((t) => t.id)), new Set(rows.map((r) => r.ticket_id)));

  // Each ticket's created event names the stored message it came from, and no other does.
  const created = await deps.db
    .selectFrom('ticket_events')
    .select(['ticket_id', 'data'])
    .where('kind', '=', 'created')
    .where(
      'ticket_id',
      'in',
      tickets.map((t) => t.id),
    )
    .execute();
  const inboundOf = new Map(created.map((e) => [e.ticket_id, (JSON.parse(e.data ?? '{}') as { email?: { inboundId?: number } }).email?.inboundId]));
  assert.equal(created.length, BATCH);
  for (const r of rows) assert.equal(inboundOf.get(r.ticket_id!), r.id, `ticket ${r.ticket_id} comes from inbound message ${r.id}`);

  const stopped = await Promise.race([second.cli.stop('SIGTERM'), new Promise((r) => setTimeout(() => r('still running 15 s after SIGTERM'), 15_000))]);
  assert.equal(stopped, 0, 'the restarted server stops cleanly');
});
