// The shifts API over real HTTP: patterns and overrides, who may read and write, bad input,
// and onDutyAt following what was written.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { client, startTestApp, type TestApp } from '../../test/harness.ts';
import { type MadeUser, makeRoleCast, makeUser } from '../../test/factories.ts';
import { assertProblem } from '../../test/assertions.ts';
import { onDutyAt } from './on-duty.ts';

let t: TestApp;
let api: ReturnType<typeof client>;
let cast: Awaited<ReturnType<typeof makeRoleCast>>;

before(async () => {
  t = await startTestApp();
  api = client(t);
  cast = await makeRoleCast(t.deps);
});
after(() => t.close());

const WEEKDAYS = { 1: [['08:00', '12:00'], ['13:00', '17:00']], 2: [['08:00', '16:00']], 5: [['22:00', '24:00']], 6: [['00:00', '06:00']] };

describe('shift patterns', () => {
  test('a supervisor sets a pattern; staff read it, the list has it; deleting puts the agent back to "always on duty"', async () => {
    const agent = await makeUser(t.deps, { roles: ['agent'] });
    const put = await api.put(`/api/v1/users/${agent.id}/shift`, { timeZone: 'America/New_York', hours: WEEKDAYS }, { token: cast.supervisor.token });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    assert.deepEqual(put.body.user, { id: agent.id, name: agent.name, email: agent.email });
    assert.equal(put.body.timeZone, 'America/New_York');
    assert.deepEqual(put.body.hours, { 1: WEEKDAYS[1], 2: WEEKDAYS[2], 3: [], 4: [], 5: WEEKDAYS[5], 6: WEEKDAYS[6], 7: [] });

    const one = await api.get(`/api/v1/users/${agent.id}/shift`, { token: cast.agent.token });
    assert.deepEqual(one.body, put.body);
    const list = await api.get('/api/v1/shifts', { token: cast.agent.token });
    assert.deepEqual(list.body.items.find((s: { user: { id: number } }) => s.user.id === agent.id), put.body);

    // Monday 10:00 in New York is on duty, Wednesday is not.
    assert.equal((await onDutyAt(t.deps.db, new Date('2027-03-01T15:00:00Z'), [agent.id])).get(agent.id)?.source, 'shift');
    assert.equal((await onDutyAt(t.deps.db, new Date('2027-03-03T15:00:00Z'), [agent.id])).has(agent.id), false);

    assert.equal((await api.delete(`/api/v1/users/${agent.id}/shift`, { token: cast.supervisor.token })).status, 204);
    assertProblem(await api.get(`/api/v1/users/${agent.id}/shift`, { token: cast.agent.token }), 404, { detail: /no shift pattern/ });
    assertProblem(await api.delete(`/api/v1/users/${agent.id}/shift`, { token: cast.supervisor.token }), 404);
    assert.deepEqual((await onDutyAt(t.deps.db, new Date('2027-03-03T15:00:00Z'), [agent.id])).get(agent.id), { until: null, source: 'no_pattern' });

    const audit = await t.deps.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'user').where('entity_id', '=', String(agent.id)).execute();
    assert.deepEqual(audit.map((a) => a.action).sort(), ['shift.delete', 'shift.set']);
  });

  test('reads need staff, writes need a supervisor', async () => {
    const body = { timeZone: 'UTC', hours: { 1: [['09:00', '17:00']] } };
    assert.equal((await api.get('/api/v1/shifts')).status, 401);
    assert.equal((await api.get('/api/v1/shifts', { token: cast.requester.token })).status, 403);
    assert.equal((await api.put(`/api/v1/users/${cast.agent.id}/shift`, body, { token: cast.agent.token })).status, 403);
    assert.equal((await api.delete(`/api/v1/users/${cast.agent.id}/shift`, { token: cast.agent.token })).status, 403);
    assert.equal((await api.post('/api/v1/shift-overrides', { userId: cast.agent.id, kind: 'off', startsAt: '2027-01-01T00:00:00Z', endsAt: '2027-01-02T00:00:00Z' }, { token: cast.agent.token })).status, 403);
    assert.equal((await api.put(`/api/v1/users/${cast.agent.id}/shift`, body, { token: cast.admin.token })).status, 200);
  });

  test('bad patterns are refused with the reason', async () => {
    const agent = await makeUser(t.deps, { roles: ['agent'] });
    const put = (body: unknown, id = agent.id) => api.put(`/api/v1/users/${id}/shift`, body, { token: cast.supervisor.token });
    assertProblem(await put({ timeZone: 'Mars/Olympus', hours: {} }), 422, { detail: '"timeZone": "Mars/Olympus" is not a time zone (IANA name such as Europe/Paris).' });
    assertProblem(await put({ timeZone: 'UTC', hours: { 1: [['17:00', '09:00']] } }), 422, { detail: /Monday 17:00–09:00 ends before it starts/ });
    assertProblem(await put({ timeZone: 'UTC', hours: { 3: [['09:00', '13:00'], ['12:00', '18:00']] } }), 422, { detail: /Wednesday 12:00–18:00 overlaps 09:00–13:00/ });
    assertProblem(await put({ timeZone: 'UTC', hours: { 2: [['13:00', '18:00'], ['09:00', '12:00']] } }), 422, { detail: /list a day's ranges in order/ });
    assertProblem(await put({ timeZone: 'UTC', hours: { 1: [['9:00', '17:00']] } }), 400);
    assertProblem(await put({ timeZone: 'UTC', hours: { 8: [] } }), 400);
    assertProblem(await put({ timeZone: 'UTC', hours: {} }, cast.requester.id), 422, { detail: /is not active staff/ });
    assertProblem(await put({ timeZone: 'UTC', hours: {} }, 999_999), 404, { detail: 'User 999999 does not exist.' });
    assertProblem(await api.get('/api/v1/users/999999/shift', { token: cast.agent.token }), 404, { detail: 'User 999999 does not exist.' });
    assert.equal((await t.deps.db.selectFrom('agent_shifts').select('user_id').where('user_id', '=', agent.id).execute()).length, 0);
  });
});

describe('shift overrides', () => {
  let agent: MadeUser;
  before(async () => {
    agent = await makeUser(t.deps, { roles: ['agent'] });
  });
  const create = (body: unknown, token = cast.supervisor.token) => api.post('/api/v1/shift-overrides', body, { token });

  test('an absence and extra duty are stored in UTC, listed by time, and decide onDutyAt', async () => {
    const off = await create({ userId: agent.id, kind: 'off', startsAt: '2027-05-03T09:00:00+02:00', endsAt: '2027-05-07T18:00:00+02:00', note: 'Holiday' });
    assert.equal(off.status, 201, JSON.stringify(off.body));
    assert.deepEqual(off.body, {
      id: off.body.id,
      user: { id: agent.id, name: agent.name, email: agent.email },
      kind: 'off',
      startsAt: '2027-05-03T07:00:00.000Z',
      endsAt: '2027-05-07T16:00:00.000Z',
      note: 'Holiday',
    });
    const on = await create({ userId: agent.id, kind: 'on', startsAt: '2027-05-01T08:00:00Z', endsAt: '2027-05-01T12:00:00Z' });
    assert.equal(on.status, 201);
    assert.equal(on.body.note, '');

    const list = await api.get(`/api/v1/shift-overrides?from=2027-04-01T00:00:00Z&userId=${agent.id}`, { token: cast.agent.token });
    assert.deepEqual(list.body.items.map((o: { id: number }) => o.id), [on.body.id, off.body.id]);
    const window = await api.get(`/api/v1/shift-overrides?from=2027-05-02T00:00:00Z&to=2027-05-04T00:00:00Z&userId=${agent.id}`, { token: cast.agent.token });
    assert.deepEqual(window.body.items.map((o: { id: number }) => o.id), [off.body.id]);

    assert.equal((await onDutyAt(t.deps.db, new Date('2027-05-04T12:00:00Z'), [agent.id])).has(agent.id), false);
    assert.deepEqual((await onDutyAt(t.deps.db, new Date('2027-05-01T10:00:00Z'), [agent.id])).get(agent.id), { until: '2027-05-01T12:00:00.000Z', source: 'override' });

    assert.equal((await api.delete(`/api/v1/shift-overrides/${off.body.id}`, { token: cast.supervisor.token })).status, 204);
    assertProblem(await api.delete(`/api/v1/shift-overrides/${off.body.id}`, { token: cast.supervisor.token }), 404);
    assert.equal((await onDutyAt(t.deps.db, new Date('2027-05-04T12:00:00Z'), [agent.id])).get(agent.id)?.source, 'no_pattern');
  });

  test('the default list starts now', async () => {
    const past = await create({ userId: agent.id, kind: 'off', startsAt: '2020-01-01T00:00:00Z', endsAt: '2020-01-02T00:00:00Z' });
    assert.equal(past.status, 201);
    const list = await api.get(`/api/v1/shift-overrides?userId=${agent.id}`, { token: cast.agent.token });
    assert.ok(!list.body.items.some((o: { id: number }) => o.id === past.body.id));
  });

  test('bad overrides are refused with the reason', async () => {
    const base = { userId: agent.id, kind: 'off', startsAt: '2027-06-01T10:00:00Z', endsAt: '2027-06-01T12:00:00Z' };
    assertProblem(await create({ ...base, endsAt: '2027-06-01T10:00:00Z' }), 422, { detail: /"endsAt": 2027-06-01T10:00:00Z is not after "startsAt"/ });
    assertProblem(await create({ ...base, endsAt: '2029-06-01T10:00:00Z' }), 422, { detail: /at most 366 days/ });
    assertProblem(await create({ ...base, userId: cast.requester.id }), 422, { detail: /"userId": user \d+ .* is not active staff/ });
    assertProblem(await create({ ...base, userId: 999_999 }), 422, { detail: '"userId": user 999999 does not exist.' });
    assertProblem(await create({ ...base, kind: 'maybe' }), 400);
    assertProblem(await create({ ...base, startsAt: '2027-06-01 10:00' }), 400);
    assertProblem(await api.get('/api/v1/shift-overrides?from=2027-06-02T00:00:00Z&to=2027-06-01T00:00:00Z', { token: cast.agent.token }), 422, { detail: /"to": .* is not after "from"/ });
  });
});
