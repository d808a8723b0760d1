// Client contracts over real HTTP: dates that never overlap within an organisation, `active`
// by today's date, scoping of restricted supervisors; and which policy a new ticket gets.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { client, startTestApp, type TestApp } from '../../test/harness.ts';
import { type MadeUser, makeOrganisation, makeUser, uniq } from '../../test/factories.ts';
import { assertProblem } from '../../test/assertions.ts';
import { findPolicyIdForOrganisation } from './contracts.repo.ts';

let t: TestApp;
let api: ReturnType<typeof client>;
let admin: MadeUser;
let supervisor: MadeUser;
let agent: MadeUser;
let standardId: number;
let goldId: number;
const NOW = Date.parse('2026-06-15T10:00:00Z');

const target = (firstResponse: number, resolution: number) => ({ firstResponse, resolution, nextResponse: null });
const TARGETS = { 1: target(30, 240), 2: target(60, 480), 3: target(240, 1440), 4: target(480, 2880), 5: target(960, 7200) };

before(async () => {
  t = await startTestApp({ clock: { now: () => new Date(NOW) } });
  api = client(t);
  admin = await makeUser(t.deps, { roles: ['admin'] });
  supervisor = await makeUser(t.deps, { roles: ['supervisor'] });
  agent = await makeUser(t.deps, { roles: ['agent'] });
  const policies = (await api.get('/api/v1/sla/policies', { token: agent.token })).body.items;
  standardId = policies.find((p: { name: string }) => p.name === 'Standard').id;
  const calendarId = (await api.get('/api/v1/calendars', { token: agent.token })).body.items[0].id;
  goldId = (await api.post('/api/v1/sla/policies', { name: 'Gold', calendarId, targets: TARGETS }, { token: admin.token })).body.id;
});
after(() => t.close());

const create = (body: Record<string, unknown>, token = admin.token) => api.post('/api/v1/contracts', { name: `Contract ${uniq()}`, policyId: goldId, ...body }, { token });

