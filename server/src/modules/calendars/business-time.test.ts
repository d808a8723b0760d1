// Business-time arithmetic, property-based: random calendars (weekly ranges, holidays, zones
// with DST and half-hour offsets) and random instants. An instant is open when the calendar's
// wall clock shows an opening time of that weekday on a day that is not a holiday: a
// minute-by-minute reading of that rule is the oracle.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import type { WeekHours } from '../../../../common/schemas/calendars.ts';
import { addBusinessMs, businessMsBetween, isOpenAt, nextChange, type BusinessCalendar } from './business-time.ts';
import { publicHolidays } from './public-holidays.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const ZONES = ['Europe/Paris', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'UTC'] as const;
const RUNS = { numRuns: 200 };

interface Spec {
  zone: string;
  always: boolean;
  hours: WeekHours;
  holidays: string[];
}

/** A fresh calendar object (the arithmetic caches per object). */
function calendarOf(s: Spec): BusinessCalendar {
  const set = new Set(s.holidays);
  return { timeZone: s.zone, always: s.always, hours: s.hours, isHoliday: (d) => set.has(d) };
}

const hhmm = (m: number) => (m === 1440 ? '24:00' : `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`);
const minutesOf = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));

// A day's ranges: sorted distinct quarter hours paired up (touching ranges allowed, as the API does).
// Quarter hours, often at night where DST changes skip or repeat the clock.
const quarter = fc.oneof(fc.integer({ min: 0, max: 96 }), fc.integer({ min: 4, max: 16 }));
const dayRanges = fc
  .uniqueArray(quarter, { maxLength: 6 })
  .map((points) => {
    const sorted = points.sort((a, b) => a - b).map((q) => q * 15);
    const ranges: [string, string][] = [];
    for (let i = 0; i + 1 < sorted.length; i += 2) ranges.push([hhmm(sorted[i]!), hhmm(sorted[i + 1]!)]);
    return ranges;
  });
const weekHours = fc
  .tuple(dayRanges, dayRanges, dayRanges, dayRanges, dayRanges, dayRanges, dayRanges)
  .map((days) => Object.fromEntries(days.map((r, i) => [String(i + 1), r])) as WeekHours);
// The property window: 2025–2028; holidays as days within it (clustered enough to hit instants).
const T0 = Date.parse('2025-01-01T00:00:00Z');
const T1 = Date.parse('2028-12-31T00:00:00Z');
const holidayList = fc.uniqueArray(fc.integer({ min: 0, max: Math.floor((T1 - T0) / DAY) }), { maxLength: 40 }).map((ds) => ds.map((d) => new Date(T0 + d * DAY).toISOString().slice(0, 10)));
const spec: fc.Arbitrary<Spec> = fc.record({
  zone: fc.constantFrom(...ZONES),
  always: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
  hours: weekHours,
  holidays: holidayList,
});
/** A calendar with some opening every week, so that adding always ends. */
const openSpec = spec.map((s) => (Object.values(s.hours).some((r) => r.length > 0) ? s : { ...s, hours: { ...s.hours, 3: [['10:00', '11:00']] } as WeekHours }));
// Instants: anywhere in the window, and often within a day or two of a DST change of one of the zones.
const dstDays = ZONES.flatMap((zone) => {
  const days: number[] = [];
  for (let t = T0; t < T1; t += DAY) if (DateTime.fromMillis(t, { zone }).offset !== DateTime.fromMillis(t + DAY, { zone }).offset) days.push(t);
  return days;
});
const instant = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: T0, max: T1 }) },
  { weight: 2, arbitrary: fc.constantFrom(...dstDays).chain((t) => fc.integer({ min: t - 2 * DAY, max: t + 2 * DAY })) },
);
const minuteInstant = instant.map((t) => Math.floor(t / MIN) * MIN);

/** The oracle: is the calendar open during the minute starting at t (t on a minute)? */
function openByWallClock(s: Spec, t: number): boolean {
  if (s.always) return true;
  const local = DateTime.fromMillis(t, { zone: s.zone });
  if (s.holidays.includes(local.toISODate()!)) return false;
  const m = local.hour * 60 + local.minute;
  return (s.hours[local.weekday as keyof WeekHours] ?? []).some(([a, b]) => m >= minutesOf(a) && m < minutesOf(b));
}

