// Client organisations over real HTTP: CRUD, domains, scope of restricted staff, bad input.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startCastApp } from '../../test/cast-app.ts';
import { type MadeUser, makeOrganisation, makeTicket, makeUser, uniq } from '../../test/factories.ts';
import { isProblem } from '../../test/assertions.ts';
import { findOrganisationIdByEmailDomain } from './organisations.repo.ts';

const { t, api, admin, supervisor, agent, requester } = await startCastApp();
after(() => t.close());

const create = (body: unknown, token = admin.token) => api.post('/api/v1/organisations', body, { token });

describe('creating organisations', () => {
  test('an admin creates one; domains are lowercased, deduplicated and sorted', async () => {
    const d = uniq();
    const r = await create({ name: `Acme ${d}`, domains: [`WWW.Acme-${d}.Example`, `acme-${d}.example`, `acme-${d}.example `] });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.deepEqual(Object.keys(r.body).sort(), ['createdAt', 'domains', 'id', 'name', 'updatedAt']);
    assert.equal(r.body.name, `Acme ${d}`);
    assert.deepEqual(r.body.domains, [`acme-${d}.example`, `www.acme-${d}.example`]);
    assert.equal(r.body.createdAt, r.body.updatedAt);
    const got = await api.get(`/api/v1/organisations/${r.body.id}`, { token: admin.token });
    assert.deepEqual(got.body, r.body);
  });

  test('domains default to none', async () => {
    const r = await create({ name: `Solo ${uniq()}` });
    assert.equal(r.status, 201);
    assert.deepEqual(r.body.domains, []);
  });

  test('only admins create organisations', async () => {
    for (const who of [supervisor, agent, requester]) {
      const r = await create({ name: `Nope ${uniq()}` }, who.token);
      assert.equal(r.status, 403);
      isProblem(r);
    }
    const anon = await api.post('/api/v1/organisations', { name: 'Anonymous' });
    assert.equal(anon.status, 401);
  });

  test('a domain owned by another organisation is a 409 naming the owner', async () => {
    const d = `taken-${uniq()}.example`;
    const owner = await create({ name: `Owner ${uniq()}`, domains: [d] });
    const r = await create({ name: `Thief ${uniq()}`, domains: [d.toUpperCase()] });
    assert.equal(r.status, 409);
    isProblem(r);
    assert.match(r.body.detail, new RegExp(`${d}.*"${owner.body.name}".*id ${owner.body.id}`));
    assert.equal(r.body.organisationId, owner.body.id);
  });

  test('names are unique in any case', async () => {
    const name = `Unique ${uniq()}`;
    assert.equal((await create({ name })).status, 201);
    const r = await create({ name: name.toUpperCase() });
    assert.equal(r.status, 409);
    assert.match(r.body.detail, /already exists/);
  });

  test('concurrent creations of the same name: one wins, the others get 409', async () => {
    const name = `Race ${uniq()}`;
    const rs = await Promise.all(Array.from({ length: 6 }, () => create({ name })));
    assert.equal(rs.filter((r) => r.status === 201).length, 1);
    assert.ok(rs.every((r) => r.status === 201 || r.status === 409), rs.map((r) => r.status).join());
  });

  test('bad input is a 400 problem naming the field', async () => {
    const cases: [unknown, RegExp][] = [
      [{ name: 'X', colour: 'red' }, /colour/],
      [{ name: 42 }, /body\.name/],
      [{ name: '' }, /body\.name/],
      [{ name: 'X', domains: ['not a domain'] }, /body\.domains\.0: must be a hostname/],
      [{ name: 'X', domains: ['10.0.0.1'] }, /body\.domains\.0/],
      [{ name: 'X', domains: 'acme.example' }, /body\.domains/],
      [{ domains: [] }, /body\.name/],
    ];
    for (const [body, detail] of cases) {
      const r = await create(body);
      assert.equal(r.status, 400, JSON.stringify(body));
      isProblem(r);
      assert.match(r.body.detail, detail);
    }
    const malformed = await api.post('/api/v1/organisations', undefined, {
      token: admin.token,
      raw: '{"name": "X",',
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(malformed.status, 400);
    isProblem(malformed);
    assert.match(malformed.body.detail, /not valid JSON/);
  });
});

describe('reading organisations', () => {
  let a: { id: number };
  let b: { id: number };
  let restricted: MadeUser;

  before(async () => {
    a = await makeOrganisation(t.deps, { name: `Scope A ${uniq()}` });
    b = await makeOrganisation(t.deps, { name: `Scope B ${uniq()}` });
    restricted = await makeUser(t.deps, { roles: ['agent'], servedOrganisationIds: [a.id] });
  });

  test('staff list organisations; requesters and anonymous callers cannot', async () => {
    for (const who of [admin, supervisor, agent]) {
      const r = await api.get('/api/v1/organisations?limit=200', { token: who.token });
      assert.equal(r.status, 200);
      const ids = r.body.items.map((o: { id: number }) => o.id);
      assert.ok(ids.includes(a.id) && ids.includes(b.id));
    }
    assert.equal((await api.get('/api/v1/organisations', { token: requester.token })).status, 403);
    assert.equal((await api.get('/api/v1/organisations')).status, 401);
    assert.equal((await api.get(`/api/v1/organisations/${a.id}`, { token: requester.token })).status, 403);
  });

  test('staff restricted to organisation A see only A, and B is a 404', async () => {
    const list = await api.get('/api/v1/organisations?limit=200', { token: restricted.token });
    assert.equal(list.status, 200);
    assert.deepEqual(
      list.body.items.map((o: { id: number }) => o.id),
      [a.id],
    );
    assert.equal((await api.get(`/api/v1/organisations/${a.id}`, { token: restricted.token })).status, 200);
    const hidden = await api.get(`/api/v1/organisations/${b.id}`, { token: restricted.token });
    assert.equal(hidden.status, 404);
    isProblem(hidden);
  });

  test('search by part of the name or a domain, and page through with the cursor', async () => {
    const tag = uniq();
    const made = [];
    for (let i = 0; i < 5; i++) made.push((await create({ name: `Paged ${tag} ${i}`, domains: [`p${i}-${tag}.example`] })).body.id);
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const r: { status: number; body: { items: { id: number }[]; nextCursor: string | null } } = await api.get(
        `/api/v1/organisations?q=PAGED%20${tag}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        { token: agent.token },
      );
      assert.equal(r.status, 200);
      assert.ok(r.body.items.length <= 2);
      seen.push(...r.body.items.map((o) => o.id));
      cursor = r.body.nextCursor;
    } while (cursor);
    assert.deepEqual(seen, made);
    const byDomain = await api.get(`/api/v1/organisations?q=p3-${tag}`, { token: agent.token });
    assert.deepEqual(
      byDomain.body.items.map((o: { id: number }) => o.id),
      [made[3]],
    );
    const wildcard = await api.get(`/api/v1/organisations?q=%25_${tag}`, { token: agent.token });
    assert.equal(wildcard.body.items.length, 0, 'LIKE wildcards in q are taken literally');
  });

  test('the name search ignores case and accents, both ways', async () => {
    const tag = uniq();
    const ecole = (await create({ name: `École Hôtelière ${tag}` })).body.id;
    const plain = (await create({ name: `Ecole hoteliere ${tag}` })).body.id;
    for (const q of [`ecole hoteliere ${tag}`, `ÉCOLE HÔTELIÈRE ${tag}`, `hôteli`]) {
      const r = await api.get(`/api/v1/organisations?${new URLSearchParams({ q, limit: '200' })}`, { token: agent.token });
      assert.equal(r.status, 200);
      const ids = r.body.items.map((o: { id: number }) => o.id);
      assert.ok(ids.includes(ecole) && ids.includes(plain), `${q}: ${JSON.stringify(r.body.items.map((o: { name: string }) => o.name))}`);
    }
    const other = await api.get(`/api/v1/organisations?q=${encodeURIComponent(`ecole ${tag}`)}`, { token: agent.token });
    assert.equal(other.body.items.length, 0, 'the words must stand together, as typed');
  });

  test('bad list parameters and ids are 400s', async () => {
    for (const qs of ['limit=0', 'limit=1000', 'cursor=abc', 'colour=red']) {
      const r = await api.get(`/api/v1/organisations?${qs}`, { token: agent.token });
      assert.equal(r.status, 400, qs);
      isProblem(r);
    }
    assert.equal((await api.get('/api/v1/organisations/abc', { token: agent.token })).status, 400);
    assert.equal((await api.get('/api/v1/organisations/999999', { token: agent.token })).status, 404);
  });
});

describe('changing and deleting organisations', () => {
  test('an admin renames and replaces domains; the change is audited', async () => {
    const d = uniq();
    const org = (await create({ name: `Before ${d}`, domains: [`old-${d}.example`] })).body;
    const r = await api.patch(`/api/v1/organisations/${org.id}`, { name: `After ${d}`, domains: [`new-${d}.example`] }, { token: admin.token });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.name, `After ${d}`);
    assert.deepEqual(r.body.domains, [`new-${d}.example`]);
    const audit = await api.get(`/api/v1/audit?entityType=organisation&entityId=${org.id}`, { token: admin.token });
    assert.equal(audit.body.items[0].action, 'organisation.update');
    assert.deepEqual(audit.body.items[0].data.domains, { from: [`old-${d}.example`], to: [`new-${d}.example`] });
    // The old domain is free again.
    assert.equal((await create({ name: `Reuse ${d}`, domains: [`old-${d}.example`] })).status, 201);
  });

  test('a rename onto another name or a domain of another organisation is a 409', async () => {
    const x = (await create({ name: `X ${uniq()}`, domains: [`x-${uniq()}.example`] })).body;
    const y = (await create({ name: `Y ${uniq()}` })).body;
    assert.equal((await api.patch(`/api/v1/organisations/${y.id}`, { name: x.name }, { token: admin.token })).status, 409);
    const r = await api.patch(`/api/v1/organisations/${y.id}`, { domains: x.domains }, { token: admin.token });
    assert.equal(r.status, 409);
    assert.match(r.body.detail, new RegExp(`"${x.name}"`));
    const same = await api.patch(`/api/v1/organisations/${x.id}`, { name: x.name.toUpperCase(), domains: x.domains }, { token: admin.token });
    assert.equal(same.status, 200, 'its own name in another case and its own domains are fine');
  });

  test('only admins change or delete; unknown ids are 404; unknown fields 400', async () => {
    const org = await makeOrganisation(t.deps);
    for (const who of [supervisor, agent, requester]) {
      assert.equal((await api.patch(`/api/v1/organisations/${org.id}`, { name: 'Z' }, { token: who.token })).status, 403);
      assert.equal((await api.delete(`/api/v1/organisations/${org.id}`, { token: who.token })).status, 403);
    }
    assert.equal((await api.patch('/api/v1/organisations/999999', { name: 'Z' }, { token: admin.token })).status, 404);
    assert.equal((await api.delete('/api/v1/organisations/999999', { token: admin.token })).status, 404);
    const r = await api.patch(`/api/v1/organisations/${org.id}`, { id: 5 }, { token: admin.token });
    assert.equal(r.status, 400);
    assert.match(r.body.detail, /unknown field "id"/);
  });

  test('deletion is refused while users or restricted staff depend on it, then allowed', async () => {
    const org = await makeOrganisation(t.deps, { domains: [`gone-${uniq()}.example`] });
    const member = await makeUser(t.deps, { organisationId: org.id });
    const r = await api.delete(`/api/v1/organisations/${org.id}`, { token: admin.token });
    assert.equal(r.status, 409);
    isProblem(r);
    assert.match(r.body.detail, /1 user/);
    await api.patch(`/api/v1/users/${member.id}`, { organisationId: null }, { token: admin.token });
    const staff = await makeUser(t.deps, { roles: ['agent'], servedOrganisationIds: [org.id] });
    const r2 = await api.delete(`/api/v1/organisations/${org.id}`, { token: admin.token });
    assert.equal(r2.status, 409);
    assert.match(r2.body.detail, /restricted/);
    await api.patch(`/api/v1/users/${staff.id}`, { servedOrganisationIds: [] }, { token: admin.token });
    assert.equal((await api.delete(`/api/v1/organisations/${org.id}`, { token: admin.token })).status, 204);
    assert.equal((await api.get(`/api/v1/organisations/${org.id}`, { token: admin.token })).status, 404);
  });

  test('deletion is refused while tickets belong to it', async () => {
    const org = await makeOrganisation(t.deps);
    const member = await makeUser(t.deps, { organisationId: org.id });
    await makeTicket(t.deps, { requesterId: member.id });
    await t.deps.db.updateTable('users').set({ organisation_id: null }).where('id', '=', member.id).execute();
    const r = await api.delete(`/api/v1/organisations/${org.id}`, { token: admin.token });
    assert.equal(r.status, 409);
    assert.match(r.body.detail, /1 ticket/);
  });
});

describe('findOrganisationIdByEmailDomain', () => {
  test('matches the exact domain, then the closest parent domain, in any case', async () => {
    const d = `corp-${uniq()}.example`;
    const parent = await makeOrganisation(t.deps, { domains: [d] });
    const child = await makeOrganisation(t.deps, { domains: [`eu.${d}`] });
    const db = t.deps.db;
    assert.equal(await findOrganisationIdByEmailDomain(db, `ann@${d}`), parent.id);
    assert.equal(await findOrganisationIdByEmailDomain(db, `ann@MAIL.${d.toUpperCase()}`), parent.id);
    assert.equal(await findOrganisationIdByEmailDomain(db, `ann@eu.${d}`), child.id);
    assert.equal(await findOrganisationIdByEmailDomain(db, `ann@paris.eu.${d}`), child.id);
    assert.equal(await findOrganisationIdByEmailDomain(db, `ann@not${d}`), null, 'a suffix that is not a parent domain');
    assert.equal(await findOrganisationIdByEmailDomain(db, 'ann@example'), null);
    assert.equal(await findOrganisationIdByEmailDomain(db, 'no-at-sign'), null);
  });
});
