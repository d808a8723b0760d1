// Ticket requests and responses: the API's edge, shared with the web app.
import { z } from 'zod';
import { CHANNELS, LIMITS, PENDING_REASONS, PRIORITIES, TICKET_STATUSES, TICKET_TYPES } from '../enums.ts';
import { dbId, dbIdString, email, isoDateTime, pageOf, userRef } from './shared.ts';
import { ticketSlaSchema } from './sla.ts';
import { ATTACHMENT_LIMITS } from './attachments.ts';

const title = z.string().trim().min(1, 'must not be empty').max(LIMITS.title);
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);
const level = z.number().int().min(1).max(4);
const categoryRef = z
  .union([dbId, z.string().trim().min(1).max(500)])
  .describe('a category id, or its path such as "Hardware / Laptop"');

export const createTicketBody = z
  .object({
    title,
    description: text(LIMITS.description),
    requester: z.object({ email, name: z.string().trim().min(1).max(LIMITS.name).optional() }).strict().optional(),
    requesterId: dbId.optional(),
    type: z.enum(TICKET_TYPES).optional(),
    impact: level.optional(),
    urgency: level.optional(),
    category: categoryRef.nullable().optional(),
    channel: z.enum(CHANNELS).optional(),
    groupId: dbId.nullable().optional(),
    assigneeId: dbId.nullable().optional(),
  })
  .strict();
export type CreateTicketInput = z.infer<typeof createTicketBody>;

export const resolutionRecord = z
  .object({
    symptoms: text(LIMITS.resolutionField),
    diagnosis: text(LIMITS.resolutionField),
    actions: text(LIMITS.resolutionField),
    result: text(LIMITS.resolutionField),
    code: z.string().trim().min(1).max(LIMITS.code).optional(),
  })
  .strict();
export type ResolutionInput = z.infer<typeof resolutionRecord>;

