// Test harness: each test file gets its own fresh database (a temp SQLite file, or a new
// PostgreSQL database cloned from a migrated template) and a real HTTP server on 127.0.0.1.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import pg from 'pg';
import pino from 'pino';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.ts';
import { loadConfig, type Config } from '../config.ts';
import { openDb, type DbHandle } from '../db/db.ts';
import { migrateToLatest } from '../db/migrate.ts';
import type { Deps } from '../lib/deps.ts';
import { systemClock, type Clock } from '../lib/clock.ts';

export const testDb = (process.env.GUICHET_TEST_DB ?? 'sqlite') as 'sqlite' | 'postgres';
const TEMPLATE = 'guichet_test_template';

async function createPgDatabase(): Promise<string> {
  const adminUrl = process.env.GUICHET_TEST_PG_URL;
  if (!adminUrl) throw new Error('GUICHET_TEST_DB=postgres needs GUICHET_TEST_PG_URL (npm test sets it).');
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const name = 't_' + crypto.randomBytes(6).toString('hex');
  try {
    // One file at a time builds the migrated template; the others wait on the lock.
    await admin.query('select pg_advisory_lock(7311)');
    const exists = await admin.query('select 1 from pg_database where datname = $1', [TEMPLATE]);
    if (exists.rowCount === 0) {
      await admin.query(`create database ${TEMPLATE}_build`);
      const h = openDb({ databaseUrl: withDatabase(adminUrl, `${TEMPLATE}_build`), dataDir: os.tmpdir(), poolSize: 1 });
      await migrateToLatest(h.db);
      await h.close();
      await admin.query(`alter database ${TEMPLATE}_build rename to ${TEMPLATE}`);
    }
    await admin.query(`create database ${name} template ${TEMPLATE}`);
  } finally {
    await admin.query('select pg_advisory_unlock(7311)').catch(() => {});
    await admin.end();
  }
  return withDatabase(adminUrl, name);
}

function withDatabase(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = '/' + db;
  return u.toString();
}

export interface TestApp {
  app: FastifyInstance;
  deps: Deps;
  baseUrl: string;
  dataDir: string;
  close(): Promise<void>;
}

export async function startTestApp(opts: { clock?: Clock; env?: Record<string, string> } = {}): Promise<TestApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-test-'));
  const env: Record<string, string> = { GUICHET_DATA: dataDir, GUICHET_LOG_LEVEL: 'silent', ...opts.env };
  if (testDb === 'postgres') env.DATABASE_URL = await createPgDatabase();
  const config: Config = loadConfig(env as NodeJS.ProcessEnv);
  const dbHandle: DbHandle = openDb({ databaseUrl: config.databaseUrl, dataDir, poolSize: 5 });
  if (testDb === 'sqlite') await migrateToLatest(dbHandle.db);
  const logger = pino({ level: config.logLevel });
  const deps: Deps = { config, db: dbHandle.db, dialect: dbHandle.dialect, dbHandle, clock: opts.clock ?? systemClock, logger };
  const app = await buildApp(deps);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    app,
    deps,
    dataDir,
    baseUrl: `http://127.0.0.1:${port}`,
    async close() {
      await app.close();
      await dbHandle.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface RequestOptions {
  token?: string;
  cookie?: string;
  headers?: Record<string, string>;
  /** A raw body sent as is (for malformed-input tests). */
  raw?: string | Uint8Array | FormData;
}

/** A small HTTP client bound to a test server. */
export function client(t: TestApp) {
  async function call<T = any>(method: string, url: string, body?: unknown, o: RequestOptions = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...o.headers };
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    if (o.cookie) headers.cookie = o.cookie;
    let payload: BodyInit | undefined;
    if (o.raw !== undefined) payload = o.raw as BodyInit;
    else if (body !== undefined) {
      headers['content-type'] ??= 'application/json';
      payload = JSON.stringify(body);
    }
    const res = await fetch(t.baseUrl + url, { method, headers, body: payload });
    const text = await res.text();
    const type = res.headers.get('content-type') ?? '';
    const parsed = type.includes('json') && text ? JSON.parse(text) : text;
    return { status: res.status, body: parsed as T, headers: res.headers };
  }
  return {
    get: <T = any>(url: string, o?: RequestOptions) => call<T>('GET', url, undefined, o),
    post: <T = any>(url: string, body?: unknown, o?: RequestOptions) => call<T>('POST', url, body, o),
    patch: <T = any>(url: string, body?: unknown, o?: RequestOptions) => call<T>('PATCH', url, body, o),
    put: <T = any>(url: string, body?: unknown, o?: RequestOptions) => call<T>('PUT', url, body, o),
    delete: <T = any>(url: string, o?: RequestOptions) => call<T>('DELETE', url, undefined, o),
    call,
  };
}
