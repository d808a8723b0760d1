// What most commands need: the configuration, an open (and migrated) database and the
// Deps that services expect. Logs go to stderr so that stdout stays parseable.
import { createLocalBus } from '../lib/live-bus.ts';
import pino from 'pino';
import { sql } from 'kysely';
import { loadConfig, type Config } from '../config.ts';
import { openDb } from '../db/db.ts';
import { migrateToLatest } from '../db/migrate.ts';
import type { Deps } from '../lib/deps.ts';
import { systemClock, type Clock } from '../lib/clock.ts';
import { CliError } from './args.ts';

export interface CliContext {
  deps: Deps;
  /** Migrations this command applied (a fresh install gets its schema from any command). */
  applied: string[];
  close(): Promise<void>;
}

export function cliLogger(config: Config) {
  // Commands are quiet unless GUICHET_LOG_LEVEL asks for more than the default.
  const level = process.env.GUICHET_LOG_LEVEL ? config.logLevel : 'warn';
  return pino({ level }, pino.destination({ dest: 2, sync: true }));
}

export async function openCliContext(opts: { migrate?: boolean; clock?: Clock; config?: Config } = {}): Promise<CliContext> {
  const config = opts.config ?? loadConfig();
  const dbHandle = openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2, sqliteSynchronous: config.sqliteSynchronous });
  let applied: string[] = [];
  try {
    await sql`select 1`.execute(dbHandle.db).catch((err: Error) => {
      throw new CliError(`Cannot reach the database (${describeDatabase(config)}): ${err.message}`);
    });
    if (opts.migrate !== false) applied = await migrateToLatest(dbHandle.db);
  } catch (err) {
    await dbHandle.close();
    throw err;
  }
  const deps: Deps = { config, db: dbHandle.db, dialect: dbHandle.dialect, dbHandle, clock: opts.clock ?? systemClock, logger: cliLogger(config), live: createLocalBus() };
  return { deps, applied, close: () => dbHandle.close() };
}

/** Runs fn with an open context and always closes it. */
export async function withContext<T>(fn: (ctx: CliContext) => Promise<T>, opts?: Parameters<typeof openCliContext>[0]): Promise<T> {
  const ctx = await openCliContext(opts);
  try {
    return await fn(ctx);
  } finally {
    await ctx.close();
  }
}

/** Where the database lives, for messages. */
export function describeDatabase(config: Config): string {
  if (config.databaseUrl) {
    const u = new URL(config.databaseUrl);
    return `PostgreSQL ${u.hostname}${u.port ? ':' + u.port : ''}${u.pathname}`;
  }
  return `SQLite ${config.dataDir}/guichet.sqlite`;
}
