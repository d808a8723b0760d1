// Business-time arithmetic on a calendar: how much open time lies between two instants,
// and which instant is N open milliseconds after another. Instants are epoch milliseconds;
// the calendar's own time zone (IANA, through luxon) turns its opening hours into instants
// day by day, so daylight-saving changes and the server's own zone never matter.
import { DateTime } from 'luxon';
import type { WeekHours } from '../../../../common/schemas/calendars.ts';

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

/** How far the walk may go looking for open time before the calendar is declared empty. */
const MAX_DAYS_WITHOUT_OPENING = 800;
const dayCache = new WeakMap<BusinessCalendar, Map<string, readonly Interval[]>>();

function minutesOf(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/** The instant a local wall-clock time falls on; a time skipped by a DST jump moves forward with it. */
function instantAt(day: DateTime, minuteOfDay: number): number {
  if (minuteOfDay >= 24 * 60) return day.plus({ days: 1 }).startOf('day').toMillis();
  return day.set({ hour: Math.floor(minuteOfDay / 60), minute: minuteOfDay % 60, second: 0, millisecond: 0 }).toMillis();
}

/** The open intervals of one local day, ordered and merged. `day` is that day's start in the calendar's zone. */
export function openIntervalsOn(cal: BusinessCalendar, day: DateTime): readonly Interval[] {
  const key = day.toISODate()!;
  let cache = dayCache.get(cal);
  if (!cache) dayCache.set(cal, (cache = new Map()));
  const cached = cache.get(key);
  if (cached) return cached;

  let intervals: Interval[] = [];
  if (cal.always) intervals = [[day.toMillis(), day.plus({ days: 1 }).startOf('day').toMillis()]];
  else if (!cal.isHoliday(key)) {
    const ranges = (cal.hours[day.weekday as keyof WeekHours] ?? [])
      .map(([a, b]) => [minutesOf(a), minutesOf(b)] as const)
      .filter(([a, b]) => b > a)
      .sort((x, y) => x[0] - y[0]);
    for (const [a, b] of ranges) {
      const start = instantAt(day, a);
      const end = instantAt(day, b);
      if (end <= start) continue; // wholly inside a skipped DST hour
      const last = intervals[intervals.length - 1];
      if (last && start <= last[1]) intervals[intervals.length - 1] = [last[0], Math.max(last[1], end)];
      else intervals.push([start, end]);
    }
  }
  if (cache.size > 20_000) cache.clear();
  cache.set(key, intervals);
  return intervals;
}

function startOfLocalDay(cal: BusinessCalendar, t: number): DateTime {
  return DateTime.fromMillis(t, { zone: cal.timeZone }).startOf('day');
}

function nextDay(day: DateTime): DateTime {
  return day.plus({ days: 1 }).startOf('day');
}

/** Open time between two instants, in milliseconds (negative when `to` is before `from`). */
export function businessMsBetween(cal: BusinessCalendar, from: number, to: number): number {
  if (to < from) return -businessMsBetween(cal, to, from);
  if (cal.always) return to - from;
  let total = 0;
  for (let day = startOfLocalDay(cal, from); day.toMillis() < to; day = nextDay(day)) {
    for (const [s, e] of openIntervalsOn(cal, day)) {
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
  let left = ms;
  let idle = 0;
  for (let day = startOfLocalDay(cal, from); ; day = nextDay(day)) {
    let open = false;
    for (const [s, e] of openIntervalsOn(cal, day)) {
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
  return openIntervalsOn(cal, startOfLocalDay(cal, t)).some(([s, e]) => s <= t && t < e);
}

/**
 * The next instant after `t` at which the calendar opens or closes (null when it never
 * changes: always open, or no opening in the next two years).
 */
export function nextChange(cal: BusinessCalendar, t: number): number | null {
  if (cal.always) return null;
  const openNow = isOpenAt(cal, t);
  let day = startOfLocalDay(cal, t);
  for (let i = 0; i <= MAX_DAYS_WITHOUT_OPENING; i++, day = nextDay(day)) {
    for (const [s, e] of openIntervalsOn(cal, day)) {
      if (openNow && e > t && s <= t) {
        // Intervals merge within a day only: an interval ending at midnight may go on the next day.
        if (e === nextDay(day).toMillis()) {
          const next = openIntervalsOn(cal, nextDay(day))[0];
          if (next && next[0] === e) return nextChange(cal, e);
        }
        return e;
      }
      if (!openNow && s > t) return s;
    }
  }
  return null;
}
