// Holidays over real HTTP: by year with public holidays by rule, added and removed by hand,
// imported from an iCalendar file (again and again without duplicates), seen at once by the arithmetic.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { client, startTestApp, type TestApp } from '../../test/harness.ts';
import { type MadeUser, makeUser, uniq } from '../../test/factories.ts';
import { assertProblem } from '../../test/assertions.ts';

let t: TestApp;
let api: ReturnType<typeof client>;
let admin: MadeUser;
let agent: MadeUser;
const NOW = Date.parse('2026-06-15T10:00:00Z');

before(async () => {
  t = await startTestApp({ clock: { now: () => new Date(NOW) } });
  api = client(t);
  admin = await makeUser(t.deps, { roles: ['admin'] });
  agent = await makeUser(t.deps, { roles: ['agent'] });
});
after(() => t.close());

const WEEKDAYS = { 1: [['09:00', '17:00']], 2: [['09:00', '17:00']], 3: [['09:00', '17:00']], 4: [['09:00', '17:00']], 5: [['09:00', '17:00']] };
async function newCalendar(body: Record<string, unknown> = {}): Promise<number> {
  const r = await api.post('/api/v1/calendars', { name: `Cal ${uniq()}`, timeZone: 'Europe/Paris', hours: WEEKDAYS, ...body }, { token: admin.token });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.id;
}
const holidaysOf = async (id: number, year?: number) => (await api.get(`/api/v1/calendars/${id}/holidays${year ? `?year=${year}` : ''}`, { token: agent.token })).body;
const addHoliday = (id: number, body: unknown, token = admin.token) => api.post(`/api/v1/calendars/${id}/holidays`, body, { token });
const importIcs = (id: number, ics: string, token = admin.token) => api.post(`/api/v1/calendars/${id}/holidays/import`, { ics }, { token });
const minutesOn = async (id: number, date: string) =>
  (await api.get(`/api/v1/calendars/${id}/business-time?from=${date}T00:00:00Z&to=${date}T23:59:59Z`, { token: agent.token })).body.businessMinutes;

