// The API's edge over real HTTP: health, the OpenAPI document and the docs page, the one
// error shape (problem+json) for every failure, hostile ids and bodies, unique constraints,
// and a walk over every documented route without credentials.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { client, startTestApp, type TestApp } from './test/harness.ts';
import { assertProblem } from './test/assertions.ts';
import { makeCategory, makeGroup, makeOrganisation, makeUser, uniq, type MadeUser } from './test/factories.ts';

const BODY_LIMIT = 2048;
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

let t: TestApp;
let api: ReturnType<typeof client>;
let admin: MadeUser;
let agent: MadeUser;
let requester: MadeUser;
let ticketId: number;

before(async () => {
  t = await startTestApp({ env: { GUICHET_BODY_LIMIT: String(BODY_LIMIT) } });
  api = client(t);
  const org = await makeOrganisation(t.deps);
  admin = await makeUser(t.deps, { roles: ['admin'] });
  agent = await makeUser(t.deps, { roles: ['agent'] });
  requester = await makeUser(t.deps, { roles: ['requester'], organisationId: org.id });
  const r = await api.post('/api/v1/tickets', { title: 'Edge', description: 'A ticket to aim at.' }, { token: requester.token });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  ticketId = r.body.id;
});
after(() => t.close());


const json = (raw: string, contentType = 'application/json') => ({ raw, headers: { 'content-type': contentType } });
const openTicket = (body: Record<string, unknown>, token = requester.token) =>
  api.post('/api/v1/tickets', { title: 'Printer jammed', description: 'Jams on every page.', ...body }, { token });

async function openapi() {
  const r = await api.get('/api/v1/openapi.json');
  assert.equal(r.status, 200);
  return r.body;
}

/** Every operation of the OpenAPI document: method, path template, and whether it takes a body. */
async function operations() {
  const doc = await openapi();
  const ops: { method: string; path: string; hasBody: boolean; isMultipart: boolean }[] = [];
  for (const [path, item] of Object.entries<Record<string, any>>(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const content = op.requestBody?.content ?? {};
      ops.push({ method: method.toUpperCase(), path, hasBody: Boolean(op.requestBody), isMultipart: 'multipart/form-data' in content });
    }
  }
  return ops;
}

const fill = (path: string, id: string) => path.replace(/\{[^}]+\}/g, id);