describe('contracts', () => {
  test('an admin ties an organisation to a policy; supervisors read; agents cannot; the change is audited', async () => {
    const org = await makeOrganisation(t.deps);
    const r = await create({ organisationId: org.id, name: 'Support 2026', startsOn: '2026-01-01', endsOn: '2026-12-31', notes: 'Signed in December' });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.deepEqual(Object.keys(r.body).sort(), ['active', 'createdAt', 'endsOn', 'id', 'name', 'notes', 'organisation', 'policy', 'startsOn', 'updatedAt']);
    assert.deepEqual(r.body.organisation, { id: org.id, name: org.name });
    assert.deepEqual(r.body.policy, { id: goldId, name: 'Gold' });
    assert.equal(r.body.active, true);
    assert.deepEqual((await api.get(`/api/v1/contracts/${r.body.id}`, { token: supervisor.token })).body, r.body);
    const listed = await api.get(`/api/v1/contracts?organisationId=${org.id}`, { token: supervisor.token });
    assert.deepEqual(listed.body.items.map((c: { id: number }) => c.id), [r.body.id]);
    assert.equal((await api.get('/api/v1/contracts', { token: agent.token })).status, 403);
    assert.equal((await api.get(`/api/v1/contracts/${r.body.id}`, { token: agent.token })).status, 403);
    assert.equal((await create({ organisationId: org.id }, supervisor.token)).status, 403);
    assert.equal((await api.patch(`/api/v1/contracts/${r.body.id}`, { notes: 'x' }, { token: supervisor.token })).status, 403);
    assert.equal((await api.delete(`/api/v1/contracts/${r.body.id}`, { token: supervisor.token })).status, 403);
    const audit = await api.get(`/api/v1/audit?entityType=contract&entityId=${r.body.id}`, { token: admin.token });
    assert.equal(audit.body.items[0].action, 'contract.create');
  });

  test('active means in force today: past and future contracts are not', async () => {
    const org = await makeOrganisation(t.deps);
    const past = (await create({ organisationId: org.id, startsOn: '2025-01-01', endsOn: '2026-06-14' })).body;
    const current = (await create({ organisationId: org.id, startsOn: '2026-06-15', endsOn: '2026-06-15' })).body;
    const future = (await create({ organisationId: org.id, startsOn: '2026-06-16' })).body;
    assert.deepEqual([past.active, current.active, future.active], [false, true, false]);
    const items = (await api.get(`/api/v1/contracts?organisationId=${org.id}`, { token: supervisor.token })).body.items;
    assert.deepEqual(items.map((c: { id: number }) => c.id), [past.id, current.id, future.id]);
  });

  test("an organisation's contracts never overlap; touching dates are fine; the clash is named", async () => {
    const org = await makeOrganisation(t.deps, { name: `Globex ${uniq()}` });
    const y2026 = (await create({ organisationId: org.id, name: 'Globex 2026', startsOn: '2026-01-01', endsOn: '2026-12-31' })).body;
    const clash = await create({ organisationId: org.id, startsOn: '2026-12-31', endsOn: '2027-12-31' });
    assertProblem(clash, 409, { detail: new RegExp(`overlap contract "Globex 2026" \\(id ${y2026.id}, 2026-01-01 to 2026-12-31\\) of ${org.name}`) });
    assert.equal(clash.body.contractId, y2026.id);
    const y2027 = await create({ organisationId: org.id, name: 'Globex 2027+', startsOn: '2027-01-01' });
    assert.equal(y2027.status, 201);
    // Open-ended on either side.
    assert.equal((await create({ organisationId: org.id, name: 'Before', endsOn: '2025-12-31' })).status, 201);
    assertProblem(await create({ organisationId: org.id, name: 'Forever' }), 409, { detail: /overlap contract "Before"/ });
    assertProblem(await create({ organisationId: org.id, startsOn: '2030-01-01', endsOn: '2030-01-31' }), 409, { detail: /overlap contract "Globex 2027\+" \(id \d+, 2027-01-01 to open-ended\)/ });
    // Another organisation may have the same dates.
    const other = await makeOrganisation(t.deps);
    assert.equal((await create({ organisationId: other.id, startsOn: '2026-01-01', endsOn: '2026-12-31' })).status, 201);
    // Moving a contract is checked against the others, not itself.
    assert.equal((await api.patch(`/api/v1/contracts/${y2026.id}`, { startsOn: '2026-02-01' }, { token: admin.token })).status, 200);
    assertProblem(await api.patch(`/api/v1/contracts/${y2026.id}`, { endsOn: '2027-01-01' }, { token: admin.token }), 409, { detail: /overlap contract "Globex 2027\+"/ });
    assertProblem(await api.patch(`/api/v1/contracts/${y2026.id}`, { endsOn: null }, { token: admin.token }), 409);
  });

  test('bad contracts are refused with details naming the field', async () => {
    const org = await makeOrganisation(t.deps);
    const cases: [Record<string, unknown>, number, RegExp][] = [
      [{ organisationId: org.id, startsOn: '2027-03-01', endsOn: '2027-02-01' }, 422, /"endsOn" \(2027-02-01\) is before "startsOn" \(2027-03-01\)/],
      [{ organisationId: org.id, startsOn: '2027-02-30' }, 422, /"startsOn": 2027-02-30 is not a day of the calendar/],
      [{ organisationId: 999999 }, 422, /"organisationId": organisation 999999 does not exist/],
      [{ organisationId: org.id, policyId: 999999 }, 422, /"policyId": SLA policy 999999 does not exist/],
      [{ organisationId: org.id, startsOn: '1/2/2027' }, 400, /body\.startsOn.*YYYY-MM-DD/],
      [{ organisationId: org.id, name: '' }, 400, /body\.name/],
      [{ policyId: goldId }, 400, /body\.organisationId/],
      [{ organisationId: org.id, active: true }, 400, /unknown field "active"/],
    ];
    for (const [body, status, detail] of cases) assertProblem(await create(body), status, { detail });
    const c = (await create({ organisationId: org.id, startsOn: '2027-01-01' })).body;
    assertProblem(await api.patch(`/api/v1/contracts/${c.id}`, { endsOn: '2026-12-31' }, { token: admin.token }), 422, { detail: /is before "startsOn"/ });
    assertProblem(await api.patch(`/api/v1/contracts/${c.id}`, { organisationId: org.id }, { token: admin.token }), 400, { detail: /unknown field "organisationId"/ });
    assertProblem(await api.patch('/api/v1/contracts/999999', { notes: 'x' }, { token: admin.token }), 404, { detail: /Contract 999999 does not exist/ });
    assertProblem(await api.get('/api/v1/contracts?organisationId=abc', { token: admin.token }), 400, { detail: /organisationId/ });
  });

  test('a supervisor restricted to some organisations sees only their contracts', async () => {
    const mine = await makeOrganisation(t.deps);
    const theirs = await makeOrganisation(t.deps);
    const restricted = await makeUser(t.deps, { roles: ['supervisor'], servedOrganisationIds: [mine.id] });
    const a = (await create({ organisationId: mine.id })).body;
    const b = (await create({ organisationId: theirs.id })).body;
    const seen = (await api.get('/api/v1/contracts', { token: restricted.token })).body.items.map((c: { id: number }) => c.id);
    assert.deepEqual(seen, [a.id]);
    assert.equal((await api.get(`/api/v1/contracts/${b.id}`, { token: restricted.token })).status, 404);
    assert.deepEqual((await api.get(`/api/v1/contracts?organisationId=${theirs.id}`, { token: restricted.token })).body.items, []);
  });

  test('an admin changes and deletes a contract; both are audited', async () => {
    const org = await makeOrganisation(t.deps);
    const c = (await create({ organisationId: org.id, policyId: standardId })).body;
    const r = await api.patch(`/api/v1/contracts/${c.id}`, { name: 'Renewed', policyId: goldId, endsOn: '2026-06-14', notes: 'Ended early' }, { token: admin.token });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.name, 'Renewed');
    assert.deepEqual(r.body.policy, { id: goldId, name: 'Gold' });
    assert.equal(r.body.active, false);
    assert.equal((await api.delete(`/api/v1/contracts/${c.id}`, { token: admin.token })).status, 204);
    assertProblem(await api.get(`/api/v1/contracts/${c.id}`, { token: admin.token }), 404);
    assertProblem(await api.delete(`/api/v1/contracts/${c.id}`, { token: admin.token }), 404);
    const audit = await api.get(`/api/v1/audit?entityType=contract&entityId=${c.id}`, { token: admin.token });
    assert.deepEqual(audit.body.items.map((x: { action: string }) => x.action), ['contract.delete', 'contract.update', 'contract.create']);
    assert.deepEqual(audit.body.items[1].data.policyId, { from: standardId, to: goldId });
  });
});

