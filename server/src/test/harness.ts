// Test harness: each test file gets its own fresh database (a temp SQLite file, or a new
// PostgreSQL database cloned from a migrated template) and a real HTTP server on 127.0.0.1.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.ts';
import { migrateToLatest } from '../db/migrate.ts';
import type { Deps } from '../lib/deps.ts';
import type { Clock } from '../lib/clock.ts';
import { createPgDatabase, openTestDeps, testDb } from './databases.ts';

export { testDb };

export interface TestApp {
  app: FastifyInstance;
  deps: Deps;
  baseUrl: string;
  dataDir: string;
  close(): Promise<void>;
}

export async function startTestApp(opts: { clock?: Clock; env?: Record<string, string> } = {}): Promise<TestApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-test-'));
  const pgDb = testDb === 'postgres' ? await createPgDatabase({ migrated: true }) : undefined;
  const deps = openTestDeps({ dataDir, databaseUrl: pgDb?.url, clock: opts.clock, env: opts.env });
  if (!pgDb) await migrateToLatest(deps.db);
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
      await deps.dbHandle.close();
      await pgDb?.drop();
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
