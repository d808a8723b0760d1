// Sign-in, sessions, API tokens and the CSRF check, over real HTTP against the real database.
// Each describe block starts its own app: the login rate limit (10 a minute per address)
// is per app, and every test here signs in from 127.0.0.1.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { client, startTestApp, type ApiResponse, type TestApp } from '../../test/harness.ts';
import { makeOrganisation, makeUser, uniq } from '../../test/factories.ts';
import type { Clock } from '../../lib/clock.ts';
import { SESSION_COOKIE, forgetCachedActors } from './auth.service.ts';
import { hashSecret } from './tokens.ts';
import { assertProblem } from '../../test/assertions.ts';

type Api = ReturnType<typeof client>;
const BAD_CREDENTIALS = 'Email or password is incorrect.';


/** A test app for one describe block, closed after it. */
function useApp(opts: Parameters<typeof startTestApp>[0] = {}) {
  const ctx = {} as { t: TestApp; api: Api };
  before(async () => {
    ctx.t = await startTestApp(opts);
    ctx.api = client(ctx.t);
  });
  after(() => ctx.t.close());
  return ctx;
}

const login = (api: Api, email: string, password: string, o: { headers?: Record<string, string> } = {}) =>
  api.post('/api/v1/auth/login', { email, password }, o);

/** The session Set-Cookie header of a response, parsed: value and attributes (lower-case names). */
function sessionSetCookie(r: ApiResponse) {
  const all = r.headers.getSetCookie().filter((c) => c.startsWith(`${SESSION_COOKIE}=`));
  assert.equal(all.length, 1, `one ${SESSION_COOKIE} cookie expected, got ${JSON.stringify(r.headers.getSetCookie())}`);
  const [pair, ...attrs] = all[0].split(';').map((s) => s.trim());
  const attributes = new Map<string, string>();
  for (const a of attrs) {
    const i = a.indexOf('=');
    attributes.set((i < 0 ? a : a.slice(0, i)).toLowerCase(), i < 0 ? '' : a.slice(i + 1));
  }
  return { cookie: pair, value: pair.slice(SESSION_COOKIE.length + 1), attributes };
}

async function signIn(api: Api, user: { email: string; password: string }): Promise<string> {
  const r = await login(api, user.email, user.password);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return sessionSetCookie(r).cookie;
}

/** Every key of a JSON value, at any depth. */
function keysDeep(v: unknown, out: string[] = []): string[] {
  if (Array.isArray(v)) for (const x of v) keysDeep(x, out);
  else if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) {
      out.push(k);
      keysDeep(x, out);
    }
  return out;
}

