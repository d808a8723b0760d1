// A calendar's holidays: stored ones (by hand or from an iCalendar file) and, for a calendar
// with a country, the public holidays computed by rule for the year asked.
import { DateTime } from 'luxon';
import type { Deps } from '../../lib/deps.ts';
import type { Actor } from '../../lib/actor.ts';
import { isoNow } from '../../lib/clock.ts';
import { recordAudit } from '../../lib/audit.ts';
import { isUniqueViolation } from '../../lib/db-errors.ts';
import { Conflict, NotFound, Unprocessable } from '../../lib/errors.ts';
import type { CreateHolidayInput, Holiday } from '../../../../common/schemas/calendars.ts';
import { forgetCalendar } from './calendar-cache.ts';
import { isLocalDate } from './calendar-rules.ts';
import { findCalendarOrFail } from './calendars.service.ts';
import { IcsError, parseHolidayIcs } from './ics-import.ts';
import { publicHolidays } from './public-holidays.ts';
import * as repo from './calendars.repo.ts';

/** Recurrences other than yearly are expanded this far ahead. */
const ICS_EXPANSION_YEARS = 5;

type Source = Holiday['source'];
const sourceOf = (s: string): Source => (s === 'ics' ? 'ics' : 'manual');

function toHoliday(r: repo.HolidayRow, year?: number): Holiday {
  // A yearly holiday is shown on its day in the year asked for.
  const date = year !== undefined && r.recurs_yearly ? `${year}${r.date.slice(4)}` : r.date;
  return { id: r.id, date, name: r.name, recursYearly: Boolean(r.recurs_yearly), source: sourceOf(r.source) };
}

export async function listHolidays(deps: Deps, calendarId: number, year?: number): Promise<{ year: number; items: Holiday[] }> {
  const cal = await findCalendarOrFail(deps.db, calendarId);
  const y = year ?? DateTime.fromJSDate(deps.clock.now(), { zone: cal.timeZone }).year;
  const stored = (await repo.listHolidaysOfYear(deps.db, calendarId, y))
    .map((r) => toHoliday(r, y))
    .filter((h) => isLocalDate(h.date)); // 29 February recurs in leap years only
  const rules: Holiday[] = cal.holidayCountry
    ? publicHolidays(cal.holidayCountry, cal.holidayRegion, y).map((h) => ({ id: null, date: h.date, name: h.name, recursYearly: false, source: 'rule' as const }))
    : [];
  const order: Record<Source, number> = { manual: 0, ics: 1, rule: 2 };
  const items = [...stored, ...rules].sort((a, b) => a.date.localeCompare(b.date) || order[a.source] - order[b.source] || a.name.localeCompare(b.name));
  return { year: y, items };
}

export async function addHoliday(deps: Deps, actor: Actor, calendarId: number, input: CreateHolidayInput): Promise<Holiday> {
  if (!isLocalDate(input.date)) throw new Unprocessable(`"date": ${input.date} is not a day of the calendar.`, { errors: [{ path: 'date', message: 'not a day of the calendar' }] });
  const at = isoNow(deps.clock);
  try {
    const result = await deps.db.transaction().execute(async (trx) => {
      const cal = await findCalendarOrFail(trx, calendarId);
      const same = await repo.findHolidayByDate(trx, calendarId, input.date);
      if (same) throw new Conflict(`Calendar "${cal.name}" already has a holiday on ${input.date}: "${same.name}" (id ${same.id}).`, { holidayId: same.id });
      if (input.recursYearly) {
        const yearly = (await repo.findYearlyOnMonthDay(trx, calendarId, input.date.slice(5)))[0];
        if (yearly) throw new Conflict(`Calendar "${cal.name}" already has "${yearly.name}" (id ${yearly.id}) on ${input.date.slice(5)} every year.`, { holidayId: yearly.id });
      }
      const id = await repo.insertHoliday(trx, calendarId, { ...input, source: 'manual' }, at);
      await recordAudit(trx, actor, at, { action: 'calendar.holiday.create', entityType: 'calendar', entityId: calendarId, data: { holidayId: id, ...input } });
      return { id, date: input.date, name: input.name, recursYearly: input.recursYearly, source: 'manual' as const };
    });
    forgetCalendar(calendarId);
    return result;
  } catch (err) {
    if (isUniqueViolation(err)) throw new Conflict(`The calendar already has a holiday on ${input.date}.`);
    throw err;
  }
}

export async function deleteHoliday(deps: Deps, actor: Actor, calendarId: number, holidayId: number): Promise<void> {
  const at = isoNow(deps.clock);
  await deps.db.transaction().execute(async (trx) => {
    const cal = await findCalendarOrFail(trx, calendarId);
    const h = await repo.findHoliday(trx, calendarId, holidayId);
    if (!h) throw new NotFound(`Calendar "${cal.name}" has no holiday ${holidayId}.`);
    await repo.deleteHoliday(trx, holidayId);
    await recordAudit(trx, actor, at, { action: 'calendar.holiday.delete', entityType: 'calendar', entityId: calendarId, data: toHoliday(h) });
  });
  forgetCalendar(calendarId);
}

/** Stores the all-day events of an iCalendar file as holidays; importing it again updates them. */
export async function importHolidays(deps: Deps, actor: Actor, calendarId: number, ics: string) {
  const at = isoNow(deps.clock);
  const result = await deps.db.transaction().execute(async (trx) => {
    const cal = await findCalendarOrFail(trx, calendarId);
    const today = DateTime.fromJSDate(deps.clock.now(), { zone: cal.timeZone });
    let parsed;
    try {
      parsed = parseHolidayIcs(ics, { from: today.startOf('year').toISODate()!, until: today.plus({ years: ICS_EXPANSION_YEARS }).toISODate()! });
    } catch (err) {
      if (err instanceof IcsError) throw new Unprocessable(`"ics": ${err.message}`);
      throw err;
    }
    const counts = await repo.upsertHolidays(trx, calendarId, parsed.holidays, 'ics', at);
    await recordAudit(trx, actor, at, {
      action: 'calendar.holidays.import',
      entityType: 'calendar',
      entityId: calendarId,
      data: { ...counts, skipped: parsed.skipped.length, dates: parsed.holidays.length ? [parsed.holidays[0]!.date, parsed.holidays.at(-1)!.date] : [] },
    });
    return { ...counts, skipped: parsed.skipped };
  });
  forgetCalendar(calendarId);
  return result;
}
