// Business calendars as the arithmetic needs them (business-time.ts), read from the database
// and kept for a few seconds: the SLA engine loads one on every ticket change. Another process
// may change a calendar, hence the short life; writes through this process forget at once.
import type { Db, Trx } from '../../db/db.ts';
import type { WeekHours } from '../../../../common/schemas/calendars.ts';
import { NotFound } from '../../lib/errors.ts';
import type { BusinessCalendar } from './business-time.ts';
import { publicHolidays } from './public-holidays.ts';

export type LoadedCalendar = BusinessCalendar & { id: number; name: string };

const TTL_MS = 5_000;

interface Entry {
  at: number;
  seq: number;
  cal: LoadedCalendar;
}
// One cache per database (keyed by its adapter, shared by the database and its transactions),
// so that two databases in one process never mix their ids.
const caches = new WeakMap<object, Map<number, Entry>>();
// A load that started before a forget must not be kept: entries remember when they began.
let seq = 0;
let forgotAll = 0;
const forgotten = new Map<number, number>();

function cacheOf(db: Db | Trx): Map<number, Entry> {
  const key = db.getExecutor().adapter;
  let cache = caches.get(key);
  if (!cache) caches.set(key, (cache = new Map()));
  return cache;
}

function isFresh(id: number, e: Entry): boolean {
  return Date.now() - e.at < TTL_MS && e.seq > forgotAll && e.seq > (forgotten.get(id) ?? 0);
}

/** Drops one calendar (or all) from this process's cache; call after a committed write. */
export function forgetCalendar(id?: number): void {
  seq += 1;
  if (id === undefined) forgotAll = seq;
  else forgotten.set(id, seq);
}

export async function loadBusinessCalendar(db: Db | Trx, id: number): Promise<LoadedCalendar> {
  const cache = cacheOf(db);
  const hit = cache.get(id);
  if (hit && isFresh(id, hit)) return hit.cal;
  const started = ++seq;
  const cal = await readCalendar(db, id);
  if (started > forgotAll && started > (forgotten.get(id) ?? 0)) cache.set(id, { at: Date.now(), seq: started, cal });
  return cal;
}

async function readCalendar(db: Db | Trx, id: number): Promise<LoadedCalendar> {
  const row = await db
    .selectFrom('calendars')
    .select(['id', 'name', 'time_zone', 'is_24x7', 'hours', 'holiday_country', 'holiday_region'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new NotFound(`Calendar ${id} does not exist.`);
  const holidays = await db.selectFrom('calendar_holidays').select(['date', 'recurs_yearly']).where('calendar_id', '=', id).execute();
  const dates = new Set<string>();
  const monthDays = new Set<string>();
  for (const h of holidays) {
    dates.add(h.date);
    if (h.recurs_yearly) monthDays.add(h.date.slice(5));
  }
  const country = row.holiday_country;
  const region = row.holiday_region;
  const ruleYears = new Map<number, Set<string>>();
  function isRuleHoliday(localDate: string): boolean {
    if (!country) return false;
    const year = Number(localDate.slice(0, 4));
    let set = ruleYears.get(year);
    if (!set) ruleYears.set(year, (set = new Set(publicHolidays(country, region, year).map((h) => h.date))));
    return set.has(localDate);
  }
  return {
    id: row.id,
    name: row.name,
    timeZone: row.time_zone,
    always: Boolean(row.is_24x7),
    hours: JSON.parse(row.hours) as WeekHours,
    isHoliday: (localDate) => dates.has(localDate) || monthDays.has(localDate.slice(5)) || isRuleHoliday(localDate),
  };
}
