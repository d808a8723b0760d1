// Who is on call in a rotation at an instant (pure). Periods are daily or weekly and begin at
// the hand-over (weekday + HH:MM in the rotation's zone) on or after `startsOn`; period k
// belongs to member k mod n. Periods are counted in local calendar days, so the hand-over
// stays at its wall-clock time across daylight-saving changes. An override covering the
// instant wins over the rotation; among several, the one that started last (then the newest).
// Before the first hand-over the rotation has not started: nobody, unless an override.
import { DateTime } from 'luxon';

export interface RotationPlan {
  timeZone: string;
  period: 'daily' | 'weekly';
  /** 1 = Monday … 7 = Sunday; weekly rotations only. */
  handoverWeekday: number;
  /** HH:MM local. */
  handoverTime: string;
  /** YYYY-MM-DD local. */
  startsOn: string;
  /** User ids in rotation order. */
  memberIds: readonly number[];
}

export interface OverrideSpan {
  id: number;
  userId: number;
  /** Epoch ms, start included, end excluded. */
  startsAt: number;
  endsAt: number;
}

export interface OnCallAt {
  userId: number;
  /** When this person stops being on call (the next hand-over or override change), epoch ms. */
  until: number;
  /** The override that put them on call, if any. */
  overrideId: number | null;
  /** The rotation's own period at that instant (-1 before the first hand-over). */
  period: number;
}

export interface ScheduleItem {
  userId: number;
  from: number;
  to: number;
  overrideId: number | null;
}

const DAY_MS = 86_400_000;

/** Days from one YYYY-MM-DD to another, counted on the calendar (no zone involved). */
function daysBetween(fromDate: string, toDate: string): number {
  return Math.round((Date.parse(`${toDate}T00:00:00Z`) - Date.parse(`${fromDate}T00:00:00Z`)) / DAY_MS);
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The local date of the first hand-over: startsOn (daily), or the first hand-over weekday from then. */
export function firstHandoverDate(plan: RotationPlan): string {
  if (plan.period === 'daily') return plan.startsOn;
  const weekday = DateTime.fromISO(plan.startsOn, { zone: 'UTC' }).weekday;
  return addDays(plan.startsOn, (plan.handoverWeekday - weekday + 7) % 7);
}

const periodDays = (plan: RotationPlan) => (plan.period === 'daily' ? 1 : 7);

/** The instant period k begins: its local date at the hand-over time (a time skipped by DST moves forward). */
export function periodStart(plan: RotationPlan, k: number): number {
  const date = addDays(firstHandoverDate(plan), k * periodDays(plan));
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = plan.handoverTime.split(':').map(Number);
  return DateTime.fromObject({ year: y, month: m, day: d, hour: hh, minute: mm }, { zone: plan.timeZone }).toMillis();
}

/** The period containing t (-1 before the first hand-over). */
export function periodAt(plan: RotationPlan, t: number): number {
  if (t < periodStart(plan, 0)) return -1;
  const localDate = DateTime.fromMillis(t, { zone: plan.timeZone }).toISODate()!;
  let k = Math.floor(daysBetween(firstHandoverDate(plan), localDate) / periodDays(plan));
  while (k > 0 && periodStart(plan, k) > t) k--;
  while (periodStart(plan, k + 1) <= t) k++;
  return k;
}

/** The member of period k (none before the start or without members). */
export function memberOfPeriod(plan: RotationPlan, k: number): number | null {
  const n = plan.memberIds.length;
  if (k < 0 || n === 0) return null;
  return plan.memberIds[k % n];
}

/** The override in force at t: the one that started last, then the highest id. */
function overrideAt(overrides: readonly OverrideSpan[], t: number): OverrideSpan | null {
  let best: OverrideSpan | null = null;
  for (const o of overrides) {
    if (o.startsAt > t || o.endsAt <= t) continue;
    if (!best || o.startsAt > best.startsAt || (o.startsAt === best.startsAt && o.id > best.id)) best = o;
  }
  return best;
}

/** Who is on call at t, and until when; null when nobody is (not started, no members, no override). */
export function onCallAt(plan: RotationPlan, overrides: readonly OverrideSpan[], t: number): OnCallAt | null {
  const k = periodAt(plan, t);
  const o = overrideAt(overrides, t);
  // An override starting later wins from its start, so it ends whatever is in force now.
  const nextStart = (limit: number) => overrides.reduce((m, x) => (x.startsAt > t && x.startsAt < m ? x.startsAt : m), limit);
  if (o) return { userId: o.userId, until: nextStart(o.endsAt), overrideId: o.id, period: k };
  const userId = memberOfPeriod(plan, k);
  if (userId === null) return null;
  return { userId, until: nextStart(periodStart(plan, k + 1)), overrideId: null, period: k };
}

/**
 * Who is on call from `from` to `to`, in consecutive items: one per rotation period, cut by
 * overrides. Gaps (before the start, no members) have no item.
 */
export function scheduleBetween(plan: RotationPlan, overrides: readonly OverrideSpan[], from: number, to: number): ScheduleItem[] {
  const cuts = new Set<number>([from, to]);
  if (plan.memberIds.length > 0) {
    for (let k = Math.max(0, periodAt(plan, from) + 1); ; k++) {
      const s = periodStart(plan, k);
      if (s >= to) break;
      if (s > from) cuts.add(s);
    }
  }
  for (const o of overrides) {
    if (o.startsAt > from && o.startsAt < to) cuts.add(o.startsAt);
    if (o.endsAt > from && o.endsAt < to) cuts.add(o.endsAt);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const items: ScheduleItem[] = [];
  let lastPeriod = Number.NaN;
  for (let i = 0; i + 1 < points.length; i++) {
    const who = onCallAt(plan, overrides, points[i]);
    if (!who) continue;
    const last = items[items.length - 1];
    const continues =
      last && last.to === points[i] && last.userId === who.userId && last.overrideId === who.overrideId && (who.overrideId !== null || lastPeriod === who.period);
    if (continues) last.to = points[i + 1];
    else items.push({ userId: who.userId, from: points[i], to: points[i + 1], overrideId: who.overrideId });
    lastPeriod = who.period;
  }
  return items;
}

/**
 * The people to page for an incident at t, in order: whoever is on call (level 0), then the
 * members after the scheduled one in rotation order, each person once.
 */
export function escalationChain(plan: RotationPlan, overrides: readonly OverrideSpan[], t: number): number[] {
  const now = onCallAt(plan, overrides, t);
  if (!now) return [];
  const n = plan.memberIds.length;
  const chain = [now.userId];
  // Before the start only an override can be on call: the rotation then begins with member 0.
  const base = now.period < 0 ? -1 : now.period;
  for (let i = 1; i <= n; i++) {
    const userId = plan.memberIds[(((base + i) % n) + n) % n];
    if (!chain.includes(userId)) chain.push(userId);
  }
  return chain;
}

/** The person of level L in a chain: wraps round after everyone was tried; null after `rounds` full rounds. */
export function personAtLevel(chain: readonly number[], level: number, rounds = 2): number | null {
  if (chain.length === 0 || level < 0 || level >= chain.length * rounds) return null;
  return chain[level % chain.length];
}