describe('which policy applies', () => {
  test("the organisation's contract in force on the day, else the default (which follows a change of default at once)", async () => {
    const org = await makeOrganisation(t.deps);
    await create({ organisationId: org.id, startsOn: '2026-03-01', endsOn: '2026-08-31' });
    const db = t.deps.db;
    assert.equal(await findPolicyIdForOrganisation(db, org.id, '2026-03-01'), goldId);
    assert.equal(await findPolicyIdForOrganisation(db, org.id, '2026-08-31'), goldId);
    assert.equal(await findPolicyIdForOrganisation(db, org.id, '2026-02-28'), standardId);
    assert.equal(await findPolicyIdForOrganisation(db, org.id, '2026-09-01'), standardId);
    assert.equal(await findPolicyIdForOrganisation(db, null, '2026-06-01'), standardId);
    assert.equal(await db.transaction().execute((trx) => findPolicyIdForOrganisation(trx, org.id, '2026-06-01')), goldId);
    const silver = (await api.post('/api/v1/sla/policies', { name: `Silver ${uniq()}`, calendarId: (await api.get('/api/v1/calendars', { token: agent.token })).body.items[0].id, targets: TARGETS, isDefault: true }, { token: admin.token })).body;
    assert.equal(await findPolicyIdForOrganisation(db, null, '2026-06-01'), silver.id);
    assert.equal(await findPolicyIdForOrganisation(db, org.id, '2026-12-01'), silver.id);
    await api.patch(`/api/v1/sla/policies/${standardId}`, { isDefault: true }, { token: admin.token });
    assert.equal(await findPolicyIdForOrganisation(db, null, '2026-06-01'), standardId);
  });

  test('the lookup reads the organisation index', async () => {
    const org = await makeOrganisation(t.deps);
    const where = 'organisation_id = $1 and (starts_on is null or starts_on <= $2) and (ends_on is null or ends_on >= $2)';
    if (t.deps.dialect === 'sqlite') {
      const text = `explain query plan select sla_policy_id from contracts where ${where.replaceAll(/\$\d/g, '?')} limit 1`;
      const plan = t.deps.dbHandle.sqlite!.prepare(text).all(org.id, '2026-06-01', '2026-06-01') as { detail: string }[];
      assert.match(plan.map((p) => p.detail).join(' | '), /USING INDEX contracts_organisation_idx/);
    } else {
      // A near-empty table is scanned whatever the indexes; without that choice the index must be the plan.
      const plan = await t.deps.db.transaction().execute(async (trx) => {
        await sql`set local enable_seqscan = off`.execute(trx);
        return sql<{ 'QUERY PLAN': string }>`explain select sla_policy_id from contracts where organisation_id = ${org.id} and (starts_on is null or starts_on <= ${'2026-06-01'}) and (ends_on is null or ends_on >= ${'2026-06-01'}) limit 1`.execute(trx);
      });
      assert.match(plan.rows.map((r) => r['QUERY PLAN']).join('\n'), /contracts_organisation_idx/);
    }
  });
});
