// Tenant isolation: who sees which tickets, and that guessing ids never leaks anything
// (an invisible ticket answers 404 exactly like a missing one).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { client, startTestApp, type TestApp } from '../../test/harness.ts';
import { makeGroup, makeOrganisation, makeUser, uniq, type MadeUser } from '../../test/factories.ts';

let t: TestApp;
let api: ReturnType<typeof client>;
let alice: MadeUser; // requester at Acme
let bob: MadeUser; // requester at Acme
let manager: MadeUser; // Acme's manager
let carol: MadeUser; // requester at Globex
let acmeOnlyAgent: MadeUser; // staff serving Acme only
let agent: MadeUser; // staff serving everyone
let admin: MadeUser;
const tickets: Record<string, number> = {};

before(async () => {
  t = await startTestApp();
  api = client(t);
  const acme = await makeOrganisation(t.deps, { name: `Acme ${uniq()}` });
  const globex = await makeOrganisation(t.deps, { name: `Globex ${uniq()}` });
  const group = await makeGroup(t.deps, { tier: 1 });
  alice = await makeUser(t.deps, { organisationId: acme.id });
  bob = await makeUser(t.deps, { organisationId: acme.id });
  manager = await makeUser(t.deps, { organisationId: acme.id, isOrgManager: true });
  carol = await makeUser(t.deps, { organisationId: globex.id });
  acmeOnlyAgent = await makeUser(t.deps, { roles: ['agent'], servedOrganisationIds: [acme.id], groupIds: [group.id] });
  agent = await makeUser(t.deps, { roles: ['agent'], groupIds: [group.id] });
  admin = await makeUser(t.deps, { roles: ['admin'] });
  for (const [name, who] of [['alice', alice], ['bob', bob], ['carol', carol]] as const) {
    const r = await api.post('/api/v1/tickets', { title: `${name}'s ticket zanzibar`, description: `secret of ${name}` }, { token: who.token });
    assert.equal(r.status, 201);
    tickets[name] = r.body.id;
  }
});
after(() => t.close());

const listIds = async (token: string, query = '') =>
  (await api.get(`/api/v1/tickets?limit=200${query}`, { token })).body.items.map((x: { id: number }) => x.id).sort();

describe('who sees what', () => {
  test('a requester sees only their own tickets', async () => {
    assert.deepEqual(await listIds(alice.token), [tickets.alice]);
    assert.deepEqual(await listIds(alice.token, '&q=zanzibar'), [tickets.alice]);
    assert.deepEqual(await listIds(alice.token, `&requesterId=${bob.id}`), []);
  });

  test("an organisation's manager sees the whole organisation, not others", async () => {
    assert.deepEqual(await listIds(manager.token), [tickets.alice, tickets.bob].sort());
    assert.equal((await api.get(`/api/v1/tickets/${tickets.bob}`, { token: manager.token })).status, 200);
    assert.equal((await api.get(`/api/v1/tickets/${tickets.carol}`, { token: manager.token })).status, 404);
  });

  test('staff restricted to Acme see Acme only; staff serving all see all', async () => {
    assert.deepEqual(await listIds(acmeOnlyAgent.token), [tickets.alice, tickets.bob].sort());
    assert.deepEqual(await listIds(acmeOnlyAgent.token, '&q=zanzibar'), [tickets.alice, tickets.bob].sort());
    const all = await listIds(agent.token);
    for (const id of Object.values(tickets)) assert.ok(all.includes(id));
    const counts = await api.get('/api/v1/tickets/counts', { token: acmeOnlyAgent.token });
    assert.equal(counts.body.byStatus.new, 2);
  });

  test('restricted staff cannot open a ticket for a requester of another organisation', async () => {
    const r = await api.post('/api/v1/tickets', { title: 'x', description: 'y', requesterId: carol.id }, { token: acmeOnlyAgent.token });
    assert.equal(r.status, 403);
  });
});

describe('guessing ids leaks nothing', () => {
  const reads = (id: number) => [
    ['GET', `/api/v1/tickets/${id}`],
    ['GET', `/api/v1/tickets/${id}/timeline`],
  ];
  const writes = (id: number): [string, string, unknown][] => [
    ['POST', `/api/v1/tickets/${id}/replies`, { body: 'hello' }],
    ['POST', `/api/v1/tickets/${id}/reopen`, {}],
    ['POST', `/api/v1/tickets/${id}/close`, {}],
  ];
  const staffWrites = (id: number): [string, string, unknown][] => [
    ['PATCH', `/api/v1/tickets/${id}`, { title: 'hijacked' }],
    ['POST', `/api/v1/tickets/${id}/notes`, { body: 'x' }],
    ['POST', `/api/v1/tickets/${id}/assign`, {}],
    ['POST', `/api/v1/tickets/${id}/escalate`, { tier: 2, note: 'x' }],
    ['POST', `/api/v1/tickets/${id}/resolve`, { symptoms: 'a', diagnosis: 'b', actions: 'c', result: 'd' }],
  ];

  test("another requester's ticket answers 404, like a ticket that does not exist", async () => {
    for (const id of [tickets.bob, tickets.carol, 999_999]) {
      for (const [method, url] of reads(id)) {
        const r = await api.call(method, url, undefined, { token: alice.token });
        assert.equal(r.status, 404, `${method} ${url}`);
        assert.equal(r.body.detail, `Ticket ${id} does not exist or is not visible to you.`);
      }
      for (const [method, url, body] of writes(id)) {
        assert.equal((await api.call(method, url, body, { token: alice.token })).status, 404, `${method} ${url}`);
      }
    }
  });

  test("staff serving Acme get 404 on Globex's ticket for every action, and nothing changes", async () => {
    for (const [method, url] of reads(tickets.carol)) {
      assert.equal((await api.call(method, url, undefined, { token: acmeOnlyAgent.token })).status, 404, `${method} ${url}`);
    }
    for (const [method, url, body] of [...writes(tickets.carol), ...staffWrites(tickets.carol)]) {
      assert.equal((await api.call(method, url, body, { token: acmeOnlyAgent.token })).status, 404, `${method} ${url}`);
    }
    const carolView = await api.get(`/api/v1/tickets/${tickets.carol}`, { token: admin.token });
    assert.equal(carolView.body.title, "carol's ticket zanzibar");
    assert.equal(carolView.body.status, 'new');
    const timeline = await api.get(`/api/v1/tickets/${tickets.carol}/timeline`, { token: admin.token });
    assert.deepEqual(timeline.body.items.map((e: { kind: string }) => e.kind), ['created']);
  });

  test('no credentials: 401 everywhere, before anything is read', async () => {
    for (const [method, url] of reads(tickets.alice)) assert.equal((await api.call(method, url)).status, 401);
    assert.equal((await api.get('/api/v1/tickets')).status, 401);
    assert.equal((await api.post('/api/v1/tickets', { title: 'x', description: 'y' })).status, 401);
  });
});