describe('signing in with a password', () => {
  const c = useApp();

  test('a correct email and password set an httpOnly, SameSite=Lax session cookie whose secret is not stored', async () => {
    const { t, api } = c;
    const user = await makeUser(t.deps, { roles: ['agent'] });
    const before = Date.now();
    const r = await login(api, user.email, user.password);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.id, user.id);
    assert.equal(r.body.email, user.email);

    const { value, attributes } = sessionSetCookie(r);
    assert.match(value, /^[A-Za-z0-9_-]{43}$/, '32 random bytes, base64url');
    assert.ok(attributes.has('httponly'), 'HttpOnly');
    assert.equal(attributes.get('samesite')?.toLowerCase(), 'lax');
    assert.equal(attributes.get('path'), '/');
    assert.ok(!attributes.has('secure'), 'not Secure unless GUICHET_COOKIE_SECURE is set');
    const expires = Date.parse(attributes.get('expires') ?? '');
    const expected = before + t.deps.config.sessionHours * 3600_000;
    assert.ok(Math.abs(expires - expected) < 60_000, `expires ${attributes.get('expires')} ≈ now + ${t.deps.config.sessionHours} h`);

    // The database holds a hash of the secret, never the secret itself.
    const rows = await t.deps.db.selectFrom('sessions').select(['id']).where('user_id', '=', user.id).execute();
    assert.deepEqual(
      rows.map((s) => s.id),
      [hashSecret(value)],
    );
  });

  test('the cookie authenticates GET /auth/me, with roles and organisation', async () => {
    const { t, api } = c;
    const org = await makeOrganisation(t.deps);
    const user = await makeUser(t.deps, { roles: ['agent', 'supervisor'], organisationId: org.id, name: 'Claire Dubois' });
    const manager = await makeUser(t.deps, { roles: ['requester'], organisationId: org.id, isOrgManager: true });

    const cookie = await signIn(api, user);
    const me = await api.get('/api/v1/auth/me', { cookie });
    assert.equal(me.status, 200, JSON.stringify(me.body));
    assert.deepEqual({ ...me.body, roles: [...me.body.roles].sort() }, {
      id: user.id,
      email: user.email,
      name: 'Claire Dubois',
      roles: ['agent', 'supervisor'],
      organisationId: org.id,
      isOrgManager: false,
      language: 'en',
    });

    const mgr = await api.get('/api/v1/auth/me', { cookie: await signIn(api, manager) });
    assert.equal(mgr.status, 200);
    assert.deepEqual([mgr.body.id, mgr.body.roles, mgr.body.organisationId, mgr.body.isOrgManager], [manager.id, ['requester'], org.id, true]);

    assertProblem(await api.get('/api/v1/auth/me'), 401);
    assertProblem(await api.get('/api/v1/auth/me', { cookie: `${SESSION_COOKIE}=${'A'.repeat(43)}` }), 401);
  });

  test('a wrong password and an unknown email get the same 401, and no cookie', async () => {
    const { t, api } = c;
    const user = await makeUser(t.deps);
    const wrong = await login(api, user.email, 'not the password');
    const unknown = await login(api, `nobody-${uniq()}@example.test`, user.password);
    assertProblem(wrong, 401, { detail: BAD_CREDENTIALS });
    assertProblem(unknown, 401, { detail: BAD_CREDENTIALS });
    const { requestId: _a, ...w } = wrong.body;
    const { requestId: _b, ...u } = unknown.body;
    assert.deepEqual(w, u, 'nothing tells the two apart');
    assert.deepEqual(wrong.headers.getSetCookie(), []);
    assert.deepEqual(unknown.headers.getSetCookie(), []);
  });

  test('the email is matched whatever its case', async () => {
    const { t, api } = c;
    const user = await makeUser(t.deps);
    const r = await login(api, user.email.toUpperCase(), user.password);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.id, user.id);
  });

  test('logout ends the session on the server: the same cookie replayed gets 401', async () => {
    const { t, api } = c;
    const user = await makeUser(t.deps);
    const cookie = await signIn(api, user);
    assert.equal((await api.get('/api/v1/auth/me', { cookie })).status, 200); // now in the actor cache too

    const out = await api.post('/api/v1/auth/logout', undefined, { cookie });
    assert.equal(out.status, 204);
    const cleared = sessionSetCookie(out);
    assert.equal(cleared.value, '');
    assert.ok(Date.parse(cleared.attributes.get('expires') ?? '') < Date.now(), 'the browser is told to drop it');

    assertProblem(await api.get('/api/v1/auth/me', { cookie }), 401);
    const left = await t.deps.db.selectFrom('sessions').select('id').where('user_id', '=', user.id).execute();
    assert.deepEqual(left, []);
  });

  test('cookie-authenticated writes must come from our own origin; bearer requests are unaffected', async () => {
    const { t, api } = c;
    const user = await makeUser(t.deps);
    const cookie = await signIn(api, user);
    const countTokens = async () => (await api.get('/api/v1/auth/tokens', { token: user.token })).body.items.length;
    const start = await countTokens();

    for (const origin of ['http://evil.example', 'null', `${t.baseUrl}.evil.example`, 'not a url']) {
      const r = await api.post('/api/v1/auth/tokens', { name: 'csrf' }, { cookie, headers: { origin } });
      assertProblem(r, 403, { detail: /cross-origin/i });
    }
    assert.equal(await countTokens(), start, 'no refused request created a token');

    // A cross-origin logout cannot sign the user out either.
    assertProblem(await api.post('/api/v1/auth/logout', undefined, { cookie, headers: { origin: 'http://evil.example' } }), 403);
    assert.equal((await api.get('/api/v1/auth/me', { cookie })).status, 200);

    // Reading is not a write: a cross-origin GET is answered (the browser's CORS rules keep it from the page).
    assert.equal((await api.get('/api/v1/auth/me', { cookie, headers: { origin: 'http://evil.example' } })).status, 200);

    const same = await api.post('/api/v1/auth/tokens', { name: 'same origin' }, { cookie, headers: { origin: t.baseUrl } });
    assert.equal(same.status, 201, JSON.stringify(same.body));
    const noOrigin = await api.post('/api/v1/auth/tokens', { name: 'no origin' }, { cookie });
    assert.equal(noOrigin.status, 201, JSON.stringify(noOrigin.body));
    const bearer = await api.post('/api/v1/auth/tokens', { name: 'bearer' }, { token: user.token, headers: { origin: 'http://evil.example' } });
    assert.equal(bearer.status, 201, JSON.stringify(bearer.body));
    assert.equal(await countTokens(), start + 3);
  });
});

