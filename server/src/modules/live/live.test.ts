// The live WebSocket over real HTTP: who may connect, what each actor receives, presence,
// and (PostgreSQL) fan-out between two apps on one database.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import type { FastifyInstance } from 'fastify';
import type { LiveServerMessage } from '../../../../common/live.ts';
import { buildApp } from '../../app.ts';
import type { Deps } from '../../lib/deps.ts';
import { client, startTestApp, testDb, type TestApp } from '../../test/harness.ts';
import { createPgDatabase, openTestDeps } from '../../test/databases.ts';
import { startPgGate } from '../../test/pg-gate.ts';
import type { LiveMessage } from '../../lib/live-bus.ts';
import { sql } from 'kysely';
import { makeOrganisation, makeTicket, makeUser, type MadeUser } from '../../test/factories.ts';

interface LiveSocket {
  ws: WebSocket;
  received: LiveServerMessage[];
  /** The first message (already received or to come) that matches. */
  next(match: (m: LiveServerMessage) => boolean, what?: string, timeoutMs?: number): Promise<LiveServerMessage>;
  send(message: unknown): void;
  closed: Promise<{ code: number; reason: string }>;
}

function connect(baseUrl: string, o: { token?: string; cookie?: string; origin?: string } = {}): Promise<LiveSocket> {
  const headers: Record<string, string> = {};
  if (o.token) headers.authorization = `Bearer ${o.token}`;
  if (o.cookie) headers.cookie = o.cookie;
  const ws = new WebSocket(baseUrl.replace(/^http/, 'ws') + '/api/v1/live', { headers, origin: o.origin });
  const received: LiveServerMessage[] = [];
  const waiters = new Set<() => void>();
  ws.on('message', (data) => {
    received.push(JSON.parse(data.toString()));
    for (const w of waiters) w();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  const socket: LiveSocket = {
    ws,
    received,
    closed,
    send: (message) => ws.send(JSON.stringify(message)),
    next: (match, what = 'a live message', timeoutMs = 5_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const found = received.find(match);
          if (!found) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out waiting for ${what}; got ${JSON.stringify(received)}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
  };
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(socket));
    ws.once('error', reject);
  });
}

const isTicket = (id: number) => (m: LiveServerMessage) => m.type === 'ticket' && m.ticketId === id;
const presenceOn = (id: number, match: (others: Extract<LiveServerMessage, { type: 'presence' }>['others']) => boolean) => (m: LiveServerMessage) =>
  m.type === 'presence' && m.ticketId === id && match(m.others);

