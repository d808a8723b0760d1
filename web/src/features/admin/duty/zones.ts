// Time zones and date-time inputs, with the browser's Intl only (the zone list is the calendars').
export { timeZoneNames } from '../sla/calendars/zoned-time.ts';

/** The browser's own zone, named in hints ("times in your time zone, Europe/Paris"). */
export const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** A datetime-local value (the browser's zone) → an ISO 8601 instant; '' stays '' so the server names the field. */
export function localInputToIso(local: string): string {
  if (!local) return '';
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? local : d.toISOString();
}

/** An instant → a datetime-local value in the browser's zone. */
export function isoToLocalInput(iso: string | number): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}


/** A new rotation's first turn: the latest date on or before today (browser's zone) that falls on the ISO weekday (1 = Monday). */
export function lastWeekdayLocal(weekday: number): string {
  const d = new Date();
  const iso = d.getDay() === 0 ? 7 : d.getDay();
  d.setDate(d.getDate() - ((iso - weekday + 7) % 7));
  return isoToLocalInput(d.getTime()).slice(0, 10);
}
