// The audit log: read by admins only, newest first, filtered and paged; append-only at the
// database itself.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { startCastApp } from '../../test/cast-app.ts';
import { makeUser, uniq } from '../../test/factories.ts';
import { isProblem } from '../../test/assertions.ts';

const { t, api, admin, supervisor, agent, requester } = await startCastApp();
after(() => t.close());

type Entry = { id: number; actorId: number | null; action: string; entityType: string; entityId: string; organisationId: number | null; data: any; createdAt: string };

describe('audit log', () => {
  test('only admins read it', async () => {
    for (const who of [supervisor, agent, requester]) {
      const r = await api.get('/api/v1/audit', { token: who.token });
      assert.equal(r.status, 403);
      isProblem(r);
    }
    assert.equal((await api.get('/api/v1/audit')).status, 401);
    assert.equal((await api.get('/api/v1/audit', { token: admin.token })).status, 200);
  });

  test('entries come newest first, with their data parsed, filtered by entity and actor', async () => {
    const org = await api.post('/api/v1/organisations', { name: `Audited ${uniq()}`, domains: [`audited-${uniq()}.example`] }, { token: admin.token });
    await api.patch(`/api/v1/organisations/${org.body.id}`, { name: `Audited again ${uniq()}` }, { token: admin.token });
    const r = await api.get(`/api/v1/audit?entityType=organisation&entityId=${org.body.id}`, { token: admin.token });
    assert.equal(r.status, 200);
    const items: Entry[] = r.body.items;
    assert.deepEqual(
      items.map((e) => e.action),
      ['organisation.update', 'organisation.create'],
    );
    assert.ok(items[0].id > items[1].id);
    assert.deepEqual(Object.keys(items[1]).sort(), ['action', 'actorId', 'createdAt', 'data', 'entityId', 'entityType', 'id', 'organisationId']);
    assert.equal(items[1].actorId, admin.id);
    assert.equal(items[1].entityId, String(org.body.id));
    assert.equal(items[1].organisationId, org.body.id);
    assert.deepEqual(items[1].data, { name: org.body.name, domains: org.body.domains });
    assert.equal(r.body.nextCursor, null);

    const other = await makeUser(t.deps, { roles: ['admin'] });
    await api.post('/api/v1/groups', { name: `By other ${uniq()}`, tier: 2 }, { token: other.token });
    const byActor = await api.get(`/api/v1/audit?actorId=${other.id}`, { token: admin.token });
    assert.deepEqual(
      byActor.body.items.map((e: Entry) => e.action),
      ['group.create'],
    );
  });

  test('pages follow the cursor, newest first, without gaps or repeats', async () => {
    const user = await makeUser(t.deps);
    for (let i = 0; i < 5; i++) await api.patch(`/api/v1/users/${user.id}`, { name: `Name ${i}` }, { token: admin.token });
    const seen: Entry[] = [];
    let cursor: string | null = null;
    do {
      const r: { status: number; body: { items: Entry[]; nextCursor: string | null } } = await api.get(
        `/api/v1/audit?entityType=user&entityId=${user.id}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        { token: admin.token },
      );
      assert.equal(r.status, 200);
      assert.ok(r.body.items.length <= 2);
      seen.push(...r.body.items);
      cursor = r.body.nextCursor;
    } while (cursor);
    assert.deepEqual(
      seen.map((e) => e.data.name.to),
      ['Name 4', 'Name 3', 'Name 2', 'Name 1', 'Name 0'],
    );
  });

  test('bad parameters are 400s naming the parameter', async () => {
    for (const [qs, field] of [
      ['limit=0', 'querystring.limit'],
      ['actorId=me', 'querystring.actorId'],
      ['cursor=-3', 'querystring.cursor'],
      ['action=x', 'action'],
    ]) {
      const r = await api.get(`/api/v1/audit?${qs}`, { token: admin.token });
      assert.equal(r.status, 400, qs);
      isProblem(r);
      assert.ok(r.body.detail.includes(field), r.body.detail);
    }
  });

  test('the database refuses to update or delete audit entries', async () => {
    const row = await t.deps.db.selectFrom('audit_log').select('id').orderBy('id').executeTakeFirstOrThrow();
    await assert.rejects(
      t.deps.db.updateTable('audit_log').set({ action: 'tampered' }).where('id', '=', row.id).execute(),
      /append-only/,
    );
    await assert.rejects(t.deps.db.deleteFrom('audit_log').where('id', '=', row.id).execute(), /append-only/);
    await assert.rejects(sql`update audit_log set data = null`.execute(t.deps.db), /append-only/);
    const still = await t.deps.db.selectFrom('audit_log').select('action').where('id', '=', row.id).executeTakeFirstOrThrow();
    assert.notEqual(still.action, 'tampered');
  });
});
