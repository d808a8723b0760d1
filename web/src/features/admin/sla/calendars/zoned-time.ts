// Wall-clock times in a calendar's own time zone, with the browser's Intl only (the check box
// reads "2027-03-26T17:00 in Europe/Paris", whatever zone the admin's computer is in).
import { intlLocale } from '../local-date.ts';

/** The zone's offset from UTC at an instant, in minutes (Paris in summer: 120). */
function offsetMinutes(timeZone: string, instant: number): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(instant);
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60_000);
}

/**
 * "2027-03-26T17:00" read in the zone → an ISO 8601 instant with offset. A time skipped by a
 * change to summer time lands just after the gap; a repeated one takes its first occurrence.
 */
export function zonedWallTimeToIso(local: string, timeZone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(local);
  if (!m) return null;
  const wall = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]);
  // Two rounds settle the offset on either side of a change.
  let instant = wall - offsetMinutes(timeZone, wall) * 60_000;
  instant = wall - offsetMinutes(timeZone, instant) * 60_000;
  return new Date(instant).toISOString();
}

/** The browser's present time as a datetime-local value in the zone. */
export function nowInZone(timeZone: string, now = Date.now()): string {
  const shifted = new Date(now + offsetMinutes(timeZone, now) * 60_000);
  return shifted.toISOString().slice(0, 16);
}

export function formatInZone(iso: string, timeZone: string, lang: string): string {
  return new Intl.DateTimeFormat(intlLocale(lang), { timeZone, dateStyle: 'full', timeStyle: 'short' }).format(new Date(iso));
}

/** Whether the runtime knows the zone (the server answers the same question for good). */
export function isKnownZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

let zones: string[] | null = null;
/** Every IANA zone the browser knows, for the time-zone suggestions. */
export function timeZoneNames(): string[] {
  if (!zones) {
    const listed = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
    zones = listed.includes('UTC') ? listed : ['UTC', ...listed];
  }
  return zones;
}
