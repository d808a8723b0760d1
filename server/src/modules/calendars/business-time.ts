// Business-time arithmetic on a calendar: how much open time lies between two instants,
// and which instant is N open milliseconds after another. Instants are epoch milliseconds.
//
// The rule: an instant is open when the calendar's wall clock (its IANA zone, through luxon)
// shows a time inside an opening range of that weekday, on a date that is not a holiday. So a
// range through the hour skipped in spring opens when the clock jumps into it, and a range
// through the hour repeated in autumn is open both times. Neither the server's zone nor DST
// changes anything else.
//
// Each local day is turned once into its open intervals (instants) and kept per calendar
// object; a day is found by its number (days since 1970-01-01 in local time), so the walk
// from day to day is integer arithmetic, not date objects.
import type { DateTime } from 'luxon';
import type { WeekHours } from '../../../../common/schemas/calendars.ts';
import { offsetMsAt, offsetStretches } from './zone-offsets.ts';

export interface BusinessCalendar {
  timeZone: string;
  /** Open all the time: business time is wall-clock time, holidays ignored. */
  always: boolean;
  /** ISO weekday ("1" Monday … "7" Sunday) → ranges of HH:MM; a missing day is closed. */
  hours: WeekHours;
  /** A local date (YYYY-MM-DD) on which the calendar stays closed. */
  isHoliday(localDate: string): boolean;
}

type Interval = readonly [start: number, end: number];

interface Day {
  /** The day's first instant. */
  start: number;
  /** Open intervals, ordered and merged. */
  open: readonly Interval[];
}

interface Context {
  zone: string;
  days: Map<number, Day>;
}

const MINUTE = 60_000;
const DAY_MS = 86_400_000;
/** How far the walk may go looking for open time before the calendar is declared empty. */
const MAX_DAYS_WITHOUT_OPENING = 800;
/** Every zone's offset lies within these hours of UTC: a local day's instants are found in this window. */
const WINDOW_BEFORE = 15 * 3_600_000;
const WINDOW_AFTER = 13 * 3_600_000;
const contexts = new WeakMap<BusinessCalendar, Context>();

function contextOf(cal: BusinessCalendar): Context {
  let ctx = contexts.get(cal);
  if (!ctx) {
    offsetMsAt(cal.timeZone, 0); // throws on an unknown zone
    contexts.set(cal, (ctx = { zone: cal.timeZone, days: new Map() }));
  }
  return ctx;
}

function dayNumberAt(ctx: Context, t: number): number {
  return Math.floor((t + offsetMsAt(ctx.zone, t)) / DAY_MS);
}

