// Opens the database named by the configuration: embedded SQLite by default, PostgreSQL
// when DATABASE_URL says so. Everything above this file speaks Kysely and ignores which.
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, type Transaction } from 'kysely';
import type { Database } from './schema.ts';
import { foldAccents } from '../lib/search-terms.ts';

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
  // Checkpoint every ~40 MB of WAL instead of ~4 MB: hot index pages are written back once
  // per checkpoint rather than once per few commits.
  sqlite.pragma('wal_autocheckpoint = 10000');
  // SQLite's lower() folds ASCII only: name searches compare fold_accents(name) instead
  // ("ecole" finds "École"). PostgreSQL uses lower(unaccent()) (organisations.repo.ts).
  sqlite.function('fold_accents', { deterministic: true }, (s: unknown) => (typeof s === 'string' ? foldAccents(s) : s));
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return { db, dialect: 'sqlite', sqlitePath, sqlite, close: () => db.destroy() };
}

/**
 * Kysely prepares every query anew; on SQLite preparing a wide join costs more than running
 * it. Statements are cached by SQL text (values are bound, so the texts repeat).
 */
function withStatementCache(sqlite: SQLite.Database, max = 500) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let stmt = cache.get(sql);
      if (stmt) {
        cache.delete(sql); // most recently used last
      } else {
        stmt = sqlite.prepare(sql);
        if (cache.size >= max) cache.delete(cache.keys().next().value!);
      }
      cache.set(sql, stmt);
      return stmt;
    },
  };
}