describe('health and documentation', () => {
  test('GET /healthz answers 200 {status: ok} without credentials', async () => {
    const r = await api.get('/healthz');
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type') ?? '', /^application\/json/);
    assert.equal(r.body.status, 'ok');
    assert.equal(r.body.database, t.deps.dialect);
  });

  test('GET /api/v1/openapi.json is an OpenAPI 3.1 document of the ticket API with request schemas', async () => {
    const doc = await openapi();
    assert.equal(doc.openapi, '3.1.0');
    assert.equal(typeof doc.info.title, 'string');
    assert.equal(typeof doc.info.version, 'string');
    assert.equal(doc.components.securitySchemes.bearer.scheme, 'bearer');

    const p = doc.paths;
    for (const path of ['/api/v1/tickets', '/api/v1/tickets/{id}', '/api/v1/tickets/{id}/replies', '/api/v1/tickets/{id}/resolve', '/api/v1/tickets/{id}/escalate']) {
      assert.ok(p[path], `${path} is documented`);
    }
    const bodyOf = (path: string, method: string) => p[path][method].requestBody?.content?.['application/json']?.schema;

    const create = bodyOf('/api/v1/tickets', 'post');
    assert.equal(create.type, 'object');
    assert.deepEqual([...create.required].sort(), ['description', 'title']);
    assert.equal(create.additionalProperties, false);
    assert.deepEqual([create.properties.impact.type, create.properties.impact.minimum, create.properties.impact.maximum], ['integer', 1, 4]);
    assert.ok(p['/api/v1/tickets'].get.parameters.some((q: any) => q.in === 'query' && q.name === 'limit'));

    assert.ok(p['/api/v1/tickets/{id}'].get);
    assert.ok(bodyOf('/api/v1/tickets/{id}', 'patch').properties.status);
    assert.deepEqual(bodyOf('/api/v1/tickets/{id}/replies', 'post').required, ['body']);
    assert.deepEqual([...bodyOf('/api/v1/tickets/{id}/resolve', 'post').required].sort(), ['actions', 'diagnosis', 'result', 'symptoms']);
    const escalate = bodyOf('/api/v1/tickets/{id}/escalate', 'post');
    assert.ok(escalate.required.includes('note'));
    assert.ok(escalate.properties.tier && escalate.properties.groupId);

    // The document describes itself consistently: every operation has a success response
    // and declares the parameters of its path.
    let count = 0;
    for (const [path, item] of Object.entries<Record<string, any>>(p)) {
      const names = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      for (const method of METHODS) {
        const op = item[method];
        if (!op) continue;
        count++;
        assert.ok(Object.keys(op.responses ?? {}).some((s) => /^2/.test(s)), `${method} ${path} has a 2xx response`);
        const declared = (op.parameters ?? []).filter((x: any) => x.in === 'path').map((x: any) => x.name);
        assert.deepEqual(declared.sort(), [...names].sort(), `${method} ${path} declares its path parameters`);
      }
    }
    assert.ok(count >= 20, `${count} operations`);
    // Every $ref points at something in the document.
    for (const [, ref] of JSON.stringify(doc).matchAll(/"\$ref":"(#[^"]*)"/g)) {
      const target = ref.slice(2).split('/').reduce((o: any, k) => o?.[k.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
      assert.ok(target !== undefined, `${ref} resolves`);
    }
    assert.ok(!p['/api/v1/openapi.json'], 'the document itself is not an operation');
  });

  test('GET /api/docs serves the browsable documentation of that document', async () => {
    const r = await api.get('/api/docs'); // fetch follows a redirect, if any
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(r.body, /swagger-ui/i);
    const init = await api.get('/api/docs/static/swagger-initializer.js');
    assert.equal(init.status, 200);
    assert.match(init.body, /\/api\/v1\/openapi\.json/);
  });
});

describe('every error is application/problem+json', () => {
  test('malformed JSON: 400 saying so', async () => {
    const r = await api.post('/api/v1/tickets', undefined, { token: requester.token, ...json('{"title": "Printer", ') });
    assertProblem(r, 400, { detail: /JSON/, instance: '/api/v1/tickets' });
  });

  test('an unknown field: 400 naming the field', async () => {
    const r = await openTicket({ colour: 'red' });
    assertProblem(r, 400, { detail: /"colour"/ });
    assert.deepEqual(r.body.errors, [{ path: 'body', message: 'unknown field "colour"' }]);
  });

  test('a field of the wrong type: 400 naming it', async () => {
    const r = await openTicket({ impact: 'high' });
    assertProblem(r, 400, { detail: /\bimpact\b/ });
    assert.deepEqual(
      r.body.errors.map((e: { path: string }) => e.path),
      ['body.impact'],
    );
  });

  test('a number out of range: 400 naming it', async () => {
    for (const urgency of [9, 0, -1, 2.5]) {
      const r = await openTicket({ urgency });
      assertProblem(r, 400, { detail: /\burgency\b/ });
    }
    assert.equal((await openTicket({ urgency: 4 })).status, 201, 'the edge of the range is accepted');
  });

  test('a body over GUICHET_BODY_LIMIT: 413; just under it: accepted', async () => {
    const big = await openTicket({ description: 'x'.repeat(BODY_LIMIT) });
    assertProblem(big, 413, { detail: new RegExp(String(BODY_LIMIT)) });
    const fits = await openTicket({ description: 'x'.repeat(BODY_LIMIT - 200) });
    assert.equal(fits.status, 201, JSON.stringify(fits.body).slice(0, 300));
  });

  test('a body that is not JSON: 415', async () => {
    const body = JSON.stringify({ title: 'Printer', description: 'Jams' });
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml']) {
      const r = await api.post('/api/v1/tickets', undefined, { token: requester.token, ...json(body, type) });
      assertProblem(r, 415, { detail: new RegExp(type.replace('+', '\\+')) });
    }
  });

  test('an unknown route: 404', async () => {
    assertProblem(await api.get('/api/v1/no-such-thing?x=1'), 404, { detail: /GET \/api\/v1\/no-such-thing\b/, instance: '/api/v1/no-such-thing?x=1' });
    assertProblem(await api.post('/api/v1/tickets/1/teleport', {}, { token: admin.token }), 404);
    // Outside /api, every GET path is the web app's (its router shows its own "not found").
    const page = await api.get('/nowhere');
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /text\/html/);
    assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self'/);
  });

  test('a malformed URL: 400', async () => {
    assertProblem(await api.get('/api/v1/tickets/%E0%A4%A', { token: admin.token }), 400);
  });

  test('no credentials: 401', async () => {
    assertProblem(await api.get('/api/v1/tickets'), 401, { instance: '/api/v1/tickets' });
    assertProblem(await openTicket({}, ''), 401);
  });

  test('a role too low for the route: 403', async () => {
    assertProblem(await api.get('/api/v1/tickets/counts', { token: requester.token }), 403, { detail: /agent/ });
    assertProblem(await api.patch(`/api/v1/tickets/${ticketId}`, { impact: 1 }, { token: requester.token }), 403);
    assertProblem(await api.post(`/api/v1/tickets/${ticketId}/resolve`, {}, { token: requester.token }), 403);
    assertProblem(await api.post('/api/v1/organisations', { name: `Org ${uniq()}` }, { token: agent.token }), 403, { detail: /admin/ });
    // The same calls are fine for the right role, so the 403 was about the role.
    assert.equal((await api.get('/api/v1/tickets/counts', { token: agent.token })).status, 200);
  });

  test('each error has its own request id', async () => {
    const a = await api.get('/api/v1/tickets');
    const b = await api.get('/api/v1/tickets');
    assertProblem(a, 401);
    assertProblem(b, 401);
    assert.notEqual(a.body.requestId, b.body.requestId);
  });
});

