// Routing: rules that send a new ticket to a group, the group's assignment strategy, agents'
// skills that categories can require, and tier-escalation rules.
import { z } from 'zod';
import { CHANNELS, LIMITS, TIERS } from '../enums.ts';
import { dbId, isoDateTime } from './shared.ts';

const name = z.string().trim().min(1).max(LIMITS.name);

export const createSkillBody = z.object({ name }).strict();
export const skillSchema = z.object({ id: z.number(), name: z.string(), agents: z.number(), categories: z.number() });
export type Skill = z.infer<typeof skillSchema>;
/** PUT /users/{id}/skills */
export const setUserSkillsBody = z.object({ skillIds: z.array(dbId).max(200) }).strict();
export const userSkillsResponse = z.object({ items: z.array(z.object({ id: z.number(), name: z.string() })) });
/** PUT /categories/{id}/required-skill */
export const setRequiredSkillBody = z.object({ skillId: dbId.nullable() }).strict();
export const categoryRequiredSkillSchema = z.object({ categoryId: z.number(), requiredSkill: z.object({ id: z.number(), name: z.string() }).nullable() });
export type CategoryRequiredSkill = z.infer<typeof categoryRequiredSkillSchema>;

export const ASSIGNMENT_STRATEGIES = ['manual', 'round_robin', 'least_loaded'] as const;
export type AssignmentStrategy = (typeof ASSIGNMENT_STRATEGIES)[number];
/** PUT /groups/{id}/assignment */
export const setAssignmentStrategyBody = z.object({ strategy: z.enum(ASSIGNMENT_STRATEGIES) }).strict();

/** Every condition given must hold (lists: any of). At least one condition. */
export const routingConditions = z
  .object({
    channels: z.array(z.enum(CHANNELS)).min(1).optional(),
    mailboxIds: z.array(dbId).min(1).max(100).optional(),
    categoryIds: z.array(dbId).min(1).max(500).describe('A category also matches its sub-categories').optional(),
    organisationIds: z.array(dbId).min(1).max(1000).optional(),
    keywords: z.array(z.string().trim().min(1).max(100)).min(1).max(50).describe('Any of these words in the title or description (case and accents ignored)').optional(),
  })
  .strict()
  .refine((c) => Object.values(c).some((v) => v !== undefined), 'a rule needs at least one condition');
export type RoutingConditions = z.infer<typeof routingConditions>;

export const createRoutingRuleBody = z.object({ name, conditions: routingConditions, groupId: dbId, isActive: z.boolean().default(true), position: z.number().int().min(0).optional() }).strict();
export type CreateRoutingRuleInput = z.infer<typeof createRoutingRuleBody>;
export const updateRoutingRuleBody = z.object({ name: name.optional(), conditions: routingConditions.optional(), groupId: dbId.optional(), isActive: z.boolean().optional() }).strict();
export type UpdateRoutingRuleInput = z.infer<typeof updateRoutingRuleBody>;
/** PUT /routing/rules/order: every rule id, first match wins. */
export const reorderRoutingRulesBody = z.object({ ids: z.array(dbId).max(1000) }).strict();
export const routingRuleSchema = z.object({
  id: z.number(),
  position: z.number(),
  name: z.string(),
  conditions: z.record(z.string(), z.unknown()),
  group: z.object({ id: z.number(), name: z.string(), tier: z.number() }),
  isActive: z.boolean(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type RoutingRule = z.infer<typeof routingRuleSchema>;

export const createEscalationRuleBody = z
  .object({ name, fromTier: z.literal([...TIERS]), afterMinutes: z.number().int().min(1).max(525_600), toGroupId: dbId, isActive: z.boolean().default(true) })
  .strict();
export type CreateEscalationRuleInput = z.infer<typeof createEscalationRuleBody>;
export const updateEscalationRuleBody = z
  .object({ name: name.optional(), fromTier: z.literal([...TIERS]).optional(), afterMinutes: z.number().int().min(1).max(525_600).optional(), toGroupId: dbId.optional(), isActive: z.boolean().optional() })
  .strict();
export type UpdateEscalationRuleInput = z.infer<typeof updateEscalationRuleBody>;
export const escalationRuleSchema = z.object({
  id: z.number(),
  name: z.string(),
  fromTier: z.number(),
  afterMinutes: z.number(),
  toGroup: z.object({ id: z.number(), name: z.string(), tier: z.number() }),
  isActive: z.boolean(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type EscalationRule = z.infer<typeof escalationRuleSchema>;
