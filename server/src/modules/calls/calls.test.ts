// Logging a phone call in one step, over real HTTP.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { client, startTestApp, type TestApp } from '../../test/harness.ts';
import { makeCategory, makeGroup, makeOrganisation, makeUser, uniq, type MadeUser } from '../../test/factories.ts';
import { assertProblem } from '../../test/assertions.ts';

let t: TestApp;
let api: ReturnType<typeof client>;
let domain: string;
let org: { id: number };
let l1: { id: number };
let l2: { id: number };
let agent: MadeUser;
let scopedAgent: MadeUser;
let requester: MadeUser;

before(async () => {
  t = await startTestApp();
  api = client(t);
  domain = `calls-${uniq()}.example`;
  org = await makeOrganisation(t.deps, { domains: [domain] });
  const other = await makeOrganisation(t.deps);
  l1 = await makeGroup(t.deps, { tier: 1 });
  l2 = await makeGroup(t.deps, { tier: 2 });
  agent = await makeUser(t.deps, { roles: ['agent'], groupIds: [l1.id] });
  scopedAgent = await makeUser(t.deps, { roles: ['agent'], servedOrganisationIds: [other.id] });
  requester = await makeUser(t.deps, { organisationId: org.id });
});
after(() => t.close());

const record = { symptoms: 'Cannot print', diagnosis: 'Paused queue', actions: 'Resumed the queue', result: 'Prints again', code: 'fixed-by-phone' };
const call = (body: Record<string, unknown>, token = agent.token) =>
  api.post('/api/v1/calls', { title: 'Printer does not print', notes: 'Caller says nothing comes out.\nQueue shows "paused".', ...body }, { token });

describe('phone calls', () => {
  test('a new caller, resolved on the spot: phone channel, resolved, first-contact resolution, owned by the agent', async () => {
    const email = `caller-${uniq()}@${domain}`;
    const category = await makeCategory(t.deps);
    const r = await call({ caller: { email, name: 'Jeanne Caller' }, type: 'incident', category: category.id, impact: 2, urgency: 1, resolution: record });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.equal(r.body.channel, 'phone');
    assert.equal(r.body.status, 'resolved');
    assert.equal(r.body.firstContactResolution, true);
    assert.equal(r.body.description, 'Caller says nothing comes out.\nQueue shows "paused".');
    assert.equal(r.body.requester.email, email);
    assert.equal(r.body.requester.name, 'Jeanne Caller');
    assert.equal(r.body.organisation.id, org.id);
    assert.equal(r.body.category.id, category.id);
    assert.equal(r.body.priority, 'P2');
    assert.equal(r.body.assignee.id, agent.id);
    assert.deepEqual(r.body.resolution, record);
    assert.ok(r.body.resolvedAt);
    const kinds = (await api.get(`/api/v1/tickets/${r.body.id}/timeline`, { token: agent.token })).body.items.map((e: { kind: string }) => e.kind);
    assert.equal(kinds[0], 'created');
    assert.equal(kinds.at(-1), 'resolution');
  });

  test('an existing caller by id, left open: a new phone ticket in the chosen group', async () => {
    const r = await call({ caller: { id: requester.id }, groupId: l1.id });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.equal(r.body.status, 'new');
    assert.equal(r.body.channel, 'phone');
    assert.equal(r.body.requester.id, requester.id);
    assert.equal(r.body.group.id, l1.id);
    assert.equal(r.body.assignee, null);
    assert.equal(r.body.firstContactResolution, false);
  });

  test('resolved on the spot into a group the agent is not in: resolved, unassigned', async () => {
    const r = await call({ caller: { id: requester.id }, groupId: l2.id, resolution: record });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.equal(r.body.status, 'resolved');
    assert.equal(r.body.assignee, null);
    assert.equal(r.body.firstContactResolution, true);
  });

  test('nothing is written when any part is wrong (one transaction)', async () => {
    const email = `ghost-${uniq()}@${domain}`;
    const countTickets = async () => Number((await t.deps.db.selectFrom('tickets').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = await countTickets();
    assertProblem(await call({ caller: { email }, category: 'No / Such / Category', resolution: record }), 422, { detail: /Category/ });
    assertProblem(await call({ caller: { email }, groupId: 999999 }), 422);
    assertProblem(await call({ caller: { email }, resolution: { ...record, diagnosis: ' ' } }), 400);
    assertProblem(await call({ caller: { id: 999999 } }), 422);
    assert.equal(await countTickets(), before);
    const users = await t.deps.db.selectFrom('users').select('id').where('email', '=', email).execute();
    assert.deepEqual(users, []);
  });

  test('bad input is a 400; requesters and callers outside the agent\'s scope are refused', async () => {
    assertProblem(await call({ caller: {} }), 400);
    assertProblem(await call({ caller: { id: requester.id, email: 'x@y.test' } }), 400);
    assertProblem(await call({ caller: { email: 'not-an-email' } }), 400);
    assertProblem(await api.post('/api/v1/calls', { caller: { id: requester.id }, title: 'x' }, { token: agent.token }), 400);
    assertProblem(await call({ caller: { id: requester.id } }, requester.token), 403);
    assertProblem(await call({ caller: { id: requester.id } }, scopedAgent.token), 403);
    assertProblem(await api.post('/api/v1/calls', {}), 401);
  });
});
