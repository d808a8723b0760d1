// On-call rotations over HTTP: writing them (supervisors) with their validation, overrides,
// the schedule, and "who is on duty now".
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { client, startTestApp, type TestApp } from '../../test/harness.ts';
import { makeGroup, makeRoleCast, makeUser, uniq, type MadeUser } from '../../test/factories.ts';
import { assertProblem } from '../../test/assertions.ts';

// Saturday 7 March 2026, 22:00 in Paris: the business-hours calendar is closed.
let current = new Date('2026-03-07T21:00:00Z');
const clock = { now: () => current };
let t: TestApp;
let api: ReturnType<typeof client>;
let cast: Awaited<ReturnType<typeof makeRoleCast>>;
let a1: MadeUser;
let a2: MadeUser;
let a3: MadeUser;
let businessHours: number;

before(async () => {
  t = await startTestApp({ clock });
  api = client(t);
  cast = await makeRoleCast(t.deps);
  [a1, a2, a3] = [await makeUser(t.deps, { roles: ['agent'], name: 'Ada' }), await makeUser(t.deps, { roles: ['agent'], name: 'Bo' }), await makeUser(t.deps, { roles: ['agent'], name: 'Cy' })];
  businessHours = (await t.deps.db.selectFrom('calendars').select('id').where('name', '=', 'Business hours (Paris)').executeTakeFirstOrThrow()).id;
});
after(() => t.close());

const rotationBody = (o: Record<string, unknown> = {}) => ({
  name: `Nights ${uniq()}`,
  timeZone: 'Europe/Paris',
  period: 'weekly',
  handoverWeekday: 1,
  handoverTime: '09:00',
  startsOn: '2026-03-02',
  ackMinutes: 15,
  memberIds: [a1.id, a2.id, a3.id],
  ...o,
});

test('supervisors create a rotation; everyone on staff reads it, with who is on call now', async () => {
  const group = await makeGroup(t.deps);
  const r = await api.post('/api/v1/oncall/rotations', rotationBody({ groupId: group.id, calendarId: businessHours, webhookUrl: 'https://pager.example.test/hook' }), { token: cast.supervisor.token });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.deepEqual(
    r.body.members.map((m: any) => m.id),
    [a1.id, a2.id, a3.id],
  );
  assert.deepEqual(r.body.group, { id: group.id, name: group.name });
  assert.deepEqual(r.body.calendar, { id: businessHours, name: 'Business hours (Paris)' });
  assert.equal(r.body.isActive, true);
  assert.equal(r.body.webhookUrl, 'https://pager.example.test/hook');
  // The first week (from Monday 2 March, 09:00) is Ada's, until Monday 9 March 09:00 Paris.
  assert.deepEqual(r.body.current, { user: { id: a1.id, name: 'Ada', email: a1.email }, until: '2026-03-09T08:00:00.000Z', override: false });

  const one = await api.get(`/api/v1/oncall/rotations/${r.body.id}`, { token: cast.agent.token });
  assert.equal(one.status, 200);
  assert.deepEqual(one.body, r.body);
  const list = await api.get('/api/v1/oncall/rotations', { token: cast.agent.token });
  assert.ok(list.body.items.some((x: any) => x.id === r.body.id));

  assert.equal((await api.post('/api/v1/oncall/rotations', rotationBody(), { token: cast.agent.token })).status, 403);
  assert.equal((await api.get('/api/v1/oncall/rotations', { token: cast.requester.token })).status, 403);
  assert.equal((await api.patch(`/api/v1/oncall/rotations/${r.body.id}`, { ackMinutes: 5 }, { token: cast.agent.token })).status, 403);
  const audit = await t.deps.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'oncall_rotation').where('entity_id', '=', String(r.body.id)).execute();
  assert.deepEqual(audit.map((x) => x.action), ['oncall.rotation.create']);
});

