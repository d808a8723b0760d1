// Weekly hours (a calendar's opening hours, an agent's shift) as the form edits them: every
// weekday present (1 = Monday … 7 = Sunday), each a list of [from, to] pairs typed as HH:MM
// text ("24:00" ends a day at midnight, which a time input cannot express).
import type { WeekHours } from '../../../../../common/schemas/calendars.ts';
import { intlLocale } from '../sla/local-date.ts';

export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export type Range = [string, string];
export type EditableWeek = Record<Weekday, Range[]>;

export const CLOCK_PATTERN = '(?:[01]\\d|2[0-3]):[0-5]\\d|24:00';

export function editableWeek(hours: Record<string, [string, string][]> | undefined): EditableWeek {
  const week = {} as EditableWeek;
  for (const d of WEEKDAYS) week[d] = (hours?.[String(d)] ?? []).map(([a, b]) => [a, b] as Range);
  return week;
}

/** The body's shape; every day is sent, so a day emptied in the form is closed on the server. */
export function weekHoursBody(week: EditableWeek): WeekHours {
  const body: WeekHours = {};
  for (const d of WEEKDAYS) body[d] = week[d].map(([a, b]) => [a.trim(), b.trim()] as [string, string]);
  return body;
}

/** The next range to offer on a day: after its last one, else the usual working day. */
export function nextRange(day: Range[]): Range {
  const last = day[day.length - 1];
  if (!last) return ['09:00', '17:00'];
  const [h] = last[1].split(':').map(Number);
  if (!Number.isFinite(h) || h >= 23) return [last[1], '24:00'];
  return [last[1], `${String(h + 1).padStart(2, '0')}:00`];
}

export function copyMondayToWeekdays(week: EditableWeek): EditableWeek {
  const monday = week[1];
  return { ...week, 2: clone(monday), 3: clone(monday), 4: clone(monday), 5: clone(monday) };
}

const clone = (ranges: Range[]): Range[] => ranges.map(([a, b]) => [a, b]);

/** "09:00–12:30, 13:30–18:00" for one day, or null when closed. */
export function dayText(ranges: [string, string][] | undefined): string | null {
  return ranges && ranges.length > 0 ? ranges.map(([a, b]) => `${a}–${b}`).join(', ') : null;
}

/** Weekday names in the given language, Monday first (2024-01-01 was a Monday). */
export function weekdayNames(lang: string, width: 'long' | 'short' = 'long'): Record<Weekday, string> {
  const f = new Intl.DateTimeFormat(intlLocale(lang), { weekday: width, timeZone: 'UTC' });
  const names = {} as Record<Weekday, string>;
  for (const d of WEEKDAYS) names[d] = capitalise(f.format(Date.UTC(2024, 0, d)));
  return names;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Days with the same hours grouped: ["Mon–Fri 09:00–12:30, 13:30–18:00", "Sat 10:00–12:00"]. */
export function weekSummary(hours: Record<string, [string, string][]>, names: Record<Weekday, string>): string[] {
  const lines: string[] = [];
  let start = 0;
  for (let i = 0; i < WEEKDAYS.length; i++) {
    const text = dayText(hours[String(WEEKDAYS[i])]);
    if (i + 1 < WEEKDAYS.length && dayText(hours[String(WEEKDAYS[i + 1])]) === text) continue;
    const [first, last] = [WEEKDAYS[start], WEEKDAYS[i]];
    if (text) lines.push(`${first === last ? names[first] : `${names[first]}–${names[last]}`} ${text}`);
    start = i + 1;
  }
  return lines;
}
