// The category tree over real HTTP: listing for each role, creating, renaming, moving,
// deactivating, deleting, and resolving paths.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startCastApp } from '../../test/cast-app.ts';
import { makeTicket, uniq } from '../../test/factories.ts';
import { isProblem } from '../../test/assertions.ts';
import { findCategoryIdByPath } from './categories.repo.ts';

const { t, api, admin, supervisor, agent, requester } = await startCastApp();
after(() => t.close());

async function create(name: string, parentId: number | null = null) {
  const r = await api.post('/api/v1/categories', { name, parentId }, { token: admin.token });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body as { id: number; path: string; parentId: number | null; name: string; isActive: boolean };
}
const patch = (id: number, body: unknown, token = admin.token) => api.patch(`/api/v1/categories/${id}`, body, { token });
type Item = { id: number; path: string; children?: Item[] };

describe('categories', () => {
  test('an admin builds a tree; everyone signed in lists it flat, sorted by path, or nested', async () => {
    const root = await create(`Hardware ${uniq()}`);
    const laptop = await create('Laptop', root.id);
    const dock = await create('Dock', root.id);
    const battery = await create('Battery', laptop.id);
    assert.equal(battery.path, `${root.name} / Laptop / Battery`);
    assert.deepEqual(Object.keys(battery).sort(), ['createdAt', 'id', 'isActive', 'name', 'parentId', 'path', 'requiredSkillId']);
    for (const who of [admin, supervisor, agent, requester]) {
      const flat = await api.get('/api/v1/categories', { token: who.token });
      assert.equal(flat.status, 200);
      const mine = flat.body.items.filter((c: Item) => c.path.startsWith(root.name));
      assert.deepEqual(
        mine.map((c: Item) => c.id),
        [root.id, dock.id, laptop.id, battery.id],
      );
      const nested = await api.get('/api/v1/categories?tree=1', { token: who.token });
      const node = nested.body.items.find((c: Item) => c.id === root.id);
      assert.deepEqual(
        node.children.map((c: Item) => [c.id, c.children!.map((g) => g.id)]),
        [
          [dock.id, []],
          [laptop.id, [battery.id]],
        ],
      );
    }
    assert.equal((await api.get('/api/v1/categories')).status, 401);
    const one = await api.get(`/api/v1/categories/${battery.id}`, { token: requester.token });
    assert.deepEqual(one.body, battery);
  });

  test('only admins create, change and delete', async () => {
    const c = await create(`Locked ${uniq()}`);
    for (const who of [supervisor, agent, requester]) {
      assert.equal((await api.post('/api/v1/categories', { name: `X ${uniq()}` }, { token: who.token })).status, 403);
      assert.equal((await patch(c.id, { name: 'Y' }, who.token)).status, 403);
      assert.equal((await api.delete(`/api/v1/categories/${c.id}`, { token: who.token })).status, 403);
    }
  });

  test('inactive categories, and all under them, are hidden from requesters but not from staff', async () => {
    const root = await create(`Printing ${uniq()}`);
    const toner = await create('Toner', root.id);
    const off = await patch(root.id, { isActive: false });
    assert.equal(off.status, 200);
    assert.equal(off.body.isActive, false);
    const forRequester = await api.get('/api/v1/categories', { token: requester.token });
    assert.ok(!forRequester.body.items.some((c: Item) => c.id === root.id || c.id === toner.id));
    assert.equal((await api.get(`/api/v1/categories/${toner.id}`, { token: requester.token })).status, 404);
    const forAgent = await api.get('/api/v1/categories', { token: agent.token });
    assert.ok(forAgent.body.items.some((c: Item) => c.id === toner.id));
    const activeOnly = await api.get('/api/v1/categories?active=1', { token: agent.token });
    assert.ok(!activeOnly.body.items.some((c: Item) => c.id === toner.id));
    assert.equal((await patch(root.id, { isActive: true })).body.isActive, true);
  });

  test('rename and move; a move under itself or a descendant is a 422', async () => {
    const a = await create(`Network ${uniq()}`);
    const b = await create('Wifi', a.id);
    const c = await create('Guest', b.id);
    const renamed = await patch(b.id, { name: 'Wireless' });
    assert.equal(renamed.status, 200);
    assert.equal(renamed.body.path, `${a.name} / Wireless`);
    assert.equal((await api.get(`/api/v1/categories/${c.id}`, { token: agent.token })).body.path, `${a.name} / Wireless / Guest`);
    for (const parentId of [a.id, b.id, c.id]) {
      const r = await patch(a.id, { parentId });
      assert.equal(r.status, 422, String(parentId));
      isProblem(r);
      assert.match(r.body.detail, /under itself/);
    }
    const moved = await patch(c.id, { parentId: null });
    assert.equal(moved.status, 200);
    assert.equal(moved.body.path, 'Guest');
    assert.equal(moved.body.parentId, null);
    assert.equal((await patch(c.id, { parentId: 999999 })).status, 422);
    const audit = await api.get(`/api/v1/audit?entityType=category&entityId=${c.id}`, { token: admin.token });
    assert.equal(audit.body.items[0].action, 'category.update');
    assert.deepEqual(audit.body.items[0].data.parentId, { from: b.id, to: null });
  });

  test('sibling names are unique in any case; the same name elsewhere is fine', async () => {
    const a = await create(`Accounts ${uniq()}`);
    const b = await create(`Access ${uniq()}`);
    await create('Password reset', a.id);
    const dup = await api.post('/api/v1/categories', { name: 'PASSWORD RESET', parentId: a.id }, { token: admin.token });
    assert.equal(dup.status, 409);
    isProblem(dup);
    const there = await create('Password reset', b.id);
    assert.equal((await patch(there.id, { parentId: a.id })).status, 409, 'a move onto a sibling name');
    const rootDup = await api.post('/api/v1/categories', { name: a.name.toLowerCase() }, { token: admin.token });
    assert.equal(rootDup.status, 409, 'top-level names are unique too');
    assert.equal((await api.post('/api/v1/categories', { name: 'X', parentId: 999999 }, { token: admin.token })).status, 422);
  });

  test('deletion is refused while sub-categories or tickets use it', async () => {
    const a = await create(`Phones ${uniq()}`);
    const b = await create('Mobile', a.id);
    const r = await api.delete(`/api/v1/categories/${a.id}`, { token: admin.token });
    assert.equal(r.status, 409);
    assert.match(r.body.detail, /1 sub-category/);
    await makeTicket(t.deps, { requesterId: requester.id, categoryId: b.id });
    const r2 = await api.delete(`/api/v1/categories/${b.id}`, { token: admin.token });
    assert.equal(r2.status, 409);
    assert.match(r2.body.detail, /1 ticket/);
    const free = await create('Unused', a.id);
    assert.equal((await api.delete(`/api/v1/categories/${free.id}`, { token: admin.token })).status, 204);
    assert.equal((await api.get(`/api/v1/categories/${free.id}`, { token: admin.token })).status, 404);
    assert.equal((await api.delete('/api/v1/categories/999999', { token: admin.token })).status, 404);
  });

  test('bad input is a 400 problem naming the field', async () => {
    const cases: [unknown, RegExp][] = [
      [{ name: 'A/B' }, /body\.name: must not contain "\/"/],
      [{ name: '' }, /body\.name/],
      [{ name: 'A', parentId: 'x' }, /body\.parentId/],
      [{ name: 'A', isActive: true }, /unknown field "isActive"/],
      [{}, /body\.name/],
    ];
    for (const [body, detail] of cases) {
      const r = await api.post('/api/v1/categories', body, { token: admin.token });
      assert.equal(r.status, 400, JSON.stringify(body));
      isProblem(r);
      assert.match(r.body.detail, detail);
    }
    const c = await create(`Bad ${uniq()}`);
    const r = await patch(c.id, { isActive: 'no' });
    assert.equal(r.status, 400);
    assert.match(r.body.detail, /body\.isActive/);
    assert.equal((await api.get('/api/v1/categories?tree=yes', { token: agent.token })).status, 400);
    const malformed = await api.post('/api/v1/categories', undefined, { token: admin.token, raw: '{"name"', headers: { 'content-type': 'application/json' } });
    assert.equal(malformed.status, 400);
    isProblem(malformed);
  });
});

