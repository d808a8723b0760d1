// SLA policies (targets per priority in business time, warning and breach actions), client
// contracts that choose a policy, and the SLA state every ticket carries.
import { z } from 'zod';
import { LIMITS } from '../enums.ts';
import { dbId, isoDateTime } from './shared.ts';
import { localDate } from './calendars.ts';

const name = z.string().trim().min(1).max(LIMITS.name);
export const SLA_METRICS = ['firstResponse', 'resolution', 'nextResponse'] as const;
export type SlaMetric = (typeof SLA_METRICS)[number];
export const SLA_ACTIONS = ['notify_assignee', 'notify_group', 'notify_supervisors', 'raise_priority', 'reassign', 'escalate'] as const;
export type SlaActionKind = (typeof SLA_ACTIONS)[number];

const minutes = z.number().int().min(1).max(525_600 * 2); // up to two years
export const priorityTargets = z
  .object({ firstResponse: minutes, resolution: minutes, nextResponse: minutes.nullable().default(null) })
  .strict();
/** Per priority 1..5 (P1..P5). Every priority needs targets. */
export const slaTargets = z.object({ 1: priorityTargets, 2: priorityTargets, 3: priorityTargets, 4: priorityTargets, 5: priorityTargets }).strict();
export type SlaTargets = z.infer<typeof slaTargets>;

export const slaAction = z
  .object({
    on: z.enum(['warning', 'breach']),
    metric: z.enum([...SLA_METRICS, 'any']),
    do: z.enum(SLA_ACTIONS),
    /** reassign: to this group (required); escalate: to this group (else the first group of the next tier). */
    groupId: dbId.optional(),
  })
  .strict();
export type SlaAction = z.infer<typeof slaAction>;

export const createPolicyBody = z
  .object({
    name,
    description: z.string().trim().max(2000).default(''),
    calendarId: dbId,
    isDefault: z.boolean().default(false),
    targets: slaTargets,
    warnPercent: z.number().int().min(1).max(99).default(80).describe('A warning fires when this share of a target has elapsed'),
    actions: z.array(slaAction).max(30).default([]),
  })
  .strict();
export type CreatePolicyInput = z.infer<typeof createPolicyBody>;
export const updatePolicyBody = z
  .object({
    name: name.optional(),
    description: z.string().trim().max(2000).optional(),
    calendarId: dbId.optional(),
    isDefault: z.literal(true).optional().describe('Makes this the default; to change the default, set it on another policy'),
    targets: slaTargets.optional(),
    warnPercent: z.number().int().min(1).max(99).optional(),
    actions: z.array(slaAction).max(30).optional(),
  })
  .strict();
export type UpdatePolicyInput = z.infer<typeof updatePolicyBody>;

export const policySchema = z.object({
  id: z.number(),
  name: z.string(),
  description: z.string(),
  calendar: z.object({ id: z.number(), name: z.string() }),
  isDefault: z.boolean(),
  targets: z.record(z.string(), z.object({ firstResponse: z.number(), resolution: z.number(), nextResponse: z.number().nullable() })),
  warnPercent: z.number(),
  actions: z.array(slaAction),
  contracts: z.number().describe('Contracts using it'),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type SlaPolicy = z.infer<typeof policySchema>;

export const createContractBody = z
  .object({
    organisationId: dbId,
    name,
    policyId: dbId,
    startsOn: localDate.nullable().default(null),
    endsOn: localDate.nullable().default(null),
    notes: z.string().trim().max(5000).default(''),
  })
  .strict();
export type CreateContractInput = z.infer<typeof createContractBody>;
export const updateContractBody = z
  .object({
    name: name.optional(),
    policyId: dbId.optional(),
    startsOn: localDate.nullable().optional(),
    endsOn: localDate.nullable().optional(),
    notes: z.string().trim().max(5000).optional(),
  })
  .strict();
export type UpdateContractInput = z.infer<typeof updateContractBody>;
export const contractSchema = z.object({
  id: z.number(),
  organisation: z.object({ id: z.number(), name: z.string() }),
  name: z.string(),
  policy: z.object({ id: z.number(), name: z.string() }),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  notes: z.string(),
  /** In force today. */
  active: z.boolean(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type Contract = z.infer<typeof contractSchema>;
export const contractsQuery = z.object({ organisationId: z.coerce.number().int().positive().optional() }).strict();

export const slaMetricState = z.object({
  targetMinutes: z.number(),
  dueAt: isoDateTime.nullable(),
  metAt: isoDateTime.nullable(),
  breached: z.boolean(),
  breachedAt: isoDateTime.nullable(),
  warnedAt: isoDateTime.nullable(),
});
export type SlaMetricState = z.infer<typeof slaMetricState>;
/** GET /tickets/{id} → sla. The clock is paused while pending and once resolved. */
export const ticketSlaSchema = z.object({
  policy: z.object({ id: z.number(), name: z.string() }),
  calendar: z.object({ id: z.number(), name: z.string(), timeZone: z.string(), is24x7: z.boolean() }),
  priority: z.number().describe('The priority the targets were computed for'),
  paused: z.boolean(),
  pausedSince: isoDateTime.nullable(),
  firstResponse: slaMetricState,
  resolution: slaMetricState,
  /** Only when the policy has a next-response target and the requester is waiting for an answer. */
  nextResponse: slaMetricState.nullable(),
  /** The earliest unmet due time while the clock runs (the queues sort on it). */
  nextDueAt: isoDateTime.nullable(),
});
export type TicketSla = z.infer<typeof ticketSlaSchema>;
