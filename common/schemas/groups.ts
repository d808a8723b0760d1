// Support groups (teams), each working at a tier: 1 service desk, 2 specialists, 3 experts.
import { z } from 'zod';
import { LIMITS, TIERS } from '../enums.ts';
import { dbId, isoDateTime, userRef } from './shared.ts';
import { ASSIGNMENT_STRATEGIES } from './routing.ts';

const name = z.string().trim().min(1).max(LIMITS.name);
const tier = z.literal([...TIERS]);
const description = z.string().trim().max(2000);

export const createGroupBody = z.object({ name, tier, description: description.default('') }).strict();
export type CreateGroupInput = z.infer<typeof createGroupBody>;

export const updateGroupBody = z
  .object({ name: name.optional(), tier: tier.optional(), description: description.optional() })
  .strict();
export type UpdateGroupInput = z.infer<typeof updateGroupBody>;

export const setGroupMembersBody = z
  .object({ userIds: z.array(dbId).max(1000).describe('Replaces the members') })
  .strict();

export const groupSchema = z.object({
  id: z.number(),
  name: z.string(),
  tier: z.number(),
  description: z.string(),
  members: z.array(userRef),
  /** How new tickets routed to the group get an assignee (PUT /groups/{id}/assignment). */
  assignmentStrategy: z.enum(ASSIGNMENT_STRATEGIES),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type Group = z.infer<typeof groupSchema>;
