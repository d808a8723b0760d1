// Routing rules (which group a new ticket goes to) and each group's assignment strategy.
// Matching lives in route.ts, picking an assignee in assign.ts; this file writes the settings.
import type { Deps } from '../../lib/deps.ts';
import type { Trx } from '../../db/db.ts';
import type { Actor } from '../../lib/actor.ts';
import { isoNow } from '../../lib/clock.ts';
import { recordAudit } from '../../lib/audit.ts';
import { NotFound, Unprocessable } from '../../lib/errors.ts';
import type { Group } from '../../../../common/schemas/groups.ts';
import type { AssignmentStrategy, CreateRoutingRuleInput, RoutingConditions, RoutingRule, UpdateRoutingRuleInput } from '../../../../common/schemas/routing.ts';
import { getGroup } from '../groups/groups.service.ts';
import { setGroupStrategy } from './assign.repo.ts';
import { forgetRoutingRules, wordsOf } from './route.ts';
import * as repo from './rules.repo.ts';

type Issue = { path: string; message: string };

function unprocessable(issues: Issue[]): never {
  throw new Unprocessable(issues.map((i) => i.message).join(' '), { errors: issues });
}

function ruleOf(r: repo.RuleRow): RoutingRule {
  return {
    id: r.id,
    position: r.position,
    name: r.name,
    conditions: JSON.parse(r.conditions),
    group: { id: r.group_id, name: r.group_name, tier: r.group_tier },
    isActive: r.is_active === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

async function findOrFail(trx: Trx, id: number): Promise<RoutingRule> {
  const row = await repo.findRule(trx, id);
  if (!row) throw new NotFound(`Routing rule ${id} does not exist.`);
  return ruleOf(row);
}

const unique = (ids: number[]) => [...new Set(ids)];

/** Conditions as stored: lists without repeats, every id existing, keywords that contain a word. */
async function checkConditions(trx: Trx, c: RoutingConditions, issues: Issue[]): Promise<RoutingConditions> {
  const out: RoutingConditions = { ...c };
  if (c.channels) out.channels = [...new Set(c.channels)];
  const refs = [
    ['mailboxIds', 'mailboxes', 'mailbox'],
    ['categoryIds', 'categories', 'category'],
    ['organisationIds', 'organisations', 'organisation'],
  ] as const;
  for (const [field, table, noun] of refs) {
    const ids = c[field];
    if (!ids) continue;
    out[field] = unique(ids);
    const known = await repo.existingIds(trx, table, out[field]!);
    const missing = out[field]!.filter((id) => !known.has(id));
    if (missing.length) issues.push({ path: `conditions.${field}`, message: `"conditions.${field}": ${noun} ${missing.join(', ')} does not exist.` });
  }
  if (c.keywords) {
    out.keywords = [...new Set(c.keywords)];
    const empty = out.keywords.filter((k) => wordsOf(k).trim() === '');
    if (empty.length) issues.push({ path: 'conditions.keywords', message: `"conditions.keywords": ${empty.map((k) => JSON.stringify(k)).join(', ')} contains no word (letters or digits).` });
  }
  return out;
}

async function checkGroup(trx: Trx, groupId: number, issues: Issue[]) {
  if (!(await repo.findGroupRef(trx, groupId))) issues.push({ path: 'groupId', message: `"groupId": group ${groupId} does not exist.` });
}

/** Writes, then forgets the cached rules once committed. */
async function writing<T>(deps: Deps, work: (trx: Trx) => Promise<T>): Promise<T> {
  try {
    return await deps.db.transaction().execute(work);
  } finally {
    forgetRoutingRules();
  }
}

export async function listRules(deps: Deps): Promise<RoutingRule[]> {
  return (await repo.listRules(deps.db)).map(ruleOf);
}

export function createRule(deps: Deps, actor: Actor, input: CreateRoutingRuleInput): Promise<RoutingRule> {
  const at = isoNow(deps.clock);
  return writing(deps, async (trx) => {
    const issues: Issue[] = [];
    const conditions = await checkConditions(trx, input.conditions, issues);
    await checkGroup(trx, input.groupId, issues);
    if (issues.length) unprocessable(issues);
    const order = await repo.ruleIdsInOrder(trx);
    const position = Math.min(input.position ?? order.length, order.length);
    const id = await repo.insertRule(trx, { name: input.name, conditions: JSON.stringify(conditions), groupId: input.groupId, isActive: input.isActive, position, at });
    order.splice(position, 0, id);
    await repo.writePositions(trx, order);
    await recordAudit(trx, actor, at, { action: 'routing_rule.create', entityType: 'routing_rule', entityId: id, data: { ...input, conditions, position } });
    return findOrFail(trx, id);
  });
}

export function updateRule(deps: Deps, actor: Actor, id: number, input: UpdateRoutingRuleInput): Promise<RoutingRule> {
  const at = isoNow(deps.clock);
  return writing(deps, async (trx) => {
    const before = await findOrFail(trx, id);
    const issues: Issue[] = [];
    const conditions = input.conditions && (await checkConditions(trx, input.conditions, issues));
    if (input.groupId !== undefined) await checkGroup(trx, input.groupId, issues);
    if (issues.length) unprocessable(issues);
    await repo.updateRule(trx, id, { name: input.name, conditions: conditions && JSON.stringify(conditions), groupId: input.groupId, isActive: input.isActive, at });
    const after = await findOrFail(trx, id);
    await recordAudit(trx, actor, at, {
      action: 'routing_rule.update',
      entityType: 'routing_rule',
      entityId: id,
      data: { from: { name: before.name, conditions: before.conditions, groupId: before.group.id, isActive: before.isActive }, to: { ...input, conditions } },
    });
    return after;
  });
}

export function deleteRule(deps: Deps, actor: Actor, id: number): Promise<void> {
  const at = isoNow(deps.clock);
  return writing(deps, async (trx) => {
    const before = await findOrFail(trx, id);
    await repo.deleteRule(trx, id);
    await repo.writePositions(trx, await repo.ruleIdsInOrder(trx));
    await recordAudit(trx, actor, at, { action: 'routing_rule.delete', entityType: 'routing_rule', entityId: id, data: before });
  });
}

/** The new order of every rule: the ids given must be exactly the existing rules. */
export function reorderRules(deps: Deps, actor: Actor, ids: number[]): Promise<RoutingRule[]> {
  const at = isoNow(deps.clock);
  return writing(deps, async (trx) => {
    const current = await repo.ruleIdsInOrder(trx);
    const issues: Issue[] = [];
    const twice = unique(ids.filter((id, i) => ids.indexOf(id) !== i));
    if (twice.length) issues.push({ path: 'ids', message: `"ids": rule ${twice.join(', ')} appears more than once.` });
    const unknown = unique(ids.filter((id) => !current.includes(id)));
    if (unknown.length) issues.push({ path: 'ids', message: `"ids": rule ${unknown.join(', ')} does not exist.` });
    const missing = current.filter((id) => !ids.includes(id));
    if (missing.length) issues.push({ path: 'ids', message: `"ids": rule ${missing.join(', ')} is missing; list every rule, first match first.` });
    if (issues.length) unprocessable(issues);
    if (ids.some((id, i) => current[i] !== id)) {
      await repo.writePositions(trx, ids);
      await recordAudit(trx, actor, at, { action: 'routing_rule.reorder', entityType: 'routing_rule', entityId: 'order', data: { from: current, to: ids } });
    }
    return (await repo.listRules(trx)).map(ruleOf);
  });
}

export async function setAssignmentStrategy(deps: Deps, actor: Actor, groupId: number, strategy: AssignmentStrategy): Promise<Group> {
  const at = isoNow(deps.clock);
  await deps.db.transaction().execute(async (trx) => {
    const group = await repo.findGroupRef(trx, groupId);
    if (!group) throw new NotFound(`Group ${groupId} does not exist.`);
    const before = group.assignment_strategy;
    if (before === strategy) return;
    await setGroupStrategy(trx, groupId, strategy);
    await recordAudit(trx, actor, at, { action: 'group.assignment.set', entityType: 'group', entityId: groupId, data: { from: before, to: strategy } });
  });
  return getGroup(deps, groupId);
}
