// Business calendars: a time zone, opening hours per weekday and holidays (entered by hand,
// recurring yearly, imported from iCalendar, or a country's public holidays by rule).
import { z } from 'zod';
import { LIMITS } from '../enums.ts';
import { dbId, isoDateTime } from './shared.ts';

const name = z.string().trim().min(1).max(LIMITS.name);
/** HH:MM on a 24-hour clock; "24:00" ends a range at midnight. */
export const clockTime = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'a time of day as HH:MM, 00:00 to 24:00');
/** Ranges must be ordered, non-empty and not overlap. */
export const timeRange = z.tuple([clockTime, clockTime]);
const dayRanges = z.array(timeRange).max(12);
/** Opening hours per ISO weekday: "1" is Monday, "7" Sunday. A missing day is closed. */
export const weekHours = z
  .object({ 1: dayRanges, 2: dayRanges, 3: dayRanges, 4: dayRanges, 5: dayRanges, 6: dayRanges, 7: dayRanges })
  .partial()
  .strict();
export type WeekHours = z.infer<typeof weekHours>;
/** An IANA zone name such as Europe/Paris; checked against the runtime's zone database. */
export const timeZone = z.string().trim().min(1).max(64);
export const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');

export const createCalendarBody = z
  .object({
    name,
    timeZone,
    is24x7: z.boolean().default(false),
    hours: weekHours.default({}),
    holidayCountry: z.string().trim().toUpperCase().length(2).nullable().default(null).describe('Public holidays by rule, e.g. FR'),
    holidayRegion: z.string().trim().max(10).nullable().default(null).describe('A region of that country, e.g. 57 (Moselle)'),
  })
  .strict();
export type CreateCalendarInput = z.infer<typeof createCalendarBody>;
export const updateCalendarBody = z
  .object({
    name: name.optional(),
    timeZone: timeZone.optional(),
    is24x7: z.boolean().optional(),
    hours: weekHours.optional(),
    holidayCountry: z.string().trim().toUpperCase().length(2).nullable().optional(),
    holidayRegion: z.string().trim().max(10).nullable().optional(),
  })
  .strict();
export type UpdateCalendarInput = z.infer<typeof updateCalendarBody>;

export const calendarSchema = z.object({
  id: z.number(),
  name: z.string(),
  timeZone: z.string(),
  is24x7: z.boolean(),
  hours: z.record(z.string(), z.array(z.tuple([z.string(), z.string()]))),
  holidayCountry: z.string().nullable(),
  holidayRegion: z.string().nullable(),
  /** Policies and rotations using it: a calendar in use cannot be deleted. */
  usedBy: z.object({ policies: z.number(), rotations: z.number() }),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type Calendar = z.infer<typeof calendarSchema>;

export const createHolidayBody = z
  .object({ date: localDate, name, recursYearly: z.boolean().default(false) })
  .strict();
export type CreateHolidayInput = z.infer<typeof createHolidayBody>;
export const holidaySchema = z.object({
  id: z.number().nullable().describe('null for a holiday computed by rule'),
  date: z.string(),
  name: z.string(),
  recursYearly: z.boolean(),
  source: z.enum(['manual', 'ics', 'rule']),
});
export type Holiday = z.infer<typeof holidaySchema>;
/** GET /calendars/{id}/holidays?year=2027: the stored ones plus the rule-based ones for that year. */
export const holidaysQuery = z.object({ year: z.coerce.number().int().min(1970).max(2200).optional() }).strict();
export const holidaysResponse = z.object({ year: z.number(), items: z.array(holidaySchema) });

/** POST /calendars/{id}/holidays/import: an iCalendar file's text (all-day events become holidays). */
export const importHolidaysBody = z.object({ ics: z.string().min(1).max(2_000_000) }).strict();
export const importHolidaysResponse = z.object({ imported: z.number(), updated: z.number(), skipped: z.array(z.object({ summary: z.string(), reason: z.string() })) });

/** GET /calendars/{id}/business-time?from=&to= or ?from=&addMinutes=: the calendar's arithmetic, for admins checking a setup. */
export const businessTimeQuery = z
  .object({ from: z.string().datetime({ offset: true }), to: z.string().datetime({ offset: true }).optional(), addMinutes: z.coerce.number().int().min(0).max(10_000_000).optional() })
  .strict();
export const businessTimeResponse = z.object({ from: isoDateTime, to: isoDateTime, businessMinutes: z.number(), openNow: z.boolean() });

export const calendarIdBody = z.object({ calendarId: dbId }).strict();
