// SLA bench: with 100,000 open tickets, how long computing their SLA state takes (planning
// the clocks on a 24/7 and on a business-hours calendar with French holidays, and reading
// the state of every open ticket back), how long the scheduler's due scan takes (target
// ≤ 20 ms), and how fast due clocks fire. Prints one JSON object; progress on stderr.
//   node --import tsx bench/sla.bench.ts [--tickets 100000] [--scans 500] [--db sqlite|postgres]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { sql } from 'kysely';
import { loadConfig } from '../server/src/config.ts';
import { openDb } from '../server/src/db/db.ts';
import { migrateToLatest } from '../server/src/db/migrate.ts';
import type { Deps } from '../server/src/lib/deps.ts';
import { createLiveBus } from '../server/src/lib/live-bus.ts';
import { loadBusinessCalendar } from '../server/src/modules/calendars/calendar-cache.ts';
import { METRICS, metricOf, newClock, wakeAt, type SlaClock } from '../server/src/modules/sla/sla-clock.ts';
import * as slaRepo from '../server/src/modules/sla/sla.repo.ts';
import { runDueSla } from '../server/src/modules/sla/sla.jobs.ts';
import { seededRandom } from '../common/seeded-random.ts';
import { loadFixtures } from './load-fixtures.ts';
import { machineFacts } from './machine.ts';

const log = (msg: string) => process.stderr.write(`[sla bench] ${msg}\n`);
const DAY = 86_400_000;

