import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import pg from 'pg';
import path from 'node:path';
import { openDb, type DbHandle } from '../db/db.ts';
import { migrateToLatest } from '../db/migrate.ts';
import type { Deps } from './deps.ts';
import type { Clock } from './clock.ts';
import { createPgDatabase, openTestDeps, testDb, type PgTestDatabase } from '../test/databases.ts';
import { DEAD_JOB_RUN_AT, backoffMs, enqueueJob, recurringDedupeKey, startJobRunner } from './jobs.ts';
import { testClock } from '../test/test-clock.ts';

// One database for the file (a temp SQLite file or a new PostgreSQL database); each test
// uses its own job kinds so they do not see each other's rows.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-jobs-'));
let pgDb: PgTestDatabase | undefined;
const handles: DbHandle[] = [];

let migrated: Promise<void> | undefined;
async function makeDeps(clock: Clock): Promise<Deps> {
  migrated ??= (async () => {
    if (testDb === 'postgres') pgDb = await createPgDatabase({ migrated: true, prefix: 'jobs' });
    else {
      const h = openDb({ dataDir });
      await migrateToLatest(h.db);
      await h.close();
    }
  })();
  await migrated;
  const deps = openTestDeps({ dataDir, databaseUrl: pgDb?.url, clock, poolSize: 4 });
  handles.push(deps.dbHandle);
  return deps;
}

after(async () => {
  for (const h of handles) await h.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  await pgDb?.drop();
});

const movableClock = () => testClock('2026-03-02T09:00:00.000Z');

const kind = (label: string) => `${label}-${crypto.randomBytes(3).toString('hex')}`;
const jobsOf = (deps: Deps, k: string) => deps.db.selectFrom('jobs').selectAll().where('kind', '=', k).orderBy('id').execute();

test('a due job runs once with its payload and is deleted; a future one waits', async () => {
  const clock = movableClock();
  const deps = await makeDeps(clock);
  const k = kind('mail');
  const seen: unknown[] = [];
  const at = clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await enqueueJob(trx, { kind: k, payload: { ticketId: 7, to: 'a@b.test' } }, at);
    await enqueueJob(trx, { kind: k, payload: { later: true }, runAt: new Date(clock.now().getTime() + 60_000).toISOString() }, at);
  });
  const runner = startJobRunner(deps, { [k]: async (_d, p) => void seen.push(p) }, [], { pollMs: 0 });
  assert.equal(await runner.runDueJobs(), 1);
  assert.deepEqual(seen, [{ ticketId: 7, to: 'a@b.test' }]);
  assert.equal((await jobsOf(deps, k)).length, 1);
  assert.equal(await runner.runDueJobs(), 0);
  clock.advance(60_000);
  assert.equal(await runner.runDueJobs(), 1);
  assert.deepEqual(seen[1], { later: true });
  assert.equal((await jobsOf(deps, k)).length, 0);
  await runner.stop();
});

test('a job enqueued in a rolled-back transaction does not exist', async () => {
  const clock = movableClock();
  const deps = await makeDeps(clock);
  const k = kind('rollback');
  await assert.rejects(
    deps.db.transaction().execute(async (trx) => {
      await enqueueJob(trx, { kind: k, payload: {} }, clock.now().toISOString());
      throw new Error('boom');
    }),
  );
  assert.equal((await jobsOf(deps, k)).length, 0);
});

test('a throwing job is retried with exponential backoff, then kept as dead', async () => {
  const clock = movableClock();
  const deps = await makeDeps(clock);
  const k = kind('flaky');
  let calls = 0;
  await enqueueJob(deps.db, { kind: k, payload: {}, maxAttempts: 3, dedupeKey: `${k}:1` }, clock.now().toISOString());
  const runner = startJobRunner(deps, { [k]: async () => { calls++; throw new Error(`smtp down ${calls}`); } }, [], { pollMs: 0 });

  assert.equal(await runner.runDueJobs(), 1);
  let [row] = await jobsOf(deps, k);
  assert.equal(row.attempts, 1);
  assert.match(row.last_error!, /smtp down 1/);
  assert.equal(row.locked_until, null);
  assert.equal(row.run_at, new Date(clock.now().getTime() + backoffMs(1)).toISOString());

  clock.advance(backoffMs(1) - 1);
  assert.equal(await runner.runDueJobs(), 0, 'not before the backoff');
  clock.advance(1);
  assert.equal(await runner.runDueJobs(), 1);
  [row] = await jobsOf(deps, k);
  assert.equal(row.attempts, 2);
  assert.equal(row.run_at, new Date(clock.now().getTime() + backoffMs(2)).toISOString());
  assert.equal(backoffMs(2), 2 * backoffMs(1));

  clock.advance(backoffMs(2));
  assert.equal(await runner.runDueJobs(), 1);
  [row] = await jobsOf(deps, k);
  assert.equal(row.attempts, 3);
  assert.equal(row.run_at, DEAD_JOB_RUN_AT);
  assert.match(row.last_error!, /smtp down 3/);
  assert.equal(row.dedupe_key, null, 'a dead job frees its dedupe key');

  clock.advance(24 * 3600_000);
  assert.equal(await runner.runDueJobs(), 0);
  assert.equal(calls, 3);
  // The key is free again: a new job with it is accepted.
  assert.notEqual(await enqueueJob(deps.db, { kind: k, payload: {}, dedupeKey: `${k}:1` }, clock.now().toISOString()), null);
  await runner.stop();
});

