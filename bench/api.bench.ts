// `npm run bench [-- --tickets N --seconds S --warmup S --db sqlite|postgres --keep]`
//
// Loads N tickets with their timelines into a fresh database (embedded SQLite in a temp
// dir by default), starts the real app on 127.0.0.1, drives it with autocannon from a child
// process, and prints one JSON object on stdout; progress goes to stderr.
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Fastify from 'fastify';
import { sql } from 'kysely';
import pino from 'pino';
import { buildApp } from '../server/src/app.ts';
import { loadConfig } from '../server/src/config.ts';
import { openDb } from '../server/src/db/db.ts';
import { migrateToLatest } from '../server/src/db/migrate.ts';
import type { Deps } from '../server/src/lib/deps.ts';
import { systemClock } from '../server/src/lib/clock.ts';
import { loadFixtures, type Fixtures } from './load-fixtures.ts';
import type { LoadResult, LoadSpec, PooledRequest } from './load-client.ts';
import { measurePostgresRawInserts, measureSqliteRawInserts } from './raw-insert.ts';
import { seededRandom, type Rng } from '../common/seeded-random.ts';
import { cpuWindow, machineFacts } from './machine.ts';
import { createLiveBus } from '../server/src/lib/live-bus.ts';
import { SEARCH_TERMS, TEMPLATES } from './vocabulary.ts';
import { createBenchViews, timeViewCountsAfterWrite, timeViewCountsCold } from './view-counts.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
const round1 = (n: number) => Math.round(n * 10) / 10;

/** Concurrency: throughput runs saturate the server; latency runs model a few busy agents. */
const CONNECTIONS = { create: [1, 32], get: 32, list: 4, search: 4, counts: 4, httpCeiling: 32 } as const;
const DEEP_ROWS = 50_000; // page 1,000 of limit 50

function options() {
  const { values } = parseArgs({
    options: {
      tickets: { type: 'string', default: process.env.BENCH_TICKETS ?? '100000' },
      seconds: { type: 'string', default: process.env.BENCH_SECONDS ?? '8' },
      warmup: { type: 'string', default: process.env.BENCH_WARMUP ?? '1' },
      db: { type: 'string', default: process.env.BENCH_DB ?? 'sqlite' },
      seed: { type: 'string', default: '20261129' },
      keep: { type: 'boolean', default: false },
    },
  });
  const num = (name: string, v: string, min: number) => {
    const n = Number(v);
    if (!Number.isFinite(n) || n < min) throw new Error(`--${name} must be a number ≥ ${min}, not ${JSON.stringify(v)}`);
    return n;
  };
  if (values.db !== 'sqlite' && values.db !== 'postgres') throw new Error('--db must be sqlite or postgres');
  if (values.db === 'postgres' && !process.env.DATABASE_URL) throw new Error('--db postgres needs DATABASE_URL (an empty database)');
  return {
    tickets: Math.round(num('tickets', values.tickets!, 10)),
    seconds: num('seconds', values.seconds!, 0.2),
    warmup: num('warmup', values.warmup!, 0),
    db: values.db as 'sqlite' | 'postgres',
    seed: num('seed', values.seed!, 0),
    keep: values.keep!,
  };
}

