// Knowledge-base bench: 10,000 French and English articles written through the real create
// path (tags, version 1, search index), then ranked search timed over a few hundred varied
// two- and three-word queries, every word required (mode all) and any word (mode any), as
// staff and as an anonymous visitor, and the whole list call (search + summaries).
// Target: p99 well under 50 ms. Prints one JSON object; progress on stderr.
//   node --import tsx bench/kb.bench.ts [--articles 10000] [--queries 300] [--db sqlite|postgres] [--keep DIR]
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
import { systemActor } from '../server/src/lib/actor.ts';
import { createLiveBus } from '../server/src/lib/live-bus.ts';
import { createArticleIn, listArticles } from '../server/src/modules/kb/articles.service.ts';
import { searchArticleIds } from '../server/src/modules/kb/article-search.repo.ts';
import { articleReaderOf, type ArticleReader } from '../server/src/modules/kb/article-visibility.ts';
import { seededRandom } from '../common/seeded-random.ts';
import { generateArticle, generateQueries } from './kb-corpus.ts';
import { machineFacts } from './machine.ts';

const log = (msg: string) => process.stderr.write(`[kb bench] ${msg}\n`);

function options() {
  const { values } = parseArgs({
    options: {
      articles: { type: 'string', default: process.env.BENCH_ARTICLES ?? '10000' },
      queries: { type: 'string', default: '300' },
      db: { type: 'string', default: process.env.BENCH_DB ?? 'sqlite' },
      keep: { type: 'string' },
      'pg-inline-vector': { type: 'boolean', default: false },
    },
  });
  const num = (name: string, v: string, min: number) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer ≥ ${min}, not ${JSON.stringify(v)}`);
    return n;
  };
  if (values.db !== 'sqlite' && values.db !== 'postgres') throw new Error('--db must be sqlite or postgres');
  if (values['pg-inline-vector'] && values.db !== 'postgres') throw new Error('--pg-inline-vector is for --db postgres');
  if (values.db === 'postgres' && !process.env.DATABASE_URL) throw new Error('--db postgres needs DATABASE_URL (an empty database)');
  return { articles: num('articles', values.articles!, 10), queries: num('queries', values.queries!, 1), db: values.db as 'sqlite' | 'postgres', keep: values.keep, inlineVector: values['pg-inline-vector'] === true };
}

const round = (n: number, digits = 2) => Number(n.toFixed(digits));
function summarise(times: number[]) {
  const s = [...times].sort((a, b) => a - b);
  const at = (p: number) => round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))], 2);
  return { p50: at(50), p95: at(95), p99: at(99), max: round(s[s.length - 1], 2) };
}

async function seed(deps: Deps, n: number) {
  const rng = seededRandom(6);
  const categoryIds = new Map<string, number>();
  const at = deps.clock.now().toISOString();
  const categoryOf = async (path: string) => {
    let parentId: number | null = null;
    let key = '';
    for (const name of path.split(' / ')) {
      key = key ? `${key} / ${name}` : name;
      if (!categoryIds.has(key)) {
        const row: { id: number } = await deps.db.insertInto('categories').values({ name, parent_id: parentId, is_active: 1, created_at: at }).returning('id').executeTakeFirstOrThrow();
        categoryIds.set(key, row.id);
      }
      parentId = categoryIds.get(key)!;
    }
    return parentId!;
  };
  const orgIds: number[] = [];
  for (const name of ['Mairie de Villeurbanne', 'Clinique Saint-Joseph', 'Acme Logistics', 'Banque Verte']) {
    orgIds.push((await deps.db.insertInto('organisations').values({ name, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow()).id);
  }
  const actor = systemActor();
  const started = performance.now();
  const BATCH = 200;
  for (let i = 0; i < n; i += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, n - i) }, () => generateArticle(rng));
    const cats: number[] = [];
    for (const a of batch) cats.push(await categoryOf(a.category));
    await deps.db.transaction().execute(async (trx) => {
      for (const [k, a] of batch.entries()) {
        await createArticleIn(trx, deps, actor, {
          title: a.title,
          summary: a.summary,
          body: a.body,
          tags: a.tags,
          language: a.language,
          audience: rng.chance(0.6) ? 'public' : 'internal',
          status: rng.weighted({ published: 70, draft: 15, in_review: 10, archived: 0 }),
          categoryId: cats[k],
          organisationId: rng.chance(0.15) ? rng.pick(orgIds) : null,
        });
      }
    });
    if ((i / BATCH) % 10 === 9) log(`${i + batch.length} articles`);
  }
  return performance.now() - started;
}

/**
 * CPU time spent from now until the returned function is called: this process's, plus on
 * PostgreSQL the server processes serving this database (read from /proc, same machine).
 * Unlike wall time, it hardly moves when other work shares the cores.
 */
async function cpuClock(deps: Deps): Promise<() => Promise<number>> {
  const serverPids = async () =>
    deps.dialect === 'postgres' ? (await sql<{ pid: number }>`select pid from pg_stat_activity where datname = current_database()`.execute(deps.db)).rows.map((r) => r.pid) : [];
  const ticks = (pid: number) => {
    try {
      const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return (Number(fields[11]) + Number(fields[12])) * 10; // utime + stime, USER_HZ 100
    } catch {
      return 0;
    }
  };
  const pids = await serverPids();
  const server0 = new Map(pids.map((p) => [p, ticks(p)]));
  const client0 = process.cpuUsage();
  return async () => {
    const client = process.cpuUsage(client0);
    let server = 0;
    for (const p of await serverPids()) server += ticks(p) - (server0.get(p) ?? 0);
    return (client.user + client.system) / 1000 + server;
  };
}

async function main() {
  const opts = options();
  // --keep DIR leaves the SQLite database there, to look at query plans afterwards.
  const dataDir = opts.keep ?? fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-kb-bench-'));
  const env: Record<string, string> = { GUICHET_DATA: dataDir, GUICHET_LOG_LEVEL: 'silent', GUICHET_JOBS: '0' };
  if (opts.db === 'postgres') env.DATABASE_URL = process.env.DATABASE_URL!;
  const config = loadConfig(env as NodeJS.ProcessEnv);
  const dbHandle = openDb({ databaseUrl: config.databaseUrl, dataDir, poolSize: config.pgPoolSize, sqliteSynchronous: config.sqliteSynchronous });
  const clock = { now: () => new Date('2026-12-02T10:00:00.000Z') };
  const logger = pino({ level: 'silent' });
  const deps: Deps = { config, db: dbHandle.db, dialect: dbHandle.dialect, dbHandle, clock, logger, live: createLiveBus(dbHandle, logger, { databaseUrl: config.databaseUrl }) };
  try {
    await migrateToLatest(dbHandle.db);
    // A trial of a storage setting (not in the migrations): keep the tsvector inside the row
    // instead of TOAST, so that ranking a match does not fetch it from the TOAST table.
    if (opts.inlineVector) await sql`alter table kb_articles alter column search_vector set storage main`.execute(deps.db);
    log(`${opts.db}: writing ${opts.articles.toLocaleString('en')} articles`);
    const seedMs = await seed(deps, opts.articles);
    log(`written in ${(seedMs / 1000).toFixed(1)} s`);
    await sql`analyze`.execute(deps.db);
    if (opts.db === 'sqlite') await sql`insert into kb_articles_fts(kb_articles_fts) values ('optimize')`.execute(deps.db);

    const queries = generateQueries(seededRandom(66), opts.queries);
    const staff = articleReaderOf(systemActor());
    const anonymous = articleReaderOf(null);
    const matches: number[] = [];
    for (const q of queries) matches.push((await searchArticleIds(deps.db, deps.dialect, staff, { text: q, mode: 'any', limit: 1_000_000 })).length);
    const matchesAll: number[] = [];
    for (const q of queries) matchesAll.push((await searchArticleIds(deps.db, deps.dialect, staff, { text: q, mode: 'all', limit: 1_000_000 })).length);

    const time = async (label: string, run: (q: string) => Promise<unknown>) => {
      for (const q of queries.slice(0, 20)) await run(q); // warm the caches
      const times: number[] = [];
      const cpu = await cpuClock(deps);
      for (const q of queries) {
        const t0 = performance.now();
        await run(q);
        times.push(performance.now() - t0);
      }
      const cpuMsPerQuery = round((await cpu()) / queries.length, 2);
      const s = summarise(times);
      const slowest = times.map((ms, i) => ({ q: queries[i], ms: round(ms) })).sort((a, b) => b.ms - a.ms).slice(0, 3);
      log(`${label}: p50 ${s.p50} ms, p95 ${s.p95} ms, p99 ${s.p99} ms, max ${s.max} ms, CPU ${cpuMsPerQuery} ms a query; slowest ${JSON.stringify(slowest)}`);
      return { ...s, cpuMsPerQuery, slowest };
    };
    const ids = (reader: ArticleReader, mode: 'all' | 'any') => (q: string) => searchArticleIds(deps.db, deps.dialect, reader, { text: q, mode, limit: 20 });
    const out = {
      bench: 'kb',
      db: opts.db,
      pgInlineVector: opts.inlineVector,
      machine: machineFacts(),
      articles: opts.articles,
      queries: queries.length,
      sampleQueries: queries.slice(0, 8),
      seedMs: Math.round(seedMs),
      seedPerArticleMs: round(seedMs / opts.articles, 2),
      matchesAnyMedian: summarise(matches).p50,
      matchesAnyMax: Math.max(...matches),
      matchesAllMedian: summarise(matchesAll).p50,
      queriesWithNoMatchAll: matchesAll.filter((m) => m === 0).length,
      searchStaffAll: await time('search, staff, mode all', ids(staff, 'all')),
      searchStaffAny: await time('search, staff, mode any', ids(staff, 'any')),
      searchAnonymousAll: await time('search, anonymous, mode all', ids(anonymous, 'all')),
      searchAnonymousAny: await time('search, anonymous, mode any', ids(anonymous, 'any')),
      listCallAnonymous: await time('GET /kb/articles?q= service, anonymous', (q) => listArticles(deps, null, { q, limit: 20 })),
      rssMB: Math.round(process.memoryUsage().rss / 1048576),
    };
    process.stdout.write(JSON.stringify(out, null, 2) + '\n');
  } finally {
    await deps.live.close();
    await dbHandle.close();
    if (!opts.keep) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`${err?.stack ?? err}\n`);
  process.exit(1);
});
