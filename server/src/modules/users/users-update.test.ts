// Users over real HTTP: an admin's changes (roles, scope, password) and deactivation.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startCastApp } from '../../test/cast-app.ts';
import { makeGroup, makeOrganisation, makeUser, uniq } from '../../test/factories.ts';
import { isProblem } from '../../test/assertions.ts';

const { t, api, admin, supervisor, agent, requester } = await startCastApp();
after(() => t.close());

async function login(email: string, password: string) {
  const r = await api.post('/api/v1/auth/login', { email, password });
  return { status: r.status, cookie: (r.headers.get('set-cookie') ?? '').split(';')[0] };
}

describe('changing users', () => {
  const patch = (id: number, body: unknown, token = admin.token) => api.patch(`/api/v1/users/${id}`, body, { token });

  test('an admin changes every field; the change is audited and takes effect at once', async () => {
    const org = await makeOrganisation(t.deps);
    const group = await makeGroup(t.deps);
    const user = await makeUser(t.deps, { roles: ['requester'] });
    assert.equal((await api.get('/api/v1/users', { token: user.token })).status, 403);
    const email = `renamed-${uniq()}@example.test`;
    const r = await patch(user.id, {
      name: 'Renamed',
      email,
      roles: ['supervisor', 'agent'],
      language: 'fr',
      groupIds: [group.id],
      servedOrganisationIds: [org.id],
    });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.name, 'Renamed');
    assert.equal(r.body.email, email);
    assert.deepEqual(r.body.roles, ['agent', 'supervisor']);
    assert.deepEqual(r.body.groupIds, [group.id]);
    assert.deepEqual(r.body.servedOrganisationIds, [org.id]);
    assert.equal((await api.get('/api/v1/users', { token: user.token })).status, 200, 'the cached actor was forgotten');
    const audit = await api.get(`/api/v1/audit?entityType=user&entityId=${user.id}`, { token: admin.token });
    const entry = audit.body.items[0];
    assert.equal(entry.action, 'user.update');
    assert.equal(entry.actorId, admin.id);
    assert.deepEqual(entry.data.roles, { from: ['requester'], to: ['agent', 'supervisor'] });
    assert.equal(entry.data.email.to, email);
  });

  test('a user who stops being staff leaves their groups and organisation restrictions', async () => {
    const org = await makeOrganisation(t.deps);
    const group = await makeGroup(t.deps);
    const user = await makeUser(t.deps, { roles: ['agent'], groupIds: [group.id], servedOrganisationIds: [org.id] });
    const r = await patch(user.id, { roles: ['requester'] });
    assert.equal(r.status, 200);
    assert.deepEqual(r.body.groupIds, []);
    assert.deepEqual(r.body.servedOrganisationIds, []);
    assert.equal((await patch(user.id, { groupIds: [group.id] })).status, 422);
  });

  test('restricting an agent takes effect on their next request', async () => {
    const a = await makeOrganisation(t.deps);
    const b = await makeOrganisation(t.deps);
    const inB = await makeUser(t.deps, { organisationId: b.id });
    const staff = await makeUser(t.deps, { roles: ['agent'] });
    assert.equal((await api.get(`/api/v1/users/${inB.id}`, { token: staff.token })).status, 200);
    assert.equal((await patch(staff.id, { servedOrganisationIds: [a.id] })).status, 200);
    assert.equal((await api.get(`/api/v1/users/${inB.id}`, { token: staff.token })).status, 404);
    assert.equal((await patch(staff.id, { servedOrganisationIds: [] })).status, 200);
    assert.equal((await api.get(`/api/v1/users/${inB.id}`, { token: staff.token })).status, 200);
  });

  test('an admin cannot remove their own admin role or deactivate themselves', async () => {
    const self = await makeUser(t.deps, { roles: ['admin'] });
    for (const body of [{ roles: ['agent'] }, { isActive: false }]) {
      const r = await patch(self.id, body, self.token);
      assert.equal(r.status, 409, JSON.stringify(body));
      isProblem(r);
      assert.match(r.body.detail, /yourself|your own/);
    }
    assert.equal((await api.delete(`/api/v1/users/${self.id}`, { token: self.token })).status, 409);
    assert.equal((await patch(self.id, { roles: ['admin', 'agent'] }, self.token)).status, 200);
    const other = await makeUser(t.deps, { roles: ['admin'] });
    assert.equal((await patch(other.id, { roles: ['agent'] }, self.token)).status, 200, 'another admin may be demoted');
  });

  test('an email taken by someone else is a 409; unknown users 404; non-admins 403', async () => {
    const user = await makeUser(t.deps);
    const r = await patch(user.id, { email: agent.email.toUpperCase() });
    assert.equal(r.status, 409);
    assert.equal((await patch(999999, { name: 'X' })).status, 404);
    for (const who of [supervisor, agent, requester]) assert.equal((await patch(user.id, { name: 'X' }, who.token)).status, 403);
    const unknown = await patch(user.id, { passwordHash: 'x' });
    assert.equal(unknown.status, 400);
    assert.match(unknown.body.detail, /passwordHash/);
    const wrongType = await patch(user.id, { isActive: 'no' });
    assert.equal(wrongType.status, 400);
    assert.match(wrongType.body.detail, /body\.isActive/);
  });

  test('an admin resets a password: the new one works, the old one and old sessions do not', async () => {
    const user = await makeUser(t.deps, { password: 'the old password' });
    const session = await login(user.email, 'the old password');
    assert.equal((await api.get('/api/v1/users/me', { cookie: session.cookie })).status, 200);
    assert.equal((await patch(user.id, { password: 'the new password' })).status, 200);
    assert.equal((await api.get('/api/v1/users/me', { cookie: session.cookie })).status, 401);
    assert.equal((await login(user.email, 'the old password')).status, 401);
    assert.equal((await login(user.email, 'the new password')).status, 200);
    const audit = await api.get(`/api/v1/audit?entityType=user&entityId=${user.id}`, { token: admin.token });
    const update = audit.body.items.find((e: { action: string }) => e.action === 'user.update');
    assert.equal(update.data.password, 'changed');
    assert.ok(!JSON.stringify(audit.body).includes('the new password'));
  });
});