describe('hostile ids and values', () => {
  const ids = ['0', '-1', 'abc', '1.5', '1e400', '0x', '99999999999999999999', '2147483648', '9007199254740991', '999999'];
  const routes: [string, string, unknown?][] = [
    ['GET', '/api/v1/tickets/:id'],
    ['PATCH', '/api/v1/tickets/:id', { impact: 1 }],
    ['GET', '/api/v1/tickets/:id/timeline'],
    ['POST', '/api/v1/tickets/:id/replies', { body: 'Hello' }],
    ['POST', '/api/v1/tickets/:id/escalate', { tier: 2, note: 'Over to you' }],
    ['DELETE', '/api/v1/auth/tokens/:id'],
    ['GET', '/api/v1/users/:id'],
    ['GET', '/api/v1/organisations/:id'],
    ['GET', '/api/v1/groups/:id'],
    ['GET', '/api/v1/categories/:id'],
  ];

  test('a huge, negative or non-numeric id in the path gives 400 or 404, never 500', async () => {
    for (const [method, path, body] of routes) {
      for (const id of ids) {
        const r = await api.call(method, path.replace(':id', id), body, { token: admin.token });
        assertProblem(r, [400, 404]);
      }
    }
    // The schema is what refuses ids that are not positive integers.
    for (const id of ['0', '-1', 'abc', '1.5']) assertProblem(await api.get(`/api/v1/tickets/${id}`, { token: admin.token }), 400, { detail: /\bid\b/ });
    assertProblem(await api.get('/api/v1/tickets/999999', { token: admin.token }), 404);
  });

  test('numbers beyond the id columns in bodies and queries give a 4xx, never 500', async () => {
    const big = 3_000_000_000;
    assertProblem(await openTicket({ requesterId: big }, agent.token), [400, 404, 422]);
    assertProblem(await api.post(`/api/v1/tickets/${ticketId}/assign`, { assigneeId: big }, { token: admin.token }), [400, 404, 422]);
    for (const q of [`organisationId=${big}`, `requesterId=${big}`, `categoryId=${big}`]) {
      const r = await api.get(`/api/v1/tickets?${q}`, { token: admin.token });
      if (r.status !== 200) assertProblem(r, 400);
    }
    const audit = await api.get(`/api/v1/audit?cursor=${big}`, { token: admin.token });
    if (audit.status !== 200) assertProblem(audit, 400);
  });

  test('a NUL character in text never gives 500', async () => {
    // PostgreSQL cannot store U+0000 in text; SQLite can.
    const created = await openTicket({ title: 'Nul\u0000byte' });
    if (created.status !== 201) assertProblem(created, 400);
    const search = await api.get(`/api/v1/tickets?q=${encodeURIComponent('a\u0000b')}`, { token: agent.token });
    if (search.status !== 200) assertProblem(search, 400);
    const token = await api.post('/api/v1/auth/tokens', { name: 'nul\u0000' }, { token: agent.token });
    if (token.status !== 201) assertProblem(token, 400);
  });
});