describe('holidays', () => {
  test('a year lists stored holidays and the public holidays by rule, sorted; the year defaults to the current one', async () => {
    const id = await newCalendar({ holidayCountry: 'FR' });
    assert.equal((await addHoliday(id, { date: '2027-05-07', name: 'Bridge day' })).status, 201);
    assert.equal((await addHoliday(id, { date: '2019-12-24', name: 'Christmas Eve', recursYearly: true })).status, 201);
    const y = await holidaysOf(id, 2027);
    assert.equal(y.year, 2027);
    const dates = y.items.map((h: { date: string }) => h.date);
    assert.deepEqual(dates, [...dates].sort());
    const byDate = (d: string) => y.items.filter((h: { date: string }) => h.date === d);
    assert.deepEqual(byDate('2027-05-06'), [{ id: null, date: '2027-05-06', name: 'Ascension', recursYearly: false, source: 'rule' }]);
    for (const d of ['2027-03-29', '2027-05-17', '2027-07-14', '2027-12-25']) assert.equal(byDate(d)[0]?.source, 'rule', d);
    assert.deepEqual({ ...byDate('2027-05-07')[0], id: 0 }, { id: 0, date: '2027-05-07', name: 'Bridge day', recursYearly: false, source: 'manual' });
    assert.equal(byDate('2027-12-24')[0].name, 'Christmas Eve'); // the yearly one, shown in the year asked
    assert.equal(byDate('2027-12-24')[0].recursYearly, true);
    const current = await holidaysOf(id);
    assert.equal(current.year, 2026);
    assert.ok(current.items.some((h: { date: string }) => h.date === '2026-12-24'));
    assert.ok(!current.items.some((h: { date: string }) => h.date === '2027-05-07'));
    // Without a country only stored ones.
    const plain = await newCalendar();
    assert.deepEqual((await holidaysOf(plain, 2027)).items, []);
  });

  test('a holiday added or removed changes the arithmetic at once', async () => {
    const id = await newCalendar();
    assert.equal(await minutesOn(id, '2026-09-01'), 480);
    const r = await addHoliday(id, { date: '2026-09-01', name: 'Move' });
    assert.deepEqual({ ...r.body, id: 0 }, { id: 0, date: '2026-09-01', name: 'Move', recursYearly: false, source: 'manual' });
    assert.equal(await minutesOn(id, '2026-09-01'), 0);
    assert.equal((await api.delete(`/api/v1/calendars/${id}/holidays/${r.body.id}`, { token: admin.token })).status, 204);
    assert.equal(await minutesOn(id, '2026-09-01'), 480);
    const audit = await api.get(`/api/v1/audit?entityType=calendar&entityId=${id}`, { token: admin.token });
    assert.deepEqual(audit.body.items.slice(0, 2).map((a: { action: string }) => a.action), ['calendar.holiday.delete', 'calendar.holiday.create']);
  });

  test('bad holidays: a date twice, a yearly one on a taken day, an impossible date, other calendars, other roles', async () => {
    const id = await newCalendar();
    const first = await addHoliday(id, { date: '2026-11-02', name: 'Bridge' });
    assertProblem(await addHoliday(id, { date: '2026-11-02', name: 'Again' }), 409, { detail: /already has a holiday on 2026-11-02: "Bridge"/ });
    await addHoliday(id, { date: '2020-04-30', name: 'Founding', recursYearly: true });
    assertProblem(await addHoliday(id, { date: '2031-04-30', name: 'Founding again', recursYearly: true }), 409, { detail: /already has "Founding" .* on 04-30 every year/ });
    assertProblem(await addHoliday(id, { date: '2027-02-30', name: 'Nope' }), 422, { detail: /"date": 2027-02-30 is not a day of the calendar/ });
    assertProblem(await addHoliday(id, { date: '30/12/2027', name: 'Nope' }), 400, { detail: /body\.date.*YYYY-MM-DD/ });
    assertProblem(await addHoliday(id, { date: '2027-12-30' }), 400, { detail: /body\.name/ });
    assertProblem(await addHoliday(999999, { date: '2027-12-30', name: 'x' }), 404);
    assert.equal((await addHoliday(id, { date: '2027-12-30', name: 'x' }, agent.token)).status, 403);
    const other = await newCalendar();
    assertProblem(await api.delete(`/api/v1/calendars/${other}/holidays/${first.body.id}`, { token: admin.token }), 404, { detail: /has no holiday/ });
    assert.equal((await api.delete(`/api/v1/calendars/${id}/holidays/${first.body.id}`, { token: agent.token })).status, 403);
    assertProblem(await api.get(`/api/v1/calendars/${id}/holidays?year=1800`, { token: agent.token }), 400, { detail: /year/ });
  });
});

// A small iCalendar file as an admin would export it from a calendar application.
const ICS = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//Guichet tests//Holidays//EN',
  'BEGIN:VEVENT',
  'UID:single@test',
  'DTSTART;VALUE=DATE:20270614',
  'DTEND;VALUE=DATE:20270615',
  'SUMMARY:Company day',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:closure@test',
  'DTSTART;VALUE=DATE:20261228',
  'DTEND;VALUE=DATE:20261231',
  'SUMMARY:Winter closure',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:founders@test',
  'DTSTART;VALUE=DATE:20200703',
  'RRULE:FREQ=YEARLY',
  'SUMMARY:Founders day',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:inventory@test',
  'DTSTART;VALUE=DATE:20200101',
  'RRULE:FREQ=MONTHLY;BYMONTHDAY=1',
  'SUMMARY:Inventory',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:meeting@test',
  'DTSTART;TZID=Europe/Paris:20270615T100000',
  'DTEND;TZID=Europe/Paris:20270615T110000',
  'SUMMARY:Team meeting',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:cancelled@test',
  'DTSTART;VALUE=DATE:20270616',
  'STATUS:CANCELLED',
  'SUMMARY:Picnic',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

