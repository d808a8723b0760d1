// SLA policies over real HTTP: reading, writing, exactly one default, deletion rules, validation.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { client, startTestApp, type TestApp } from '../../test/harness.ts';
import { type MadeUser, makeGroup, makeOrganisation, makeUser, uniq } from '../../test/factories.ts';
import { assertProblem } from '../../test/assertions.ts';

let t: TestApp;
let api: ReturnType<typeof client>;
let admin: MadeUser;
let supervisor: MadeUser;
let agent: MadeUser;
let requester: MadeUser;
let alwaysId: number;
let parisId: number;

before(async () => {
  t = await startTestApp();
  api = client(t);
  admin = await makeUser(t.deps, { roles: ['admin'] });
  supervisor = await makeUser(t.deps, { roles: ['supervisor'] });
  agent = await makeUser(t.deps, { roles: ['agent'] });
  requester = await makeUser(t.deps, { roles: ['requester'] });
  const cals = (await api.get('/api/v1/calendars', { token: agent.token })).body.items;
  alwaysId = cals.find((c: { name: string }) => c.name === '24/7').id;
  parisId = cals.find((c: { name: string }) => c.name === 'Business hours (Paris)').id;
});
after(() => t.close());

const target = (firstResponse: number, resolution: number, nextResponse: number | null = null) => ({ firstResponse, resolution, nextResponse });
const TARGETS = { 1: target(30, 240, 60), 2: target(60, 480), 3: target(240, 1440), 4: target(480, 2880), 5: target(960, 7200) };
const create = (body: Record<string, unknown> = {}, token = admin.token) =>
  api.post('/api/v1/sla/policies', { name: `Gold ${uniq()}`, calendarId: parisId, targets: TARGETS, ...body }, { token });
const list = async () => (await api.get('/api/v1/sla/policies', { token: agent.token })).body.items as { id: number; name: string; isDefault: boolean }[];
const defaults = async () => (await list()).filter((p) => p.isDefault).map((p) => p.id);

