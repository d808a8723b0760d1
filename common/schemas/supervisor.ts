// The supervisor's view of the open backlog, and bulk reassignment.
import { z } from 'zod';
import { PRIORITIES, TICKET_STATUSES } from '../enums.ts';
import { dbId, isoDateTime } from './shared.ts';

/** Age of an open ticket since it was created: under 4 h, 4–24 h, 1–3 days, 3–7 days, over 7 days. */
export const AGE_BUCKETS = ['lt4h', 'h4to24', 'd1to3', 'd3to7', 'gt7d'] as const;
export type AgeBucket = (typeof AGE_BUCKETS)[number];

const groupRef = z.object({ id: z.number(), name: z.string(), tier: z.number() });
const ref = z.object({ id: z.number(), name: z.string() });
const perPriority = z.object({ P1: z.number(), P2: z.number(), P3: z.number(), P4: z.number(), P5: z.number() });

export const supervisorOverview = z.object({
  generatedAt: isoDateTime,
  totalOpen: z.number(),
  unassigned: z.number(),
  byGroup: z.array(z.object({ group: groupRef.nullable().describe('null: tickets in no group'), open: z.number(), unassigned: z.number() })),
  byTier: z.array(z.object({ tier: z.number(), open: z.number() })),
  byPriority: z.array(z.object({ priority: z.enum(PRIORITIES), open: z.number() })),
  byAge: z.array(z.object({ bucket: z.enum(AGE_BUCKETS), open: z.number() })),
  oldest: z
    .array(
      z.object({
        id: z.number(),
        number: z.number(),
        title: z.string(),
        priority: z.enum(PRIORITIES),
        status: z.enum(TICKET_STATUSES),
        group: groupRef.nullable(),
        assignee: ref.nullable(),
        organisation: ref.nullable(),
        createdAt: isoDateTime,
      }),
    )
    .describe('the 20 oldest open tickets, oldest first'),
  agents: z
    .array(
      z.object({
        id: z.number(),
        name: z.string(),
        email: z.string(),
        groups: z.array(groupRef),
        open: z.number().describe('open tickets assigned to them, pending included'),
        pending: z.number(),
        byPriority: perPriority,
      }),
    )
    .describe('every active user with the agent role, with the open tickets assigned to them'),
});
export type SupervisorOverview = z.infer<typeof supervisorOverview>;

export const REASSIGN_MAX = 200;

export const reassignBody = z
  .object({
    ticketIds: z.array(dbId).min(1).max(REASSIGN_MAX),
    groupId: dbId.nullable().optional(),
    assigneeId: dbId.nullable().optional(),
  })
  .strict()
  .refine((b) => b.groupId !== undefined || b.assigneeId !== undefined, 'name a groupId or an assigneeId (null clears it)');
export type ReassignInput = z.infer<typeof reassignBody>;

export const reassignResponse = z.object({
  updated: z.array(z.number()),
  failed: z.array(z.object({ id: z.number(), status: z.number(), detail: z.string() })),
});
export type ReassignResult = z.infer<typeof reassignResponse>;