describe('iCalendar import', () => {
  test('all-day events become holidays, multi-day ones one per day, a yearly rule recurs, other rules expand for five years, timed events are skipped', async () => {
    const id = await newCalendar();
    const r = await importIcs(id, ICS);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    // 1 single + 3 closure days + 1 yearly + 66 monthly (January 2026 to June 2031).
    assert.deepEqual(r.body, {
      imported: 71,
      updated: 0,
      skipped: [
        { summary: 'Team meeting', reason: 'A timed event (2027-06-15T10:00:00), not a whole day: only all-day events are holidays.' },
        { summary: 'Picnic', reason: 'The event is cancelled.' },
      ],
    });
    const y2026 = (await holidaysOf(id, 2026)).items;
    const names = (items: { date: string; name: string }[], d: string) => items.filter((h) => h.date === d).map((h) => h.name);
    for (const d of ['2026-12-28', '2026-12-29', '2026-12-30']) assert.deepEqual(names(y2026, d), ['Winter closure'], d);
    assert.deepEqual(names(y2026, '2026-12-31'), [], 'DTEND is exclusive');
    assert.deepEqual(names(y2026, '2026-07-03'), ['Founders day']);
    assert.equal(y2026.find((h: { date: string }) => h.date === '2026-07-03').recursYearly, true);
    assert.equal(y2026.filter((h: { name: string }) => h.name === 'Inventory').length, 12);
    assert.ok(y2026.every((h: { source: string }) => h.source === 'ics'));
    const y2031 = (await holidaysOf(id, 2031)).items;
    assert.deepEqual(y2031.filter((h: { name: string }) => h.name === 'Inventory').map((h: { date: string }) => h.date.slice(5)), ['01-01', '02-01', '03-01', '04-01', '05-01', '06-01']);
    assert.deepEqual(names(y2031, '2031-07-03'), ['Founders day']);
    assert.deepEqual(names((await holidaysOf(id, 2027)).items, '2027-06-14'), ['Company day']);
    assert.equal(await minutesOn(id, '2027-06-14'), 0);
    assert.equal(await minutesOn(id, '2027-06-15'), 480, 'the timed meeting is not a day off');
  });

  test('importing the same file again updates the holidays, never duplicates them', async () => {
    const id = await newCalendar();
    await importIcs(id, ICS);
    const count = async () => Number((await t.deps.db.selectFrom('calendar_holidays').select((eb) => eb.fn.countAll<number>().as('n')).where('calendar_id', '=', id).executeTakeFirstOrThrow()).n);
    assert.equal(await count(), 71);
    const again = await importIcs(id, ICS.replace('SUMMARY:Company day', 'SUMMARY:Company day (renamed)'));
    assert.equal(again.status, 200);
    assert.equal(again.body.imported, 0);
    assert.equal(again.body.updated, 71);
    assert.equal(await count(), 71);
    assert.deepEqual((await holidaysOf(id, 2027)).items.filter((h: { date: string }) => h.date === '2027-06-14').map((h: { name: string }) => h.name), ['Company day (renamed)']);
    const audit = await api.get(`/api/v1/audit?entityType=calendar&entityId=${id}`, { token: admin.token });
    assert.equal(audit.body.items[0].action, 'calendar.holidays.import');
    assert.equal(audit.body.items[0].data.updated, 71);
  });

  test('a file that is not iCalendar is refused with the reason; only admins import', async () => {
    const id = await newCalendar();
    assertProblem(await importIcs(id, 'hello'), 422, { detail: /"ics": The file is not valid iCalendar: invalid line/ });
    assertProblem(await importIcs(id, 'BEGIN:VEVENT\r\nEND:VEVENT\r\n'), 422, { detail: /must begin with BEGIN:VCALENDAR/ });
    assertProblem(await importIcs(id, ''), 400, { detail: /body\.ics/ });
    assertProblem(await api.post(`/api/v1/calendars/${id}/holidays/import`, { ics: ICS, extra: 1 }, { token: admin.token }), 400, { detail: /unknown field "extra"/ });
    assert.equal((await importIcs(id, ICS, agent.token)).status, 403);
    assertProblem(await importIcs(999999, ICS), 404);
    const empty = await importIcs(id, 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n');
    assert.deepEqual(empty.body, { imported: 0, updated: 0, skipped: [] });
  });
});
