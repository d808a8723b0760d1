// Holidays from an iCalendar file: each all-day event becomes one holiday per day it covers
// (DTEND is exclusive), a plain yearly rule becomes a yearly holiday, and any other recurrence
// is expanded over a window of dates. Timed events are not days off: they are reported, not kept.
import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { LIMITS } from '../../../../common/enums.ts';

export interface ImportedHoliday {
  date: string;
  name: string;
  recursYearly: boolean;
}
export interface IcsHolidays {
  holidays: ImportedHoliday[];
  skipped: { summary: string; reason: string }[];
}

export class IcsError extends Error {}

/** Occurrences of one recurring event looked at, at most (a daily event since 1990 stays bounded). */
const MAX_OCCURRENCES = 20_000;
/** Holidays one file may produce. */
export const MAX_IMPORTED_DAYS = 5_000;

type Time = InstanceType<typeof ICAL.Time>;
type Recur = InstanceType<typeof ICAL.Recur>;

function dateOf(t: Time): DateTime {
  return DateTime.fromObject({ year: t.year, month: t.month, day: t.day }, { zone: 'UTC' });
}

/** The days an all-day occurrence covers: from its start to its exclusive end, at least one. */
function daysOf(start: Time, end: Time | null): string[] {
  const first = dateOf(start);
  const span = end && end.isDate ? Math.max(1, Math.round(dateOf(end).diff(first, 'days').days)) : 1;
  return Array.from({ length: Math.min(span, 366) }, (_, i) => first.plus({ days: i }).toISODate()!);
}

/** FREQ=YEARLY on the start's own month and day, forever: what a yearly holiday row means. */
function isPlainYearly(rule: Recur, start: Time): boolean {
  if (rule.freq !== 'YEARLY' || (rule.interval ?? 1) !== 1 || rule.count || rule.until) return false;
  const parts = (rule.parts ?? {}) as Record<string, unknown[]>;
  return Object.entries(parts).every(([k, v]) =>
    (k === 'BYMONTH' && v.length === 1 && Number(v[0]) === start.month) || (k === 'BYMONTHDAY' && v.length === 1 && Number(v[0]) === start.day),
  );
}

function rootsOf(text: string): InstanceType<typeof ICAL.Component>[] {
  let jcal: unknown;
  try {
    jcal = ICAL.parse(text);
  } catch (err) {
    throw new IcsError(`The file is not valid iCalendar: ${(err as Error).message}`);
  }
  const list = Array.isArray(jcal) && Array.isArray(jcal[0]) ? (jcal as unknown[]) : [jcal];
  const roots = list.map((j) => new ICAL.Component(j as never));
  if (roots.length === 0 || roots.some((r) => r.name !== 'vcalendar')) throw new IcsError('The file is not iCalendar: it must begin with BEGIN:VCALENDAR.');
  return roots;
}

/**
 * The holidays in an iCalendar text. Recurrences other than a plain yearly one are expanded
 * for the dates from `from` to `until` (inclusive, YYYY-MM-DD).
 */
export function parseHolidayIcs(text: string, window: { from: string; until: string }): IcsHolidays {
  try {
    return readHolidays(text, window);
  } catch (err) {
    if (err instanceof IcsError) throw err;
    throw new IcsError(`The file could not be read as iCalendar: ${(err as Error).message}`);
  }
}

function readHolidays(text: string, window: { from: string; until: string }): IcsHolidays {
  const byDate = new Map<string, ImportedHoliday>();
  const skipped: IcsHolidays['skipped'] = [];
  const add = (dates: string[], name: string, recursYearly: boolean) => {
    for (const date of dates) {
      byDate.delete(date); // the last event of a date wins
      byDate.set(date, { date, name, recursYearly });
    }
    if (byDate.size > MAX_IMPORTED_DAYS) throw new IcsError(`The file holds more than ${MAX_IMPORTED_DAYS} days off; split it, or use yearly rules.`);
  };

  // ical.js would relate every RECURRENCE-ID event of the file to every series, whatever its
  // UID; an empty list stops that, and each moved occurrence is related to its own series here.
  const events = rootsOf(text).flatMap((root) => root.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c, { strictExceptions: true, exceptions: [] })));
  const masters = new Map(events.filter((e) => !e.isRecurrenceException() && e.uid).map((e) => [e.uid, e]));
  for (const e of events) if (e.isRecurrenceException() && masters.get(e.uid)?.isRecurring()) masters.get(e.uid)!.relateException(e);

  for (const ev of events) {
    const summary = (ev.summary ?? '').trim() || 'Holiday';
    const name = summary.slice(0, LIMITS.name);
    if (ev.isRecurrenceException() && masters.get(ev.uid)?.isRecurring()) continue; // handled with its series
    if (String(ev.component.getFirstPropertyValue('status') ?? '').toUpperCase() === 'CANCELLED') {
      skipped.push({ summary, reason: 'The event is cancelled.' });
      continue;
    }
    const start = ev.startDate;
    if (!start) {
      skipped.push({ summary, reason: 'The event has no start date (DTSTART).' });
      continue;
    }
    if (!start.isDate) {
      skipped.push({ summary, reason: `A timed event (${start.toString()}), not a whole day: only all-day events are holidays.` });
      continue;
    }
    if (!ev.isRecurring()) {
      add(daysOf(start, ev.endDate), name, false);
      continue;
    }
    const rule = ev.component.getFirstPropertyValue('rrule') as Recur | null;
    const plainYearly = rule !== null && isPlainYearly(rule, start) && !ev.component.hasProperty('exdate') && !ev.component.hasProperty('rdate') && Object.keys(ev.exceptions).length === 0;
    if (plainYearly) {
      add(daysOf(start, ev.endDate), name, true);
      continue;
    }
    const it = ev.iterator();
    let seen = 0;
    for (let next = it.next(); next; next = it.next()) {
      if (++seen > MAX_OCCURRENCES) {
        skipped.push({ summary, reason: `Recurs too often: more than ${MAX_OCCURRENCES} occurrences before ${window.until}.` });
        break;
      }
      const occ = ev.getOccurrenceDetails(next);
      const day = dateOf(occ.startDate).toISODate()!;
      if (day > window.until) break;
      if (!occ.startDate.isDate) continue; // an exception moved to a time of day
      add(daysOf(occ.startDate, occ.endDate).filter((d) => d >= window.from && d <= window.until), occ.item.summary?.trim().slice(0, LIMITS.name) || name, false);
    }
  }
  return { holidays: [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date)), skipped };
}