test('backoff doubles from 10 s and is capped at one hour', () => {
  assert.deepEqual([1, 2, 3, 4].map(backoffMs), [10_000, 20_000, 40_000, 80_000]);
  assert.equal(backoffMs(9), 2_560_000);
  assert.equal(backoffMs(10), 3_600_000);
  assert.equal(backoffMs(50), 3_600_000);
});

test('a job that succeeds after a failure is deleted', async () => {
  const clock = movableClock();
  const deps = await makeDeps(clock);
  const k = kind('retry-ok');
  let calls = 0;
  await enqueueJob(deps.db, { kind: k, payload: {} }, clock.now().toISOString());
  const runner = startJobRunner(deps, { [k]: async () => { if (++calls === 1) throw new Error('once'); } }, [], { pollMs: 0 });
  await runner.runDueJobs();
  clock.advance(backoffMs(1));
  assert.equal(await runner.runDueJobs(), 1);
  assert.equal(calls, 2);
  assert.equal((await jobsOf(deps, k)).length, 0);
  await runner.stop();
});

test('dedupe: a pending job with the same key means no insert', async () => {
  const clock = movableClock();
  const deps = await makeDeps(clock);
  const k = kind('dedupe');
  const at = clock.now().toISOString();
  const first = await enqueueJob(deps.db, { kind: k, payload: { n: 1 }, dedupeKey: `${k}:ticket-1` }, at);
  const second = await deps.db.transaction().execute((trx) => enqueueJob(trx, { kind: k, payload: { n: 2 }, dedupeKey: `${k}:ticket-1` }, at));
  const other = await enqueueJob(deps.db, { kind: k, payload: { n: 3 }, dedupeKey: `${k}:ticket-2` }, at);
  assert.equal(typeof first, 'number');
  assert.equal(second, null);
  assert.equal(typeof other, 'number');
  const rows = await jobsOf(deps, k);
  assert.deepEqual(rows.map((r) => JSON.parse(r.payload).n), [1, 3]);
  // Once the job has run (row deleted), the key can be used again.
  const runner = startJobRunner(deps, { [k]: async () => {} }, [], { pollMs: 0 });
  assert.equal(await runner.runDueJobs(), 2);
  assert.notEqual(await enqueueJob(deps.db, { kind: k, payload: { n: 4 }, dedupeKey: `${k}:ticket-1` }, at), null);
  await runner.stop();
});

test('recurring jobs exist once and are re-enqueued everyMs after each run', async () => {
  const clock = movableClock();
  const deps = await makeDeps(clock);
  const k = kind('autoclose');
  let calls = 0;
  const handlers = { [k]: async () => void calls++ };
  const runner = startJobRunner(deps, handlers, [{ kind: k, everyMs: 15 * 60_000 }], { pollMs: 0 });
  const runner2 = startJobRunner(deps, handlers, [{ kind: k, everyMs: 15 * 60_000 }], { pollMs: 0 });
  assert.equal(await runner.runDueJobs(), 1);
  assert.equal(await runner2.runDueJobs(), 0, 'a second runner adds no second row');
  let rows = await jobsOf(deps, k);
  assert.equal(rows.length, 1);
  assert.equal(rows[0].dedupe_key, recurringDedupeKey(k));
  assert.equal(rows[0].run_at, new Date(clock.now().getTime() + 15 * 60_000).toISOString());
  assert.equal(rows[0].attempts, 0);

  clock.advance(14 * 60_000);
  assert.equal(await runner.runDueJobs(), 0);
  clock.advance(60_000);
  assert.equal(await runner.runDueJobs(), 1);
  assert.equal(calls, 2);
  rows = await jobsOf(deps, k);
  assert.equal(rows.length, 1);
  await runner.stop();
  await runner2.stop();
});

test('a failing recurring job is retried within its period and never dies', async () => {
  const clock = movableClock();
  const deps = await makeDeps(clock);
  const k = kind('sweep');
  const runner = startJobRunner(deps, { [k]: async () => { throw new Error('db busy'); } }, [{ kind: k, everyMs: 30_000 }], { pollMs: 0 });
  for (let i = 0; i < 12; i++) {
    assert.equal(await runner.runDueJobs(), 1);
    clock.advance(30_000);
  }
  const [row] = await jobsOf(deps, k);
  assert.equal(row.attempts, 12);
  assert.notEqual(row.run_at, DEAD_JOB_RUN_AT);
  assert.match(row.last_error!, /db busy/);
  await runner.stop();
});

