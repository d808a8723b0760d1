// `npm run bench:email [-- --messages N --connections C --db sqlite|postgres --no-imap --cpu-prof DIR]`
//
// The email channel under load, on realistic mail (plain text, text+HTML from Outlook-like
// clients, 20–200 KB attachments, quoted replies, full header sets):
//   parse  mailparser's simpleParser per message, as inbound processing runs it
//   smtp   the real server (`guichet serve` as a child process, so the client shares no event
//          loop with it) fed over C parallel SMTP connections: messages/s from the first
//          connection to the last 250, then until every message is processed into a ticket
//   imap   the same number of messages appended to a throwaway Dovecot, drained by
//          pollMailbox (in this process) until stored and processed
// Embedded SQLite in a temp dir by default; DATABASE_URL for PostgreSQL. One JSON object on
// stdout; progress on stderr.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import pino from 'pino';
import { loadConfig } from '../server/src/config.ts';
import { openDb } from '../server/src/db/db.ts';
import type { Deps } from '../server/src/lib/deps.ts';
import { systemClock } from '../server/src/lib/clock.ts';
import { createLiveBus } from '../server/src/lib/live-bus.ts';
import { processPendingInbound } from '../server/src/modules/email/inbound.service.ts';
import { pollMailbox } from '../server/src/modules/email/imap-poller.ts';
import { IMAP_PASSWORD_CONTEXT } from '../server/src/modules/email/mailboxes.service.ts';
import { secretBoxOf } from '../server/src/lib/secret-key.ts';
import { appendMessages } from '../server/src/test/imap.ts';
import { machineFacts } from './machine.ts';
import { startCli, type RunningCli } from '../server/src/cli/test-support.ts';
import { generateCorpus, HELPDESK, type Kind } from './email-corpus.ts';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const log = (msg: string) => process.stderr.write(`[bench:email] ${msg}\n`);
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
// inbound.service.ts parses with these options.
const PARSE_OPTIONS = { skipTextToHtml: true, skipImageLinks: true, keepCidLinks: true } as const;

function options() {
  const { values } = parseArgs({
    options: {
      messages: { type: 'string', default: process.env.BENCH_MESSAGES ?? '2000' },
      connections: { type: 'string', default: '8' },
      db: { type: 'string', default: process.env.BENCH_DB ?? (process.env.DATABASE_URL ? 'postgres' : 'sqlite') },
      seed: { type: 'string', default: '20261204' },
      'no-imap': { type: 'boolean', default: false },
      'cpu-prof': { type: 'string' },
    },
  });
  const int = (name: string, v: string, min: number) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer ≥ ${min}, not ${JSON.stringify(v)}`);
    return n;
  };
  if (values.db !== 'sqlite' && values.db !== 'postgres') throw new Error('--db must be sqlite or postgres');
  if (values.db === 'postgres' && !process.env.DATABASE_URL) throw new Error('--db postgres needs DATABASE_URL');
  return {
    messages: int('messages', values.messages!, 10),
    connections: int('connections', values.connections!, 1),
    db: values.db as 'sqlite' | 'postgres',
    seed: int('seed', values.seed!, 0),
    imap: !values['no-imap'],
    cpuProfDir: values['cpu-prof'] ? path.resolve(values['cpu-prof']) : undefined,
  };
}

// ---------------------------------------------------------------- measuring

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : 0;
}

function stats(values: number[]) {
  const s = [...values].sort((a, b) => a - b);
  return { p50: round(percentile(s, 50), 2), p95: round(percentile(s, 95), 2), p99: round(percentile(s, 99), 2), max: round(s[s.length - 1] ?? 0, 2), mean: round(s.reduce((a, b) => a + b, 0) / (s.length || 1), 2) };
}

/** CPU ms used so far by a process (Linux /proc; 0 elsewhere). */
function processCpuMs(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10; // utime + stime, USER_HZ = 100
  } catch {
    return 0;
  }
}

/** Busy CPU ms of the whole machine so far. */
function machineBusyMs(): number {
  try {
    const [user, nice, system, , , irq, softirq, steal] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1, 9).map(Number);
    return (user + nice + system + irq + softirq + steal) * 10;
  } catch {
    return 0;
  }
}

async function measureParse(raws: Buffer[], kinds: Kind[]) {
  for (const raw of raws.slice(0, 50)) await simpleParser(raw, PARSE_OPTIONS); // warm-up
  const ms: number[] = [];
  for (const raw of raws) {
    const t = performance.now();
    await simpleParser(raw, PARSE_OPTIONS);
    ms.push(performance.now() - t);
  }
  const byKind = Object.fromEntries((['plain', 'alternative', 'attachment', 'reply'] as const).map((k) => [k, stats(ms.filter((_, i) => kinds[i] === k)).p50]));
  return { ...stats(ms), p50ByKind: byKind, totalSeconds: round(ms.reduce((a, b) => a + b, 0) / 1000, 2) };
}

interface Server { cli: RunningCli; smtpPort: number }

async function startServer(env: Record<string, string>, cpuProfDir: string | undefined): Promise<Server> {
  const cli = startCli(['serve'], { env, nodeArgs: cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`] : [] });
  const [, port] = await cli.waitFor(/SMTP listener on [^"\s]+:(\d+)/, 60_000);
  return { cli, smtpPort: Number(port) };
}

/** Sends every message over `connections` SMTP connections, each taking the next one left. */
async function sendAll(port: number, raws: Buffer[], connections: number, envelopeFrom: (raw: Buffer) => string) {
  let next = 0;
  const latencies: number[] = [];
  const failures: string[] = [];
  let lastAck = 0;
  const worker = async () => {
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, pool: true, maxConnections: 1, maxMessages: Infinity, socketTimeout: 60_000 });
    try {
      while (next < raws.length) {
        const raw = raws[next++];
        const t = performance.now();
        try {
          const info = await transport.sendMail({ envelope: { from: envelopeFrom(raw), to: [HELPDESK] }, raw });
          if (!/^250/.test(info.response)) failures.push(info.response);
        } catch (err) {
          failures.push(err instanceof Error ? err.message : String(err));
        }
        lastAck = performance.now();
        latencies.push(lastAck - t);
      }
    } finally {
      transport.close();
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: connections }, worker));
  return { seconds: (lastAck - started) / 1000, latencies, failures };
}

