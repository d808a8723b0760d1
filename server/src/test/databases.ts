// Fresh databases for tests, without the HTTP app: a temp SQLite folder, or a new
// PostgreSQL database on the server npm test started (GUICHET_TEST_PG_URL).
import { createLiveBus } from '../lib/live-bus.ts';
import crypto from 'node:crypto';
import os from 'node:os';
import pg from 'pg';
import pino from 'pino';
import { loadConfig } from '../config.ts';
import { openDb } from '../db/db.ts';
import { migrateToLatest } from '../db/migrate.ts';
import type { Deps } from '../lib/deps.ts';
import { systemClock, type Clock } from '../lib/clock.ts';

export const testDb = (process.env.GUICHET_TEST_DB ?? 'sqlite') as 'sqlite' | 'postgres';
const TEMPLATE = 'guichet_test_template';

function adminUrl(): string {
  const url = process.env.GUICHET_TEST_PG_URL;
  if (!url) throw new Error('GUICHET_TEST_DB=postgres needs GUICHET_TEST_PG_URL (npm test sets it).');
  return url;
}

async function withAdmin<T>(fn: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.end();
  }
}

function urlOf(db: string): string {
  const u = new URL(adminUrl());
  u.pathname = '/' + db;
  return u.toString();
}

export interface PgTestDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * A new PostgreSQL database: empty, or migrated (cloned from a template that the first
 * caller builds while the others wait on an advisory lock).
 */
export async function createPgDatabase(opts: { migrated: boolean; prefix?: string }): Promise<PgTestDatabase> {
  const name = (opts.prefix ?? 't') + '_' + crypto.randomBytes(6).toString('hex');
  await withAdmin(async (admin) => {
    if (!opts.migrated) return void (await admin.query(`create database ${name}`));
    await admin.query('select pg_advisory_lock(7311)');
    try {
      const exists = await admin.query('select 1 from pg_database where datname = $1', [TEMPLATE]);
      if (exists.rowCount === 0) {
        await admin.query(`drop database if exists ${TEMPLATE}_build`);
        await admin.query(`create database ${TEMPLATE}_build`);
        const h = openDb({ databaseUrl: urlOf(`${TEMPLATE}_build`), dataDir: os.tmpdir(), poolSize: 1 });
        await migrateToLatest(h.db);
        await h.close();
        await admin.query(`alter database ${TEMPLATE}_build rename to ${TEMPLATE}`);
      }
      await admin.query(`create database ${name} template ${TEMPLATE}`);
    } finally {
      await admin.query('select pg_advisory_unlock(7311)');
    }
  });
  return { url: urlOf(name), drop: () => withAdmin(async (a) => void (await a.query(`drop database if exists ${name} with (force)`))) };
}

/** Deps on a database, without the HTTP app (jobs, CLI and service tests). */
export function openTestDeps(o: { dataDir: string; databaseUrl?: string; clock?: Clock; poolSize?: number; env?: Record<string, string> }): Deps {
  const env = { GUICHET_DATA: o.dataDir, GUICHET_LOG_LEVEL: 'silent', ...(process.env.GUICHET_WEB_DIST ? { GUICHET_WEB_DIST: process.env.GUICHET_WEB_DIST } : {}), ...(o.databaseUrl ? { DATABASE_URL: o.databaseUrl } : {}), ...o.env };
  const config = loadConfig(env as NodeJS.ProcessEnv);
  const dbHandle = openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: o.poolSize ?? 5 });
  return { config, db: dbHandle.db, dialect: dbHandle.dialect, dbHandle, clock: o.clock ?? systemClock, logger: pino({ level: 'silent' }), live: createLiveBus(dbHandle, pino({ level: 'silent' }), { databaseUrl: config.databaseUrl }) };
}