describe('deactivated users', () => {
  const c = useApp();

  test('a deactivated user can neither sign in nor use a session or a token', async () => {
    const { t, api } = c;
    const user = await makeUser(t.deps);
    const cookie = await signIn(api, user);
    // Both credentials work, and are now cached.
    assert.equal((await api.get('/api/v1/auth/me', { cookie })).status, 200);
    assert.equal((await api.get('/api/v1/auth/me', { token: user.token })).status, 200);

    await t.deps.db.updateTable('users').set({ is_active: 0 }).where('id', '=', user.id).execute();
    forgetCachedActors(t.deps, user.id);

    assertProblem(await api.get('/api/v1/auth/me', { cookie }), 401);
    assertProblem(await api.get('/api/v1/auth/me', { token: user.token }), 401);
    assertProblem(await login(api, user.email, user.password), 401, { detail: BAD_CREDENTIALS });

    // The flag alone made the difference.
    await t.deps.db.updateTable('users').set({ is_active: 1 }).where('id', '=', user.id).execute();
    forgetCachedActors(t.deps, user.id);
    assert.equal((await api.get('/api/v1/auth/me', { token: user.token })).status, 200);
    assert.equal((await api.get('/api/v1/auth/me', { cookie })).status, 200);
  });

  test('deactivating through the API cuts off the sessions and tokens at once', async () => {
    const { t, api } = c;
    const admin = await makeUser(t.deps, { roles: ['admin'] });
    const user = await makeUser(t.deps, { roles: ['agent'] });
    const cookie = await signIn(api, user);
    assert.equal((await api.get('/api/v1/auth/me', { cookie })).status, 200);
    assert.equal((await api.get('/api/v1/auth/me', { token: user.token })).status, 200);

    assert.equal((await api.delete(`/api/v1/users/${user.id}`, { token: admin.token })).status, 204);
    assertProblem(await api.get('/api/v1/auth/me', { cookie }), 401);
    assertProblem(await api.get('/api/v1/auth/me', { token: user.token }), 401);
    assertProblem(await login(api, user.email, user.password), 401, { detail: BAD_CREDENTIALS });
  });
});