const fromOf = (raw: Buffer) => /^From: .*<([^>]+)>/m.exec(raw.subarray(0, 8192).toString('latin1'))?.[1] ?? '';

/** The last stored message's id: what a phase stores comes after it. */
async function lastInboundId(deps: Deps): Promise<number> {
  const row = await deps.db.selectFrom('inbound_messages').select((eb) => eb.fn.max('id').as('id')).executeTakeFirstOrThrow();
  return Number(row.id ?? 0);
}

async function statusCounts(deps: Deps, afterId: number) {
  const rows = await deps.db
    .selectFrom('inbound_messages')
    .select(['status', 'outcome', (eb) => eb.fn.countAll<number>().as('n')])
    .where('id', '>', afterId)
    .groupBy(['status', 'outcome'])
    .execute();
  return Object.fromEntries(rows.map((r) => [`${r.status}${r.outcome ? `:${r.outcome}` : ''}`, Number(r.n)]));
}

// Counted from the (status, received_at) index alone: a query that reads other columns
// walks each row's raw message (overflow pages on SQLite) and costs the server its CPU.
async function waitProcessed(deps: Deps, afterId: number, n: number, timeoutMs: number): Promise<void> {
  const count = (status?: string) => {
    let q = deps.db.selectFrom('inbound_messages').select((eb) => eb.fn.countAll<number>().as('n')).where('id', '>', afterId);
    if (status) q = q.where('status', '=', status);
    return q.executeTakeFirstOrThrow().then((r) => Number(r.n));
  };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await count('received')) === 0) {
      const stored = await count();
      if (stored < n) throw new Error(`only ${stored} of ${n} messages were stored`);
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`not all ${n} messages were processed within ${timeoutMs / 1000} s`);
}

