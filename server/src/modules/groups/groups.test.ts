// Support groups over real HTTP: CRUD, members, roles, bad input.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { client, startTestApp, type TestApp } from '../../test/harness.ts';
import { type MadeUser, makeGroup, makeTicket, makeUser, uniq } from '../../test/factories.ts';
import { isProblem } from '../../test/assertions.ts';

let t: TestApp;
let api: ReturnType<typeof client>;
let admin: MadeUser;
let supervisor: MadeUser;
let agent: MadeUser;
let requester: MadeUser;

before(async () => {
  t = await startTestApp();
  api = client(t);
  admin = await makeUser(t.deps, { roles: ['admin'] });
  supervisor = await makeUser(t.deps, { roles: ['supervisor'] });
  agent = await makeUser(t.deps, { roles: ['agent'], name: `Agent ${uniq()}` });
  requester = await makeUser(t.deps, { roles: ['requester'] });
});
after(() => t.close());

const create = (body: unknown, token = admin.token) => api.post('/api/v1/groups', body, { token });

describe('groups', () => {
  test('an admin creates a group; staff read it, requesters cannot', async () => {
    const name = `Service desk ${uniq()}`;
    const r = await create({ name, tier: 1, description: 'First line' });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.deepEqual(Object.keys(r.body).sort(), ['assignmentStrategy', 'createdAt', 'description', 'id', 'members', 'name', 'tier', 'updatedAt']);
    assert.equal(r.body.tier, 1);
    assert.deepEqual(r.body.members, []);
    for (const who of [admin, supervisor, agent]) {
      const one = await api.get(`/api/v1/groups/${r.body.id}`, { token: who.token });
      assert.equal(one.status, 200);
      assert.deepEqual(one.body, r.body);
      const list = await api.get('/api/v1/groups', { token: who.token });
      assert.ok(list.body.items.some((g: { id: number }) => g.id === r.body.id));
    }
    assert.equal((await api.get('/api/v1/groups', { token: requester.token })).status, 403);
    assert.equal((await api.get(`/api/v1/groups/${r.body.id}`, { token: requester.token })).status, 403);
    assert.equal((await api.get('/api/v1/groups')).status, 401);
    assert.equal((await api.get('/api/v1/groups/999999', { token: agent.token })).status, 404);
  });

  test('only admins create, change and delete groups', async () => {
    const g = await makeGroup(t.deps);
    for (const who of [supervisor, agent, requester]) {
      assert.equal((await create({ name: `G ${uniq()}`, tier: 2 }, who.token)).status, 403);
      assert.equal((await api.patch(`/api/v1/groups/${g.id}`, { tier: 2 }, { token: who.token })).status, 403);
      assert.equal((await api.delete(`/api/v1/groups/${g.id}`, { token: who.token })).status, 403);
    }
  });

  test('names are unique in any case, on create and rename', async () => {
    const name = `Network ${uniq()}`;
    assert.equal((await create({ name, tier: 2 })).status, 201);
    const dup = await create({ name: name.toLowerCase(), tier: 3 });
    assert.equal(dup.status, 409);
    isProblem(dup);
    const other = await makeGroup(t.deps);
    assert.equal((await api.patch(`/api/v1/groups/${other.id}`, { name: name.toUpperCase() }, { token: admin.token })).status, 409);
  });

  test('an admin renames a group and changes its tier; the change is audited', async () => {
    const g = await makeGroup(t.deps, { tier: 1 });
    const r = await api.patch(`/api/v1/groups/${g.id}`, { name: `Renamed ${uniq()}`, tier: 3, description: 'Experts' }, { token: admin.token });
    assert.equal(r.status, 200);
    assert.equal(r.body.tier, 3);
    assert.equal(r.body.description, 'Experts');
    const audit = await api.get(`/api/v1/audit?entityType=group&entityId=${g.id}`, { token: admin.token });
    assert.equal(audit.body.items[0].action, 'group.update');
    assert.deepEqual(audit.body.items[0].data.tier, { from: 1, to: 3 });
    assert.equal((await api.patch('/api/v1/groups/999999', { tier: 2 }, { token: admin.token })).status, 404);
  });

  test('bad input is a 400 problem naming the field', async () => {
    const cases: [unknown, RegExp][] = [
      [{ name: 'G', tier: 4 }, /body\.tier/],
      [{ name: 'G', tier: '1' }, /body\.tier/],
      [{ name: 'G' }, /body\.tier/],
      [{ name: 'G', tier: 1, members: [] }, /unknown field "members"/],
      [{ name: '', tier: 1 }, /body\.name/],
    ];
    for (const [body, detail] of cases) {
      const r = await create(body);
      assert.equal(r.status, 400, JSON.stringify(body));
      isProblem(r);
      assert.match(r.body.detail, detail);
    }
    const malformed = await api.post('/api/v1/groups', undefined, { token: admin.token, raw: '{', headers: { 'content-type': 'application/json' } });
    assert.equal(malformed.status, 400);
    isProblem(malformed);
  });

  test('deletion is refused while tickets refer to the group', async () => {
    const g = await makeGroup(t.deps);
    await makeTicket(t.deps, { requesterId: requester.id, groupId: g.id });
    const r = await api.delete(`/api/v1/groups/${g.id}`, { token: admin.token });
    assert.equal(r.status, 409);
    isProblem(r);
    assert.match(r.body.detail, /1 ticket/);
    const free = await makeGroup(t.deps);
    await makeUser(t.deps, { roles: ['agent'], groupIds: [free.id] });
    assert.equal((await api.delete(`/api/v1/groups/${free.id}`, { token: admin.token })).status, 204);
    assert.equal((await api.get(`/api/v1/groups/${free.id}`, { token: admin.token })).status, 404);
    assert.equal((await api.delete(`/api/v1/groups/${free.id}`, { token: admin.token })).status, 404);
  });
});