/** The autocannon child process, driven over IPC. */
function startLoadClient() {
  const child = fork(path.join(here, 'load-client.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  let nextId = 1;
  const waiting = new Map<number, { resolve: (r: LoadResult) => void; reject: (e: Error) => void }>();
  child.on('message', (m: { id: number; result?: LoadResult; error?: string }) => {
    const w = waiting.get(m.id);
    waiting.delete(m.id);
    if (m.error) w?.reject(new Error(m.error));
    else w?.resolve(m.result!);
  });
  child.on('exit', (code) => {
    for (const w of waiting.values()) w.reject(new Error(`load client exited (${code})`));
  });
  return {
    run: (spec: LoadSpec) =>
      new Promise<LoadResult>((resolve, reject) => {
        const id = nextId++;
        waiting.set(id, { resolve, reject });
        child.send({ id, spec });
      }),
    stop: () => child.connected && child.disconnect(),
  };
}

type Scenario = LoadResult & { connections: number; serverCpuUsPerReq: number; serverCpuPct: number; clientCpuPct: number; otherCpuPct: number | null };

async function main() {
  const opts = options();
  const startedAt = Date.now();
  const machine = machineFacts();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-bench-'));
  const env: Record<string, string> = { GUICHET_DATA: dataDir, GUICHET_LOG_LEVEL: 'silent', GUICHET_JOBS: '0' };
  if (opts.db === 'postgres') env.DATABASE_URL = process.env.DATABASE_URL!;
  const config = loadConfig(env as NodeJS.ProcessEnv);
  const dbHandle = openDb({ databaseUrl: config.databaseUrl, dataDir, poolSize: config.pgPoolSize, sqliteSynchronous: config.sqliteSynchronous });
  const deps: Deps = { config, db: dbHandle.db, dialect: dbHandle.dialect, dbHandle, clock: systemClock, logger: pino({ level: 'silent' }), live: createLiveBus(dbHandle, pino({ level: 'silent' }), { databaseUrl: config.databaseUrl }) };
  const client = startLoadClient();
  const servers: { close(): Promise<unknown> }[] = [];
  try {
    log(`${opts.db} database in ${opts.db === 'sqlite' ? dataDir : 'DATABASE_URL'}; loading ${opts.tickets.toLocaleString('en')} tickets`);
    await migrateToLatest(dbHandle.db);
    const loadStarted = performance.now();
    const fx = await loadFixtures(deps, { tickets: opts.tickets, seed: opts.seed, progress: log });
    dbHandle.sqlite?.pragma('wal_checkpoint(TRUNCATE)');
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    const dbSizeMB = await databaseSizeMB(deps, dbHandle.sqlitePath);
    const rssAfterLoadMB = mb(process.memoryUsage().rss);
    log(`loaded in ${loadSeconds.toFixed(1)} s; database ${dbSizeMB} MB; RSS ${rssAfterLoadMB} MB`);

    // The bench's agent also supervises, for the supervisor's overview.
    await deps.db.insertInto('user_roles').values({ user_id: fx.agent.id, role: 'supervisor' }).execute();
    const app = await buildApp(deps);
    servers.push(app);
    const url = await listen(app);
    const headers = { authorization: `Bearer ${fx.agent.token}`, 'content-type': 'application/json' };
    const rng = seededRandom(opts.seed + 1);
    const scenarios: Record<string, Scenario> = {};

    const measure = async (name: string, connections: number, pool: PooledRequest[], target = url) => {
      for (const r of pool.slice(0, 3)) await preflight(target, headers, r);
      const spec = { url: target, connections, headers, pool };
      if (opts.warmup > 0) await client.run({ ...spec, seconds: opts.warmup });
      const cpu = cpuWindow();
      const r = await client.run({ ...spec, seconds: opts.seconds });
      const s: Scenario = { connections, ...r, ...cpu(r.clientCpuMs, r.ok) };
      scenarios[name] = s;
      const failed = r.non2xx || r.errors ? `  FAILED ${r.non2xx + r.errors} ${JSON.stringify(r.statusCodes)}` : '';
      log(
        `${name.padEnd(14)} c=${String(connections).padEnd(3)}${String(r.reqPerSec).padStart(7)} req/s  p50 ${r.p50Ms} ms  p99 ${r.p99Ms} ms  ` +
          `server ${s.serverCpuUsPerReq} µs CPU/req (CPU: server ${s.serverCpuPct}%, autocannon ${s.clientCpuPct}%, other processes ${s.otherCpuPct ?? '?'}%)${failed}`,
      );
      return s;
    };

    // The HTTP stack alone on this machine: a bare Fastify route, no auth, no database.
    const bare = Fastify();
    servers.push(bare);
    bare.get('/ping', async () => ({ ok: true }));
    const httpCeiling = await measure('httpCeiling', CONNECTIONS.httpCeiling, [{ method: 'GET', path: '/ping' }], await listen(bare));
    await bare.close();

    // Reads first, on exactly N tickets; creation afterwards adds tickets.
    const ids = Array.from({ length: 5_000 }, () => fx.firstTicketId + rng.int(fx.tickets));
    const get = await measure('get', CONNECTIONS.get, ids.map((id) => ({ method: 'GET', path: `/api/v1/tickets/${id}` })));
    const listFirst = await measure('listFirst', CONNECTIONS.list, [{ method: 'GET', path: `/api/v1/tickets?status=open&groupId=${fx.busiestGroupId}&limit=50` }]);
    const deep = await deepCursor(url, headers, '/api/v1/tickets?status=closed', Math.min(200, Math.max(10, Math.floor(fx.tickets / 100))));
    log(`deep cursor: ${deep.rowsBefore.toLocaleString('en')} rows in (page ${Math.floor(deep.rowsBefore / 50) + 1} at limit 50), walked in ${deep.seconds.toFixed(1)} s`);
    const listDeep = await measure('listDeep', CONNECTIONS.list, [{ method: 'GET', path: `/api/v1/tickets?status=closed&limit=50${deep.cursor ? `&cursor=${deep.cursor}` : ''}` }]);
    const terms = searchTerms(fx);
    const searchPath = (q: string) => `/api/v1/tickets?q=${encodeURIComponent(q)}&limit=50`;
    const search = await measure('search', CONNECTIONS.search, terms.map((q) => ({ method: 'GET', path: searchPath(q) })));
    // One connection: the latency a single user sees, without queueing behind others.
    const search1 = await measure('search_c1', 1, terms.map((q) => ({ method: 'GET', path: searchPath(q) })));
    const searchTermsMs = await timeEach(url, headers, terms.map(searchPath), terms);
    const counts = await measure('counts', CONNECTIONS.counts, [{ method: 'GET', path: '/api/v1/tickets/counts' }]);
    const overview = await measure('supervisor', CONNECTIONS.counts, [{ method: 'GET', path: '/api/v1/supervisor/overview' }]);
    // Saved views' counts: each one cold (the service, no cache), then the route under load (cached between writes).
    const views = await createBenchViews(url, headers, fx, terms[0]);
    const viewCountsCold = await timeViewCountsCold(deps, fx, views);
    log(`view counts, cold (capped / exact ms): ${Object.entries(viewCountsCold).map(([k, v]) => `${k} ${v.count} ${v.cappedMs}/${v.exactMs}`).join(', ')}`);
    const viewCounts = await measure('viewCounts', CONNECTIONS.counts, [{ method: 'GET', path: '/api/v1/views/counts' }]);
    const bodies = createBodies(fx, rng);
    const create1 = await measure('create_c1', CONNECTIONS.create[0], bodies);
    const create32 = await measure('create_c32', CONNECTIONS.create[1], bodies);
    const viewCountsAfterWriteMs = await timeViewCountsAfterWrite(url, headers, bodies[0]);
    log(`view counts after a write (all ${Object.keys(views).length} recounted): ${viewCountsAfterWriteMs} ms`);
    const rssAfterRunsMB = mb(process.memoryUsage().rss);
    await app.close();

    const rawSeconds = Math.min(opts.seconds, 5);
    log(`raw ceiling: single-row inserts, one transaction each, ${rawSeconds} s per table`);
    const raw = dbHandle.sqlitePath
      ? measureSqliteRawInserts(dbHandle.sqlitePath, { seconds: rawSeconds, synchronous: config.sqliteSynchronous, requesterId: fx.agent.id })
      : await measurePostgresRawInserts(dbHandle.db, { seconds: rawSeconds, requesterId: fx.agent.id });
    log(`raw ceiling: ${raw.indexedPerSec} inserts/s into a copy of tickets with its indexes, ${raw.barePerSec} without them`);

    const after = await deps.db.selectFrom('tickets').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const figures = {
      date: new Date().toISOString().slice(0, 10),
      db: opts.db,
      ...machine,
      sqliteVersion: dbHandle.sqlite ? (dbHandle.sqlite.prepare('select sqlite_version() as v').get() as { v: string }).v : null,
      tickets: fx.tickets,
      events: fx.events,
      ticketsAfterRuns: Number(after.n),
      loadSeconds: round1(loadSeconds),
      loadTicketsPerSec: Math.round(fx.tickets / loadSeconds),
      dbSizeMB,
      secondsPerRun: opts.seconds,
      createReqPerSec_c1: create1.reqPerSec,
      createP50Ms_c1: create1.p50Ms,
      createP99Ms_c1: create1.p99Ms,
      createReqPerSec_c32: create32.reqPerSec,
      createP50Ms_c32: create32.p50Ms,
      createP99Ms_c32: create32.p99Ms,
      createServerCpuUsPerReq_c32: create32.serverCpuUsPerReq,
      getReqPerSec: get.reqPerSec,
      getP50Ms: get.p50Ms,
      getP99Ms: get.p99Ms,
      getServerCpuUsPerReq: get.serverCpuUsPerReq,
      listFirstReqPerSec: listFirst.reqPerSec,
      listFirstP50Ms: listFirst.p50Ms,
      listFirstP99Ms: listFirst.p99Ms,
      listDeepRowsBefore: deep.rowsBefore,
      listDeepReqPerSec: listDeep.reqPerSec,
      listDeepP50Ms: listDeep.p50Ms,
      listDeepP99Ms: listDeep.p99Ms,
      searchReqPerSec: search.reqPerSec,
      searchP50Ms: search.p50Ms,
      searchP99Ms: search.p99Ms,
      searchP50Ms_c1: search1.p50Ms,
      searchP99Ms_c1: search1.p99Ms,
      countsReqPerSec: counts.reqPerSec,
      countsP50Ms: counts.p50Ms,
      countsP99Ms: counts.p99Ms,
      viewCountsReqPerSec: viewCounts.reqPerSec,
      viewCountsP50Ms: viewCounts.p50Ms,
      viewCountsP99Ms: viewCounts.p99Ms,
      viewCountsAfterWriteMs,
      viewCountsCold,
      supervisorOverviewReqPerSec: overview.reqPerSec,
      supervisorOverviewP50Ms: overview.p50Ms,
      supervisorOverviewP99Ms: overview.p99Ms,
      rssAfterLoadMB,
      rssAfterRunsMB,
      rawInsertPerSec: raw.indexedPerSec,
      rawInsertBarePerSec: raw.barePerSec,
      createShareOfRawPct_c32: round1((create32.reqPerSec / raw.indexedPerSec) * 100),
      httpCeilingReqPerSec: httpCeiling.reqPerSec,
      failedRequests: Object.values(scenarios).reduce((n, s) => n + s.non2xx + s.errors, 0),
      otherProcessesCpuPctMax: Math.max(...Object.values(scenarios).map((s) => s.otherCpuPct ?? 0)),
      targets: {
        createReqPerSec_c32: { target: '>= 2000', met: create32.reqPerSec >= 2000 },
        getReqPerSec: { target: '>= 10000', met: get.reqPerSec >= 10000 },
        listFirstP99Ms: { target: '<= 50', met: listFirst.p99Ms <= 50 },
        listDeepP99Ms: { target: '<= 50', met: listDeep.p99Ms <= 50 },
        searchP99Ms: { target: '<= 50', met: search.p99Ms <= 50 },
        searchP99Ms_c1: { target: '<= 50', met: search1.p99Ms <= 50 },
      },
      searchTermsMedianMs: searchTermsMs,
      scenarios,
      totalSeconds: round1((Date.now() - startedAt) / 1000),
    };
    process.stdout.write(JSON.stringify(figures, null, 2) + '\n');
  } finally {
    client.stop();
    for (const s of servers) await s.close().catch(() => {});
    await dbHandle.close();
    if (opts.keep) log(`kept ${dataDir}`);
    else fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function listen(app: { listen(o: { host: string; port: number }): Promise<string>; server: { address(): unknown } }): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const addr = app.server.address() as { port: number } | null;
  return `http://127.0.0.1:${addr?.port ?? 0}`;
}

async function databaseSizeMB(deps: Deps, sqlitePath: string | undefined): Promise<number> {
  if (sqlitePath) {
    const size = (f: string) => (fs.existsSync(f) ? fs.statSync(f).size : 0);
    return mb(size(sqlitePath) + size(sqlitePath + '-wal'));
  }
  const r = await sql<{ n: number }>`select pg_database_size(current_database()) as n`.execute(deps.db);
  return mb(Number(r.rows[0].n));
}

/** One request outside the measurement: a scenario that fails must not pass for a fast one. */
async function preflight(url: string, headers: Record<string, string>, r: PooledRequest) {
  const res = await fetch(url + r.path, { method: r.method, headers, body: r.body });
  const text = await res.text();
  if (!res.ok) throw new Error(`${r.method} ${r.path} answered ${res.status}: ${text.slice(0, 500)}`);
}

/** Walks the list by cursors to DEEP_ROWS rows in, or to its last page. */
async function deepCursor(url: string, headers: Record<string, string>, base: string, pageSize: number) {
  const started = performance.now();
  let cursor: string | null = null;
  let rowsBefore = 0;
  while (rowsBefore < DEEP_ROWS) {
    const limit = Math.min(pageSize, DEEP_ROWS - rowsBefore);
    const res = await fetch(`${url}${base}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`, { headers });
    if (!res.ok) throw new Error(`walking the list: ${res.status} ${await res.text()}`);
    const page = (await res.json()) as { items: unknown[]; nextCursor: string | null };
    if (!page.nextCursor) break; // keep the cursor of this last, non-empty page
    rowsBefore += page.items.length;
    cursor = page.nextCursor;
  }
  return { cursor, rowsBefore, seconds: (performance.now() - started) / 1000 };
}

function searchTerms(fx: Fixtures): string[] {
  const asset = fx.assetTags[Math.floor(fx.assetTags.length / 2)] ?? 'PC-00042';
  const serial = fx.serials[0] ?? 'SN0000000';
  return [...SEARCH_TERMS.common, ...SEARCH_TERMS.rare].map((t) => t.replace('{asset}', asset).replace('{serial}', serial));
}

/** Each request alone, sequentially, median of 7: which search terms make the p99. */
async function timeEach(url: string, headers: Record<string, string>, paths: string[], labels: string[]) {
  const out: Record<string, number> = {};
  for (const [i, p] of paths.entries()) {
    const times: number[] = [];
    for (let k = 0; k < 7; k++) {
      const t0 = performance.now();
      await (await fetch(url + p, { headers })).arrayBuffer();
      times.push(performance.now() - t0);
    }
    out[labels[i]] = round1(times.sort((a, b) => a - b)[3]);
  }
  return out;
}

/** Realistic creation bodies: template titles, existing requesters named by email. */
function createBodies(fx: Fixtures, rng: Rng): PooledRequest[] {
  return Array.from({ length: 500 }, () => {
    const t = rng.pick(TEMPLATES);
    const body = {
      title: t.titles[0].replace(/\{\w+\}/g, 'PC-' + String(rng.int(100_000)).padStart(5, '0')),
      description: t.descriptions[0].replace(/\{\w+\}/g, (s) => (s === '{code}' ? '0x80070005' : 'Lyon')),
      requester: { email: rng.pick(fx.requesterEmails) },
      impact: 1 + rng.int(4),
      urgency: 1 + rng.int(4),
      channel: 'api',
    };
    return { method: 'POST', path: '/api/v1/tickets', body: JSON.stringify(body) };
  });
}

main().catch((err) => {
  process.stderr.write(`[bench] failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
