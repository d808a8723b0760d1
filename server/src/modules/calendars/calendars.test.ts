// Business calendars over real HTTP: CRUD, validation, deletion while in use, the arithmetic check.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { client, startTestApp, type TestApp } from '../../test/harness.ts';
import { type MadeUser, makeUser, uniq } from '../../test/factories.ts';
import { assertProblem } from '../../test/assertions.ts';

let t: TestApp;
let api: ReturnType<typeof client>;
let admin: MadeUser;
let supervisor: MadeUser;
let agent: MadeUser;
let requester: MadeUser;
let nowMs: number | null = null;
const clock = { now: () => (nowMs === null ? new Date() : new Date(nowMs)) };

before(async () => {
  t = await startTestApp({ clock });
  api = client(t);
  admin = await makeUser(t.deps, { roles: ['admin'] });
  supervisor = await makeUser(t.deps, { roles: ['supervisor'] });
  agent = await makeUser(t.deps, { roles: ['agent'] });
  requester = await makeUser(t.deps, { roles: ['requester'] });
});
after(() => t.close());

const WEEKDAYS = { 1: [['09:00', '17:00']], 2: [['09:00', '17:00']], 3: [['09:00', '17:00']], 4: [['09:00', '17:00']], 5: [['09:00', '17:00']] };
const create = (body: Record<string, unknown>, token = admin.token) => api.post('/api/v1/calendars', { name: `Cal ${uniq()}`, timeZone: 'Europe/Paris', hours: WEEKDAYS, ...body }, { token });
const calendarNamed = async (name: string) => (await api.get('/api/v1/calendars', { token: agent.token })).body.items.find((c: { name: string }) => c.name === name);