describe('live', () => {
  let t: TestApp;
  let api: ReturnType<typeof client>;
  let agent: MadeUser;
  let agent2: MadeUser;
  let agentOfB: MadeUser;
  let requesterA: MadeUser;
  let requesterB: MadeUser;
  const sockets: LiveSocket[] = [];
  const open = async (...args: Parameters<typeof connect>) => {
    const s = await connect(...args);
    sockets.push(s);
    return s;
  };

  before(async () => {
    t = await startTestApp();
    api = client(t);
    const orgA = await makeOrganisation(t.deps);
    const orgB = await makeOrganisation(t.deps);
    agent = await makeUser(t.deps, { roles: ['agent'], name: 'Alice Agent' });
    agent2 = await makeUser(t.deps, { roles: ['agent'], name: 'Bob Agent' });
    agentOfB = await makeUser(t.deps, { roles: ['agent'], servedOrganisationIds: [orgB.id] });
    requesterA = await makeUser(t.deps, { organisationId: orgA.id });
    requesterB = await makeUser(t.deps, { organisationId: orgB.id });
  });
  after(async () => {
    for (const s of sockets) s.ws.terminate();
    await t.close();
  });

  test('an upgrade without credentials is refused with 401', async () => {
    await assert.rejects(connect(t.baseUrl), /Unexpected server response: 401/);
  });

  test('a cookie-authenticated upgrade from another origin is refused; from ours it opens', async () => {
    const login = await api.post('/api/v1/auth/login', { email: agent.email, password: agent.password });
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    await assert.rejects(connect(t.baseUrl, { cookie, origin: 'https://evil.example' }), /Unexpected server response: 403/);
    const ours = await open(t.baseUrl, { cookie, origin: t.baseUrl });
    assert.equal(ours.ws.readyState, WebSocket.OPEN);
  });

  test('each actor hears only the tickets it may see; requesters never hear internal changes', async () => {
    const [staff, ofB, reqA] = await Promise.all([open(t.baseUrl, { token: agent.token }), open(t.baseUrl, { token: agentOfB.token }), open(t.baseUrl, { token: requesterA.token })]);
    const tkA = await makeTicket(t.deps, { requesterId: requesterA.id });
    const tkB = await makeTicket(t.deps, { requesterId: requesterB.id });
    assert.equal((await api.post(`/api/v1/tickets/${tkA.id}/notes`, { body: 'internal only' }, { token: agent.token })).status, 201);
    assert.equal((await api.post(`/api/v1/tickets/${tkB.id}/replies`, { body: 'to B' }, { token: agent.token })).status, 201);
    assert.equal((await api.post(`/api/v1/tickets/${tkA.id}/replies`, { body: 'to A' }, { token: agent.token })).status, 201);

    // Messages arrive in publish order: once the last one is in, the others would be too.
    const last = (s: LiveSocket, id: number) => s.next((m) => m.type === 'ticket' && m.ticketId === id && m.kinds.every((k) => k !== 'created' && k !== 'note'));
    // The requester's two messages carry no detail (kinds []), so wait for the count, not a kind.
    await reqA.next((m) => isTicket(tkA.id)(m) && reqA.received.filter(isTicket(tkA.id)).length >= 2, 'both messages about A');
    const forA = { type: 'ticket', ticketId: tkA.id, number: tkA.number, kinds: [] };
    assert.deepEqual(reqA.received, [forA, forA], 'created and the reply: no note, nothing about B, no detail');

    await staff.next((m) => isTicket(tkA.id)(m) && m.type === 'ticket' && m.kinds.includes('reply'));
    const heard = staff.received.map((m) => (m.type === 'ticket' ? [m.ticketId, m.kinds.filter((k) => ['created', 'note', 'reply'].includes(k)).join()] : m.type));
    assert.deepEqual(heard, [
      [tkA.id, 'created'],
      [tkB.id, 'created'],
      [tkA.id, 'note'],
      [tkB.id, 'reply'],
      [tkA.id, 'reply'],
    ]);

    await last(ofB, tkB.id);
    assert.deepEqual(
      ofB.received.map((m) => m.type === 'ticket' && m.ticketId),
      [tkB.id, tkB.id],
      'an agent serving B only hears of B',
    );
  });

  test('agents on the same ticket see each other, typing included; a closed tab leaves', async () => {
    const tk = await makeTicket(t.deps, { requesterId: requesterA.id });
    const a = await open(t.baseUrl, { token: agent.token });
    a.send({ type: 'watch', ticketId: tk.id });
    await a.next(presenceOn(tk.id, (o) => o.length === 0), 'an empty snapshot');

    const b = await open(t.baseUrl, { token: agent2.token });
    b.send({ type: 'watch', ticketId: tk.id });
    const snapshot = await b.next(presenceOn(tk.id, (o) => o.some((p) => p.userId === agent.id)), "the snapshot with Alice");
    assert.ok(snapshot.type === 'presence');
    assert.deepEqual(
      snapshot.others.map(({ userId, name, state }) => ({ userId, name, state })),
      [{ userId: agent.id, name: 'Alice Agent', state: 'viewing' }],
    );
    await a.next(presenceOn(tk.id, (o) => o.some((p) => p.userId === agent2.id && p.state === 'viewing')), 'Bob viewing');

    b.send({ type: 'typing', ticketId: tk.id, mode: 'reply' });
    await a.next(presenceOn(tk.id, (o) => o.some((p) => p.userId === agent2.id && p.state === 'typing' && p.mode === 'reply')), 'Bob typing');
    b.send({ type: 'typing', ticketId: tk.id, mode: null });
    const count = a.received.length;
    await a.next((m) => a.received.indexOf(m) >= count && presenceOn(tk.id, (o) => o.some((p) => p.userId === agent2.id && p.state === 'viewing'))(m), 'Bob back to viewing');

    b.ws.close();
    await a.next((m) => a.received.indexOf(m) >= count && presenceOn(tk.id, (o) => o.length === 0)(m), 'Bob gone');
  });

  test('presence is for staff who may see the ticket: requesters and out-of-scope agents get none', async () => {
    const tk = await makeTicket(t.deps, { requesterId: requesterA.id });
    const staff = await open(t.baseUrl, { token: agent.token });
    const req = await open(t.baseUrl, { token: requesterA.token });
    const outsider = await open(t.baseUrl, { token: agentOfB.token });
    req.send({ type: 'watch', ticketId: tk.id });
    outsider.send({ type: 'watch', ticketId: tk.id });
    outsider.send({ type: 'typing', ticketId: tk.id, mode: 'reply' });
    staff.send({ type: 'watch', ticketId: tk.id });
    await staff.next(presenceOn(tk.id, () => true), 'a snapshot');
    // A ticket message after the watches: anything they caused would have come first.
    await api.post(`/api/v1/tickets/${tk.id}/replies`, { body: 'hello' }, { token: agent.token });
    await req.next(isTicket(tk.id));
    assert.ok(req.received.every((m) => m.type === 'ticket'), 'no presence for requesters');
    assert.deepEqual(outsider.received, [], 'the outsider learns nothing of the ticket');
    await staff.next(isTicket(tk.id));
    assert.ok(staff.received.every((m) => m.type !== 'presence' || m.others.length === 0), 'nobody else appeared');
  });

  test('junk from the browser closes the connection', async () => {
    for (const junk of ['not json', JSON.stringify({ type: 'watch', ticketId: 'x' }), JSON.stringify({ type: 'shout' }), 'x'.repeat(5000)]) {
      const s = await connect(t.baseUrl, { token: agent.token });
      s.ws.send(junk);
      const { code } = await s.closed;
      assert.ok(code === 1008 || code === 1009, `closed with ${code} for ${junk.slice(0, 20)}`);
    }
  });
});

