// SQL for business calendars and their stored holidays.
import { sql } from 'kysely';
import type { Trx } from '../../db/db.ts';
import type { Calendar } from '../../../../common/schemas/calendars.ts';

const CALENDAR_COLUMNS = ['id', 'name', 'time_zone', 'is_24x7', 'hours', 'holiday_country', 'holiday_region', 'created_at', 'updated_at'] as const;

export interface CalendarValues {
  name: string;
  time_zone: string;
  is_24x7: number;
  hours: string;
  holiday_country: string | null;
  holiday_region: string | null;
}

async function withUsage(
  db: Trx,
  rows: { id: number; name: string; time_zone: string; is_24x7: number; hours: string; holiday_country: string | null; holiday_region: string | null; created_at: string; updated_at: string }[],
): Promise<Calendar[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const policies = await db
    .selectFrom('sla_policies')
    .select(['calendar_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('calendar_id', 'in', ids)
    .groupBy('calendar_id')
    .execute();
  const rotations = await db
    .selectFrom('oncall_rotations')
    .select(['calendar_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('calendar_id', 'in', ids)
    .groupBy('calendar_id')
    .execute();
  const count = (list: { calendar_id: number | null; n: number }[], id: number) => Number(list.find((x) => x.calendar_id === id)?.n ?? 0);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    timeZone: r.time_zone,
    is24x7: Boolean(r.is_24x7),
    hours: JSON.parse(r.hours) as Calendar['hours'],
    holidayCountry: r.holiday_country,
    holidayRegion: r.holiday_region,
    usedBy: { policies: count(policies, r.id), rotations: count(rotations, r.id) },
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

export async function listCalendars(db: Trx): Promise<Calendar[]> {
  return withUsage(db, await db.selectFrom('calendars').select(CALENDAR_COLUMNS).orderBy('name').orderBy('id').execute());
}

export async function findCalendar(db: Trx, id: number): Promise<Calendar | undefined> {
  const row = await db.selectFrom('calendars').select(CALENDAR_COLUMNS).where('id', '=', id).executeTakeFirst();
  return row ? (await withUsage(db, [row]))[0] : undefined;
}

export function findCalendarByName(db: Trx, name: string) {
  return db.selectFrom('calendars').select(['id', 'name']).where(sql<boolean>`lower(name) = lower(${name})`).executeTakeFirst();
}

export async function insertCalendar(db: Trx, v: CalendarValues, at: string): Promise<number> {
  const row = await db.insertInto('calendars').values({ ...v, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateCalendar(db: Trx, id: number, v: CalendarValues, at: string): Promise<void> {
  await db.updateTable('calendars').set({ ...v, updated_at: at }).where('id', '=', id).execute();
}

export async function deleteCalendar(db: Trx, id: number): Promise<void> {
  await db.deleteFrom('calendars').where('id', '=', id).execute();
}

/** What refers to a calendar: policies and rotations by name, and tickets' running clocks. */
export async function findCalendarUsers(db: Trx, id: number) {
  const policies = await db.selectFrom('sla_policies').select(['id', 'name']).where('calendar_id', '=', id).orderBy('name').execute();
  const rotations = await db.selectFrom('oncall_rotations').select(['id', 'name']).where('calendar_id', '=', id).orderBy('name').execute();
  const clock = await db.selectFrom('ticket_sla').select('ticket_id').where('calendar_id', '=', id).limit(1).executeTakeFirst();
  return { policies, rotations, hasTicketClocks: clock !== undefined };
}

// ---- holidays ----

export interface HolidayRow {
  id: number;
  date: string;
  name: string;
  recurs_yearly: number;
  source: string;
}
const HOLIDAY_COLUMNS = ['id', 'date', 'name', 'recurs_yearly', 'source'] as const;

/** The stored holidays that fall in a year: dated in it, or recurring every year. */
export function listHolidaysOfYear(db: Trx, calendarId: number, year: number): Promise<HolidayRow[]> {
  return db
    .selectFrom('calendar_holidays')
    .select(HOLIDAY_COLUMNS)
    .where('calendar_id', '=', calendarId)
    .where((eb) => eb.or([eb.and([eb('date', '>=', `${year}-01-01`), eb('date', '<=', `${year}-12-31`)]), eb('recurs_yearly', '=', 1)]))
    .execute();
}

export function findHoliday(db: Trx, calendarId: number, id: number): Promise<HolidayRow | undefined> {
  return db.selectFrom('calendar_holidays').select(HOLIDAY_COLUMNS).where('calendar_id', '=', calendarId).where('id', '=', id).executeTakeFirst();
}

export function findHolidayByDate(db: Trx, calendarId: number, date: string): Promise<HolidayRow | undefined> {
  return db.selectFrom('calendar_holidays').select(HOLIDAY_COLUMNS).where('calendar_id', '=', calendarId).where('date', '=', date).executeTakeFirst();
}

/** Stored yearly holidays on this month and day (any year). */
export function findYearlyOnMonthDay(db: Trx, calendarId: number, monthDay: string): Promise<HolidayRow[]> {
  return db
    .selectFrom('calendar_holidays')
    .select(HOLIDAY_COLUMNS)
    .where('calendar_id', '=', calendarId)
    .where('recurs_yearly', '=', 1)
    .where('date', 'like', `%-${monthDay}`)
    .execute();
}

export async function insertHoliday(db: Trx, calendarId: number, h: { date: string; name: string; recursYearly: boolean; source: string }, at: string): Promise<number> {
  const row = await db
    .insertInto('calendar_holidays')
    .values({ calendar_id: calendarId, date: h.date, name: h.name, recurs_yearly: h.recursYearly ? 1 : 0, source: h.source, created_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function deleteHoliday(db: Trx, id: number): Promise<void> {
  await db.deleteFrom('calendar_holidays').where('id', '=', id).execute();
}

/** Inserts or updates holidays by date (one per calendar and date): how many of each. */
export async function upsertHolidays(
  db: Trx,
  calendarId: number,
  list: { date: string; name: string; recursYearly: boolean }[],
  source: string,
  at: string,
): Promise<{ imported: number; updated: number }> {
  if (list.length === 0) return { imported: 0, updated: 0 };
  const existing = new Set<string>();
  for (let i = 0; i < list.length; i += 500) {
    const dates = list.slice(i, i + 500).map((h) => h.date);
    const rows = await db.selectFrom('calendar_holidays').select('date').where('calendar_id', '=', calendarId).where('date', 'in', dates).execute();
    for (const r of rows) existing.add(r.date);
  }
  for (let i = 0; i < list.length; i += 500) {
    await db
      .insertInto('calendar_holidays')
      .values(list.slice(i, i + 500).map((h) => ({ calendar_id: calendarId, date: h.date, name: h.name, recurs_yearly: h.recursYearly ? 1 : 0, source, created_at: at })))
      .onConflict((oc) =>
        oc.columns(['calendar_id', 'date']).doUpdateSet((eb) => ({ name: eb.ref('excluded.name'), recurs_yearly: eb.ref('excluded.recurs_yearly'), source: eb.ref('excluded.source') })),
      )
      .execute();
  }
  const updated = list.filter((h) => existing.has(h.date)).length;
  return { imported: list.length - updated, updated };
}