describe('calendars', () => {
  test('the seeded calendars are listed to staff; requesters and strangers are refused', async () => {
    const r = await api.get('/api/v1/calendars', { token: agent.token });
    assert.equal(r.status, 200);
    const always = r.body.items.find((c: { name: string }) => c.name === '24/7');
    assert.equal(always.is24x7, true);
    assert.equal(always.timeZone, 'UTC');
    assert.ok(always.usedBy.policies >= 1, 'the default policy uses it');
    const paris = r.body.items.find((c: { name: string }) => c.name === 'Business hours (Paris)');
    assert.equal(paris.holidayCountry, 'FR');
    assert.deepEqual(paris.hours['1'], [['09:00', '12:30'], ['13:30', '18:00']]);
    assert.deepEqual(paris.hours['6'], []);
    assert.equal((await api.get('/api/v1/calendars', { token: requester.token })).status, 403);
    assert.equal((await api.get('/api/v1/calendars')).status, 401);
    assert.equal((await api.get(`/api/v1/calendars/${paris.id}`, { token: agent.token })).body.name, paris.name);
    assertProblem(await api.get('/api/v1/calendars/999999', { token: agent.token }), 404, { detail: /Calendar 999999 does not exist/ });
  });

  test('an admin creates a calendar (every weekday present in the answer), audited; others cannot', async () => {
    const name = `Support NY ${uniq()}`;
    const r = await create({ name, timeZone: 'America/New_York', holidayCountry: 'us', hours: { 1: [['08:00', '12:00'], ['13:00', '24:00']], 3: [['00:00', '06:00']] } });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.deepEqual(Object.keys(r.body).sort(), ['createdAt', 'holidayCountry', 'holidayRegion', 'hours', 'id', 'is24x7', 'name', 'timeZone', 'updatedAt', 'usedBy']);
    assert.equal(r.body.holidayCountry, 'US');
    assert.deepEqual(r.body.hours, { 1: [['08:00', '12:00'], ['13:00', '24:00']], 2: [], 3: [['00:00', '06:00']], 4: [], 5: [], 6: [], 7: [] });
    assert.deepEqual(r.body.usedBy, { policies: 0, rotations: 0 });
    const audit = await api.get(`/api/v1/audit?entityType=calendar&entityId=${r.body.id}`, { token: admin.token });
    assert.equal(audit.body.items[0].action, 'calendar.create');
    for (const who of [supervisor, agent, requester]) {
      assert.equal((await create({}, who.token)).status, 403);
      assert.equal((await api.patch(`/api/v1/calendars/${r.body.id}`, { name: 'x' }, { token: who.token })).status, 403);
      assert.equal((await api.delete(`/api/v1/calendars/${r.body.id}`, { token: who.token })).status, 403);
    }
    const dup = await create({ name: name.toUpperCase() });
    assertProblem(dup, 409, { detail: new RegExp(`A calendar named "${name}" already exists`) });
  });

  test('a 24/7 calendar needs no hours; any other needs an opening in the week', async () => {
    assert.equal((await create({ is24x7: true, hours: {} })).status, 201);
    assertProblem(await create({ hours: {} }), 422, { detail: /needs at least one opening range in the week/ });
    assertProblem(await create({ hours: { 6: [], 7: [] } }), 422, { detail: /needs at least one opening range/ });
  });

  test('bad calendars are refused with details naming the field', async () => {
    const cases: [Record<string, unknown>, number, RegExp][] = [
      [{ timeZone: 'Mars/Olympus' }, 422, /"timeZone": "Mars\/Olympus" is not a time zone \(IANA name such as Europe\/Paris\)/],
      [{ hours: { 1: [['17:00', '09:00']] } }, 422, /"hours\.1\[0\]": Monday 17:00–09:00 ends before it starts/],
      [{ hours: { 2: [['09:00', '12:00'], ['11:00', '14:00']] } }, 422, /"hours\.2\[1\]": Tuesday 11:00–14:00 overlaps 09:00–12:00/],
      [{ hours: { 3: [['14:00', '18:00'], ['09:00', '12:00']] } }, 422, /"hours\.3\[1\]": Wednesday 09:00–12:00 comes before 14:00–18:00; list a day's ranges in order/],
      [{ hours: { 4: [['09:00', '09:00']] } }, 422, /Thursday 09:00–09:00 ends before it starts/],
      [{ holidayCountry: 'XX' }, 422, /"holidayCountry": "XX" is not a country/],
      [{ holidayRegion: '57' }, 422, /"holidayRegion": a region needs its country/],
      [{ holidayCountry: 'FR', holidayRegion: 'ZZ' }, 422, /"holidayRegion": "ZZ" is not a region of FR \(one of .*57/],
      [{ hours: { 1: [['9:00', '17:00']] } }, 400, /body\.hours\.1\.0\.0/],
      [{ hours: { 1: [['09:00', '24:30']] } }, 400, /HH:MM/],
      [{ hours: { 8: [['09:00', '17:00']] } }, 400, /unknown field "8"|body\.hours/],
      [{ holidayCountry: 'FRA' }, 400, /body\.holidayCountry/],
      [{ colour: 'blue' }, 400, /unknown field "colour"/],
      [{ name: '' }, 400, /body\.name/],
    ];
    for (const [body, status, detail] of cases) assertProblem(await create(body), status, { detail });
    // Several problems at once are all reported.
    const many = await create({ timeZone: 'Nowhere', hours: { 1: [['12:00', '10:00']] } });
    assertProblem(many, 422);
    assert.deepEqual(many.body.errors.map((e: { path: string }) => e.path), ['timeZone', 'hours.1[0]']);
  });

  test('an admin changes a calendar; the result is checked as a whole; renaming onto another name is a conflict', async () => {
    const c = (await create({ holidayCountry: 'FR', holidayRegion: '57' })).body;
    const r = await api.patch(`/api/v1/calendars/${c.id}`, { timeZone: 'Asia/Kolkata', hours: { 5: [['10:00', '14:00']] } }, { token: admin.token });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.timeZone, 'Asia/Kolkata');
    assert.deepEqual(r.body.hours['1'], []);
    assert.deepEqual(r.body.hours['5'], [['10:00', '14:00']]);
    assert.equal(r.body.holidayRegion, '57');
    const audit = await api.get(`/api/v1/audit?entityType=calendar&entityId=${c.id}`, { token: admin.token });
    assert.equal(audit.body.items[0].action, 'calendar.update');
    assert.deepEqual(audit.body.items[0].data.timeZone, { from: 'Europe/Paris', to: 'Asia/Kolkata' });
    // A new country drops the region of the old one.
    const de = await api.patch(`/api/v1/calendars/${c.id}`, { holidayCountry: 'DE' }, { token: admin.token });
    assert.equal(de.body.holidayRegion, null);
    assertProblem(await api.patch(`/api/v1/calendars/${c.id}`, { hours: {} }, { token: admin.token }), 422, { detail: /at least one opening range/ });
    assert.equal((await api.patch(`/api/v1/calendars/${c.id}`, { is24x7: true, hours: {} }, { token: admin.token })).status, 200);
    assertProblem(await api.patch(`/api/v1/calendars/${c.id}`, { timeZone: 'Europe/Pariss' }, { token: admin.token }), 422, { detail: /"Europe\/Pariss" is not a time zone/ });
    assertProblem(await api.patch(`/api/v1/calendars/${c.id}`, { name: '24/7' }, { token: admin.token }), 409, { detail: /"24\/7" already exists/ });
    assertProblem(await api.patch('/api/v1/calendars/999999', { name: 'x' }, { token: admin.token }), 404);
  });

  test('deletion is refused while a policy or a rotation uses the calendar, naming them', async () => {
    const c = (await create({})).body;
    const at = new Date().toISOString();
    const standard = await t.deps.db.selectFrom('sla_policies').select(['targets']).where('is_default', '=', 1).executeTakeFirstOrThrow();
    const policyName = `Gold ${uniq()}`;
    const policy = await t.deps.db
      .insertInto('sla_policies')
      .values({ name: policyName, description: '', calendar_id: c.id, is_default: 0, targets: standard.targets, warn_percent: 80, actions: '[]', created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    const rotationName = `Nights ${uniq()}`;
    await t.deps.db
      .insertInto('oncall_rotations')
      .values({
        name: rotationName,
        calendar_id: c.id,
        time_zone: 'Europe/Paris',
        period: 'weekly',
        handover_weekday: 1,
        handover_time: '09:00',
        starts_on: '2026-01-05',
        ack_minutes: 15,
        is_active: 0,
        created_at: at,
        updated_at: at,
      })
      .execute();
    assert.deepEqual((await api.get(`/api/v1/calendars/${c.id}`, { token: agent.token })).body.usedBy, { policies: 1, rotations: 1 });
    const r = await api.delete(`/api/v1/calendars/${c.id}`, { token: admin.token });
    assertProblem(r, 409, { detail: new RegExp(`SLA policy "${policyName}" \\(id ${policy.id}\\), on-call rotation "${rotationName}"`) });
    assert.equal(r.body.policies[0].name, policyName);
    await t.deps.db.deleteFrom('sla_policies').where('id', '=', policy.id).execute();
    await t.deps.db.deleteFrom('oncall_rotations').where('name', '=', rotationName).execute();
    assert.equal((await api.delete(`/api/v1/calendars/${c.id}`, { token: admin.token })).status, 204);
    assertProblem(await api.get(`/api/v1/calendars/${c.id}`, { token: admin.token }), 404);
    assertProblem(await api.delete(`/api/v1/calendars/${c.id}`, { token: admin.token }), 404);
    const audit = await api.get(`/api/v1/audit?entityType=calendar&entityId=${c.id}`, { token: admin.token });
    assert.equal(audit.body.items[0].action, 'calendar.delete');
  });
});

describe('business-time check', () => {
  const check = (id: number, q: string) => api.get(`/api/v1/calendars/${id}/business-time?${q}`, { token: agent.token });

  test('Paris business hours: a working day is 8 hours; Ascension 2027 is skipped; open now or not', async () => {
    const paris = await calendarNamed('Business hours (Paris)');
    const day = await check(paris.id, `from=${encodeURIComponent('2027-05-03T09:00:00+02:00')}&to=${encodeURIComponent('2027-05-03T18:00:00+02:00')}`);
    assert.equal(day.status, 200, JSON.stringify(day.body));
    assert.deepEqual(Object.keys(day.body).sort(), ['businessMinutes', 'from', 'openNow', 'to']);
    assert.equal(day.body.businessMinutes, 480);
    assert.equal(day.body.from, '2027-05-03T07:00:00.000Z');
    // Wednesday 17:00 + 2 h: one hour on Wednesday, Thursday is Ascension, one hour on Friday.
    const add = await check(paris.id, `from=2027-05-05T15:00:00Z&addMinutes=120`);
    assert.equal(add.body.to, '2027-05-07T08:00:00.000Z');
    assert.equal(add.body.businessMinutes, 120);
    nowMs = Date.parse('2027-05-06T10:00:00Z'); // Ascension, 12:00 in Paris
    assert.equal((await check(paris.id, 'from=2027-05-03T00:00:00Z&to=2027-05-03T00:00:00Z')).body.openNow, false);
    nowMs = Date.parse('2027-05-07T10:00:00Z');
    assert.equal((await check(paris.id, 'from=2027-05-03T00:00:00Z&to=2027-05-03T00:00:00Z')).body.openNow, true);
    nowMs = null;
  });

  test('a change of hours is seen at once by the check', async () => {
    const c = (await create({ timeZone: 'UTC', hours: { 1: [['09:00', '10:00']] } })).body;
    const q = 'from=2027-01-04T00:00:00Z&to=2027-01-05T00:00:00Z'; // a Monday
    assert.equal((await check(c.id, q)).body.businessMinutes, 60);
    await api.patch(`/api/v1/calendars/${c.id}`, { hours: { 1: [['09:00', '11:30']] } }, { token: admin.token });
    assert.equal((await check(c.id, q)).body.businessMinutes, 150);
  });

  test('bad questions are 400 or 422 with details', async () => {
    const paris = await calendarNamed('Business hours (Paris)');
    assertProblem(await check(paris.id, 'from=2027-05-03T00:00:00Z'), 400, { detail: /either "to".*or "addMinutes"/ });
    assertProblem(await check(paris.id, 'from=2027-05-03T00:00:00Z&to=2027-05-04T00:00:00Z&addMinutes=5'), 400, { detail: /not both/ });
    assertProblem(await check(paris.id, 'from=yesterday&to=2027-05-04T00:00:00Z'), 400, { detail: /from/ });
    assertProblem(await check(paris.id, 'from=2027-05-03T00:00:00Z&addMinutes=-5'), 400, { detail: /addMinutes/ });
    assertProblem(await check(paris.id, 'from=2027-05-03T00:00:00Z&addMinutes=9000000'), 422, { detail: /beyond 10 years on this calendar \(it is open about 2400 minutes a week\)/ });
    assertProblem(await check(paris.id, 'from=2000-01-01T00:00:00Z&to=2027-05-04T00:00:00Z'), 422, { detail: /more than 10 years apart/ });
    assertProblem(await check(999999, 'from=2027-05-03T00:00:00Z&addMinutes=5'), 404);
    assert.equal((await api.get(`/api/v1/calendars/${paris.id}/business-time?from=2027-05-03T00:00:00Z&addMinutes=5`, { token: requester.token })).status, 403);
  });
});
