// Saved queue views over real HTTP: own and shared views, who may change them, validation
// against the ticket list query, and unique names per owner.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { makeUser, uniq, type MadeUser } from '../../test/factories.ts';
import { assertProblem } from '../../test/assertions.ts';
import { startCastApp } from '../../test/cast-app.ts';

let cast: Awaited<ReturnType<typeof startCastApp>>;
let api: Awaited<ReturnType<typeof startCastApp>>['api'];
let agent2: MadeUser;

before(async () => {
  cast = await startCastApp();
  api = cast.api;
  agent2 = await makeUser(cast.t.deps, { roles: ['agent'] });
});
after(() => cast.t.close());

const create = (body: unknown, token = cast.agent.token) => api.post('/api/v1/views', body, { token });
const ids = (r: { body: { items: { id: number }[] } }) => r.body.items.map((v) => v.id);

describe('saved views', () => {
  test('an agent saves a view; the filters are kept as list query strings', async () => {
    const r = await create({
      name: `  P1 printers ${uniq()} `,
      filters: { status: 'open', priority: 'P1,P2', assigneeId: 'me', q: 'printer', tier: '2' },
      sort: '-updated',
      columns: ['number', 'title', 'priority', 'updated'],
    });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.deepEqual(Object.keys(r.body).sort(), ['columns', 'createdAt', 'filters', 'id', 'isShared', 'name', 'owner', 'position', 'sort', 'updatedAt']);
    assert.match(r.body.name, /^P1 printers \w+$/, 'trimmed');
    assert.deepEqual(r.body.filters, { q: 'printer', status: 'open', priority: 'P1,P2', assigneeId: 'me', tier: '2' });
    assert.equal(r.body.sort, '-updated');
    assert.deepEqual(r.body.columns, ['number', 'title', 'priority', 'updated']);
    assert.deepEqual(r.body.owner, { id: cast.agent.id, name: cast.agent.name });
    assert.equal(r.body.isShared, false);
    // The stored filters work as a list request unchanged.
    const list = await api.get(`/api/v1/tickets?${new URLSearchParams(r.body.filters)}`, { token: cast.agent.token });
    assert.equal(list.status, 200);

    const one = await api.get(`/api/v1/views/${r.body.id}`, { token: cast.agent.token });
    assert.deepEqual(one.body, r.body);
    assert.ok(ids(await api.get('/api/v1/views', { token: cast.agent.token })).includes(r.body.id));
  });

  test('defaults: no filter, newest first, the standard columns, placed after the others', async () => {
    const owner = await makeUser(cast.t.deps, { roles: ['agent'] });
    const a = await create({ name: 'First' }, owner.token);
    const b = await create({ name: 'Second' }, owner.token);
    assert.deepEqual(a.body.filters, {});
    assert.equal(a.body.sort, '-created');
    assert.ok(a.body.columns.includes('title'));
    assert.equal(b.body.position, a.body.position + 1);
    const moved = await api.patch(`/api/v1/views/${b.body.id}`, { position: 0 }, { token: owner.token });
    assert.equal(moved.status, 200);
    await api.patch(`/api/v1/views/${a.body.id}`, { position: 5 }, { token: owner.token });
    assert.deepEqual(ids(await api.get('/api/v1/views', { token: owner.token })), [b.body.id, a.body.id]);
  });

  test('private views are the owner’s alone; shared ones are listed for every agent', async () => {
    const mine = await create({ name: `Private ${uniq()}` });
    const shared = await create({ name: `Team P1 ${uniq()}`, filters: { priority: 'P1' }, isShared: true }, cast.supervisor.token);
    assert.equal(shared.status, 201, JSON.stringify(shared.body));
    assert.equal(shared.body.isShared, true);
    const seen = ids(await api.get('/api/v1/views', { token: agent2.token }));
    assert.ok(seen.includes(shared.body.id));
    assert.ok(!seen.includes(mine.body.id));
    assert.equal((await api.get(`/api/v1/views/${mine.body.id}`, { token: agent2.token })).status, 404);
    assert.equal((await api.get(`/api/v1/views/${shared.body.id}`, { token: agent2.token })).status, 200);
    // Own views come first in the list.
    const own = await create({ name: `Mine ${uniq()}` }, agent2.token);
    assert.equal(ids(await api.get('/api/v1/views', { token: agent2.token }))[0], own.body.id);
  });

  test('only the owner changes or deletes a view', async () => {
    const shared = await create({ name: `Shared ${uniq()}`, isShared: true }, cast.admin.token);
    const priv = await create({ name: `Priv ${uniq()}` });
    for (const who of [cast.agent, cast.supervisor]) {
      assertProblem(await api.patch(`/api/v1/views/${shared.body.id}`, { name: 'Hijacked' }, { token: who.token }), 403, { detail: /only its owner/ });
      assertProblem(await api.delete(`/api/v1/views/${shared.body.id}`, { token: who.token }), 403);
    }
    assertProblem(await api.patch(`/api/v1/views/${priv.body.id}`, { name: 'Hijacked' }, { token: agent2.token }), 404);
    assertProblem(await api.delete(`/api/v1/views/${priv.body.id}`, { token: agent2.token }), 404);

    const r = await api.patch(`/api/v1/views/${priv.body.id}`, { name: 'Renamed', filters: { status: 'pending' }, sort: 'updated', columns: ['title'] }, { token: cast.agent.token });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.name, 'Renamed');
    assert.deepEqual(r.body.filters, { status: 'pending' }, 'filters are replaced, not merged');
    assert.deepEqual(r.body.columns, ['title']);
    assert.equal((await api.delete(`/api/v1/views/${priv.body.id}`, { token: cast.agent.token })).status, 204);
    assert.equal((await api.get(`/api/v1/views/${priv.body.id}`, { token: cast.agent.token })).status, 404);
    assert.equal((await api.delete(`/api/v1/views/${priv.body.id}`, { token: cast.agent.token })).status, 404);
  });

  test('only supervisors and admins share views', async () => {
    assertProblem(await create({ name: `Shared ${uniq()}`, isShared: true }), 403, { detail: /supervisors and admins/ });
    const v = await create({ name: `Mine ${uniq()}` });
    assertProblem(await api.patch(`/api/v1/views/${v.body.id}`, { isShared: true }, { token: cast.agent.token }), 403);
    const s = await create({ name: `Sup ${uniq()}` }, cast.supervisor.token);
    const shared = await api.patch(`/api/v1/views/${s.body.id}`, { isShared: true }, { token: cast.supervisor.token });
    assert.equal(shared.body.isShared, true);
    const unshared = await api.patch(`/api/v1/views/${s.body.id}`, { isShared: false }, { token: cast.supervisor.token });
    assert.equal(unshared.body.isShared, false);
    assert.equal((await api.get(`/api/v1/views/${s.body.id}`, { token: agent2.token })).status, 404);
  });

  test('names are unique per owner in any case, on create and rename', async () => {
    const name = `Escalated ${uniq()}`;
    assert.equal((await create({ name })).status, 201);
    assertProblem(await create({ name: name.toUpperCase() }), 409, { detail: /already have a view/ });
    assert.equal((await create({ name }, agent2.token)).status, 201, 'another owner may use the name');
    const other = await create({ name: `Other ${uniq()}` });
    assertProblem(await api.patch(`/api/v1/views/${other.body.id}`, { name: name.toLowerCase() }, { token: cast.agent.token }), 409);
    const same = await api.patch(`/api/v1/views/${other.body.id}`, { name: other.body.name.toUpperCase() }, { token: cast.agent.token });
    assert.equal(same.status, 200, 'renaming a view to its own name in another case');
  });

  test('filters, sort and columns are checked like the list query', async () => {
    const cases: [unknown, RegExp][] = [
      [{ name: 'V', filters: { priority: 'P9' } }, /body\.filters\.priority/],
      [{ name: 'V', filters: { status: 'open,lost' } }, /body\.filters\.status/],
      [{ name: 'V', filters: { assigneeId: 'you' } }, /body\.filters\.assigneeId/],
      [{ name: 'V', filters: { tier: '7' } }, /body\.filters\.tier/],
      [{ name: 'V', filters: { createdFrom: 'yesterday' } }, /body\.filters\.createdFrom/],
      [{ name: 'V', filters: { limit: '20' } }, /body\.filters/],
      [{ name: 'V', filters: { cursor: 'abc' } }, /body\.filters/],
      [{ name: 'V', filters: { status: 3 } }, /body\.filters\.status/],
      [{ name: 'V', sort: 'priority' }, /body\.sort/],
      [{ name: 'V', columns: ['title', 'secret'] }, /body\.columns/],
      [{ name: 'V', columns: ['title', 'title'] }, /body\.columns/],
      [{ name: 'V', columns: [] }, /body\.columns/],
      [{ name: ' ' }, /body\.name/],
      [{ name: 'x'.repeat(101) }, /body\.name/],
      [{ name: 'V', ownerId: 1 }, /ownerId/],
    ];
    for (const [body, detail] of cases) assertProblem(await create(body), 400, { detail });
    const v = await create({ name: `Valid ${uniq()}` });
    assertProblem(await api.patch(`/api/v1/views/${v.body.id}`, {}, { token: cast.agent.token }), 400, { detail: /at least one field/ });
    assertProblem(await api.patch(`/api/v1/views/${v.body.id}`, { filters: { groupId: 'all' } }, { token: cast.agent.token }), 400, { detail: /body\.filters\.groupId/ });
  });

  test('views are for staff', async () => {
    assertProblem(await api.get('/api/v1/views'), 401);
    assertProblem(await api.get('/api/v1/views', { token: cast.requester.token }), 403);
    assertProblem(await create({ name: 'Mine' }, cast.requester.token), 403);
    assertProblem(await api.get('/api/v1/views/999999', { token: cast.agent.token }), 404);
  });
});