function options() {
  const { values } = parseArgs({
    options: {
      tickets: { type: 'string', default: process.env.BENCH_TICKETS ?? '100000' },
      scans: { type: 'string', default: '500' },
      fire: { type: 'string', default: '1000' },
      db: { type: 'string', default: process.env.BENCH_DB ?? 'sqlite' },
    },
  });
  const num = (name: string, v: string, min: number) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer ≥ ${min}, not ${JSON.stringify(v)}`);
    return n;
  };
  if (values.db !== 'sqlite' && values.db !== 'postgres') throw new Error('--db must be sqlite or postgres');
  if (values.db === 'postgres' && !process.env.DATABASE_URL) throw new Error('--db postgres needs DATABASE_URL (an empty database)');
  return { tickets: num('tickets', values.tickets!, 10), scans: num('scans', values.scans!, 1), fire: num('fire', values.fire!, 1), db: values.db as 'sqlite' | 'postgres' };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
const round = (n: number, digits = 2) => Number(n.toFixed(digits));

async function main() {
  const opts = options();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-sla-bench-'));
  const env: Record<string, string> = { GUICHET_DATA: dataDir, GUICHET_LOG_LEVEL: 'silent', GUICHET_JOBS: '0' };
  if (opts.db === 'postgres') env.DATABASE_URL = process.env.DATABASE_URL!;
  const config = loadConfig(env as NodeJS.ProcessEnv);
  const dbHandle = openDb({ databaseUrl: config.databaseUrl, dataDir, poolSize: config.pgPoolSize, sqliteSynchronous: config.sqliteSynchronous });
  const now = Date.parse('2026-12-02T10:00:00.000Z');
  const clock = { now: () => new Date(now) };
  const logger = pino({ level: 'silent' });
  const deps: Deps = { config, db: dbHandle.db, dialect: dbHandle.dialect, dbHandle, clock, logger, live: createLiveBus(dbHandle, logger, { databaseUrl: config.databaseUrl }) };
  try {
    await migrateToLatest(dbHandle.db);
    log(`${opts.db}: loading ${opts.tickets.toLocaleString('en')} tickets`);
    await loadFixtures(deps, { tickets: opts.tickets, progress: log });
    // Every ticket open: the bench is about open tickets' clocks.
    await deps.db.updateTable('tickets').set({ status: 'in_progress', resolved_at: null, closed_at: null }).execute();
    const ids = (await deps.db.selectFrom('tickets').select(['id', 'priority']).orderBy('id').execute()).map((r) => ({ id: r.id, priority: r.priority }));

    const standard = await slaRepo.loadPolicy(deps.db, (await deps.db.selectFrom('sla_policies').select('id').where('is_default', '=', 1).executeTakeFirstOrThrow()).id);
    const always = await loadBusinessCalendar(deps.db, standard.calendarId);
    const parisId = (await deps.db.selectFrom('calendars').select('id').where('name', '=', 'Business hours (Paris)').executeTakeFirstOrThrow()).id;
    const paris = await loadBusinessCalendar(deps.db, parisId);
    const business = { ...standard, calendarId: parisId };

    // Ticket ages spread over the last 30 days, so due times fall before and after now.
    const rng = seededRandom(5);
    const createdAt = ids.map(() => new Date(now - Math.floor(rng.next() * 30 * DAY)).toISOString());

    const plan = (cal: typeof always, policy: typeof standard) => {
      const started = performance.now();
      const clocks: SlaClock[] = [];
      for (let i = 0; i < ids.length; i++) {
        const c = newClock(cal, policy, ids[i].priority, createdAt[i]);
        c.wake_at = wakeAt(cal, c, policy, []);
        clocks.push(c);
      }
      return { clocks, ms: performance.now() - started };
    };
    const plan24 = plan(always, standard);
    log(`planned ${ids.length} clocks on 24/7 in ${plan24.ms.toFixed(0)} ms`);
    const planBusiness = plan(paris, business);
    log(`planned ${ids.length} clocks on Paris business hours in ${planBusiness.ms.toFixed(0)} ms`);

    // Half the tickets under each policy, stored the way ticket creation stores them.
    const insertStarted = performance.now();
    const rows = ids.map(({ id }, i) => ({ ticket_id: id, ...(i % 2 === 0 ? plan24.clocks[i] : planBusiness.clocks[i]) }));
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows.slice(i, i + 500);
      await deps.db.transaction().execute(async (trx) => {
        await trx.insertInto('ticket_sla').values(chunk).execute();
      });
    }
    const insertMs = performance.now() - insertStarted;
    log(`stored ${rows.length} clocks in ${insertMs.toFixed(0)} ms`);
    await sql`analyze`.execute(deps.db);

    // The state of every open ticket, read back and computed (what a full SLA report does).
    const stateStarted = performance.now();
    const stored = await deps.db.selectFrom('ticket_sla').selectAll().execute();
    const readMs = performance.now() - stateStarted;
    let breached = 0;
    let dueSoon = 0;
    for (const c of stored) {
      for (const m of METRICS) {
        const s = metricOf(c, m);
        if (!s.dueAt || s.metAt) continue;
        const left = Date.parse(s.dueAt) - now;
        if (left < 0) breached++;
        else if (left < 3_600_000) dueSoon++;
      }
    }
    const stateMs = performance.now() - stateStarted;
    log(`state of ${stored.length} clocks in ${stateMs.toFixed(0)} ms (reading the rows ${readMs.toFixed(0)} ms): ${breached} overdue targets, ${dueSoon} due within the hour`);

    // The scheduler's scan at instants where nothing, a few, or many clocks are due.
    const scan = async (at: string) => {
      const times: number[] = [];
      let found = 0;
      for (let i = 0; i < opts.scans; i++) {
        const t0 = performance.now();
        found = (await slaRepo.findDueClocks(deps.db, at, 200)).length;
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      return { found, p50: round(percentile(times, 50), 3), p99: round(percentile(times, 99), 3), max: round(times[times.length - 1], 3) };
    };
    const earliest = (await deps.db.selectFrom('ticket_sla').select((eb) => eb.fn.min('wake_at').as('w')).executeTakeFirstOrThrow()).w as string;
    const scanNone = await scan(new Date(Date.parse(earliest) - 1).toISOString());
    const scanNow = await scan(new Date(now).toISOString());
    log(`due scan, nothing due: p50 ${scanNone.p50} ms p99 ${scanNone.p99} ms; at now (${scanNow.found} of the batch): p50 ${scanNow.p50} ms p99 ${scanNow.p99} ms`);

    // Firing: make `fire` clocks due now (wake in the past) and run the scheduler over them.
    const dueTotal = Number((await deps.db.selectFrom('ticket_sla').select((eb) => eb.fn.countAll().as('n')).where('wake_at', '<=', new Date(now).toISOString()).executeTakeFirstOrThrow()).n);
    await deps.db.updateTable('ticket_sla').set({ wake_at: '2100-01-01T00:00:00.000Z' }).execute();
    const fireIds = ids.slice(0, opts.fire).map((r) => r.id);
    for (let i = 0; i < fireIds.length; i += 500) {
      await deps.db.updateTable('ticket_sla').set({ wake_at: new Date(now - 1000).toISOString() }).where('ticket_id', 'in', fireIds.slice(i, i + 500)).execute();
    }
    const fireStarted = performance.now();
    const fired = await runDueSla(deps);
    const fireMs = performance.now() - fireStarted;
    const events = Number((await deps.db.selectFrom('ticket_events').select((eb) => eb.fn.countAll().as('n')).where('kind', 'in', ['sla_warning', 'sla_breach']).executeTakeFirstOrThrow()).n);
    log(`fired ${fired} due clocks in ${fireMs.toFixed(0)} ms (${events} warning/breach events)`);

    const out = {
      bench: 'sla',
      db: opts.db,
      machine: machineFacts(),
      openTickets: ids.length,
      planClocksMs_24x7: round(plan24.ms, 1),
      planClocksMs_business: round(planBusiness.ms, 1),
      planClockUs_24x7: round((plan24.ms * 1000) / ids.length, 2),
      planClockUs_business: round((planBusiness.ms * 1000) / ids.length, 2),
      storeClocksMs: round(insertMs, 0),
      stateOfAllOpenMs: round(stateMs, 1),
      stateReadRowsMs: round(readMs, 1),
      overdueTargets: breached,
      dueScanNothingDueP50Ms: scanNone.p50,
      dueScanNothingDueP99Ms: scanNone.p99,
      dueScanAtNowP50Ms: scanNow.p50,
      dueScanAtNowP99Ms: scanNow.p99,
      dueScanAtNowRows: scanNow.found,
      clocksDueAtNow: dueTotal,
      firedClocks: fired,
      fireMs: round(fireMs, 0),
      firedPerSec: round((fired * 1000) / fireMs, 0),
      slaEvents: events,
      rssMB: Math.round(process.memoryUsage().rss / 1048576),
    };
    process.stdout.write(JSON.stringify(out, null, 2) + '\n');
  } finally {
    await deps.live.close();
    await dbHandle.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`${err?.stack ?? err}\n`);
  process.exit(1);
});
