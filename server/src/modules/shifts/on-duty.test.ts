// onDutyAt on the real database: weekly patterns in several time zones, daylight saving,
// overrides both ways, staff without a pattern, non-staff and inactive users left out.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { makeUser } from '../../test/factories.ts';
import type { WeekHours } from '../../../../common/schemas/calendars.ts';
import { onDutyAt } from './on-duty.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

const NINE_TO_FIVE: WeekHours = { 1: [['09:00', '17:00']], 2: [['09:00', '17:00']], 3: [['09:00', '17:00']], 4: [['09:00', '17:00']], 5: [['09:00', '17:00']] };
// Wednesday 13 January 2027, 15:30 UTC: 16:30 in Paris, 10:30 in New York, 00:30 Thursday in Tokyo.
const AT = new Date('2027-01-13T15:30:00.000Z');

async function agent(o: { zone?: string; hours?: WeekHours; roles?: ('agent' | 'supervisor' | 'admin' | 'requester')[]; inactive?: boolean } = {}) {
  const u = await makeUser(t.deps, { roles: o.roles ?? ['agent'] });
  if (o.zone) {
    await t.deps.db.insertInto('agent_shifts').values({ user_id: u.id, time_zone: o.zone, hours: JSON.stringify(o.hours ?? NINE_TO_FIVE), updated_at: AT.toISOString() }).execute();
  }
  if (o.inactive) await t.deps.db.updateTable('users').set({ is_active: 0 }).where('id', '=', u.id).execute();
  return u.id;
}

async function override(userId: number, kind: 'on' | 'off', startsAt: string, endsAt: string) {
  await t.deps.db
    .insertInto('shift_overrides')
    .values({ user_id: userId, kind, starts_at: new Date(startsAt).toISOString(), ends_at: new Date(endsAt).toISOString(), note: '', created_at: AT.toISOString() })
    .execute();
}

describe('onDutyAt', () => {
  test('weekly patterns are read in each agent’s own time zone', async () => {
    const paris = await agent({ zone: 'Europe/Paris' });
    const newYork = await agent({ zone: 'America/New_York' });
    const tokyo = await agent({ zone: 'Asia/Tokyo' });
    // Across local midnight: Wednesday 22:00–24:00 then Thursday 00:00–06:00 is one shift.
    const tokyoNight = await agent({ zone: 'Asia/Tokyo', hours: { 3: [['22:00', '24:00']], 4: [['00:00', '06:00']] } });
    const duty = await onDutyAt(t.deps.db, AT, [paris, newYork, tokyo, tokyoNight]);
    assert.deepEqual(duty.get(paris), { until: '2027-01-13T16:00:00.000Z', source: 'shift' });
    assert.deepEqual(duty.get(newYork), { until: '2027-01-13T22:00:00.000Z', source: 'shift' });
    assert.equal(duty.has(tokyo), false);
    assert.deepEqual(duty.get(tokyoNight), { until: '2027-01-13T21:00:00.000Z', source: 'shift' });
    assert.equal(duty.size, 3);
  });

  test('daylight saving moves the shift in UTC', async () => {
    const paris = await agent({ zone: 'Europe/Paris' });
    // 14 July 2027: Paris is UTC+2, so 15:30 UTC is 17:30 local (off) and 14:30 UTC is 16:30 (on until 15:00 UTC).
    assert.equal((await onDutyAt(t.deps.db, new Date('2027-07-14T15:30:00Z'), [paris])).has(paris), false);
    assert.deepEqual((await onDutyAt(t.deps.db, new Date('2027-07-14T14:30:00Z'), [paris])).get(paris), { until: '2027-07-14T15:00:00.000Z', source: 'shift' });
  });

  test('overrides take agents off or put them on, the most specific one winning', async () => {
    const absent = await agent({ zone: 'Europe/Paris' });
    await override(absent, 'off', '2027-01-11T00:00:00Z', '2027-01-16T00:00:00Z');
    const extra = await agent({ zone: 'Asia/Tokyo' });
    await override(extra, 'on', '2027-01-13T12:00:00Z', '2027-01-13T18:00:00Z');
    // A week off with two hours of duty inside it.
    const comesIn = await agent({ zone: 'Europe/Paris' });
    await override(comesIn, 'off', '2027-01-11T00:00:00Z', '2027-01-18T00:00:00Z');
    await override(comesIn, 'on', '2027-01-13T15:00:00Z', '2027-01-13T17:00:00Z');
    // An override that is over, and one that has not begun, change nothing.
    const untouched = await agent({ zone: 'Europe/Paris' });
    await override(untouched, 'off', '2027-01-13T10:00:00Z', '2027-01-13T15:30:00Z');
    await override(untouched, 'off', '2027-01-13T15:30:01Z', '2027-01-13T20:00:00Z');

    const duty = await onDutyAt(t.deps.db, AT, [absent, extra, comesIn, untouched]);
    assert.equal(duty.has(absent), false);
    assert.deepEqual(duty.get(extra), { until: '2027-01-13T18:00:00.000Z', source: 'override' });
    assert.deepEqual(duty.get(comesIn), { until: '2027-01-13T17:00:00.000Z', source: 'override' });
    assert.deepEqual(duty.get(untouched), { until: '2027-01-13T16:00:00.000Z', source: 'shift' });
  });

  test('staff without a pattern are on duty; requesters and inactive users never are', async () => {
    const free = await agent();
    const supervisor = await agent({ roles: ['supervisor'] });
    const requester = await agent({ roles: ['requester'], zone: 'Europe/Paris' });
    const gone = await agent({ inactive: true });
    const roundTheClock = await agent({
      zone: 'UTC',
      hours: Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((d) => [d, [['00:00', '24:00']]])) as WeekHours,
    });
    const duty = await onDutyAt(t.deps.db, AT, [free, supervisor, requester, gone, roundTheClock]);
    assert.deepEqual(duty.get(free), { until: null, source: 'no_pattern' });
    assert.deepEqual(duty.get(supervisor), { until: null, source: 'no_pattern' });
    assert.equal(duty.has(requester), false);
    assert.equal(duty.has(gone), false);
    assert.deepEqual(duty.get(roundTheClock), { until: null, source: 'shift' });

    // Without a list: every active staff user, this file's others included.
    const everyone = await onDutyAt(t.deps.db, AT);
    assert.ok(everyone.has(free) && everyone.has(supervisor) && !everyone.has(requester) && !everyone.has(gone));
    assert.equal((await onDutyAt(t.deps.db, AT, [])).size, 0);
  });
});