describe('unique constraints answer 409, never 500', () => {
  test('a second organisation, user, group or category with a taken name, in any case', async () => {
    const name = `Acme ${uniq()}`;
    assert.equal((await api.post('/api/v1/organisations', { name }, { token: admin.token })).status, 201);
    assertProblem(await api.post('/api/v1/organisations', { name: name.toUpperCase() }, { token: admin.token }), 409);

    assertProblem(await api.post('/api/v1/users', { email: agent.email.toUpperCase(), name: 'Twin' }, { token: admin.token }), 409);

    const group = await makeGroup(t.deps);
    assertProblem(await api.post('/api/v1/groups', { name: group.name.toLowerCase(), tier: 1 }, { token: admin.token }), 409);

    const category = await makeCategory(t.deps);
    assertProblem(await api.post('/api/v1/categories', { name: category.name.toUpperCase() }, { token: admin.token }), 409);
  });

  test('renaming onto a taken name or email, or taking a claimed domain', async () => {
    const domain = `taken-${uniq()}.example`;
    const a = await makeOrganisation(t.deps, { domains: [domain] });
    const b = await makeOrganisation(t.deps);
    assertProblem(await api.patch(`/api/v1/organisations/${b.id}`, { name: a.name }, { token: admin.token }), 409);
    assertProblem(await api.patch(`/api/v1/organisations/${b.id}`, { domains: [domain] }, { token: admin.token }), 409);
    assertProblem(await api.post('/api/v1/organisations', { name: `Other ${uniq()}`, domains: [domain.toUpperCase()] }, { token: admin.token }), 409);

    const g1 = await makeGroup(t.deps);
    const g2 = await makeGroup(t.deps);
    assertProblem(await api.patch(`/api/v1/groups/${g2.id}`, { name: g1.name }, { token: admin.token }), 409);
    const c1 = await makeCategory(t.deps);
    const c2 = await makeCategory(t.deps);
    assertProblem(await api.patch(`/api/v1/categories/${c2.id}`, { name: c1.name }, { token: admin.token }), 409);
    const other = await makeUser(t.deps);
    assertProblem(await api.patch(`/api/v1/users/${other.id}`, { email: agent.email }, { token: admin.token }), 409);
  });

  test('concurrent creations of the same record: one 201, the others 409', async () => {
    const n = 8;
    const cases: [string, Record<string, unknown>, () => Promise<number>][] = [];
    const orgName = `Race ${uniq()}`;
    cases.push(['/api/v1/organisations', { name: orgName }, () => count('organisations', 'name', orgName)]);
    const email = `race-${uniq()}@example.test`;
    cases.push(['/api/v1/users', { email, name: 'Racer' }, () => count('users', 'email', email)]);
    const groupName = `Race group ${uniq()}`;
    cases.push(['/api/v1/groups', { name: groupName, tier: 1 }, () => count('groups', 'name', groupName)]);
    const catName = `Race category ${uniq()}`;
    cases.push(['/api/v1/categories', { name: catName }, () => count('categories', 'name', catName)]);

    for (const [path, body, rows] of cases) {
      const rs = await Promise.all(Array.from({ length: n }, () => api.post(path, body, { token: admin.token })));
      const statuses = rs.map((r) => r.status).sort();
      assert.deepEqual(statuses, [201, ...Array(n - 1).fill(409)], `${path}: ${statuses}`);
      for (const r of rs) if (r.status === 409) assertProblem(r, 409);
      assert.equal(await rows(), 1, `${path}: one row`);
    }
  });
});