function minutesOf(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

function merge(intervals: Interval[]): Interval[] {
  intervals.sort((a, b) => a[0] - b[0]);
  const out: Interval[] = [];
  for (const iv of intervals) {
    const last = out[out.length - 1];
    if (last && iv[0] <= last[1]) out[out.length - 1] = [last[0], Math.max(last[1], iv[1])];
    else out.push(iv);
  }
  return out;
}

function localDateOf(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday (1 Monday … 7 Sunday) of a day number; day 0 (1970-01-01) was a Thursday. */
function weekdayOf(dayNumber: number): number {
  return ((((dayNumber + 3) % 7) + 7) % 7) + 1;
}

/** A local day: the instants whose wall clock shows that date, and which of them are open. */
function dayOf(cal: BusinessCalendar, ctx: Context, n: number): Day {
  const cached = ctx.days.get(n);
  if (cached) return cached;
  const localStart = n * DAY_MS;
  // Local wall-clock ranges of the day (ms since local midnight) that are open.
  let ranges: [number, number][];
  if (cal.always) ranges = [[0, DAY_MS]];
  else if (cal.isHoliday(localDateOf(n))) ranges = [];
  else ranges = (cal.hours[weekdayOf(n) as keyof WeekHours] ?? []).map(([a, b]) => [minutesOf(a) * MINUTE, minutesOf(b) * MINUTE]);
  let start = Infinity;
  const open: Interval[] = [];
  for (const [s, e, offset] of offsetStretches(ctx.zone, localStart - WINDOW_BEFORE, localStart + DAY_MS + WINDOW_AFTER)) {
    // In this stretch, instant t shows local time t + offset.
    const lo = Math.max(s + offset, localStart);
    const hi = Math.min(e + offset, localStart + DAY_MS);
    if (hi <= lo) continue;
    start = Math.min(start, lo - offset);
    for (const [a, b] of ranges) {
      const from = Math.max(lo, localStart + a);
      const to = Math.min(hi, localStart + b);
      if (to > from) open.push([from - offset, to - offset]);
    }
  }
  const day = { start, open: merge(open) };
  if (ctx.days.size > 20_000) ctx.days.clear();
  ctx.days.set(n, day);
  return day;
}

/** The open intervals of one local day, ordered and merged. `day` is any time of that day in the calendar's zone. */
export function openIntervalsOn(cal: BusinessCalendar, day: DateTime): readonly Interval[] {
  return dayOf(cal, contextOf(cal), Date.UTC(day.year, day.month - 1, day.day) / DAY_MS).open;
}

/** Open time between two instants, in milliseconds (negative when `to` is before `from`). */
export function businessMsBetween(cal: BusinessCalendar, from: number, to: number): number {
  if (to < from) return -businessMsBetween(cal, to, from);
  if (cal.always) return to - from;
  const ctx = contextOf(cal);
  let total = 0;
  for (let n = dayNumberAt(ctx, from); ; n++) {
    const day = dayOf(cal, ctx, n);
    if (day.start >= to) break;
    for (const [s, e] of day.open) {
      const lo = Math.max(s, from);
      const hi = Math.min(e, to);
      if (hi > lo) total += hi - lo;
    }
  }
  return total;
}

/**
 * The instant `ms` of open time after `from`: the earliest t with businessMsBetween(from, t)
 * = ms. Adding zero returns `from` itself, even when closed.
 */
export function addBusinessMs(cal: BusinessCalendar, from: number, ms: number): number {
  if (ms < 0) throw new RangeError('addBusinessMs adds a non-negative duration');
  if (ms === 0 || cal.always) return from + ms;
  const ctx = contextOf(cal);
  let left = ms;
  let idle = 0;
  for (let n = dayNumberAt(ctx, from); ; n++) {
    let open = false;
    for (const [s, e] of dayOf(cal, ctx, n).open) {
      if (e <= from) continue;
      open = true;
      const lo = Math.max(s, from);
      if (e - lo >= left) return lo + left;
      left -= e - lo;
    }
    idle = open ? 0 : idle + 1;
    if (idle > MAX_DAYS_WITHOUT_OPENING) throw new RangeError('The calendar has no opening hours in the next two years.');
  }
}

export function isOpenAt(cal: BusinessCalendar, t: number): boolean {
  if (cal.always) return true;
  const ctx = contextOf(cal);
  return dayOf(cal, ctx, dayNumberAt(ctx, t)).open.some(([s, e]) => s <= t && t < e);
}

/**
 * The next instant after `t` at which the calendar opens or closes (null when it never
 * changes: always open, or no change in the next two years).
 */
export function nextChange(cal: BusinessCalendar, t: number): number | null {
  if (cal.always) return null;
  const ctx = contextOf(cal);
  const first = dayNumberAt(ctx, t);
  // While open, the end of the current interval, unless the next one starts right there
  // (a range to midnight followed by one from midnight).
  let openUntil: number | null = null;
  for (let n = first; n <= first + MAX_DAYS_WITHOUT_OPENING; n++) {
    for (const [s, e] of dayOf(cal, ctx, n).open) {
      if (e <= t) continue;
      if (openUntil !== null) {
        if (s > openUntil) return openUntil;
        openUntil = Math.max(openUntil, e);
      } else if (s <= t) openUntil = e;
      else return s;
    }
  }
  return null;
}