export const updateTicketBody = z
  .object({
    title: title.optional(),
    description: text(LIMITS.description).optional(),
    type: z.enum(TICKET_TYPES).optional(),
    impact: level.optional(),
    urgency: level.optional(),
    priority: z.enum(PRIORITIES).nullable().optional().describe('override the matrix (needs priorityReason); null returns to the matrix'),
    priorityReason: z.string().trim().min(1).max(500).optional(),
    category: categoryRef.nullable().optional(),
    channel: z.enum(CHANNELS).optional(),
    status: z.enum(TICKET_STATUSES).optional(),
    pendingReason: z.enum(PENDING_REASONS).optional(),
    groupId: dbId.nullable().optional(),
    assigneeId: dbId.nullable().optional(),
    resolution: resolutionRecord.partial().optional().describe('a draft of the resolution record; complete it to resolve'),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'send at least one field to change');
export type UpdateTicketInput = z.infer<typeof updateTicketBody>;

export const replyBody = z
  .object({
    body: text(LIMITS.body),
    internal: z.boolean().default(false),
    status: z.enum(['new', 'assigned', 'in_progress', 'pending']).optional().describe('move the ticket in the same step (staff)'),
    pendingReason: z.enum(PENDING_REASONS).optional(),
    attachmentIds: z
      .array(dbId)
      .max(ATTACHMENT_LIMITS.filesPerUpload)
      .optional()
      .describe(
        "files already attached to this ticket (POST /tickets/{id}/attachments) that go with this message; an agent's public reply mails them to the requester and CCs, and a public message may name only public files",
      ),
  })
  .strict();
export type ReplyInput = z.infer<typeof replyBody>;

export const noteBody = z.object({ body: text(LIMITS.body) }).strict();

export const assignBody = z
  .object({
    assigneeId: dbId.nullable().optional().describe('omit both fields to take the ticket yourself'),
    groupId: dbId.nullable().optional(),
  })
  .strict();
export type AssignInput = z.infer<typeof assignBody>;

export const escalateBody = z
  .object({
    tier: z.number().int().min(1).max(3).optional(),
    groupId: dbId.optional(),
    note: text(LIMITS.body).describe('the hand-off note: what is known, what was tried, what is needed'),
  })
  .strict()
  .refine((b) => b.tier !== undefined || b.groupId !== undefined, 'name the tier or the group to escalate to');
export type EscalateInput = z.infer<typeof escalateBody>;

export const reopenBody = z.object({ reason: z.string().trim().min(1).max(LIMITS.body).optional() }).strict();
export const closeBody = z.object({ note: z.string().trim().min(1).max(LIMITS.body).optional() }).strict();

const csv = <T extends [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((s) => s.split(',').map((v) => v.trim()).filter(Boolean))
    .pipe(z.array(z.enum(values)).min(1));
const idOrKeyword = <K extends string>(keywords: readonly [K, ...K[]]) => z.union([z.enum(keywords), dbIdString]);

export const listTicketsQuery = z
  .object({
    q: z.string().trim().min(1).max(500).optional(),
    status: csv([...TICKET_STATUSES, 'open']).optional(),
    priority: csv([...PRIORITIES]).optional(),
    type: z.enum(TICKET_TYPES).optional(),
    channel: csv([...CHANNELS]).optional(),
    groupId: idOrKeyword(['none', 'mine']).optional(),
    assigneeId: idOrKeyword(['none', 'me']).optional(),
    organisationId: dbIdString.optional(),
    requesterId: dbIdString.optional(),
    categoryId: dbIdString.optional().describe('includes sub-categories'),
    tier: z.coerce.number().int().min(1).max(3).optional(),
    createdFrom: z.iso.datetime({ offset: true }).optional(),
    createdTo: z.iso.datetime({ offset: true }).optional(),
    slaDueWithin: z.coerce.number().int().min(0).max(525_600).optional().describe('minutes: tickets whose SLA clock runs and is due within that time, overdue ones included'),
    sort: z.enum(['created', '-created', 'updated', '-updated', 'sla']).default('-created').describe('sla: the soonest SLA due time first; paused and met clocks last'),
    limit: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(LIMITS.pageSizeDefault),
    cursor: z.string().max(500).optional(),
  })
  .strict();
export type ListTicketsQuery = z.infer<typeof listTicketsQuery>;

export const ticketSchema = z.object({
  id: z.number(),
  number: z.number(),
  reference: z.string().describe('the human number, e.g. #1042'),
  type: z.enum(TICKET_TYPES),
  title: z.string(),
  description: z.string(),
  status: z.enum(TICKET_STATUSES),
  pendingReason: z.enum(PENDING_REASONS).nullable(),
  channel: z.enum(CHANNELS),
  requester: userRef,
  organisation: z.object({ id: z.number(), name: z.string() }).nullable(),
  category: z.object({ id: z.number(), name: z.string() }).nullable(),
  impact: z.number(),
  urgency: z.number(),
  priority: z.enum(PRIORITIES),
  priorityOverridden: z.boolean(),
  priorityReason: z.string().nullable(),
  tier: z.number(),
  group: z.object({ id: z.number(), name: z.string(), tier: z.number() }).nullable(),
  assignee: userRef.nullable(),
  resolution: z
    .object({
      symptoms: z.string().nullable(),
      diagnosis: z.string().nullable(),
      actions: z.string().nullable(),
      result: z.string().nullable(),
      code: z.string().nullable(),
    })
    .nullable(),
  firstContactResolution: z.boolean(),
  reopenCount: z.number(),
  escalationCount: z.number(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  firstResponseAt: isoDateTime.nullable(),
  resolvedAt: isoDateTime.nullable(),
  closedAt: isoDateTime.nullable(),
  /** The earliest unmet SLA due time while the clock runs; null when paused, met or stopped. */
  slaDueAt: isoDateTime.nullable(),
  /** Only on GET /tickets/{id} (and to staff): the full SLA state. */
  sla: ticketSlaSchema.nullable().optional(),
  rank: z.number().optional().describe('search relevance, higher is better (only with q)'),
});
export type Ticket = z.infer<typeof ticketSchema>;

export const ticketPage = pageOf(ticketSchema);

export const TIMELINE_KINDS = ['created', 'reply', 'note', 'status', 'field', 'assignment', 'escalation', 'resolution', 'reopen', 'close', 'attachment', 'remote_session', 'email_bounce', 'email_failed', 'sla_warning', 'sla_breach', 'page', 'article', 'problem'] as const;
export const timelineEventSchema = z.object({
  id: z.number(),
  kind: z.enum(TIMELINE_KINDS),
  author: userRef.nullable(),
  internal: z.boolean(),
  body: z.string().nullable(),
  data: z.record(z.string(), z.unknown()).nullable(),
  createdAt: isoDateTime,
});
export type TimelineEvent = z.infer<typeof timelineEventSchema>;
export const timelineResponse = z.object({ items: z.array(timelineEventSchema) });

export const countsResponse = z.object({
  byStatus: z.record(z.enum(TICKET_STATUSES), z.number()),
  open: z.object({
    total: z.number(),
    mine: z.number(),
    unassigned: z.number(),
    unassignedInMyGroups: z.number(),
    byPriority: z.record(z.enum(PRIORITIES), z.number()),
    byGroup: z.array(z.object({ groupId: z.number().nullable(), count: z.number() })),
  }),
});
export type TicketCounts = z.infer<typeof countsResponse>;
