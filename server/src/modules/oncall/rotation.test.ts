import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { escalationChain, firstHandoverDate, onCallAt, periodAt, periodStart, personAtLevel, scheduleBetween, type OverrideSpan, type RotationPlan } from './rotation.ts';

const PARIS = 'Europe/Paris';
const weekly: RotationPlan = { timeZone: PARIS, period: 'weekly', handoverWeekday: 1, handoverTime: '09:00', startsOn: '2026-03-04', memberIds: [11, 22, 33] };
const at = (iso: string, zone = PARIS) => DateTime.fromISO(iso, { zone }).toMillis();
const local = (t: number, zone = PARIS) => DateTime.fromMillis(t, { zone }).toFormat("yyyy-MM-dd'T'HH:mm EEE");

test('a weekly rotation starts at the first hand-over weekday on or after startsOn', () => {
  // 2026-03-04 is a Wednesday: the first Monday from then is 2026-03-09.
  assert.equal(firstHandoverDate(weekly), '2026-03-09');
  assert.equal(firstHandoverDate({ ...weekly, startsOn: '2026-03-09' }), '2026-03-09');
  assert.equal(firstHandoverDate({ ...weekly, period: 'daily' }), '2026-03-04');
  assert.equal(onCallAt(weekly, [], at('2026-03-09T08:59')), null, 'not started yet');
  const first = onCallAt(weekly, [], at('2026-03-09T09:00'));
  assert.deepEqual(first && { userId: first.userId, until: local(first.until), overrideId: first.overrideId }, { userId: 11, until: '2026-03-16T09:00 Mon', overrideId: null });
  assert.equal(onCallAt(weekly, [], at('2026-03-16T08:59'))?.userId, 11);
  assert.equal(onCallAt(weekly, [], at('2026-03-16T09:00'))?.userId, 22);
  assert.equal(onCallAt(weekly, [], at('2026-03-25T03:00'))?.userId, 33);
  assert.equal(onCallAt(weekly, [], at('2026-03-30T10:00'))?.userId, 11, 'wraps round');
});

test('the hand-over stays at 09:00 local across the spring and autumn DST changes', () => {
  // Europe/Paris: 2026-03-29 (UTC+1 → +2) and 2026-10-25 (back to +1).
  const spring = periodStart(weekly, 3); // Monday 2026-03-30
  assert.equal(local(spring), '2026-03-30T09:00 Mon');
  assert.equal(new Date(spring).toISOString(), '2026-03-30T07:00:00.000Z');
  assert.equal(new Date(periodStart(weekly, 2)).toISOString(), '2026-03-23T08:00:00.000Z');
  // The week across the change is an hour shorter.
  assert.equal(spring - periodStart(weekly, 2), 7 * 86_400_000 - 3_600_000);
  const daily: RotationPlan = { ...weekly, period: 'daily', startsOn: '2026-10-20' };
  const k = periodAt(daily, at('2026-10-26T12:00'));
  assert.equal(local(periodStart(daily, k)), '2026-10-26T09:00 Mon');
  // Saturday 09:00 → Sunday 09:00 holds the extra hour; Sunday → Monday is a plain day.
  assert.equal(periodStart(daily, k - 1) - periodStart(daily, k - 2), 25 * 3_600_000);
  assert.equal(periodStart(daily, k) - periodStart(daily, k - 1), 24 * 3_600_000);
});

test('a hand-over time skipped by the spring change moves forward with the clock', () => {
  const plan: RotationPlan = { ...weekly, period: 'daily', handoverTime: '02:30', startsOn: '2026-03-27' };
  const k = periodAt(plan, at('2026-03-29T12:00'));
  assert.equal(local(periodStart(plan, k)), '2026-03-29T03:30 Sun');
  assert.equal(local(periodStart(plan, k + 1)), '2026-03-30T02:30 Mon');
});

test('an override covering the instant wins; the latest started wins among several', () => {
  const overrides: OverrideSpan[] = [
    { id: 1, userId: 99, startsAt: at('2026-03-17T20:00'), endsAt: at('2026-03-18T08:00') },
    { id: 2, userId: 77, startsAt: at('2026-03-17T22:00'), endsAt: at('2026-03-17T23:00') },
  ];
  assert.equal(onCallAt(weekly, overrides, at('2026-03-17T19:59'))?.until, at('2026-03-17T20:00'), 'the rotation ends where the override starts');
  const o = onCallAt(weekly, overrides, at('2026-03-17T21:00'))!;
  assert.deepEqual([o.userId, o.overrideId, o.until], [99, 1, at('2026-03-17T22:00')]);
  assert.equal(onCallAt(weekly, overrides, at('2026-03-17T22:30'))?.userId, 77);
  assert.equal(onCallAt(weekly, overrides, at('2026-03-17T23:30'))?.userId, 99);
  assert.equal(onCallAt(weekly, overrides, at('2026-03-18T08:00'))?.userId, 22);
  // Even before the rotation starts, or without members.
  assert.equal(onCallAt({ ...weekly, memberIds: [] }, overrides, at('2026-03-17T21:00'))?.userId, 99);
  assert.equal(onCallAt({ ...weekly, memberIds: [] }, [], at('2026-03-17T21:00')), null);
});