/** Two apps on one new PostgreSQL database; the second reaches it through a gate (pg-gate.ts). */
async function startTwoApps() {
  const pgDb = await createPgDatabase({ migrated: true, prefix: 'live' });
  const gate = await startPgGate(pgDb.url);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-live-'));
  const nodes: { deps: Deps; app: FastifyInstance; url: string }[] = [];
  const sockets: LiveSocket[] = [];
  const close = async () => {
    for (const s of sockets) s.ws.terminate();
    for (const n of nodes) {
      await n.app.close();
      await n.deps.dbHandle.close();
    }
    await gate.close();
    await pgDb.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    for (const databaseUrl of [pgDb.url, gate.url]) {
      const deps = openTestDeps({ dataDir, databaseUrl, poolSize: 3 });
      const app = await buildApp(deps);
      nodes.push({ deps, app, url: await app.listen({ host: '127.0.0.1', port: 0 }) });
    }
  } catch (err) {
    await close();
    throw err;
  }
  const open = async (url: string, token: string) => {
    const s = await connect(url, { token });
    sockets.push(s);
    return s;
  };
  return { nodes, gate, open, close };
}

if (testDb === 'postgres') {
  test('two apps on one PostgreSQL: a change through one reaches a socket on the other, presence too', async () => {
    const apps = await startTwoApps();
    try {
      const [a, b] = apps.nodes;
      const alice = await makeUser(a.deps, { roles: ['agent'], name: 'Alice' });
      const bob = await makeUser(a.deps, { roles: ['agent'], name: 'Bob' });
      const requester = await makeUser(a.deps);
      const onB = await apps.open(b.url, bob.token);

      const created = await fetch(a.url + '/api/v1/tickets', {
        method: 'POST',
        headers: { authorization: `Bearer ${alice.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'Printer on fire', description: 'd', requesterId: requester.id }),
      });
      const tk = (await created.json()) as { id: number };
      await onB.next((m) => isTicket(tk.id)(m) && m.type === 'ticket' && m.kinds.includes('created'), 'the new ticket on the other app');

      const onA = await apps.open(a.url, alice.token);
      onA.send({ type: 'watch', ticketId: tk.id });
      onB.send({ type: 'watch', ticketId: tk.id });
      await onA.next(presenceOn(tk.id, (o) => o.some((p) => p.userId === bob.id)), 'Bob, watching through the other app');
      await onB.next(presenceOn(tk.id, (o) => o.some((p) => p.userId === alice.id)), 'Alice, watching through the other app');
    } finally {
      await apps.close();
    }
  });

  test('an app whose LISTEN connection was cut tells its sockets to resync once back, and presence is rebuilt', async () => {
    const apps = await startTwoApps();
    try {
      const [a, b] = apps.nodes;
      const [alice, bob, carol, dave] = await Promise.all(['Alice', 'Bob', 'Carol', 'Dave'].map((name) => makeUser(a.deps, { roles: ['agent'], name })));
      const requester = await makeUser(a.deps);
      const tk = await makeTicket(a.deps, { requesterId: requester.id });
      const [aliceOnA, daveOnA, bobOnB, requesterOnB] = await Promise.all([
        apps.open(a.url, alice.token),
        apps.open(a.url, dave.token),
        apps.open(b.url, bob.token),
        apps.open(b.url, requester.token),
      ]);
      for (const s of [aliceOnA, daveOnA, bobOnB]) s.send({ type: 'watch', ticketId: tk.id });
      const has = (...users: MadeUser[]) => presenceOn(tk.id, (o) => users.every((u) => o.some((p) => p.userId === u.id)));
      await bobOnB.next(has(alice, dave), 'Alice and Dave, on the other app');

      await apps.gate.listenOutage(a.deps.db, async () => {
        // All this reaches A's sockets (Dave's are the proof that it was published) but not B.
        aliceOnA.ws.close();
        const carolOnA = await apps.open(a.url, carol.token);
        carolOnA.send({ type: 'watch', ticketId: tk.id });
        await daveOnA.next(presenceOn(tk.id, (o) => o.some((p) => p.userId === carol.id) && !o.some((p) => p.userId === alice.id)), 'Carol in, Alice out');
        const reply = await fetch(`${a.url}/api/v1/tickets/${tk.id}/replies`, {
          method: 'POST',
          headers: { authorization: `Bearer ${dave.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ body: 'Said while B was not listening' }),
        });
        assert.equal(reply.status, 201);
        await daveOnA.next((m) => isTicket(tk.id)(m) && m.type === 'ticket' && m.kinds.includes('reply'), 'the reply, on A');
      });

      for (const s of [bobOnB, requesterOnB]) await s.next((m) => m.type === 'resync', 'resync on B');
      assert.ok(!bobOnB.received.some((m) => m.type === 'ticket' && m.kinds.includes('reply')), 'B never heard the reply itself: it was lost');
      assert.deepEqual(requesterOnB.received, [{ type: 'resync' }]);
      assert.ok(!daveOnA.received.some((m) => m.type === 'resync'), 'A heard everything: no resync there');
      // The roll call brings Carol, who arrived during the gap; Alice, who left, lapses soon.
      await bobOnB.next(has(carol, dave), 'Carol, announced again after the gap');
      await bobOnB.next(presenceOn(tk.id, (o) => !o.some((p) => p.userId === alice.id) && o.some((p) => p.userId === carol.id)), 'Alice gone', 10_000);
    } finally {
      await apps.close();
    }
  });
}