describe('API tokens', () => {
  const c = useApp();

  test('a new token is shown once with the gch_ prefix, listed without its secret, and works as a bearer', async () => {
    const { t, api } = c;
    const user = await makeUser(t.deps, { roles: ['agent'] });
    const created = await api.post('/api/v1/auth/tokens', { name: 'CI pipeline' }, { token: user.token });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const { id, token, prefix, name } = created.body;
    assert.match(token, /^gch_[A-Za-z0-9_-]{43}$/);
    assert.equal(prefix, token.slice(0, 10));
    assert.equal(name, 'CI pipeline');

    const row = await t.deps.db.selectFrom('api_tokens').select(['token_hash', 'user_id']).where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.user_id, user.id);
    assert.equal(row.token_hash, hashSecret(token), 'only a hash is stored');

    const me = await api.get('/api/v1/auth/me', { token });
    assert.equal(me.status, 200);
    assert.equal(me.body.id, user.id);
    // The scheme is case-insensitive (RFC 9110).
    assert.equal((await api.get('/api/v1/auth/me', { headers: { authorization: `bearer ${token}` } })).status, 200);

    const list = await api.get('/api/v1/auth/tokens', { token });
    assert.equal(list.status, 200);
    const listed = list.body.items.find((i: { id: number }) => i.id === id);
    assert.deepEqual(Object.keys(listed).sort(), ['createdAt', 'expiresAt', 'id', 'lastUsedAt', 'name', 'prefix', 'revokedAt']);
    assert.equal(listed.prefix, prefix);
    assert.equal(listed.revokedAt, null);
    assert.equal(listed.expiresAt, null, 'no expiry asked: until revoked');
    assert.ok(listed.lastUsedAt, 'use is recorded');
    const text = JSON.stringify(list.body);
    assert.ok(!text.includes(token.slice(10)), 'the secret part never comes back');
    assert.ok(!text.includes(row.token_hash), 'nor its hash');
    assert.equal(list.body.items.length, 2, "the factory's token and this one, nobody else's");
  });

  test('a revoked token is refused at once, in this process', async () => {
    const { api, t } = c;
    const user = await makeUser(t.deps);
    const { id, token } = (await api.post('/api/v1/auth/tokens', { name: 'to revoke' }, { token: user.token })).body;
    assert.equal((await api.get('/api/v1/auth/me', { token })).status, 200); // cached now

    assert.equal((await api.delete(`/api/v1/auth/tokens/${id}`, { token: user.token })).status, 204);
    assertProblem(await api.get('/api/v1/auth/me', { token }), 401);
    assert.equal((await api.get('/api/v1/auth/me', { token: user.token })).status, 200, 'other tokens still work');

    const listed = (await api.get('/api/v1/auth/tokens', { token: user.token })).body.items.find((i: { id: number }) => i.id === id);
    assert.ok(listed.revokedAt, 'the listing shows it revoked');
    assertProblem(await api.delete(`/api/v1/auth/tokens/${id}`, { token: user.token }), 404);
  });

  test("another user's token cannot be revoked: 404, and it keeps working", async () => {
    const { api, t } = c;
    const alice = await makeUser(t.deps, { roles: ['admin'] });
    const bob = await makeUser(t.deps);
    const { id, token } = (await api.post('/api/v1/auth/tokens', { name: 'bob' }, { token: bob.token })).body;
    assertProblem(await api.delete(`/api/v1/auth/tokens/${id}`, { token: alice.token }), 404);
    assertProblem(await api.delete('/api/v1/auth/tokens/999999', { token: alice.token }), 404);
    assert.equal((await api.get('/api/v1/auth/me', { token })).status, 200);
    const row = await t.deps.db.selectFrom('api_tokens').select('revoked_at').where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.revoked_at, null);
  });

  test('a garbage bearer token is refused with 401, even next to a valid cookie', async () => {
    const { api, t } = c;
    const user = await makeUser(t.deps);
    const flipped = user.token.slice(0, -1) + (user.token.endsWith('A') ? 'B' : 'A');
    for (const token of ['garbage', 'gch_', `gch_${'x'.repeat(43)}`, flipped, user.token.slice(4), `${user.token} extra`]) {
      assertProblem(await api.get('/api/v1/auth/me', { token }), 401);
    }
    assertProblem(await api.get('/api/v1/auth/me', { headers: { authorization: 'Bearer ' } }), 401);
    // Explicit credentials that fail are not quietly replaced by the cookie.
    const cookie = await signIn(api, user);
    assertProblem(await api.get('/api/v1/auth/me', { cookie, token: 'garbage' }), 401);
  });

  test('a token needs a name', async () => {
    const { api, t } = c;
    const user = await makeUser(t.deps);
    assertProblem(await api.post('/api/v1/auth/tokens', { name: '   ' }, { token: user.token }), 400, { detail: /name/ });
    assertProblem(await api.post('/api/v1/auth/tokens', {}, { token: user.token }), 400, { detail: /name/ });
  });
});