test('a rotation is checked: time zone, date, members (staff, once, at least one when active), group, calendar, name', async () => {
  const post = (o: Record<string, unknown>) => api.post('/api/v1/oncall/rotations', rotationBody(o), { token: cast.supervisor.token });
  assertProblem(await post({ timeZone: 'Mars/Olympus' }), 422, { detail: /"timeZone": "Mars\/Olympus" is not a time zone \(IANA name such as Europe\/Paris\)/ });
  assertProblem(await post({ startsOn: '2026-02-31' }), 422, { detail: /"startsOn": 2026-02-31 is not a date/ });
  assertProblem(await post({ memberIds: [] }), 422, { detail: /active rotation needs at least one member/ });
  assertProblem(await post({ memberIds: [a1.id, a2.id, a1.id] }), 422, { detail: new RegExp(`user ${a1.id} appears more than once`) });
  assertProblem(await post({ memberIds: [a1.id, cast.requester.id] }), 422, { detail: new RegExp(`user ${cast.requester.id} is not active staff`) });
  assertProblem(await post({ memberIds: [a1.id, 999_999] }), 422, { detail: /user 999999 does not exist/ });
  assertProblem(await post({ groupId: 999_999 }), 422, { detail: /group 999999 does not exist/ });
  assertProblem(await post({ calendarId: 999_999 }), 422, { detail: /calendar 999999 does not exist/ });
  assertProblem(await post({ handoverTime: '25:00' }), 400);
  assertProblem(await post({ webhookUrl: 'ftp://example.test/x' }), 400);
  assertProblem(await post({ ackMinutes: 0 }), 400);
  assertProblem(await post({ colour: 'red' }), 400);
  const r = await post({ name: `Paused ${uniq()}`, memberIds: [], isActive: false });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.equal(r.body.current, null);
  assertProblem(await post({ name: r.body.name.toUpperCase() }), 409, { detail: /already exists/ });
});

test('changing a rotation: new order, hand-over; emptying an active one is refused; deleting it', async () => {
  const r = (await api.post('/api/v1/oncall/rotations', rotationBody({ period: 'daily', handoverTime: '08:00' }), { token: cast.supervisor.token })).body;
  const url = `/api/v1/oncall/rotations/${r.id}`;
  // Daily from 2 March 08:00: the 7 March period (index 5) is member 5 mod 3 = Cy.
  assert.equal(r.current.user.id, a3.id);
  const p = await api.patch(url, { memberIds: [a3.id, a1.id], handoverTime: '20:00' }, { token: cast.supervisor.token });
  assert.equal(p.status, 200, JSON.stringify(p.body));
  assert.deepEqual(
    p.body.members.map((m: any) => m.name),
    ['Cy', 'Ada'],
  );
  // From 7 March 20:00 (period 5): 5 mod 2 = Ada, until 8 March 20:00 Paris.
  assert.deepEqual([p.body.current.user.id, p.body.current.until], [a1.id, '2026-03-08T19:00:00.000Z']);
  assertProblem(await api.patch(url, { memberIds: [] }, { token: cast.supervisor.token }), 422, { detail: /at least one member/ });
  assertProblem(await api.patch(url, { timeZone: 'Europe/Pariss' }, { token: cast.supervisor.token }), 422, { detail: /is not a time zone/ });
  assert.equal((await api.patch(url, { memberIds: [], isActive: false }, { token: cast.supervisor.token })).status, 200);
  assert.equal((await api.patch('/api/v1/oncall/rotations/999999', { ackMinutes: 3 }, { token: cast.supervisor.token })).status, 404);

  assert.equal((await api.delete(url, { token: cast.supervisor.token })).status, 204);
  assertProblem(await api.get(url, { token: cast.agent.token }), 404);
  assertProblem(await api.delete(url, { token: cast.supervisor.token }), 404);
});

