// On-call rotations (who is paged outside business hours), their pages and
// acknowledgements, and "who is on duty now".
import { z } from 'zod';
import { LIMITS } from '../enums.ts';
import { dbId, isoDateTime, userRef } from './shared.ts';
import { clockTime, localDate, timeZone } from './calendars.ts';

const name = z.string().trim().min(1).max(LIMITS.name);
const webhookUrl = z.string().trim().url().max(2000).refine((u) => /^https?:\/\//i.test(u), 'an http(s) URL');

export const createRotationBody = z
  .object({
    name,
    groupId: dbId.nullable().default(null).describe('Pages for this group’s tickets; null: every ticket'),
    calendarId: dbId.nullable().default(null).describe('On call while this calendar is closed; null: always'),
    timeZone,
    period: z.enum(['daily', 'weekly']).default('weekly'),
    handoverWeekday: z.number().int().min(1).max(7).default(1),
    handoverTime: clockTime.default('09:00'),
    startsOn: localDate,
    ackMinutes: z.number().int().min(1).max(1440).default(15),
    webhookUrl: webhookUrl.nullable().default(null),
    isActive: z.boolean().default(true),
    memberIds: z.array(dbId).max(100).default([]).describe('In rotation order'),
  })
  .strict();
export type CreateRotationInput = z.infer<typeof createRotationBody>;
export const updateRotationBody = z
  .object({
    name: name.optional(),
    groupId: dbId.nullable().optional(),
    calendarId: dbId.nullable().optional(),
    timeZone: timeZone.optional(),
    period: z.enum(['daily', 'weekly']).optional(),
    handoverWeekday: z.number().int().min(1).max(7).optional(),
    handoverTime: clockTime.optional(),
    startsOn: localDate.optional(),
    ackMinutes: z.number().int().min(1).max(1440).optional(),
    webhookUrl: webhookUrl.nullable().optional(),
    isActive: z.boolean().optional(),
    memberIds: z.array(dbId).max(100).optional(),
  })
  .strict();
export type UpdateRotationInput = z.infer<typeof updateRotationBody>;

export const rotationSchema = z.object({
  id: z.number(),
  name: z.string(),
  group: z.object({ id: z.number(), name: z.string() }).nullable(),
  calendar: z.object({ id: z.number(), name: z.string() }).nullable(),
  timeZone: z.string(),
  period: z.enum(['daily', 'weekly']),
  handoverWeekday: z.number(),
  handoverTime: z.string(),
  startsOn: z.string(),
  ackMinutes: z.number(),
  webhookUrl: z.string().nullable(),
  isActive: z.boolean(),
  members: z.array(userRef),
  /** Who is on call now (override included), and until when. */
  current: z.object({ user: userRef, until: isoDateTime, override: z.boolean() }).nullable(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type Rotation = z.infer<typeof rotationSchema>;

const instant = z.string().datetime({ offset: true });
export const createOncallOverrideBody = z.object({ userId: dbId, startsAt: instant, endsAt: instant, note: z.string().trim().max(500).default('') }).strict();
export type CreateOncallOverrideInput = z.infer<typeof createOncallOverrideBody>;
export const oncallOverrideSchema = z.object({ id: z.number(), rotationId: z.number(), user: userRef, startsAt: isoDateTime, endsAt: isoDateTime, note: z.string() });
export type OncallOverride = z.infer<typeof oncallOverrideSchema>;

/** GET /oncall/schedule?rotationId=&from=&to=: who is on call, period by period. */
export const oncallScheduleQuery = z.object({ from: instant.optional(), days: z.coerce.number().int().min(1).max(92).default(28) }).strict();
export const oncallScheduleResponse = z.object({ items: z.array(z.object({ user: userRef, from: isoDateTime, to: isoDateTime, override: z.boolean() })) });

/** GET /oncall/now */
export const oncallNowResponse = z.object({
  at: isoDateTime,
  onDuty: z.array(
    z.object({
      user: userRef,
      groups: z.array(z.object({ id: z.number(), name: z.string(), tier: z.number() })),
      /** When the current shift (or override) ends; null when the agent has no shift pattern (always counted on duty). */
      until: isoDateTime.nullable(),
      source: z.enum(['shift', 'override', 'no_pattern']),
    }),
  ),
  onCall: z.array(
    z.object({
      rotation: z.object({ id: z.number(), name: z.string() }),
      group: z.object({ id: z.number(), name: z.string() }).nullable(),
      user: userRef,
      until: isoDateTime,
      override: z.boolean(),
      /** False while the rotation's calendar is open (business hours: the shift covers it). */
      active: z.boolean(),
    }),
  ),
});
export type OncallNow = z.infer<typeof oncallNowResponse>;

export const pageSchema = z.object({
  id: z.number(),
  ticket: z.object({ id: z.number(), number: z.number(), title: z.string() }),
  rotation: z.object({ id: z.number(), name: z.string() }),
  user: userRef,
  level: z.number(),
  reason: z.string(),
  sentAt: isoDateTime,
  ackedAt: isoDateTime.nullable(),
  ackedBy: userRef.nullable(),
});
export type Page = z.infer<typeof pageSchema>;
/** GET /oncall/pages?ticketId=&open=true */
export const pagesQuery = z.object({ ticketId: z.coerce.number().int().positive().optional(), open: z.enum(['true', 'false']).optional() }).strict();