describe('passwords', () => {
  const c = useApp();

  test('passwords are stored as Argon2id hashes and no endpoint returns them', async () => {
    const { t, api } = c;
    const admin = await makeUser(t.deps, { roles: ['admin'] });
    const first = `First pass ${uniq()}`;
    const second = `Second pass ${uniq()}`;
    const email = `hash-${uniq()}@example.test`;
    const storedHash = async () =>
      (await t.deps.db.selectFrom('users').select('password_hash').where('email', '=', email).executeTakeFirstOrThrow()).password_hash ?? '';

    const responses: ApiResponse[] = [];
    const created = await api.post('/api/v1/users', { email, name: 'Hash Check', roles: ['agent'], password: first }, { token: admin.token });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    responses.push(created);
    const hash1 = await storedHash();
    assert.ok(hash1.startsWith('$argon2id$'), hash1);
    assert.ok(!hash1.includes(first));

    const signedIn = await login(api, email, first);
    assert.equal(signedIn.status, 200);
    responses.push(signedIn);
    const cookie = sessionSetCookie(signedIn).cookie;

    const changed = await api.patch('/api/v1/users/me', { password: second, currentPassword: first }, { cookie, headers: { origin: t.baseUrl } });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    responses.push(changed);
    const hash2 = await storedHash();
    assert.ok(hash2.startsWith('$argon2id$'), hash2);
    assert.notEqual(hash2, hash1);
    assertProblem(await login(api, email, first), 401);
    const again = await login(api, email, second);
    assert.equal(again.status, 200);
    responses.push(again);

    responses.push(
      await api.get('/api/v1/auth/me', { cookie }),
      await api.get('/api/v1/users/me', { cookie }),
      await api.get(`/api/v1/users/${created.body.id}`, { token: admin.token }),
      await api.get(`/api/v1/users?q=${encodeURIComponent(email)}`, { token: admin.token }),
      await api.get('/api/v1/users?limit=200', { token: admin.token }),
      await api.patch(`/api/v1/users/${created.body.id}`, { name: 'Hash Checked' }, { token: admin.token }),
    );
    for (const r of responses) {
      assert.ok(r.status < 300, `${r.status} ${JSON.stringify(r.body)}`);
      const text = JSON.stringify(r.body);
      for (const secret of ['$argon2', hash1, hash2, first, second]) assert.ok(!text.includes(secret), `a response leaks ${secret}: ${text}`);
      assert.deepEqual(keysDeep(r.body).filter((k) => /password|hash/i.test(k)), []);
    }
    // The list really contained the user, so the check above looked at them.
    assert.ok(responses.at(-2)!.body.items.some((u: { email: string }) => u.email === email));
  });
});

