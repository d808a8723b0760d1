// Problem management: problems (root cause, workaround, linked incidents) and the clusters
// of similar incidents that the detection job proposes as candidate problems.
import { z } from 'zod';
import { LIMITS } from '../enums.ts';
import { dbId, dbIdString, isoDateTime, pageOf } from './shared.ts';

export const PROBLEM_STATUSES = ['open', 'root_cause_known', 'known_error', 'resolved', 'closed'] as const;
export type ProblemStatus = (typeof PROBLEM_STATUSES)[number];
export const CANDIDATE_STATUSES = ['proposed', 'accepted', 'dismissed'] as const;
export type CandidateStatus = (typeof CANDIDATE_STATUSES)[number];

const title = z.string().trim().min(1, 'must not be empty').max(LIMITS.title);
const longText = z.string().trim().min(1, 'must not be empty').max(LIMITS.description);
const incidentIds = z.array(dbId).max(1000);

export const createProblemBody = z
  .object({
    title,
    description: longText,
    incidentIds: incidentIds.optional().describe('ticket ids to link'),
    rootCause: longText.optional(),
    workaround: longText.optional(),
    ownerGroupId: dbId.nullable().optional(),
    categoryId: dbId.nullable().optional(),
  })
  .strict();
export type CreateProblemInput = z.infer<typeof createProblemBody>;

export const updateProblemBody = z
  .object({
    title: title.optional(),
    description: longText.optional(),
    rootCause: longText.nullable().optional(),
    workaround: longText.nullable().optional(),
    ownerGroupId: dbId.nullable().optional(),
    categoryId: dbId.nullable().optional(),
  })
  .strict();
export type UpdateProblemInput = z.infer<typeof updateProblemBody>;

export const problemTransitionBody = z
  .object({ to: z.enum(PROBLEM_STATUSES), note: z.string().trim().max(2000).optional() })
  .strict();

export const resolveProblemBody = z
  .object({
    resolution: longText.describe('shared with every linked incident'),
    resolveIncidents: z.boolean().default(true).describe('resolve the linked open incidents with this note'),
  })
  .strict();
export type ResolveProblemInput = z.infer<typeof resolveProblemBody>;

export const linkIncidentsBody = z.object({ ticketIds: incidentIds.min(1) }).strict();

export const listProblemsQuery = z
  .object({
    status: z.enum(PROBLEM_STATUSES).optional(),
    open: z.enum(['true', 'false']).optional().describe('true: not resolved or closed'),
    q: z.string().trim().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(50),
    cursor: z.string().max(200).optional(),
  })
  .strict();

export const problemIncident = z.object({
  id: z.number(),
  number: z.number(),
  title: z.string(),
  status: z.string(),
  priority: z.number(),
  organisationName: z.string().nullable(),
  requesterName: z.string().nullable(),
  createdAt: isoDateTime,
  linkedAt: isoDateTime,
});

export const problemSummary = z.object({
  id: z.number(),
  reference: z.string().describe('PRB-<id>'),
  title: z.string(),
  status: z.enum(PROBLEM_STATUSES),
  ownerGroupId: z.number().nullable(),
  ownerGroupName: z.string().nullable(),
  organisationId: z.number().nullable(),
  categoryId: z.number().nullable(),
  incidentCount: z.number(),
  openIncidentCount: z.number(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type ProblemSummary = z.infer<typeof problemSummary>;
export const problemPage = pageOf(problemSummary);

export const problemSchema = problemSummary.extend({
  description: z.string(),
  rootCause: z.string().nullable(),
  workaround: z.string().nullable(),
  resolution: z.string().nullable(),
  categoryName: z.string().nullable(),
  candidateId: z.number().nullable(),
  createdByName: z.string().nullable(),
  resolvedAt: isoDateTime.nullable(),
  closedAt: isoDateTime.nullable(),
  incidents: z.array(problemIncident).describe('the linked incidents the reader may see'),
});
export type Problem = z.infer<typeof problemSchema>;

/** What resolving answers: the problem, and the linked incidents it resolved with it. */
export const resolveProblemResponse = z.object({ problem: problemSchema, resolvedTicketIds: z.array(z.number()) });
export type ResolveProblemResponse = z.infer<typeof resolveProblemResponse>;

/** The problems a ticket is linked to (the ticket page). */
export const ticketProblemList = z.object({ items: z.array(problemSummary.extend({ workaround: z.string().nullable() })) });

// ---- detected clusters ----
export const candidateExplanation = z.object({
  sharedTerms: z.array(z.object({ term: z.string(), tickets: z.number() })).describe('words most of the tickets share, with how many have each'),
  ticketCount: z.number(),
  firstAt: isoDateTime,
  lastAt: isoDateTime,
  spanHours: z.number(),
  meanSimilarity: z.number().describe('0..1, text similarity of each ticket to the cluster'),
  sameCategory: z.boolean(),
  sameOrganisation: z.boolean(),
  windowDays: z.number(),
  summary: z.string().describe('one sentence saying why these were grouped'),
});
export type CandidateExplanation = z.infer<typeof candidateExplanation>;

export const candidateTicket = z.object({
  id: z.number(),
  number: z.number(),
  title: z.string(),
  status: z.string(),
  createdAt: isoDateTime,
  similarity: z.number(),
});
export const problemCandidate = z.object({
  id: z.number(),
  status: z.enum(CANDIDATE_STATUSES),
  title: z.string(),
  organisationId: z.number().nullable(),
  organisationName: z.string().nullable(),
  categoryId: z.number().nullable(),
  categoryName: z.string().nullable(),
  ticketCount: z.number(),
  firstAt: isoDateTime,
  lastAt: isoDateTime,
  explanation: candidateExplanation,
  tickets: z.array(candidateTicket),
  problemId: z.number().nullable(),
  decidedAt: isoDateTime.nullable(),
  createdAt: isoDateTime,
});
export type ProblemCandidate = z.infer<typeof problemCandidate>;
export const listCandidatesQuery = z.object({ status: z.enum(CANDIDATE_STATUSES).default('proposed') }).strict();
export const candidateList = z.object({ items: z.array(problemCandidate) });
export const acceptCandidateBody = z
  .object({ title: title.optional(), description: longText.optional(), ownerGroupId: dbId.nullable().optional() })
  .strict();
export const dismissCandidateBody = z.object({ reason: z.string().trim().max(2000).optional() }).strict();
export const detectResponse = z.object({ proposed: z.number(), updated: z.number(), scanned: z.number(), ms: z.number() });

export const problemIdParam = z.object({ id: dbIdString }).strict();
export const problemIncidentParam = z.object({ id: dbIdString, ticketId: dbIdString }).strict();
