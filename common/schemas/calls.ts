// Logging a phone call in one step: the caller, the notes, the qualification and, when the
// call solved it, the resolution record.
import { z } from 'zod';
import { LIMITS, TICKET_TYPES } from '../enums.ts';
import { dbId, email } from './shared.ts';
import { resolutionRecord } from './tickets.ts';

const level = z.number().int().min(1).max(4);

export const logCallBody = z
  .object({
    caller: z
      .union([
        z.object({ id: dbId }).strict(),
        z.object({ email, name: z.string().trim().min(1).max(LIMITS.name).optional() }).strict(),
      ])
      .describe('an existing person by id, or an email (a new requester is created when nobody has it)'),
    title: z.string().trim().min(1, 'must not be empty').max(LIMITS.title),
    notes: z.string().trim().min(1, 'must not be empty').max(LIMITS.description).describe('the call notes; they become the ticket description'),
    type: z.enum(TICKET_TYPES).optional(),
    category: z.union([dbId, z.string().trim().min(1).max(500)]).nullable().optional().describe('a category id, or its path'),
    impact: level.optional(),
    urgency: level.optional(),
    groupId: dbId.nullable().optional(),
    resolution: resolutionRecord.optional().describe('resolved on the spot: recorded as a first-contact resolution'),
  })
  .strict();
export type LogCallInput = z.infer<typeof logCallBody>;
