// What makes a calendar valid, as problem+json details: a real IANA zone, opening ranges that
// are ordered and do not overlap, some opening in the week unless 24/7, a known country/region.
import { DateTime, IANAZone } from 'luxon';
import type { WeekHours } from '../../../../common/schemas/calendars.ts';
import { isKnownCountry, regionsOf } from './public-holidays.ts';

export interface Issue {
  path: string;
  message: string;
}

export const WEEKDAYS = ['1', '2', '3', '4', '5', '6', '7'] as const;
const DAY_NAMES: Record<string, string> = { 1: 'Monday', 2: 'Tuesday', 3: 'Wednesday', 4: 'Thursday', 5: 'Friday', 6: 'Saturday', 7: 'Sunday' };

export function isTimeZone(name: string): boolean {
  return IANAZone.isValidZone(name);
}

export function timeZoneIssues(timeZone: string, path = 'timeZone'): Issue[] {
  return isTimeZone(timeZone) ? [] : [{ path, message: `"${path}": "${timeZone}" is not a time zone (IANA name such as Europe/Paris).` }];
}

/** A real date of the calendar (2027-02-30 is not). */
export function isLocalDate(date: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) && DateTime.fromISO(date, { zone: 'UTC' }).isValid;
}

/** Every day present, each day's ranges as given (already checked to be in order). */
export function normaliseWeekHours(hours: WeekHours): Record<string, [string, string][]> {
  return Object.fromEntries(WEEKDAYS.map((d) => [d, (hours[d] ?? []).map(([a, b]) => [a, b] as [string, string])]));
}

/** Opening ranges of a week: start before end, in order, no overlap (touching is fine). */
export function weekHoursIssues(hours: WeekHours, path = 'hours'): Issue[] {
  const issues: Issue[] = [];
  for (const day of WEEKDAYS) {
    const ranges = hours[day] ?? [];
    ranges.forEach(([start, end], i) => {
      const at = `${path}.${day}[${i}]`;
      if (start >= end) issues.push({ path: at, message: `"${at}": ${DAY_NAMES[day]} ${start}–${end} ends before it starts; a range runs from its start to a later end (24:00 for midnight).` });
      const prev = ranges[i - 1];
      if (!prev || prev[0] >= prev[1] || start >= end) return;
      if (start < prev[0]) issues.push({ path: at, message: `"${at}": ${DAY_NAMES[day]} ${start}–${end} comes before ${prev[0]}–${prev[1]}; list a day's ranges in order.` });
      else if (start < prev[1]) issues.push({ path: at, message: `"${at}": ${DAY_NAMES[day]} ${start}–${end} overlaps ${prev[0]}–${prev[1]}.` });
    });
  }
  return issues;
}

export interface CalendarDraft {
  timeZone: string;
  is24x7: boolean;
  hours: WeekHours;
  holidayCountry: string | null;
  holidayRegion: string | null;
}

export function calendarIssues(d: CalendarDraft): Issue[] {
  const issues = [...timeZoneIssues(d.timeZone), ...weekHoursIssues(d.hours)];
  if (!d.is24x7 && WEEKDAYS.every((day) => (d.hours[day] ?? []).length === 0)) {
    issues.push({ path: 'hours', message: '"hours": a calendar that is not 24/7 needs at least one opening range in the week (or set is24x7 to true).' });
  }
  if (d.holidayCountry !== null && !isKnownCountry(d.holidayCountry)) {
    issues.push({ path: 'holidayCountry', message: `"holidayCountry": "${d.holidayCountry}" is not a country with known public holidays (ISO 3166 code such as FR).` });
  } else if (d.holidayRegion !== null) {
    if (d.holidayCountry === null) issues.push({ path: 'holidayRegion', message: '"holidayRegion": a region needs its country (holidayCountry).' });
    else {
      const regions = regionsOf(d.holidayCountry);
      if (!Object.hasOwn(regions, d.holidayRegion)) {
        const known = Object.keys(regions);
        issues.push({
          path: 'holidayRegion',
          message: `"holidayRegion": "${d.holidayRegion}" is not a region of ${d.holidayCountry}${known.length ? ` (one of ${known.join(', ')})` : ' (it has no regions with their own holidays)'}.`,
        });
      }
    }
  }
  return issues;
}