describe('group members', () => {
  test('an admin or a supervisor replaces the members; agents and requesters cannot', async () => {
    const g = await makeGroup(t.deps);
    const other = await makeUser(t.deps, { roles: ['agent'], name: `Aaron ${uniq()}` });
    const r = await api.put(`/api/v1/groups/${g.id}/members`, { userIds: [agent.id, other.id, agent.id] }, { token: supervisor.token });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.deepEqual(r.body.members.map((m: { id: number }) => m.id).sort(), [agent.id, other.id].sort());
    assert.deepEqual(Object.keys(r.body.members[0]).sort(), ['email', 'id', 'name']);
    const user = await api.get(`/api/v1/users/${other.id}`, { token: admin.token });
    assert.deepEqual(user.body.groupIds, [g.id]);
    const r2 = await api.put(`/api/v1/groups/${g.id}/members`, { userIds: [other.id] }, { token: admin.token });
    assert.deepEqual(r2.body.members.map((m: { id: number }) => m.id), [other.id]);
    const audit = await api.get(`/api/v1/audit?entityType=group&entityId=${g.id}`, { token: admin.token });
    assert.deepEqual(audit.body.items[0].data, { added: [], removed: [agent.id] });
    for (const who of [agent, requester]) {
      assert.equal((await api.put(`/api/v1/groups/${g.id}/members`, { userIds: [] }, { token: who.token })).status, 403);
    }
    assert.equal((await api.put(`/api/v1/groups/${g.id}/members`, { userIds: [] })).status, 401);
    const emptied = await api.put(`/api/v1/groups/${g.id}/members`, { userIds: [] }, { token: admin.token });
    assert.deepEqual(emptied.body.members, []);
  });

  test('members must be existing staff: requesters and unknown users are 422s', async () => {
    const g = await makeGroup(t.deps);
    const notStaff = await api.put(`/api/v1/groups/${g.id}/members`, { userIds: [agent.id, requester.id] }, { token: admin.token });
    assert.equal(notStaff.status, 422);
    isProblem(notStaff);
    assert.match(notStaff.body.detail, new RegExp(`user ${requester.id} has no staff role`));
    const unknown = await api.put(`/api/v1/groups/${g.id}/members`, { userIds: [999999] }, { token: admin.token });
    assert.equal(unknown.status, 422);
    assert.match(unknown.body.detail, /999999 does not exist/);
    assert.deepEqual((await api.get(`/api/v1/groups/${g.id}`, { token: admin.token })).body.members, [], 'nothing changed');
    assert.equal((await api.put('/api/v1/groups/999999/members', { userIds: [] }, { token: admin.token })).status, 404);
    const bad = await api.put(`/api/v1/groups/${g.id}/members`, { userIds: ['x'] }, { token: admin.token });
    assert.equal(bad.status, 400);
    assert.match(bad.body.detail, /body\.userIds\.0/);
    const missing = await api.put(`/api/v1/groups/${g.id}/members`, {}, { token: admin.token });
    assert.equal(missing.status, 400);
    assert.match(missing.body.detail, /body\.userIds/);
  });
});
