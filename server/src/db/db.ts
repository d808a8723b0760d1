// Opens the database named by the configuration: embedded SQLite by default, PostgreSQL
// when DATABASE_URL says so. Everything above this file speaks Kysely and ignores which.
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, type Transaction } from 'kysely';
import type { Database } from './schema.ts';

export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<Database>;
/** A query runner: the database or a transaction in progress. */
export type Trx = Kysely<Database> | Transaction<Database>;

export interface DbHandle {
  db: Db;
  dialect: Dialect;
  /** Path of the SQLite file, when the database is embedded. */
  sqlitePath?: string;
  /** The raw better-sqlite3 connection, for backups. */
  sqlite?: SQLite.Database;
  close(): Promise<void>;
}

// PostgreSQL returns bigint (count(*), identities) as strings by default; our ids and
// counts fit in a double.
pg.types.setTypeParser(20, (v) => Number(v));

export interface OpenDbOptions {
  databaseUrl?: string;
  dataDir: string;
  poolSize?: number;
  /** SQLite: 'normal' survives a process crash; 'full' also a power cut, at a write-speed cost. */
  sqliteSynchronous?: 'normal' | 'full';
}

export function openDb(opts: OpenDbOptions): DbHandle {
  if (opts.databaseUrl && /^postgres(ql)?:\/\//.test(opts.databaseUrl)) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
    // An idle connection dropped by the server (restart, failover, admin command) must not
    // crash the process: the pool replaces it on next use.
    pool.on('error', (err) => process.emitWarning(`PostgreSQL idle connection lost: ${err.message}`));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', close: () => db.destroy() };
  }
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const sqlitePath = path.join(opts.dataDir, 'guichet.sqlite');
  const sqlite = new SQLite(sqlitePath);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`synchronous = ${opts.sqliteSynchronous === 'full' ? 'FULL' : 'NORMAL'}`);
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('cache_size = -65536'); // 64 MiB page cache
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, dialect: 'sqlite', sqlitePath, sqlite, close: () => db.destroy() };
}

export function nowIso(date: Date = new Date()): string {
  return date.toISOString();
}