test('the schedule: one item per period, cut by overrides', () => {
  const overrides: OverrideSpan[] = [{ id: 5, userId: 99, startsAt: at('2026-03-20T18:00'), endsAt: at('2026-03-23T10:00') }];
  const items = scheduleBetween(weekly, overrides, at('2026-03-09T00:00'), at('2026-03-30T00:00'));
  assert.deepEqual(
    items.map((i) => [i.userId, local(i.from), local(i.to), i.overrideId]),
    [
      [11, '2026-03-09T09:00 Mon', '2026-03-16T09:00 Mon', null],
      [22, '2026-03-16T09:00 Mon', '2026-03-20T18:00 Fri', null],
      [99, '2026-03-20T18:00 Fri', '2026-03-23T10:00 Mon', 5],
      [33, '2026-03-23T10:00 Mon', '2026-03-30T00:00 Mon', null],
    ],
  );
  // A one-member rotation still shows each period.
  assert.equal(scheduleBetween({ ...weekly, memberIds: [11] }, [], at('2026-03-09T09:00'), at('2026-03-23T09:00')).length, 2);
});

test('the escalation chain: on call first, then the following members, each once; two rounds at most', () => {
  const t = at('2026-03-17T21:00'); // member 22's week
  assert.deepEqual(escalationChain(weekly, [], t), [22, 33, 11]);
  const o: OverrideSpan[] = [{ id: 1, userId: 33, startsAt: t - 1, endsAt: t + 1 }];
  assert.deepEqual(escalationChain(weekly, o, t), [33, 11, 22]);
  const outsider: OverrideSpan[] = [{ id: 1, userId: 99, startsAt: t - 1, endsAt: t + 1 }];
  assert.deepEqual(escalationChain(weekly, outsider, t), [99, 33, 11, 22]);
  const chain = [22, 33, 11];
  assert.deepEqual([0, 1, 2, 3, 4, 5, 6].map((l) => personAtLevel(chain, l)), [22, 33, 11, 22, 33, 11, null]);
  assert.equal(personAtLevel([], 0), null);
});

// ---- properties ----
const zones = fc.constantFrom('Europe/Paris', 'America/New_York', 'UTC', 'Australia/Sydney', 'Asia/Kolkata');
const plans = fc.record({
  timeZone: zones,
  period: fc.constantFrom<'daily' | 'weekly'>('daily', 'weekly'),
  handoverWeekday: fc.integer({ min: 1, max: 7 }),
  handoverTime: fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`),
  startsOn: fc.date({ min: new Date('2025-01-01'), max: new Date('2027-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  memberIds: fc.uniqueArray(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 6 }),
});
const offsetMs = fc.integer({ min: 0, max: 400 * 86_400_000 });

test('property: after the start, every instant has exactly one person, the member of its period, until the next hand-over', () => {
  fc.assert(
    fc.property(plans, offsetMs, (plan, offset) => {
      const t = periodStart(plan, 0) + offset;
      const who = onCallAt(plan, [], t);
      assert.ok(who);
      const k = periodAt(plan, t);
      assert.ok(periodStart(plan, k) <= t && t < periodStart(plan, k + 1));
      assert.equal(who.userId, plan.memberIds[k % plan.memberIds.length]);
      assert.equal(who.until, periodStart(plan, k + 1));
      // The schedule around t agrees, and its items tile the range without overlap.
      const items = scheduleBetween(plan, [], t - 3 * 86_400_000, t + 3 * 86_400_000);
      assert.equal(items.filter((i) => i.from <= t && t < i.to).length, 1);
      assert.equal(items.find((i) => i.from <= t && t < i.to)!.userId, who.userId);
      for (let i = 1; i < items.length; i++) assert.equal(items[i].from, items[i - 1].to);
    }),
    { numRuns: 300 },
  );
});

test('property: in Europe/Paris every hand-over is exactly at the local hand-over time, DST or not', () => {
  const paris = plans.map((p) => ({ ...p, timeZone: PARIS }));
  fc.assert(
    fc.property(paris, fc.integer({ min: 0, max: 120 }), (plan, k) => {
      const s = DateTime.fromMillis(periodStart(plan, k), { zone: PARIS });
      // 02:xx does not exist on the spring-change Sunday: the hand-over moves forward an hour.
      const skipped = DateTime.fromISO(`${s.toISODate()}T${plan.handoverTime}`, { zone: PARIS }).toFormat('HH:mm') !== plan.handoverTime;
      if (!skipped) assert.equal(s.toFormat('HH:mm'), plan.handoverTime);
      if (plan.period === 'weekly') assert.equal(s.weekday, plan.handoverWeekday);
      assert.equal(s.toISODate(), DateTime.fromISO(firstHandoverDate(plan)).plus({ days: k * (plan.period === 'daily' ? 1 : 7) }).toISODate());
    }),
    { numRuns: 300 },
  );
});

test('property: an override covering the instant always wins; outside it the rotation decides', () => {
  fc.assert(
    fc.property(plans, offsetMs, fc.integer({ min: 1, max: 10 * 86_400_000 }), fc.integer({ min: -5 * 86_400_000, max: 5 * 86_400_000 }), (plan, offset, length, shift) => {
      const t = periodStart(plan, 0) + offset;
      const o: OverrideSpan = { id: 1, userId: 5000, startsAt: t + shift, endsAt: t + shift + length };
      const who = onCallAt(plan, [o], t)!;
      const covered = o.startsAt <= t && t < o.endsAt;
      assert.equal(who.userId === 5000, covered);
      assert.equal(who.overrideId, covered ? 1 : null);
      if (covered) assert.equal(who.until, o.endsAt);
      else assert.ok(who.until <= periodStart(plan, periodAt(plan, t) + 1));
    }),
    { numRuns: 300 },
  );
});