describe('deactivating users', () => {
  test('DELETE deactivates: tokens and sessions stop working; reactivation restores the token', async () => {
    const user = await makeUser(t.deps, { roles: ['agent'] });
    const session = await login(user.email, user.password);
    assert.equal((await api.get('/api/v1/users/me', { token: user.token })).status, 200);
    for (const who of [supervisor, agent, requester]) assert.equal((await api.delete(`/api/v1/users/${user.id}`, { token: who.token })).status, 403);
    assert.equal((await api.delete(`/api/v1/users/${user.id}`, { token: admin.token })).status, 204);
    assert.equal((await api.get('/api/v1/users/me', { token: user.token })).status, 401);
    assert.equal((await api.get('/api/v1/users/me', { cookie: session.cookie })).status, 401);
    assert.equal((await login(user.email, user.password)).status, 401);
    const got = await api.get(`/api/v1/users/${user.id}`, { token: admin.token });
    assert.equal(got.body.isActive, false);
    assert.equal((await api.delete(`/api/v1/users/${user.id}`, { token: admin.token })).status, 204, 'idempotent');
    const sessions = await t.deps.db.selectFrom('sessions').select('id').where('user_id', '=', user.id).execute();
    assert.equal(sessions.length, 0);
    assert.equal((await api.patch(`/api/v1/users/${user.id}`, { isActive: true }, { token: admin.token })).status, 200);
    assert.equal((await api.get('/api/v1/users/me', { token: user.token })).status, 200);
    assert.equal((await api.delete('/api/v1/users/999999', { token: admin.token })).status, 404);
  });
});