test('an override puts someone else on call for a while: current, schedule, list, delete', async () => {
  const r = (await api.post('/api/v1/oncall/rotations', rotationBody(), { token: cast.supervisor.token })).body;
  const base = `/api/v1/oncall/rotations/${r.id}`;
  const o = await api.post(`${base}/overrides`, { userId: a3.id, startsAt: '2026-03-07T20:00:00+01:00', endsAt: '2026-03-08T08:00:00+01:00', note: 'Ada at a wedding' }, { token: cast.supervisor.token });
  assert.equal(o.status, 201, JSON.stringify(o.body));
  assert.deepEqual(o.body, { id: o.body.id, rotationId: r.id, user: { id: a3.id, name: 'Cy', email: a3.email }, startsAt: '2026-03-07T19:00:00.000Z', endsAt: '2026-03-08T07:00:00.000Z', note: 'Ada at a wedding' });
  const now = (await api.get(base, { token: cast.agent.token })).body.current;
  assert.deepEqual(now, { user: { id: a3.id, name: 'Cy', email: a3.email }, until: '2026-03-08T07:00:00.000Z', override: true });
  assert.deepEqual(
    (await api.get(`${base}/overrides`, { token: cast.agent.token })).body.items.map((x: any) => x.id),
    [o.body.id],
  );

  const s = await api.get(`${base}/schedule?from=2026-03-07T00:00:00Z&days=10`, { token: cast.agent.token });
  assert.equal(s.status, 200, JSON.stringify(s.body));
  assert.deepEqual(
    s.body.items.map((i: any) => [i.user.name, i.from, i.to, i.override]),
    [
      ['Ada', '2026-03-07T00:00:00.000Z', '2026-03-07T19:00:00.000Z', false],
      ['Cy', '2026-03-07T19:00:00.000Z', '2026-03-08T07:00:00.000Z', true],
      ['Ada', '2026-03-08T07:00:00.000Z', '2026-03-09T08:00:00.000Z', false],
      ['Bo', '2026-03-09T08:00:00.000Z', '2026-03-16T08:00:00.000Z', false],
      ['Cy', '2026-03-16T08:00:00.000Z', '2026-03-17T00:00:00.000Z', false],
    ],
  );
  assertProblem(await api.get(`${base}/schedule?days=93`, { token: cast.agent.token }), 400);

  const bad = (body: Record<string, unknown>) => api.post(`${base}/overrides`, { userId: a2.id, startsAt: '2026-03-08T10:00:00Z', endsAt: '2026-03-08T12:00:00Z', ...body }, { token: cast.supervisor.token });
  assertProblem(await bad({ endsAt: '2026-03-08T09:00:00Z' }), 422, { detail: /must be after/ });
  assertProblem(await bad({ userId: cast.requester.id }), 422, { detail: /not active staff/ });
  assertProblem(await bad({ startsAt: '2026-03-01T10:00:00Z', endsAt: '2026-03-01T12:00:00Z' }), 422, { detail: /already past/ });
  assertProblem(await bad({ startsAt: 'tomorrow' }), 400);
  assert.equal((await bad({})).status === 201, true);
  assert.equal((await api.post(`${base}/overrides`, { userId: a2.id, startsAt: '2026-03-08T10:00:00Z', endsAt: '2026-03-08T12:00:00Z' }, { token: cast.agent.token })).status, 403);

  assert.equal((await api.delete(`/api/v1/oncall/overrides/${o.body.id}`, { token: cast.agent.token })).status, 403);
  assert.equal((await api.delete(`/api/v1/oncall/overrides/${o.body.id}`, { token: cast.supervisor.token })).status, 204);
  assertProblem(await api.delete(`/api/v1/oncall/overrides/${o.body.id}`, { token: cast.supervisor.token }), 404);
  assert.equal((await api.get(base, { token: cast.agent.token })).body.current.user.id, a1.id);
});

test('/oncall/now: who is on duty with their groups, and who is on call per active rotation, paging or not', async () => {
  const group = await makeGroup(t.deps, { tier: 2 });
  const onShift = await makeUser(t.deps, { roles: ['agent'], name: 'Dee', groupIds: [group.id] });
  const withCalendar = (await api.post('/api/v1/oncall/rotations', rotationBody({ groupId: group.id, calendarId: businessHours }), { token: cast.supervisor.token })).body;
  const always = (await api.post('/api/v1/oncall/rotations', rotationBody({ memberIds: [onShift.id] }), { token: cast.supervisor.token })).body;
  const paused = (await api.post('/api/v1/oncall/rotations', rotationBody({ isActive: false }), { token: cast.supervisor.token })).body;

  const r = await api.get('/api/v1/oncall/now', { token: cast.agent.token });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.at, current.toISOString());
  const dee = r.body.onDuty.find((d: any) => d.user.id === onShift.id);
  // No shift pattern: on duty, with no end.
  assert.deepEqual(dee, { user: { id: onShift.id, name: 'Dee', email: onShift.email }, groups: [{ id: group.id, name: group.name, tier: 2 }], until: null, source: 'no_pattern' });
  assert.ok(!r.body.onDuty.some((d: any) => d.user.id === cast.requester.id), 'requesters are never on duty');
  const of = (id: number) => r.body.onCall.find((c: any) => c.rotation.id === id);
  assert.deepEqual(of(withCalendar.id), {
    rotation: { id: withCalendar.id, name: withCalendar.name },
    group: { id: group.id, name: group.name },
    user: { id: a1.id, name: 'Ada', email: a1.email },
    until: '2026-03-09T08:00:00.000Z',
    override: false,
    active: true,
  });
  assert.equal(of(always.id).user.id, onShift.id);
  assert.equal(of(always.id).active, true);
  assert.equal(of(paused.id), undefined, 'inactive rotations are not listed');

  // Tuesday 10:00 in Paris: the calendar is open, so that rotation does not page.
  const saved = current;
  current = new Date('2026-03-10T09:00:00Z');
  try {
    const open = await api.get('/api/v1/oncall/now', { token: cast.agent.token });
    assert.equal(open.body.onCall.find((c: any) => c.rotation.id === withCalendar.id).active, false);
    assert.equal(open.body.onCall.find((c: any) => c.rotation.id === always.id).active, true);
    assert.equal(open.body.onCall.find((c: any) => c.rotation.id === withCalendar.id).user.id, a2.id, 'Bo’s week since Monday');
  } finally {
    current = saved;
  }
  assert.equal((await api.get('/api/v1/oncall/now', { token: cast.requester.token })).status, 403);
});
