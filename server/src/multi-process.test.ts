// Several stateless Guichet processes on one PostgreSQL: two apps with their own pools and
// caches stand for two processes. (SQLite is one process by design.)
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import type { Deps } from './lib/deps.ts';
import { createPgDatabase, openTestDeps, testDb, type PgTestDatabase } from './test/databases.ts';
import { makeGroup, makeUser, type MadeUser } from './test/factories.ts';

if (testDb === 'postgres') {
  let pgDb: PgTestDatabase;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-multi-'));
  const nodes: { deps: Deps; app: FastifyInstance; url: string }[] = [];
  let agent: MadeUser;
  let requester: MadeUser;

  before(async () => {
    pgDb = await createPgDatabase({ migrated: true, prefix: 'multi' });
    for (let i = 0; i < 2; i++) {
      const deps = openTestDeps({ dataDir, databaseUrl: pgDb.url, poolSize: 4 });
      const app = await buildApp(deps);
      const url = await app.listen({ host: '127.0.0.1', port: 0 });
      nodes.push({ deps, app, url });
    }
    const group = await makeGroup(nodes[0].deps, { tier: 1 });
    agent = await makeUser(nodes[0].deps, { roles: ['agent'], groupIds: [group.id] });
    requester = await makeUser(nodes[0].deps);
  });
  after(async () => {
    for (const n of nodes) {
      await n.app.close();
      await n.deps.dbHandle.close();
    }
    await pgDb.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const call = async (node: number, method: string, url: string, body?: unknown, token = agent.token) => {
    const res = await fetch(nodes[node].url + url, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as any };
  };

  test('tickets created through both processes at once get unique, gap-free numbers', async () => {
    const made = await Promise.all(
      Array.from({ length: 40 }, (_, i) => call(i % 2, 'POST', '/api/v1/tickets', { title: `t${i}`, description: 'd', requester: { email: requester.email } })),
    );
    assert.ok(made.every((r) => r.status === 201));
    const numbers = made.map((r) => r.body.number as number).sort((a, b) => a - b);
    assert.equal(new Set(numbers).size, 40);
    assert.equal(numbers[39] - numbers[0], 39);
  });

  test('a change made through one process is read at once through the other', async () => {
    const { body: tk } = await call(0, 'POST', '/api/v1/tickets', { title: 'Shared', description: 'd', requester: { email: requester.email } });
    await call(1, 'POST', `/api/v1/tickets/${tk.id}/assign`, {});
    const seen = await call(0, 'GET', `/api/v1/tickets/${tk.id}`);
    assert.equal(seen.body.assignee.id, agent.id);
    assert.equal(seen.body.status, 'assigned');
  });

  test('concurrent changes to one ticket through both processes are serialised, none lost', async () => {
    const { body: tk } = await call(0, 'POST', '/api/v1/tickets', { title: 'Busy', description: 'd', requester: { email: requester.email } });
    const replies = await Promise.all(Array.from({ length: 20 }, (_, i) => call(i % 2, 'POST', `/api/v1/tickets/${tk.id}/notes`, { body: `note ${i}` })));
    assert.ok(replies.every((r) => r.status === 201));
    const timeline = await call(1, 'GET', `/api/v1/tickets/${tk.id}/timeline`);
    assert.equal(timeline.body.items.filter((e: { kind: string }) => e.kind === 'note').length, 20);
  });

  test('a token revoked through one process stops working in the other within the cache time', async () => {
    const { body: created } = await call(0, 'POST', '/api/v1/auth/tokens', { name: 'short-lived' });
    assert.equal((await call(1, 'GET', '/api/v1/auth/me', undefined, created.token)).status, 200);
    assert.equal((await call(0, 'DELETE', `/api/v1/auth/tokens/${created.id}`)).status, 204);
    assert.equal((await call(0, 'GET', '/api/v1/auth/me', undefined, created.token)).status, 401, 'at once where it was revoked');
    await new Promise((r) => setTimeout(r, 5_200));
    assert.equal((await call(1, 'GET', '/api/v1/auth/me', undefined, created.token)).status, 401, 'within 5 s elsewhere');
  });
}