describe('business time, properties', () => {
  test('measuring what was added gives it back, and the answer is the earliest such instant', () => {
    fc.assert(
      fc.property(openSpec, instant, fc.integer({ min: 0, max: 30 * DAY }), (s, from, d) => {
        const cal = calendarOf(s);
        const to = addBusinessMs(cal, from, d);
        assert.equal(businessMsBetween(cal, from, to), d);
        if (d > 0) assert.ok(businessMsBetween(cal, from, to - 1) < d, 'one millisecond earlier is not enough');
        if (d > 0) assert.equal(isOpenAt(cal, to - 1), true, 'the last millisecond counted is open');
      }),
      RUNS,
    );
  });

  test('additivity: between(a, b) + between(b, c) = between(a, c), in any order', () => {
    fc.assert(
      fc.property(spec, instant, fc.integer({ min: 0, max: 40 * DAY }), fc.integer({ min: 0, max: 40 * DAY }), (s, a, x, y) => {
        const cal = calendarOf(s);
        const [b, c] = [a + x, a + x + y];
        assert.equal(businessMsBetween(cal, a, b) + businessMsBetween(cal, b, c), businessMsBetween(cal, a, c));
        assert.equal(businessMsBetween(cal, c, a), -businessMsBetween(cal, a, c));
      }),
      RUNS,
    );
  });

  test('monotonicity: a later end never counts less, never more than the wall clock; adding more never ends earlier', () => {
    fc.assert(
      fc.property(openSpec, instant, fc.integer({ min: 0, max: 20 * DAY }), fc.integer({ min: 0, max: 20 * DAY }), (s, a, x, y) => {
        const cal = calendarOf(s);
        const ab = businessMsBetween(cal, a, a + x);
        const ac = businessMsBetween(cal, a, a + x + y);
        assert.ok(ab >= 0 && ab <= ac && ac <= x + y);
        assert.ok(addBusinessMs(cal, a, x) <= addBusinessMs(cal, a, x + y));
      }),
      RUNS,
    );
  });

  test('the wall clock decides, minute by minute: counts, openness and the next change agree with it', () => {
    fc.assert(
      fc.property(spec, minuteInstant, fc.integer({ min: 0, max: 3 * 24 * 60 }), (s, from, minutes) => {
        const cal = calendarOf(s);
        let expected = 0;
        let firstChange: number | null = null;
        const openAtFrom = openByWallClock(s, from);
        for (let i = 0; i < minutes; i++) {
          const open = openByWallClock(s, from + i * MIN);
          if (open) expected += MIN;
          if (firstChange === null && open !== openAtFrom) firstChange = from + i * MIN;
        }
        assert.equal(businessMsBetween(cal, from, from + minutes * MIN), expected);
        assert.equal(isOpenAt(cal, from), openAtFrom);
        const next = nextChange(cal, from);
        if (firstChange !== null) assert.equal(next, firstChange);
        else if (next !== null) assert.ok(next >= from + minutes * MIN);
      }),
      { numRuns: 100 },
    );
  });

  test('holidays never count', () => {
    fc.assert(
      fc.property(openSpec.filter((s) => !s.always && s.holidays.length > 0), fc.nat(), (s, pick) => {
        const cal = calendarOf(s);
        const date = s.holidays[pick % s.holidays.length]!;
        const start = DateTime.fromISO(date, { zone: s.zone }).startOf('day');
        assert.equal(businessMsBetween(cal, start.toMillis(), start.plus({ days: 1 }).toMillis()), 0);
        assert.equal(isOpenAt(cal, start.plus({ hours: 12 }).toMillis()), false);
      }),
      RUNS,
    );
  });

  test('a 24/7 calendar is the wall clock, whatever its zone', () => {
    fc.assert(
      fc.property(spec, instant, fc.integer({ min: 0, max: 400 * DAY }), (s, from, d) => {
        const cal = calendarOf({ ...s, always: true });
        assert.equal(businessMsBetween(cal, from, from + d), d);
        assert.equal(addBusinessMs(cal, from, d), from + d);
        assert.equal(isOpenAt(cal, from), true);
        assert.equal(nextChange(cal, from), null);
      }),
      RUNS,
    );
  });

  test("the server's own time zone changes nothing", () => {
    const saved = process.env.TZ;
    const cases = fc.sample(fc.tuple(openSpec, instant, fc.integer({ min: 0, max: 20 * DAY })), { numRuns: 100, seed: 42 });
    const run = () => cases.map(([s, from, d]) => {
      const cal = calendarOf(s); // fresh objects: nothing cached from another run
      const to = addBusinessMs(cal, from, d);
      return [to, businessMsBetween(cal, from, from + d), isOpenAt(cal, from), nextChange(cal, from)];
    });
    try {
      const results = ['UTC', 'Pacific/Kiritimati', 'America/St_Johns', 'Asia/Kathmandu', 'Australia/Lord_Howe'].map((tz) => {
        process.env.TZ = tz;
        assert.equal(new Date(2026, 6, 1).getTimezoneOffset() !== undefined, true);
        return run();
      });
      process.env.TZ = 'Pacific/Kiritimati';
      assert.equal(new Date(Date.UTC(2026, 0, 1)).getHours(), 14, 'Node honours TZ at run time');
      for (const r of results.slice(1)) assert.deepEqual(r, results[0]);
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});

// ---- explicit cases ----

const everyDay = (ranges: [string, string][]): WeekHours => ({ 1: ranges, 2: ranges, 3: ranges, 4: ranges, 5: ranges, 6: ranges, 7: ranges });
const cal = (zone: string, hours: WeekHours, holidays: string[] = []) => calendarOf({ zone, always: false, hours, holidays });
/** Business hours in a local day of a calendar. */
function hoursOfDay(c: BusinessCalendar, date: string): number {
  const start = DateTime.fromISO(date, { zone: c.timeZone });
  return businessMsBetween(c, start.toMillis(), start.plus({ days: 1 }).toMillis()) / HOUR;
}
const at = (iso: string) => DateTime.fromISO(iso, { setZone: true }).toMillis();

describe('business time across daylight-saving changes', () => {
  const transitions = [
    { zone: 'Europe/Paris', spring: ['2026-03-29', '2027-03-28'], fall: ['2026-10-25', '2027-10-31'] },
    { zone: 'America/New_York', spring: ['2026-03-08', '2027-03-14'], fall: ['2026-11-01', '2027-11-07'] },
  ];
  for (const { zone, spring, fall } of transitions) {
    test(`${zone}: a day open all day counts 23 h in spring and 25 h in autumn; 09:00–17:00 counts 8 h`, () => {
      const allDay = cal(zone, everyDay([['00:00', '24:00']]));
      const office = cal(zone, everyDay([['09:00', '17:00']]));
      for (const d of spring) {
        assert.equal(hoursOfDay(allDay, d), 23, d);
        assert.equal(hoursOfDay(office, d), 8, d);
      }
      for (const d of fall) {
        assert.equal(hoursOfDay(allDay, d), 25, d);
        assert.equal(hoursOfDay(office, d), 8, d);
      }
      const dayBefore = DateTime.fromISO(spring[0]!).minus({ days: 1 }).toISODate()!;
      assert.equal(hoursOfDay(allDay, dayBefore), 24);
      // A whole year open all day is exactly the wall clock, DST or not.
      const y0 = DateTime.fromISO('2026-01-01', { zone });
      assert.equal(businessMsBetween(allDay, y0.toMillis(), y0.plus({ years: 1 }).toMillis()), y0.plus({ years: 1 }).toMillis() - y0.toMillis());
    });
  }

  test('Paris: ranges through the skipped and the repeated hour follow the wall clock', () => {
    const night = cal('Europe/Paris', everyDay([['01:00', '04:00']]));
    assert.equal(hoursOfDay(night, '2026-03-29'), 2); // 02:00–03:00 never happens
    assert.equal(hoursOfDay(night, '2026-10-25'), 4); // 02:00–03:00 happens twice
    const skipped = cal('Europe/Paris', everyDay([['02:30', '04:00']]));
    assert.equal(hoursOfDay(skipped, '2027-03-28'), 1); // opens at 03:00, when the clock jumps there
    assert.equal(isOpenAt(skipped, at('2027-03-28T03:00:00+02:00')), true);
    const repeated = cal('Europe/Paris', everyDay([['02:15', '02:45']]));
    assert.equal(hoursOfDay(repeated, '2027-10-31'), 1); // twice half an hour
  });

  test('adding across the spring-forward weekend lands on the right Monday hour', () => {
    const weekdays = cal('Europe/Paris', { 1: [['09:00', '17:00']], 2: [['09:00', '17:00']], 3: [['09:00', '17:00']], 4: [['09:00', '17:00']], 5: [['09:00', '17:00']] });
    const fridayAfternoon = at('2026-03-27T16:00:00+01:00');
    assert.equal(addBusinessMs(weekdays, fridayAfternoon, 2 * HOUR), at('2026-03-30T10:00:00+02:00'));
    assert.equal(businessMsBetween(weekdays, fridayAfternoon, at('2026-03-30T10:00:00+02:00')), 2 * HOUR);
    const ny = cal('America/New_York', { 5: [['09:00', '17:00']], 1: [['09:00', '17:00']] });
    assert.equal(addBusinessMs(ny, at('2026-10-30T16:30:00-04:00'), HOUR), at('2026-11-02T09:30:00-05:00'));
  });
});

describe('business time and holidays', () => {
  const frenchRules = (zone = 'Europe/Paris') => {
    const days = new Set([2026, 2027].flatMap((y) => publicHolidays('FR', null, y).map((h) => h.date)));
    return { timeZone: zone, always: false, hours: { 1: [['09:00', '17:00']], 2: [['09:00', '17:00']], 3: [['09:00', '17:00']], 4: [['09:00', '17:00']], 5: [['09:00', '17:00']] }, isHoliday: (d: string) => days.has(d) } satisfies BusinessCalendar;
  };

  test('French 2027 holidays by rule: Easter Monday, Ascension and Whit Monday are closed, their neighbours open', () => {
    const fr = frenchRules();
    for (const d of ['2027-03-29', '2027-05-06', '2027-05-17']) assert.equal(hoursOfDay(fr, d), 0, d);
    for (const d of ['2027-03-30', '2027-05-07', '2027-05-18']) assert.equal(hoursOfDay(fr, d), 8, d);
    // Wednesday 5 May 16:00 + 2 h: one hour on Wednesday, Ascension skipped, one on Friday.
    assert.equal(addBusinessMs(fr, at('2027-05-05T16:00:00+02:00'), 2 * HOUR), at('2027-05-07T10:00:00+02:00'));
  });

  test('a calendar open on one weekday only adds across a holiday on it', () => {
    const mondays = cal('Europe/Paris', { 1: [['09:00', '17:00']] }, ['2027-05-17']);
    // Friday 14 May + 1 h: Whit Monday 17 May is a holiday, so Monday 24 May 10:00.
    assert.equal(addBusinessMs(mondays, at('2027-05-14T12:00:00+02:00'), HOUR), at('2027-05-24T10:00:00+02:00'));
    assert.equal(businessMsBetween(mondays, at('2027-05-14T12:00:00+02:00'), at('2027-05-24T10:00:00+02:00')), HOUR);
    assert.equal(nextChange(mondays, at('2027-05-14T12:00:00+02:00')), at('2027-05-24T09:00:00+02:00'));
  });

  test('a calendar with no opening at all cannot add, and says it never changes', () => {
    const never = cal('UTC', {});
    assert.throws(() => addBusinessMs(never, at('2027-01-01T00:00:00Z'), MIN), RangeError);
    assert.equal(nextChange(never, at('2027-01-01T00:00:00Z')), null);
    assert.equal(businessMsBetween(never, at('2027-01-01T00:00:00Z'), at('2027-12-01T00:00:00Z')), 0);
    assert.equal(addBusinessMs(never, at('2027-01-01T00:00:00Z'), 0), at('2027-01-01T00:00:00Z'));
  });
});