if (testDb === 'postgres') {
  test('the LISTEN connection comes back after PostgreSQL drops it, and says that messages may have been missed', async () => {
    const t = await startTestApp();
    try {
      const heard: LiveMessage[] = [];
      let gaps = 0;
      const unsubscribe = t.deps.live.subscribe((m) => heard.push(m), () => gaps++);
      await t.deps.live.listening();
      const ping = (n: number) => t.deps.live.publish({ type: 'presence', ticketId: n, connectionId: 'probe', userId: 1, name: 'probe', state: 'left', expiresAt: 0 });
      const waitHeard = async (n: number) => {
        for (let i = 0; i < 100 && !heard.some((m) => m.type === 'presence' && m.ticketId === n); i++) {
          ping(n);
          await new Promise((r) => setTimeout(r, 100));
        }
        assert.ok(heard.some((m) => m.type === 'presence' && m.ticketId === n), `message ${n} heard`);
      };
      await waitHeard(1);
      assert.equal(gaps, 0, 'the first connection is no gap');
      const killed = await sql<{ pid: number }>`select pid from pg_stat_activity where datname = current_database() and query ilike 'listen %' and pid <> pg_backend_pid()`.execute(t.deps.db);
      assert.ok(killed.rows.length >= 1, 'a LISTEN connection to drop');
      for (const { pid } of killed.rows) await sql`select pg_terminate_backend(${pid})`.execute(t.deps.db);
      await waitHeard(2);
      assert.equal(gaps, 1, 'one gap, told before message 2 was heard');
      unsubscribe();
    } finally {
      await t.close();
    }
  });
}
