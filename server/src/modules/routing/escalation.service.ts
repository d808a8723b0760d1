// Tier-escalation rules: unresolved at a tier after N business minutes, the ticket moves to a
// group of a higher tier. Stored and validated here; the SLA scheduler applies them.
import type { Deps } from '../../lib/deps.ts';
import type { Trx } from '../../db/db.ts';
import type { Actor } from '../../lib/actor.ts';
import { isoNow } from '../../lib/clock.ts';
import { recordAudit } from '../../lib/audit.ts';
import { NotFound, Unprocessable } from '../../lib/errors.ts';
import type { CreateEscalationRuleInput, EscalationRule, UpdateEscalationRuleInput } from '../../../../common/schemas/routing.ts';
import * as repo from './rules.repo.ts';
import { scheduleRewake } from '../sla/sla.jobs.ts';

function escalationOf(r: repo.EscalationRow): EscalationRule {
  return {
    id: r.id,
    name: r.name,
    fromTier: r.from_tier,
    afterMinutes: r.after_minutes,
    toGroup: { id: r.group_id, name: r.group_name, tier: r.group_tier },
    isActive: r.is_active === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

async function findOrFail(trx: Trx, id: number): Promise<EscalationRule> {
  const row = await repo.findEscalation(trx, id);
  if (!row) throw new NotFound(`Escalation rule ${id} does not exist.`);
  return escalationOf(row);
}

/** The target group exists and works at a higher tier than the one escalated from. */
async function checkTarget(trx: Trx, fromTier: number, toGroupId: number) {
  const group = await repo.findGroupRef(trx, toGroupId);
  const fail = (message: string): never => {
    throw new Unprocessable(message, { errors: [{ path: 'toGroupId', message }] });
  };
  if (!group) fail(`"toGroupId": group ${toGroupId} does not exist.`);
  else if (group.tier <= fromTier) fail(`"toGroupId": group "${group.name}" works at tier ${group.tier}; escalating from tier ${fromTier} needs a group of a higher tier.`);
}

export async function listEscalationRules(deps: Deps): Promise<EscalationRule[]> {
  return (await repo.listEscalations(deps.db)).map(escalationOf);
}

export function createEscalationRule(deps: Deps, actor: Actor, input: CreateEscalationRuleInput): Promise<EscalationRule> {
  const at = isoNow(deps.clock);
  return deps.db.transaction().execute(async (trx) => {
    await checkTarget(trx, input.fromTier, input.toGroupId);
    const id = await repo.insertEscalation(trx, { ...input, at });
    await scheduleRewake(trx, input.fromTier, at);
    await recordAudit(trx, actor, at, { action: 'escalation_rule.create', entityType: 'escalation_rule', entityId: id, data: input });
    return findOrFail(trx, id);
  });
}

export function updateEscalationRule(deps: Deps, actor: Actor, id: number, input: UpdateEscalationRuleInput): Promise<EscalationRule> {
  const at = isoNow(deps.clock);
  return deps.db.transaction().execute(async (trx) => {
    const before = await findOrFail(trx, id);
    const next = {
      name: input.name ?? before.name,
      fromTier: input.fromTier ?? before.fromTier,
      afterMinutes: input.afterMinutes ?? before.afterMinutes,
      toGroupId: input.toGroupId ?? before.toGroup.id,
      isActive: input.isActive ?? before.isActive,
    };
    if (input.fromTier !== undefined || input.toGroupId !== undefined) await checkTarget(trx, next.fromTier, next.toGroupId);
    await repo.updateEscalation(trx, id, { ...next, at });
    for (const tier of new Set([before.fromTier, next.fromTier])) await scheduleRewake(trx, tier, at);
    await recordAudit(trx, actor, at, {
      action: 'escalation_rule.update',
      entityType: 'escalation_rule',
      entityId: id,
      data: { from: { name: before.name, fromTier: before.fromTier, afterMinutes: before.afterMinutes, toGroupId: before.toGroup.id, isActive: before.isActive }, to: next },
    });
    return findOrFail(trx, id);
  });
}

export function deleteEscalationRule(deps: Deps, actor: Actor, id: number): Promise<void> {
  const at = isoNow(deps.clock);
  return deps.db.transaction().execute(async (trx) => {
    const before = await findOrFail(trx, id);
    await repo.deleteEscalation(trx, id);
    await recordAudit(trx, actor, at, { action: 'escalation_rule.delete', entityType: 'escalation_rule', entityId: id, data: before });
  });
}
