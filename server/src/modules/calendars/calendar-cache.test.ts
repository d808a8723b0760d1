// Calendars loaded for the arithmetic: stored, yearly and rule-based holidays; the short cache.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { uniq } from '../../test/factories.ts';
import { forgetCalendar, loadBusinessCalendar } from './calendar-cache.ts';
import { businessMsBetween } from './business-time.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

async function insertCalendar(values: { country?: string | null; region?: string | null; zone?: string } = {}) {
  const at = new Date().toISOString();
  const row = await t.deps.db
    .insertInto('calendars')
    .values({
      name: `Cal ${uniq()}`,
      time_zone: values.zone ?? 'Europe/Paris',
      is_24x7: 0,
      hours: JSON.stringify({ 1: [['09:00', '17:00']], 2: [['09:00', '17:00']], 3: [['09:00', '17:00']], 4: [['09:00', '17:00']], 5: [['09:00', '17:00']] }),
      holiday_country: values.country ?? null,
      holiday_region: values.region ?? null,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function addHoliday(calendarId: number, date: string, recursYearly = false) {
  await t.deps.db
    .insertInto('calendar_holidays')
    .values({ calendar_id: calendarId, date, name: 'Day off', recurs_yearly: recursYearly ? 1 : 0, source: 'manual', created_at: new Date().toISOString() })
    .execute();
}

describe('loadBusinessCalendar', () => {
  test('the seeded calendars: 24/7 is always open; Paris business hours know the French holidays by rule', async () => {
    const rows = await t.deps.db.selectFrom('calendars').select(['id', 'name']).execute();
    const always = await loadBusinessCalendar(t.deps.db, rows.find((r) => r.name === '24/7')!.id);
    assert.equal(always.always, true);
    assert.equal(always.timeZone, 'UTC');
    const paris = await loadBusinessCalendar(t.deps.db, rows.find((r) => r.name === 'Business hours (Paris)')!.id);
    assert.equal(paris.always, false);
    assert.equal(paris.timeZone, 'Europe/Paris');
    assert.deepEqual(paris.hours[1], [['09:00', '12:30'], ['13:30', '18:00']]);
    for (const d of ['2027-03-29', '2027-05-06', '2027-05-17', '2026-07-14', '2026-12-25', '2030-01-01']) assert.equal(paris.isHoliday(d), true, d);
    for (const d of ['2027-03-30', '2027-05-07', '2027-05-16', '2026-07-15', '2026-12-26']) assert.equal(paris.isHoliday(d), false, d);
    // Ascension 2027 (Thursday) has no business time at all.
    assert.equal(businessMsBetween(paris, Date.parse('2027-05-05T22:00:00Z'), Date.parse('2027-05-06T22:00:00Z')), 0);
    assert.equal(businessMsBetween(paris, Date.parse('2027-05-06T22:00:00Z'), Date.parse('2027-05-07T22:00:00Z')), 8 * 3_600_000);
  });

  test('a region adds its own holidays (Moselle: Good Friday and St Stephen)', async () => {
    const moselle = await loadBusinessCalendar(t.deps.db, await insertCalendar({ country: 'FR', region: '57' }));
    const france = await loadBusinessCalendar(t.deps.db, await insertCalendar({ country: 'FR' }));
    assert.equal(moselle.isHoliday('2027-03-26'), true);
    assert.equal(moselle.isHoliday('2027-12-26'), true);
    assert.equal(france.isHoliday('2027-03-26'), false);
    assert.equal(france.isHoliday('2027-12-26'), false);
  });

  test('stored dates, yearly ones in any year, and no holiday without a country', async () => {
    const id = await insertCalendar();
    await addHoliday(id, '2026-06-12');
    await addHoliday(id, '2020-08-03', true);
    const cal = await loadBusinessCalendar(t.deps.db, id);
    assert.equal(cal.isHoliday('2026-06-12'), true);
    assert.equal(cal.isHoliday('2027-06-12'), false);
    for (const y of [2019, 2020, 2026, 2041]) assert.equal(cal.isHoliday(`${y}-08-03`), true, String(y));
    assert.equal(cal.isHoliday('2027-08-04'), false);
    assert.equal(cal.isHoliday('2027-05-06'), false); // no country: no rule-based holiday
    assert.equal(cal.name.startsWith('Cal '), true);
    assert.equal(cal.id, id);
  });

  test('kept for a moment, reloaded once forgotten; a transaction shares the database cache', async () => {
    const id = await insertCalendar();
    const first = await loadBusinessCalendar(t.deps.db, id);
    await addHoliday(id, '2026-09-01');
    const again = await loadBusinessCalendar(t.deps.db, id);
    assert.equal(again, first, 'served from the cache');
    assert.equal(again.isHoliday('2026-09-01'), false);
    const inTrx = await t.deps.db.transaction().execute((trx) => loadBusinessCalendar(trx, id));
    assert.equal(inTrx, first);
    forgetCalendar(id);
    const fresh = await loadBusinessCalendar(t.deps.db, id);
    assert.notEqual(fresh, first);
    assert.equal(fresh.isHoliday('2026-09-01'), true);
    await addHoliday(id, '2026-09-02');
    forgetCalendar();
    assert.equal((await loadBusinessCalendar(t.deps.db, id)).isHoliday('2026-09-02'), true);
  });

  test('an unknown calendar is a NotFound', async () => {
    await assert.rejects(loadBusinessCalendar(t.deps.db, 987654), /Calendar 987654 does not exist/);
  });
});