describe('session expiry', () => {
  let current = Date.parse('2030-01-15T08:00:00.000Z');
  const clock: Clock = { now: () => new Date(current) };
  const c = useApp({ clock, env: { GUICHET_SESSION_HOURS: '2', GUICHET_COOKIE_SECURE: '1' } });
  const HOUR = 3600_000;

  test('the cookie expires with the session, and is Secure when configured', async () => {
    const { t, api } = c;
    const user = await makeUser(t.deps);
    const r = await login(api, user.email, user.password);
    assert.equal(r.status, 200);
    const { attributes } = sessionSetCookie(r);
    assert.equal(Date.parse(attributes.get('expires') ?? ''), current + 2 * HOUR);
    assert.ok(attributes.has('secure'), 'Secure');
    assert.ok(attributes.has('httponly'));
  });

  test('a session older than GUICHET_SESSION_HOURS is refused; tokens without an expiry do not expire', async () => {
    const { t, api } = c;
    const user = await makeUser(t.deps);
    const start = current;
    const cookie = await signIn(api, user);
    assert.equal((await api.get('/api/v1/auth/me', { cookie })).status, 200);

    current = start + 2 * HOUR - 1_000;
    assert.equal((await api.get('/api/v1/auth/me', { cookie })).status, 200, 'still valid a second before the end');
    // Two seconds later: well inside the actor cache's lifetime, so this also checks that
    // a cached session is not served past its expiry.
    current = start + 2 * HOUR + 1_000;
    assertProblem(await api.get('/api/v1/auth/me', { cookie }), 401);
    current = start + 30 * HOUR;
    assertProblem(await api.get('/api/v1/auth/me', { cookie }), 401);

    assert.equal((await api.get('/api/v1/auth/me', { token: user.token })).status, 200);
    const fresh = await signIn(api, user);
    assert.equal((await api.get('/api/v1/auth/me', { cookie: fresh })).status, 200);
  });

  test('a token created with an expiry works until then and is refused after, even from the cache', async () => {
    const { api } = c;
    const user = await makeUser(c.t.deps);
    const start = current;
    const expiresAt = new Date(start + 3 * HOUR).toISOString().replace('Z', '+00:00');
    const created = await api.post('/api/v1/auth/tokens', { name: 'short-lived', expiresAt }, { token: user.token });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.expiresAt, new Date(start + 3 * HOUR).toISOString(), 'stored in UTC');
    const listed = (await api.get('/api/v1/auth/tokens', { token: user.token })).body.items.find((i: { id: number }) => i.id === created.body.id);
    assert.equal(listed.expiresAt, created.body.expiresAt);

    const { token } = created.body;
    current = start + 3 * HOUR - 1_000;
    assert.equal((await api.get('/api/v1/auth/me', { token })).status, 200, 'a second before');
    current = start + 3 * HOUR + 1_000; // inside the actor cache's lifetime
    assertProblem(await api.get('/api/v1/auth/me', { token }), 401);
    assert.equal((await api.get('/api/v1/auth/me', { token: user.token })).status, 200, 'a token without expiry still works');
  });

  test('an expiry in the past or not a date-time is refused with a reason', async () => {
    const { api } = c;
    const user = await makeUser(c.t.deps);
    const past = new Date(current - 60_000).toISOString();
    assertProblem(await api.post('/api/v1/auth/tokens', { name: 'late', expiresAt: past }, { token: user.token }), 422, { detail: /expiresAt.*not in the future/ });
    assertProblem(await api.post('/api/v1/auth/tokens', { name: 'vague', expiresAt: 'next week' }, { token: user.token }), 400, { detail: /expiresAt/ });
    assert.equal((await api.get('/api/v1/auth/tokens', { token: user.token })).body.items.length, 1, "only the factory's token");
  });
});

describe('login rate limit', () => {
  const c = useApp();

  test('the 11th attempt within a minute gets 429 problem+json, even with the right password', async () => {
    const { t, api } = c;
    const user = await makeUser(t.deps);
    for (let i = 1; i <= 10; i++) {
      const r = await login(api, user.email, `wrong ${i}`);
      assertProblem(r, 401, { detail: BAD_CREDENTIALS });
      assert.equal(r.headers.get('x-ratelimit-limit'), '10');
    }
    const limited = await login(api, user.email, user.password);
    assertProblem(limited, 429);
    assert.ok(Number(limited.headers.get('retry-after')) > 0, 'Retry-After is set');
    assert.deepEqual(limited.headers.getSetCookie(), [], 'no session for a limited attempt');
    // Only sign-in is limited: the user's other requests go on.
    assert.equal((await api.get('/api/v1/auth/me', { token: user.token })).status, 200);
  });
});