async function count(table: 'organisations' | 'users' | 'groups' | 'categories', column: 'name' | 'email', value: string) {
  const rows = await t.deps.db
    .selectFrom(table as 'users')
    .select('id')
    .where(column as 'email', '=', value)
    .execute();
  return rows.length;
}

describe('every documented route', () => {
  // Routes anyone may call. Adding one here is a decision, not a formality.
  const PUBLIC = new Set([
    'GET /healthz',
    'POST /api/v1/auth/login',
    'POST /api/v1/auth/logout',
    // The help centre: published public articles, for visitors who have no account.
    'GET /api/v1/kb/articles',
    'GET /api/v1/kb/articles/{id}',
    'POST /api/v1/kb/articles/{id}/feedback',
    'POST /api/v1/kb/articles/{id}/views',
    'GET /api/v1/kb/categories',
    'GET /api/v1/kb/suggestions',
  ]);

  test('without credentials: 401 problem+json, except the few public routes, and never 5xx', async () => {
    const ops = await operations();
    assert.ok(ops.length >= 25, `${ops.length} operations`);
    const seen = new Set<string>();
    for (const op of ops) {
      const key = `${op.method} ${op.path}`;
      seen.add(key);
      for (const id of ['1', String(ticketId), '999999']) {
        const r = await api.call(op.method, fill(op.path, id), op.hasBody && !op.isMultipart ? {} : undefined);
        assert.ok(r.status < 500, `${key} (${id}): ${r.status} ${JSON.stringify(r.body)}`);
        if (PUBLIC.has(key)) assert.notEqual(r.status, 401, key);
        else assertProblem(r, 401);
      }
    }
    for (const key of PUBLIC) assert.ok(seen.has(key), `${key} is documented`);
    for (const key of ['POST /api/v1/tickets', 'GET /api/v1/tickets/{id}', 'POST /api/v1/tickets/{id}/resolve']) assert.ok(seen.has(key), key);
  });

  test('with a requester, an agent or an admin and an empty body: never 5xx, and every error is a problem', async () => {
    const ops = await operations();
    // Signing out would end nothing here (bearer tokens), but keep the walk side-effect free.
    const walk = ops.filter((op) => op.path !== '/api/v1/auth/logout');
    for (const user of [requester, agent, admin]) {
      for (const op of walk) {
        // Deletions aim at nothing real: they would revoke the walkers' own tokens.
        for (const id of op.method === 'DELETE' ? ['999999'] : [String(ticketId), '999999']) {
          const r = await api.call(op.method, fill(op.path, id), op.hasBody && !op.isMultipart ? {} : undefined, { token: user.token });
          const key = `${user.email} ${op.method} ${fill(op.path, id)}`;
          assert.ok(r.status < 500, `${key}: ${r.status} ${JSON.stringify(r.body)}`);
          if (r.status >= 400) assertProblem(r, r.status);
        }
      }
    }
    // The walk did not revoke or deactivate anyone it still needs.
    assert.equal((await api.get('/api/v1/auth/me', { token: admin.token })).status, 200);
  });
});
