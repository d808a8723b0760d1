// The satisfaction survey: a requester's 1–5 rating of a resolved ticket, one per ticket.
import { z } from 'zod';
import { isoDateTime, userRef } from './shared.ts';

export const SATISFACTION_LIMITS = { minScore: 1, maxScore: 5, comment: 2000 } as const;

export const rateTicketBody = z
  .object({
    score: z.number().int().min(SATISFACTION_LIMITS.minScore).max(SATISFACTION_LIMITS.maxScore).describe('1 (very unhappy) to 5 (very happy)'),
    comment: z.string().trim().max(SATISFACTION_LIMITS.comment).nullable().optional().describe('free text; empty or omitted means none'),
  })
  .strict();
export type RateTicketInput = z.infer<typeof rateTicketBody>;

export const satisfactionSchema = z.object({
  ticketId: z.number(),
  score: z.number(),
  comment: z.string().nullable(),
  ratedBy: userRef.nullable(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type Satisfaction = z.infer<typeof satisfactionSchema>;
