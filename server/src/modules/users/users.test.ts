// Users over real HTTP, as admins and staff see them: creation, search and scope.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startCastApp } from '../../test/cast-app.ts';
import { type MadeUser, makeGroup, makeOrganisation, makeUser, uniq } from '../../test/factories.ts';
import { isProblem } from '../../test/assertions.ts';
import { systemActor } from '../../lib/actor.ts';
import { AppError } from '../../lib/errors.ts';
import { createUser } from './users.service.ts';

const { t, api, admin, supervisor, agent, requester } = await startCastApp();
after(() => t.close());

const create = (body: Record<string, unknown>, token = admin.token) => api.post('/api/v1/users', body, { token });
const ids = (r: { body: { items: { id: number }[] } }) => r.body.items.map((u) => u.id);

async function login(email: string, password: string) {
  const r = await api.post('/api/v1/auth/login', { email, password });
  return { status: r.status, cookie: (r.headers.get('set-cookie') ?? '').split(';')[0] };
}

describe('creating users', () => {
  test('an admin creates a user who is placed by email domain and can sign in', async () => {
    const domain = `acme-${uniq()}.example`;
    const org = await makeOrganisation(t.deps, { domains: [domain] });
    const email = `Jeanne.Martin@Mail.${domain.toUpperCase()}`;
    const r = await create({ email, name: 'Jeanne Martin', password: 'a long passphrase', language: 'fr' });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.deepEqual(Object.keys(r.body).sort(), [
      'createdAt', 'email', 'groupIds', 'id', 'isActive', 'isOrgManager', 'language', 'name', 'organisationId', 'roles', 'servedOrganisationIds', 'updatedAt',
    ]);
    assert.equal(r.body.email, email.toLowerCase());
    assert.deepEqual(r.body.roles, ['requester']);
    assert.equal(r.body.organisationId, org.id);
    assert.equal(r.body.language, 'fr');
    assert.equal(r.body.isActive, true);
    assert.equal((await login(email, 'a long passphrase')).status, 200);
    const row = await t.deps.db.selectFrom('users').select('password_hash').where('id', '=', r.body.id).executeTakeFirstOrThrow();
    assert.match(row.password_hash!, /^\$argon2id\$/);
  });

  test('an explicit organisationId, even null, wins over the email domain', async () => {
    const domain = `dom-${uniq()}.example`;
    await makeOrganisation(t.deps, { domains: [domain] });
    const other = await makeOrganisation(t.deps);
    const none = await create({ email: `a-${uniq()}@${domain}`, name: 'A', organisationId: null });
    assert.equal(none.body.organisationId, null);
    const placed = await create({ email: `b-${uniq()}@${domain}`, name: 'B', organisationId: other.id, isOrgManager: true });
    assert.equal(placed.body.organisationId, other.id);
    assert.equal(placed.body.isOrgManager, true);
  });

  test('staff are created with groups and served organisations', async () => {
    const org = await makeOrganisation(t.deps);
    const group = await makeGroup(t.deps);
    const r = await create({ email: `agent-${uniq()}@msp.example`, name: 'Ag', roles: ['agent', 'supervisor'], groupIds: [group.id], servedOrganisationIds: [org.id, org.id] });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.deepEqual(r.body.roles, ['agent', 'supervisor']);
    assert.deepEqual(r.body.groupIds, [group.id]);
    assert.deepEqual(r.body.servedOrganisationIds, [org.id]);
  });

  test('a duplicate email, in any case, is a 409; so is a race for the same email', async () => {
    const email = `dup-${uniq()}@example.test`;
    assert.equal((await create({ email, name: 'One' })).status, 201);
    const r = await create({ email: email.toUpperCase(), name: 'Two' });
    assert.equal(r.status, 409);
    isProblem(r);
    assert.match(r.body.detail, /already exists/);
    const raced = `race-${uniq()}@example.test`;
    const rs = await Promise.all(Array.from({ length: 5 }, () => create({ email: raced, name: 'R' })));
    assert.deepEqual(rs.map((x) => x.status).sort(), [201, 409, 409, 409, 409]);
  });

  test('rules on roles and references are 422s', async () => {
    const org = await makeOrganisation(t.deps);
    const group = await makeGroup(t.deps);
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ organisationId: 999999 }, /Organisation 999999 does not exist/],
      [{ isOrgManager: true, organisationId: null }, /isOrgManager/],
      [{ servedOrganisationIds: [org.id] }, /servedOrganisationIds: only staff/],
      [{ groupIds: [group.id] }, /groupIds: only staff/],
      [{ roles: ['admin'], servedOrganisationIds: [org.id] }, /an admin serves every organisation/],
      [{ roles: ['agent'], groupIds: [999999] }, /Group 999999 does not exist/],
    ];
    for (const [extra, detail] of cases) {
      const r = await create({ email: `x-${uniq()}@example.test`, name: 'X', ...extra });
      assert.equal(r.status, 422, JSON.stringify(extra));
      isProblem(r);
      assert.match(r.body.detail, detail);
    }
  });

  test('bad input is a 400 problem naming the field', async () => {
    const cases: [unknown, RegExp][] = [
      [{ email: 'a@b.example', name: 'A', passwordHash: 'x' }, /unknown field "passwordHash"/],
      [{ email: 'a@b.example', name: 'A', roles: 'admin' }, /body\.roles/],
      [{ email: 'a@b.example', name: 'A', roles: ['root'] }, /body\.roles\.0/],
      [{ email: 'a@b.example', name: 'A', roles: [] }, /body\.roles/],
      [{ email: 'a@b.example', name: 'A', roles: ['agent', 'agent'] }, /body\.roles: lists a role twice/],
      [{ email: 'not-an-email', name: 'A' }, /body\.email/],
      [{ email: 'a@b.example', name: 'A', password: 'short' }, /body\.password: must be at least 8/],
      [{ email: 'a@b.example', name: 'A', language: 'de' }, /body\.language/],
      [{ email: 'a@b.example', name: 'A', organisationId: '3' }, /body\.organisationId/],
      [{ email: 'a@b.example' }, /body\.name/],
    ];
    for (const [body, detail] of cases) {
      const r = await api.post('/api/v1/users', body, { token: admin.token });
      assert.equal(r.status, 400, JSON.stringify(body));
      isProblem(r);
      assert.match(r.body.detail, detail);
    }
    const malformed = await api.post('/api/v1/users', undefined, { token: admin.token, raw: '{"email":', headers: { 'content-type': 'application/json' } });
    assert.equal(malformed.status, 400);
    isProblem(malformed);
  });

  test('only admins create users', async () => {
    for (const who of [supervisor, agent, requester]) assert.equal((await create({ email: `n-${uniq()}@x.example`, name: 'N' }, who.token)).status, 403);
    assert.equal((await api.post('/api/v1/users', { email: 'n@x.example', name: 'N' })).status, 401);
  });

  test('createUser, as the CLI calls it, validates its own input and audits with no actor', async () => {
    const user = await createUser(t.deps, systemActor(), { email: ` CLI-${uniq()}@Example.TEST `, name: 'Cli', roles: ['admin'], password: 'long enough' });
    assert.match(user.email, /^cli-.*@example\.test$/);
    const entry = await t.deps.db.selectFrom('audit_log').selectAll().where('entity_type', '=', 'user').where('entity_id', '=', String(user.id)).executeTakeFirstOrThrow();
    assert.equal(entry.action, 'user.create');
    assert.equal(entry.actor_id, null);
    await assert.rejects(
      createUser(t.deps, null, { email: 'nope', name: 'X', roles: [] }),
      (e: unknown) => e instanceof AppError && e.status === 400 && /email/.test(e.message) && /roles/.test(e.message),
    );
  });
});