describe('SLA policies', () => {
  test('the seeded default is listed first to staff; requesters and strangers are refused', async () => {
    const items = await list();
    assert.equal(items[0]!.name, 'Standard');
    assert.equal(items[0]!.isDefault, true);
    const one = await api.get(`/api/v1/sla/policies/${items[0]!.id}`, { token: agent.token });
    assert.equal(one.status, 200);
    assert.deepEqual(one.body.calendar, { id: alwaysId, name: '24/7' });
    assert.deepEqual(one.body.targets['1'], { firstResponse: 15, resolution: 240, nextResponse: 60 });
    assert.equal((await api.get('/api/v1/sla/policies', { token: requester.token })).status, 403);
    assert.equal((await api.get('/api/v1/sla/policies')).status, 401);
    assertProblem(await api.get('/api/v1/sla/policies/999999', { token: agent.token }), 404, { detail: /SLA policy 999999 does not exist/ });
  });

  test('an admin creates a policy (audited); supervisors, agents and requesters cannot write', async () => {
    const g = await makeGroup(t.deps);
    const actions = [
      { on: 'warning', metric: 'firstResponse', do: 'notify_assignee' },
      { on: 'breach', metric: 'resolution', do: 'reassign', groupId: g.id },
      { on: 'breach', metric: 'any', do: 'escalate' },
    ];
    const r = await create({ description: 'Gold clients', warnPercent: 75, actions });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.deepEqual(Object.keys(r.body).sort(), ['actions', 'calendar', 'contracts', 'createdAt', 'description', 'id', 'isDefault', 'name', 'targets', 'updatedAt', 'warnPercent']);
    assert.deepEqual(r.body.calendar, { id: parisId, name: 'Business hours (Paris)' });
    assert.equal(r.body.isDefault, false);
    assert.equal(r.body.warnPercent, 75);
    assert.equal(r.body.contracts, 0);
    assert.deepEqual(r.body.actions, actions);
    assert.deepEqual(r.body.targets['2'], { firstResponse: 60, resolution: 480, nextResponse: null });
    const audit = await api.get(`/api/v1/audit?entityType=sla_policy&entityId=${r.body.id}`, { token: admin.token });
    assert.equal(audit.body.items[0].action, 'sla_policy.create');
    for (const who of [supervisor, agent, requester]) {
      assert.equal((await create({}, who.token)).status, 403);
      assert.equal((await api.patch(`/api/v1/sla/policies/${r.body.id}`, { warnPercent: 50 }, { token: who.token })).status, 403);
      assert.equal((await api.delete(`/api/v1/sla/policies/${r.body.id}`, { token: who.token })).status, 403);
    }
    assertProblem(await create({ name: r.body.name.toUpperCase() }), 409, { detail: /already exists/ });
  });

  test('exactly one default at all times: making one the default clears the other', async () => {
    const standard = (await list()).find((p) => p.name === 'Standard')!;
    const gold = await create({ isDefault: true });
    assert.equal(gold.body.isDefault, true);
    assert.deepEqual(await defaults(), [gold.body.id]);
    const silver = (await create()).body;
    const r = await api.patch(`/api/v1/sla/policies/${silver.id}`, { isDefault: true }, { token: admin.token });
    assert.equal(r.status, 200);
    assert.equal(r.body.isDefault, true);
    assert.deepEqual(await defaults(), [silver.id]);
    assertProblem(await api.patch(`/api/v1/sla/policies/${silver.id}`, { isDefault: false }, { token: admin.token }), 400, { detail: /body\.isDefault/ });
    // Several admins at once: still one default.
    const ids = [standard.id, gold.body.id, silver.id];
    const answers = await Promise.all(ids.map((id) => api.patch(`/api/v1/sla/policies/${id}`, { isDefault: true }, { token: admin.token })));
    assert.deepEqual(answers.map((a) => a.status), [200, 200, 200]);
    assert.equal((await defaults()).length, 1);
    // New default policies created at once: still one default.
    const created = await Promise.all([1, 2, 3].map(() => create({ isDefault: true })));
    assert.deepEqual(created.map((c) => c.status), [201, 201, 201]);
    assert.equal((await defaults()).length, 1);
    await api.patch(`/api/v1/sla/policies/${standard.id}`, { isDefault: true }, { token: admin.token });
    assert.deepEqual(await defaults(), [standard.id]);
    const audit = await api.get(`/api/v1/audit?entityType=sla_policy&entityId=${standard.id}`, { token: admin.token });
    assert.deepEqual(audit.body.items[0].data.isDefault, { from: false, to: true });
  });

  test('an admin changes targets, calendar and actions; the whole result is checked', async () => {
    const p = (await create()).body;
    const r = await api.patch(`/api/v1/sla/policies/${p.id}`, { calendarId: alwaysId, targets: { ...TARGETS, 1: target(10, 120) } }, { token: admin.token });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.deepEqual(r.body.calendar, { id: alwaysId, name: '24/7' });
    assert.deepEqual(r.body.targets['1'], { firstResponse: 10, resolution: 120, nextResponse: null });
    const same = await api.patch(`/api/v1/sla/policies/${p.id}`, { calendarId: alwaysId }, { token: admin.token });
    assert.equal(same.body.updatedAt, r.body.updatedAt, 'no change, no write');
    assertProblem(await api.patch(`/api/v1/sla/policies/${p.id}`, { calendarId: 999999 }, { token: admin.token }), 422, { detail: /"calendarId": calendar 999999 does not exist/ });
    assertProblem(await api.patch(`/api/v1/sla/policies/${p.id}`, { name: 'Standard' }, { token: admin.token }), 409, { detail: /"Standard" already exists/ });
    assertProblem(await api.patch('/api/v1/sla/policies/999999', { warnPercent: 50 }, { token: admin.token }), 404);
  });

  test('bad policies are refused with details naming the field', async () => {
    const g = await makeGroup(t.deps);
    const cases: [Record<string, unknown>, number, RegExp][] = [
      [{ calendarId: 999999 }, 422, /"calendarId": calendar 999999 does not exist/],
      [{ targets: { ...TARGETS, 3: target(2000, 1440) } }, 422, /"targets\.3": P3's first response \(2000 min\) must come no later than its resolution \(1440 min\)/],
      [{ actions: [{ on: 'breach', metric: 'any', do: 'reassign' }] }, 422, /"actions\[0\]\.groupId": reassign needs the group/],
      [{ actions: [{ on: 'breach', metric: 'any', do: 'reassign', groupId: 999999 }] }, 422, /"actions\[0\]\.groupId": group 999999 does not exist/],
      [{ actions: [{ on: 'breach', metric: 'any', do: 'escalate', groupId: 999998 }] }, 422, /group 999998 does not exist/],
      [{ actions: [{ on: 'warning', metric: 'any', do: 'notify_group', groupId: g.id }] }, 422, /only reassign and escalate take a group/],
      [{ actions: [{ on: 'warning', metric: 'any', do: 'notify_group' }, { on: 'warning', metric: 'any', do: 'notify_group' }] }, 422, /"actions\[1\]": the same action .* twice/],
      [{ actions: [{ on: 'later', metric: 'any', do: 'notify_group' }] }, 400, /body\.actions\.0\.on/],
      [{ actions: [{ on: 'breach', metric: 'any', do: 'page_everyone' }] }, 400, /body\.actions\.0\.do/],
      [{ targets: { 1: target(1, 2) } }, 400, /body\.targets\.2/],
      [{ targets: { ...TARGETS, 1: target(0, 10) } }, 400, /body\.targets\.1\.firstResponse/],
      [{ warnPercent: 100 }, 400, /body\.warnPercent/],
      [{ calendarId: 'paris' }, 400, /body\.calendarId/],
      [{ tier: 1 }, 400, /unknown field "tier"/],
    ];
    for (const [body, status, detail] of cases) assertProblem(await create(body), status, { detail });
    const many = await create({ calendarId: 999999, targets: { ...TARGETS, 1: target(500, 400), 2: target(900, 480) } });
    assert.deepEqual(many.body.errors.map((e: { path: string }) => e.path), ['calendarId', 'targets.1', 'targets.2']);
  });

  test('the default cannot be deleted; nor a policy contracts use (named); a free one can', async () => {
    const standard = (await list()).find((p) => p.name === 'Standard')!;
    assertProblem(await api.delete(`/api/v1/sla/policies/${standard.id}`, { token: admin.token }), 409, { detail: /"Standard" is the default SLA policy; make another policy the default/ });
    const p = (await create()).body;
    const org = await makeOrganisation(t.deps, { name: `Acme ${uniq()}` });
    const contract = await api.post('/api/v1/contracts', { organisationId: org.id, name: 'Acme 2026', policyId: p.id }, { token: admin.token });
    assert.equal(contract.status, 201, JSON.stringify(contract.body));
    assert.equal((await api.get(`/api/v1/sla/policies/${p.id}`, { token: agent.token })).body.contracts, 1);
    const refused = await api.delete(`/api/v1/sla/policies/${p.id}`, { token: admin.token });
    assertProblem(refused, 409, { detail: new RegExp(`used by 1 contract\\(s\\): "Acme 2026" \\(${org.name}, id ${contract.body.id}\\)`) });
    assert.equal((await api.delete(`/api/v1/contracts/${contract.body.id}`, { token: admin.token })).status, 204);
    assert.equal((await api.delete(`/api/v1/sla/policies/${p.id}`, { token: admin.token })).status, 204);
    assertProblem(await api.get(`/api/v1/sla/policies/${p.id}`, { token: admin.token }), 404);
    assertProblem(await api.delete(`/api/v1/sla/policies/${p.id}`, { token: admin.token }), 404);
    const audit = await api.get(`/api/v1/audit?entityType=sla_policy&entityId=${p.id}`, { token: admin.token });
    assert.equal(audit.body.items[0].action, 'sla_policy.delete');
  });
});