async function measureSmtp(opts: ReturnType<typeof options>, raws: Buffer[], env: Record<string, string>, deps: () => Deps) {
  const warm = await generateCorpus(opts.seed + 7, 60, 'warm');
  const server = await startServer(env, opts.cpuProfDir);
  try {
    log(`server up (pid ${server.cli.pid}, SMTP port ${server.smtpPort}); warm-up with ${warm.raws.length} messages`);
    const beforeWarm = await lastInboundId(deps());
    await sendAll(server.smtpPort, warm.raws, opts.connections, fromOf);
    await waitProcessed(deps(), beforeWarm, warm.raws.length, 120_000);
    const before = await lastInboundId(deps());

    const pid = server.cli.pid;
    const monoUs = () => Number(process.hrtime.bigint() / 1000n); // V8 profiles' time base
    const window: Record<string, number> = { intakeStart: monoUs() };
    const cpu0 = { server: processCpuMs(pid), client: process.cpuUsage(), machine: machineBusyMs(), t: performance.now() };
    const sent = await sendAll(server.smtpPort, raws, opts.connections, fromOf);
    const cpu1 = { server: processCpuMs(pid), client: process.cpuUsage(cpu0.client), machine: machineBusyMs(), t: performance.now() };
    window.intakeEnd = monoUs();
    log(`SMTP: ${raws.length} messages in ${sent.seconds.toFixed(2)} s (${Math.round(raws.length / sent.seconds)}/s), ${sent.failures.length} failures`);
    const benchCpu0 = process.cpuUsage();
    await waitProcessed(deps(), before, raws.length, 600_000);
    const benchCpu = process.cpuUsage(benchCpu0);
    const processedSeconds = (performance.now() - cpu0.t) / 1000;
    const cpu2 = { server: processCpuMs(pid), machine: machineBusyMs(), t: performance.now() };
    window.processedEnd = monoUs();
    log(`processed into tickets ${processedSeconds.toFixed(2)} s after the first connection`);

    const wall1 = cpu1.t - cpu0.t;
    const clientMs = (cpu1.client.user + cpu1.client.system) / 1000;
    const serverIntakeMs = cpu1.server - cpu0.server;
    const pct = (ms: number, wall: number) => Math.round((ms / wall) * 100);
    return {
      connections: opts.connections,
      failures: sent.failures.length,
      firstFailure: sent.failures[0] ?? null,
      intakeSeconds: round(sent.seconds, 2),
      intakeMsgsPerSec: Math.round(raws.length / sent.seconds),
      intakeMBPerSec: round(raws.reduce((a, r) => a + r.length, 0) / 1024 / 1024 / sent.seconds),
      ackLatencyMs: stats(sent.latencies),
      processedSeconds: round(processedSeconds, 2),
      endToEndMsgsPerSec: Math.round(raws.length / processedSeconds),
      // While the intake ran: server and client CPU, and everyone else's, as % of one core.
      intakeServerCpuPct: pct(serverIntakeMs, wall1),
      intakeClientCpuPct: pct(clientMs, wall1),
      intakeOtherCpuPct: Math.max(0, pct(cpu1.machine - cpu0.machine - serverIntakeMs - clientMs, wall1)),
      serverCpuMsPerMsgTotal: round((cpu2.server - cpu0.server) / raws.length, 2),
      processingServerCpuPct: pct(cpu2.server - cpu1.server, cpu2.t - cpu1.t),
      // This process only polls the database meanwhile; "other" includes the kernel's writeback.
      otherCpuPctWhileProcessing: Math.max(0, pct(cpu2.machine - cpu1.machine - (cpu2.server - cpu1.server) - (benchCpu.user + benchCpu.system) / 1000, cpu2.t - cpu1.t)),
      outcomes: await statusCounts(deps(), before),
      ...(opts.cpuProfDir ? { profileDir: opts.cpuProfDir, profileWindowUs: window } : {}),
    };
  } finally {
    await server.cli.stop('SIGTERM');
  }
}

