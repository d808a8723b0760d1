// Agents' shifts: a weekly pattern in the agent's own time zone, plus one-off changes
// (extra duty, absence). Together they say who is on duty at a given instant.
import { z } from 'zod';
import { dbId, isoDateTime, userRef } from './shared.ts';
import { timeZone, weekHours } from './calendars.ts';

export const setShiftBody = z.object({ timeZone, hours: weekHours }).strict();
export type SetShiftInput = z.infer<typeof setShiftBody>;
export const shiftSchema = z.object({
  user: userRef,
  timeZone: z.string(),
  hours: z.record(z.string(), z.array(z.tuple([z.string(), z.string()]))),
  updatedAt: isoDateTime,
});
export type Shift = z.infer<typeof shiftSchema>;

const instant = z.string().datetime({ offset: true });
export const createShiftOverrideBody = z
  .object({ userId: dbId, kind: z.enum(['on', 'off']), startsAt: instant, endsAt: instant, note: z.string().trim().max(500).default('') })
  .strict();
export type CreateShiftOverrideInput = z.infer<typeof createShiftOverrideBody>;
export const shiftOverrideSchema = z.object({
  id: z.number(),
  user: userRef,
  kind: z.enum(['on', 'off']),
  startsAt: isoDateTime,
  endsAt: isoDateTime,
  note: z.string(),
});
export type ShiftOverride = z.infer<typeof shiftOverrideSchema>;
/** GET /shift-overrides?from=&to=&userId= (default: from now on). */
export const shiftOverridesQuery = z.object({ from: instant.optional(), to: instant.optional(), userId: z.coerce.number().int().positive().optional() }).strict();
