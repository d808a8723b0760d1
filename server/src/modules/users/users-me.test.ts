// A user's own account (GET/PATCH /users/me) and admin-made API tokens, over real HTTP.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startCastApp } from '../../test/cast-app.ts';
import { makeUser } from '../../test/factories.ts';
import { isProblem } from '../../test/assertions.ts';

const { t, api, admin, supervisor, agent, requester } = await startCastApp();
after(() => t.close());

async function login(email: string, password: string) {
  const r = await api.post('/api/v1/auth/login', { email, password });
  return { status: r.status, cookie: (r.headers.get('set-cookie') ?? '').split(';')[0] };
}

describe('my account', () => {
  test('every role reads its own account; anonymous callers get 401', async () => {
    for (const who of [admin, supervisor, agent, requester]) {
      const r = await api.get('/api/v1/users/me', { token: who.token });
      assert.equal(r.status, 200);
      assert.equal(r.body.id, who.id);
      assert.equal(r.body.email, who.email);
    }
    const anon = await api.get('/api/v1/users/me');
    assert.equal(anon.status, 401);
    isProblem(anon);
  });

  test('a requester changes their name and language, and the change shows at once', async () => {
    const user = await makeUser(t.deps);
    const r = await api.patch('/api/v1/users/me', { name: 'Léa Martin', language: 'fr' }, { token: user.token });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.name, 'Léa Martin');
    assert.equal(r.body.language, 'fr');
    const me = await api.get('/api/v1/auth/me', { token: user.token });
    assert.equal(me.body.name, 'Léa Martin');
    assert.equal(me.body.language, 'fr');
  });

  test('users cannot change their own roles, email, organisation or activation', async () => {
    for (const body of [{ roles: ['admin'] }, { email: 'x@y.example' }, { organisationId: 1 }, { isActive: false }]) {
      const r = await api.patch('/api/v1/users/me', body, { token: requester.token });
      assert.equal(r.status, 400, JSON.stringify(body));
      isProblem(r);
      assert.match(r.body.detail, new RegExp(`unknown field "${Object.keys(body)[0]}"`));
    }
    const wrongType = await api.patch('/api/v1/users/me', { language: 3 }, { token: requester.token });
    assert.equal(wrongType.status, 400);
    assert.match(wrongType.body.detail, /body\.language/);
    const malformed = await api.patch('/api/v1/users/me', undefined, { token: requester.token, raw: 'name=x', headers: { 'content-type': 'application/json' } });
    assert.equal(malformed.status, 400);
    isProblem(malformed);
    assert.equal((await api.patch('/api/v1/users/me', { name: 'X' })).status, 401);
  });

  test('changing my password needs the current one; other sessions end, this one stays', async () => {
    const user = await makeUser(t.deps, { password: 'first password' });
    const mine = await login(user.email, 'first password');
    const other = await login(user.email, 'first password');
    const missing = await api.patch('/api/v1/users/me', { password: 'second password' }, { cookie: mine.cookie });
    assert.equal(missing.status, 400);
    assert.match(missing.body.detail, /currentPassword: is required/);
    const wrong = await api.patch('/api/v1/users/me', { password: 'second password', currentPassword: 'nope' }, { cookie: mine.cookie });
    assert.equal(wrong.status, 422);
    isProblem(wrong);
    assert.match(wrong.body.detail, /current password is incorrect/);
    const ok = await api.patch('/api/v1/users/me', { password: 'second password', currentPassword: 'first password' }, { cookie: mine.cookie });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.equal((await api.get('/api/v1/users/me', { cookie: mine.cookie })).status, 200, 'the session that asked stays signed in');
    assert.equal((await api.get('/api/v1/users/me', { cookie: other.cookie })).status, 401, 'other sessions are signed out');
    assert.equal((await login(user.email, 'first password')).status, 401);
    assert.equal((await login(user.email, 'second password')).status, 200);
  });
});

describe('API tokens made by an admin', () => {
  test('an admin makes a token for an integration user; it is shown once and works', async () => {
    const bot = await makeUser(t.deps, { roles: ['agent'], name: 'Monitoring bot' });
    const r = await api.post(`/api/v1/users/${bot.id}/tokens`, { name: 'Zabbix' }, { token: admin.token });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.equal(r.body.name, 'Zabbix');
    assert.match(r.body.token, /^gch_/);
    assert.equal(r.body.prefix, r.body.token.slice(0, 10));
    const me = await api.get('/api/v1/users/me', { token: r.body.token });
    assert.equal(me.status, 200);
    assert.equal(me.body.id, bot.id);
    const audit = await api.get('/api/v1/audit?entityType=api_token', { token: admin.token });
    assert.ok(audit.body.items.some((e: { entityId: string; actorId: number }) => e.entityId === String(r.body.id) && e.actorId === admin.id));
    assert.ok(!JSON.stringify(audit.body).includes(r.body.token), 'the token is never logged');
  });

  test('an admin may give the token an expiry, kept in UTC', async () => {
    const bot = await makeUser(t.deps, { roles: ['agent'] });
    const expiresAt = new Date(Date.now() + 7 * 86_400_000);
    const r = await api.post(`/api/v1/users/${bot.id}/tokens`, { name: 'Weekly export', expiresAt: expiresAt.toISOString() }, { token: admin.token });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.equal(r.body.expiresAt, expiresAt.toISOString());
    assert.equal((await api.get('/api/v1/users/me', { token: r.body.token })).status, 200);
    const listed = (await api.get('/api/v1/auth/tokens', { token: bot.token })).body.items.find((i: { id: number }) => i.id === r.body.id);
    assert.equal(listed.expiresAt, expiresAt.toISOString(), 'the user sees the expiry in their own list');
  });

  test('only admins; unknown users 404; deactivated users 409; bad bodies 400', async () => {
    const user = await makeUser(t.deps);
    for (const who of [supervisor, agent, requester]) {
      assert.equal((await api.post(`/api/v1/users/${user.id}/tokens`, { name: 'x' }, { token: who.token })).status, 403);
    }
    assert.equal((await api.post(`/api/v1/users/${user.id}/tokens`, { name: 'x' })).status, 401);
    assert.equal((await api.post('/api/v1/users/999999/tokens', { name: 'x' }, { token: admin.token })).status, 404);
    const noName = await api.post(`/api/v1/users/${user.id}/tokens`, {}, { token: admin.token });
    assert.equal(noName.status, 400);
    assert.match(noName.body.detail, /body\.name/);
    const extra = await api.post(`/api/v1/users/${user.id}/tokens`, { name: 'x', scopes: ['all'] }, { token: admin.token });
    assert.equal(extra.status, 400);
    assert.match(extra.body.detail, /scopes/);
    await api.delete(`/api/v1/users/${user.id}`, { token: admin.token });
    const inactive = await api.post(`/api/v1/users/${user.id}/tokens`, { name: 'x' }, { token: admin.token });
    assert.equal(inactive.status, 409);
    assert.match(inactive.body.detail, /deactivated/);
  });
});