async function measureImap(opts: ReturnType<typeof options>, deps: Deps) {
  const { raws } = await generateCorpus(opts.seed + 1, opts.messages, 'imap');
  const dovecotModule = pathToFileURL(path.join(root, 'scripts/dovecot.mjs')).href;
  const { startDovecot } = (await import(dovecotModule)) as { startDovecot(o: { accounts: number }): Promise<{ host: string; port: number; password: string; stop(): Promise<void> }> };
  const imap = await startDovecot({ accounts: 1 });
  try {
    const account = { host: imap.host, port: imap.port, user: 'box1@test', password: imap.password };
    let t = performance.now();
    await appendMessages(account, raws);
    const appendSeconds = (performance.now() - t) / 1000;
    log(`IMAP: appended ${raws.length} messages in ${appendSeconds.toFixed(1)} s`);
    const at = new Date().toISOString();
    const before = await lastInboundId(deps);
    const box = await deps.db
      .insertInto('mailboxes')
      .values({ name: 'Bench IMAP', address: `imap-bench-${Date.now()}@helpdesk.test`, imap_host: imap.host, imap_port: imap.port, imap_tls: 0, imap_user: account.user, imap_password: (await secretBoxOf(deps.config)).seal(account.password, IMAP_PASSWORD_CONTEXT), imap_folder: 'INBOX', processed_action: 'move', processed_folder: 'Processed', poll_seconds: 60, is_active: 1, created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    const cpu0 = process.cpuUsage();
    t = performance.now();
    let polls = 0;
    let stored = 0;
    for (;;) {
      const r = await pollMailbox(deps, box.id);
      polls++;
      stored += r.stored;
      if (r.error) throw new Error(`IMAP poll failed: ${r.error}`);
      if (r.remaining === 0) break;
    }
    const storedSeconds = (performance.now() - t) / 1000;
    await processPendingInbound(deps);
    const processedSeconds = (performance.now() - t) / 1000;
    const cpu = process.cpuUsage(cpu0);
    log(`IMAP: ${stored} stored in ${storedSeconds.toFixed(2)} s over ${polls} polls, processed after ${processedSeconds.toFixed(2)} s`);
    await deps.db.updateTable('mailboxes').set({ is_active: 0 }).where('id', '=', box.id).execute();
    return {
      appendSeconds: round(appendSeconds),
      polls,
      stored,
      storedSeconds: round(storedSeconds, 2),
      storedMsgsPerSec: Math.round(stored / storedSeconds),
      processedSeconds: round(processedSeconds, 2),
      endToEndMsgsPerSec: Math.round(stored / processedSeconds),
      cpuMsPerMsg: round((cpu.user + cpu.system) / 1000 / stored, 2),
      outcomes: await statusCounts(deps, before),
    };
  } finally {
    await imap.stop();
  }
}

async function main() {
  const opts = options();
  const machine = machineFacts();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-bench-email-'));
  const env: Record<string, string> = { GUICHET_DATA: dataDir, HOST: '127.0.0.1', PORT: '0', GUICHET_SMTP_PORT: '0', GUICHET_JOBS: '1', GUICHET_LOG_LEVEL: 'info' };
  if (process.env.GUICHET_WEB_DIST) env.GUICHET_WEB_DIST = process.env.GUICHET_WEB_DIST;
  if (opts.db === 'postgres') env.DATABASE_URL = process.env.DATABASE_URL!;
  let deps: Deps | undefined;
  // Opened after the server has migrated the database.
  const openDeps = () => {
    if (deps) return deps;
    const config = loadConfig({ ...env, GUICHET_LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv);
    const dbHandle = openDb({ databaseUrl: config.databaseUrl, dataDir, poolSize: 4, sqliteSynchronous: config.sqliteSynchronous });
    const logger = pino({ level: 'silent' });
    return (deps = { config, db: dbHandle.db, dialect: dbHandle.dialect, dbHandle, clock: systemClock, logger, live: createLiveBus(dbHandle, logger, { databaseUrl: config.databaseUrl }) });
  };
  try {
    log(`generating ${opts.messages} messages`);
    const corpus = await generateCorpus(opts.seed, opts.messages, 'smtp');
    const sizes = corpus.raws.map((r) => r.length / 1024);
    const kinds = Object.fromEntries((['plain', 'alternative', 'attachment', 'reply'] as const).map((k) => [k, corpus.kinds.filter((x) => x === k).length]));
    log(`corpus: mean ${round(sizes.reduce((a, b) => a + b, 0) / sizes.length)} KB, ${JSON.stringify(kinds)}; parsing each`);
    const parse = await measureParse(corpus.raws, corpus.kinds);
    log(`parse: p50 ${parse.p50} ms, p95 ${parse.p95} ms, p99 ${parse.p99} ms`);
    const smtp = await measureSmtp(opts, corpus.raws, env, openDeps);
    const imap = opts.imap ? await measureImap(opts, openDeps()) : null;
    const figures = {
      date: new Date().toISOString().slice(0, 10),
      db: opts.db,
      ...machine,
      messages: opts.messages,
      corpus: { kinds, sizeKB: { ...stats(sizes), total: Math.round(sizes.reduce((a, b) => a + b, 0)) } },
      parseMs: parse,
      smtp,
      imap,
    };
    process.stdout.write(JSON.stringify(figures, null, 2) + '\n');
  } finally {
    await deps?.dbHandle.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