test('a job whose worker died is taken over after its lock expires', async () => {
  const clock = movableClock();
  const deps = await makeDeps(clock);
  const k = kind('crash');
  await enqueueJob(deps.db, { kind: k, payload: {} }, clock.now().toISOString());
  // Simulate a worker that claimed the job and died.
  await deps.db.updateTable('jobs').set({ locked_until: new Date(clock.now().getTime() + 60_000).toISOString(), attempts: 1 }).where('kind', '=', k).execute();
  let calls = 0;
  const runner = startJobRunner(deps, { [k]: async () => void calls++ }, [], { pollMs: 0, lockMs: 60_000 });
  assert.equal(await runner.runDueJobs(), 0);
  clock.advance(60_001);
  assert.equal(await runner.runDueJobs(), 1);
  assert.equal(calls, 1);
  await runner.stop();
});

test('jobs of kinds without a handler are left for another worker', async () => {
  const clock = movableClock();
  const deps = await makeDeps(clock);
  const k = kind('foreign');
  await enqueueJob(deps.db, { kind: k, payload: {} }, clock.now().toISOString());
  const runner = startJobRunner(deps, { [kind('mine')]: async () => {} }, [], { pollMs: 0 });
  assert.equal(await runner.runDueJobs(), 0);
  const [row] = await jobsOf(deps, k);
  assert.equal(row.attempts, 0);
  await runner.stop();
});

test('the timer runs jobs by itself and stop() waits for the pass in progress', async () => {
  const deps = await makeDeps({ now: () => new Date() });
  const k = kind('timer');
  let release!: () => void;
  const started = new Promise<void>((resolve) => (release = resolve));
  let finished = false;
  await enqueueJob(deps.db, { kind: k, payload: {} }, new Date().toISOString());
  const runner = startJobRunner(
    deps,
    {
      [k]: async () => {
        release();
        await new Promise((r) => setTimeout(r, 100));
        finished = true;
      },
    },
    [],
    { pollMs: 20 },
  );
  await started;
  await runner.stop();
  assert.equal(finished, true);
  assert.equal((await jobsOf(deps, k)).length, 0);
});

test('two runners on separate connections never run the same job twice', async () => {
  const clock = { now: () => new Date() };
  const a = await makeDeps(clock);
  const b = await makeDeps(clock);
  const k = kind('race');
  const total = 60;
  const at = new Date().toISOString();
  await a.db.transaction().execute(async (trx) => {
    for (let i = 0; i < total; i++) await enqueueJob(trx, { kind: k, payload: { i } }, at);
  });
  const runs: number[] = [];
  const handler = async (_d: Deps, p: { i: number }) => {
    runs.push(p.i);
    await new Promise((r) => setTimeout(r, 2));
  };
  const ra = startJobRunner(a, { [k]: handler }, [], { pollMs: 0, batchSize: 5 });
  const rb = startJobRunner(b, { [k]: handler }, [], { pollMs: 0, batchSize: 5 });
  const drain = async (r: typeof ra) => {
    let n = 0;
    for (let ran; (ran = await r.runDueJobs()) > 0; ) n += ran;
    return n;
  };
  const [na, nb] = await Promise.all([drain(ra), drain(rb)]);
  assert.equal(na + nb, total);
  assert.equal(runs.length, total);
  assert.equal(new Set(runs).size, total, 'no job ran twice');
  if (testDb === 'postgres') assert.ok(na > 0 && nb > 0, `both runners took work (${na}/${nb})`);
  assert.equal((await jobsOf(a, k)).length, 0);
  await ra.stop();
  await rb.stop();
});

// Row locks and SKIP LOCKED exist on PostgreSQL only (SQLite has a single writer).
if (testDb === 'postgres') test('PostgreSQL: a row locked by another worker is skipped, not waited for', async () => {
  const deps = await makeDeps({ now: () => new Date() });
  const k = kind('skip-locked');
  const at = new Date().toISOString();
  const lockedId = await enqueueJob(deps.db, { kind: k, payload: { n: 1 } }, at);
  await enqueueJob(deps.db, { kind: k, payload: { n: 2 } }, at);
  const other = new pg.Client({ connectionString: pgDb!.url });
  await other.connect();
  try {
    await other.query('begin');
    await other.query('select id from jobs where id = $1 for update', [lockedId]);
    const seen: number[] = [];
    const runner = startJobRunner(deps, { [k]: async (_d, p) => void seen.push(p.n) }, [], { pollMs: 0 });
    assert.equal(await runner.runDueJobs(), 1);
    assert.deepEqual(seen, [2]);
    await other.query('rollback');
    assert.equal(await runner.runDueJobs(), 1);
    assert.deepEqual(seen, [2, 1]);
    await runner.stop();
  } finally {
    await other.end();
  }
});