describe('findCategoryIdByPath', () => {
  test('resolves a path in any case and spacing; null when any level is missing', async () => {
    const top = `Hardware ${uniq()}`;
    const root = await create(top);
    const laptop = await create('Laptop', root.id);
    const db = t.deps.db;
    assert.equal(await findCategoryIdByPath(db, `${top}/Laptop`), laptop.id);
    assert.equal(await findCategoryIdByPath(db, `  ${top.toUpperCase()} /  laptop `), laptop.id);
    assert.equal(await findCategoryIdByPath(db, top), root.id);
    assert.equal(await findCategoryIdByPath(db, `${top} / Desktop`), null);
    assert.equal(await findCategoryIdByPath(db, 'Laptop'), null, 'a child is not found from the top');
    assert.equal(await findCategoryIdByPath(db, ' / '), null);
    await patch(root.id, { isActive: false });
    assert.equal(await findCategoryIdByPath(db, `${top}/Laptop`), laptop.id);
    assert.equal(await findCategoryIdByPath(db, `${top}/Laptop`, { activeOnly: true }), null);
  });
});

describe('API description', () => {
  test('every $ref in the OpenAPI document resolves', async () => {
    const doc = (await api.get('/api/v1/openapi.json')).body;
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]);
    for (const ref of new Set(refs)) assert.ok(doc.components?.schemas?.[ref], `missing component ${ref}`);
  });
});