describe('listing and reading users', () => {
  let orgA: { id: number };
  let orgB: { id: number };
  let inA: MadeUser;
  let inB: MadeUser;
  let loner: MadeUser;
  let restricted: MadeUser;
  const tag = uniq();

  before(async () => {
    orgA = await makeOrganisation(t.deps);
    orgB = await makeOrganisation(t.deps);
    inA = await makeUser(t.deps, { organisationId: orgA.id, name: `Alice ${tag}`, email: `alice-${tag}@a.example` });
    inB = await makeUser(t.deps, { organisationId: orgB.id, name: `Bob ${tag}`, email: `bob-${tag}@b.example` });
    loner = await makeUser(t.deps, { name: `Lone ${tag}`, email: `lone-${tag}@nowhere.example` });
    restricted = await makeUser(t.deps, { roles: ['agent'], servedOrganisationIds: [orgA.id], name: `Restricted ${tag}` });
  });

  test('staff list users; requesters and anonymous callers cannot', async () => {
    for (const who of [admin, supervisor, agent]) {
      const r = await api.get(`/api/v1/users?q=${tag}`, { token: who.token });
      assert.equal(r.status, 200);
      assert.deepEqual(ids(r), [inA.id, inB.id, loner.id, restricted.id]);
      assert.ok(!('passwordHash' in r.body.items[0]) && !('password_hash' in r.body.items[0]));
    }
    const denied = await api.get('/api/v1/users', { token: requester.token });
    assert.equal(denied.status, 403);
    isProblem(denied);
    assert.equal((await api.get('/api/v1/users')).status, 401);
    assert.equal((await api.get(`/api/v1/users/${inA.id}`, { token: requester.token })).status, 403);
  });

  test('q matches name or email in any case; role and organisationId filter', async () => {
    assert.deepEqual(ids(await api.get(`/api/v1/users?q=ALICE%20${tag.toUpperCase()}`, { token: agent.token })), [inA.id]);
    assert.deepEqual(ids(await api.get(`/api/v1/users?q=bob-${tag}@B.EXAMPLE`, { token: agent.token })), [inB.id]);
    assert.deepEqual(ids(await api.get(`/api/v1/users?q=${tag}&role=agent`, { token: agent.token })), [restricted.id]);
    assert.deepEqual(ids(await api.get(`/api/v1/users?organisationId=${orgB.id}`, { token: agent.token })), [inB.id]);
    assert.deepEqual(ids(await api.get(`/api/v1/users?q=%25`, { token: agent.token })), []);
  });

  test('q ignores accents both ways in names', async () => {
    const other = uniq();
    const accented = await makeUser(t.deps, { name: `Élodie Ménard ${other}` });
    const plain = await makeUser(t.deps, { name: `Helene Decoeur ${other}` });
    assert.deepEqual(ids(await api.get(`/api/v1/users?q=${encodeURIComponent(`elodie menard ${other}`)}`, { token: agent.token })), [accented.id]);
    assert.deepEqual(ids(await api.get(`/api/v1/users?q=${encodeURIComponent(`MÉNARD ${other.toUpperCase()}`)}`, { token: agent.token })), [accented.id]);
    assert.deepEqual(ids(await api.get(`/api/v1/users?q=${encodeURIComponent(`Hélène Decoeur ${other}`)}`, { token: agent.token })), [plain.id]);
  });

  test('pages follow the cursor until it is null', async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const r: { status: number; body: { items: { id: number }[]; nextCursor: string | null } } = await api.get(
        `/api/v1/users?q=${tag}&limit=1${cursor ? `&cursor=${cursor}` : ''}`,
        { token: agent.token },
      );
      assert.equal(r.status, 200);
      seen.push(...ids(r));
      cursor = r.body.nextCursor;
      pages++;
    } while (cursor);
    assert.deepEqual(seen, [inA.id, inB.id, loner.id, restricted.id]);
    assert.equal(pages, 4);
  });

  test('staff restricted to organisation A see its people and unaffiliated staff, nothing of B', async () => {
    const r = await api.get('/api/v1/users?limit=200', { token: restricted.token });
    assert.equal(r.status, 200);
    const seen = ids(r);
    assert.ok(seen.includes(inA.id));
    assert.ok(seen.includes(agent.id) && seen.includes(admin.id), 'colleagues are visible');
    assert.ok(!seen.includes(inB.id), 'a user of B is hidden');
    assert.ok(!seen.includes(loner.id), 'a requester of no organisation is hidden');
    assert.deepEqual(ids(await api.get(`/api/v1/users?organisationId=${orgB.id}`, { token: restricted.token })), []);
    assert.equal((await api.get(`/api/v1/users/${inA.id}`, { token: restricted.token })).status, 200);
    const hidden = await api.get(`/api/v1/users/${inB.id}`, { token: restricted.token });
    assert.equal(hidden.status, 404);
    isProblem(hidden);
  });

  test('one user by id; unknown ids are 404, malformed ones 400', async () => {
    const r = await api.get(`/api/v1/users/${inA.id}`, { token: agent.token });
    assert.equal(r.status, 200);
    assert.equal(r.body.email, inA.email);
    assert.equal(r.body.organisationId, orgA.id);
    assert.equal((await api.get('/api/v1/users/999999', { token: agent.token })).status, 404);
    assert.equal((await api.get('/api/v1/users/x1', { token: agent.token })).status, 400);
    for (const qs of ['role=root', 'limit=-1', 'organisationId=abc', 'sort=name']) {
      const bad = await api.get(`/api/v1/users?${qs}`, { token: agent.token });
      assert.equal(bad.status, 400, qs);
      isProblem(bad);
    }
  });
});
