// A country's (or region's) public holidays by rule, from date-holidays: Easter Monday,
// Ascension and Whit Monday move with Easter, so they are computed, never typed in.
import Holidays from 'date-holidays';
import { DateTime } from 'luxon';

export interface RuleHoliday {
  date: string; // YYYY-MM-DD, local to the country
  name: string;
}

const instances = new Map<string, Holidays>();
// Holidays of one country, region and year never change: computed once per process.
const byYear = new Map<string, readonly RuleHoliday[]>();

function instanceFor(country: string, region: string | null): Holidays {
  const key = `${country}|${region ?? ''}`;
  let hd = instances.get(key);
  if (!hd) {
    hd = region ? new Holidays(country, region) : new Holidays(country);
    instances.set(key, hd);
  }
  return hd;
}

/** The public holidays of a year, one entry per day (a holiday lasting several days gives several). */
export function publicHolidays(country: string, region: string | null, year: number): readonly RuleHoliday[] {
  const key = `${country}|${region ?? ''}|${year}`;
  const cached = byYear.get(key);
  if (cached) return cached;
  const days = new Map<string, string>();
  for (const h of instanceFor(country, region).getHolidays(year) ?? []) {
    if (h.type !== 'public') continue;
    const first = DateTime.fromISO(h.date.slice(0, 10), { zone: 'UTC' });
    const span = Math.max(1, Math.round((h.end.getTime() - h.start.getTime()) / 86_400_000));
    for (let i = 0; i < span; i++) {
      const date = first.plus({ days: i }).toISODate()!;
      if (!days.has(date)) days.set(date, h.name);
    }
  }
  const list = [...days].map(([date, name]) => ({ date, name })).sort((a, b) => a.date.localeCompare(b.date));
  if (byYear.size > 5_000) byYear.clear();
  byYear.set(key, list);
  return list;
}

export function isKnownCountry(country: string): boolean {
  return Object.hasOwn(new Holidays().getCountries('en'), country);
}

/** The regions (date-holidays "states") of a country, code → name. */
export function regionsOf(country: string): Record<string, string> {
  return new Holidays().getStates(country, 'en') ?? {};
}
