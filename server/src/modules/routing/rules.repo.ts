// SQL for routing rules (first match by position wins) and tier-escalation rules.
import { sql } from 'kysely';
import type { Trx } from '../../db/db.ts';

const RULE_COLUMNS = ['r.id', 'r.position', 'r.name', 'r.conditions', 'r.is_active', 'r.created_at', 'r.updated_at', 'g.id as group_id', 'g.name as group_name', 'g.tier as group_tier'] as const;

function rules(db: Trx) {
  return db.selectFrom('routing_rules as r').innerJoin('groups as g', 'g.id', 'r.group_id').select(RULE_COLUMNS);
}

export type RuleRow = NonNullable<Awaited<ReturnType<typeof findRule>>>;

export function listRules(db: Trx) {
  return rules(db).orderBy('r.position').orderBy('r.id').execute();
}

export function findRule(db: Trx, id: number) {
  return rules(db).where('r.id', '=', id).executeTakeFirst();
}

/** What matching needs: the active rules, first to try first. */
export function listActiveRules(db: Trx) {
  return db.selectFrom('routing_rules').select(['id', 'name', 'conditions', 'group_id']).where('is_active', '=', 1).orderBy('position').orderBy('id').execute();
}

export async function ruleIdsInOrder(db: Trx): Promise<number[]> {
  return (await db.selectFrom('routing_rules').select('id').orderBy('position').orderBy('id').execute()).map((r) => r.id);
}

export async function insertRule(db: Trx, v: { name: string; conditions: string; groupId: number; isActive: boolean; position: number; at: string }): Promise<number> {
  const row = await db
    .insertInto('routing_rules')
    .values({ name: v.name, conditions: v.conditions, group_id: v.groupId, is_active: v.isActive ? 1 : 0, position: v.position, created_at: v.at, updated_at: v.at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateRule(db: Trx, id: number, v: { name?: string; conditions?: string; groupId?: number; isActive?: boolean; at: string }) {
  await db
    .updateTable('routing_rules')
    .set({
      ...(v.name !== undefined && { name: v.name }),
      ...(v.conditions !== undefined && { conditions: v.conditions }),
      ...(v.groupId !== undefined && { group_id: v.groupId }),
      ...(v.isActive !== undefined && { is_active: v.isActive ? 1 : 0 }),
      updated_at: v.at,
    })
    .where('id', '=', id)
    .execute();
}

export async function deleteRule(db: Trx, id: number) {
  await db.deleteFrom('routing_rules').where('id', '=', id).execute();
}

/** Positions 0..n-1 in the order given. */
export async function writePositions(db: Trx, ids: number[]) {
  for (const [position, id] of ids.entries()) await db.updateTable('routing_rules').set({ position }).where('id', '=', id).where('position', '!=', position).execute();
}

/** A category and its ancestors, nearest first. */
export async function categoryAncestry(db: Trx, categoryId: number): Promise<number[]> {
  const { rows } = await sql<{ id: number }>`
    with recursive chain (id, parent_id, depth) as (
      select id, parent_id, 0 from categories where id = ${categoryId}
      union all
      select c.id, c.parent_id, chain.depth + 1 from categories c join chain on c.id = chain.parent_id where chain.depth < 50
    )
    select id from chain order by depth`.execute(db);
  return rows.map((r) => r.id);
}

/** Which of these ids exist in a table the conditions refer to. */
export async function existingIds(db: Trx, table: 'mailboxes' | 'categories' | 'organisations' | 'groups', ids: number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom(table).select('id').where('id', 'in', ids).execute();
  return new Set(rows.map((r) => r.id));
}

export function findGroupRef(db: Trx, id: number) {
  return db.selectFrom('groups').select(['id', 'name', 'tier', 'assignment_strategy']).where('id', '=', id).executeTakeFirst();
}

// ---- escalation rules ----

const ESCALATION_COLUMNS = ['e.id', 'e.name', 'e.from_tier', 'e.after_minutes', 'e.is_active', 'e.created_at', 'e.updated_at', 'g.id as group_id', 'g.name as group_name', 'g.tier as group_tier'] as const;

function escalations(db: Trx) {
  return db.selectFrom('escalation_rules as e').innerJoin('groups as g', 'g.id', 'e.to_group_id').select(ESCALATION_COLUMNS);
}

export type EscalationRow = NonNullable<Awaited<ReturnType<typeof findEscalation>>>;

export function listEscalations(db: Trx) {
  return escalations(db).orderBy('e.from_tier').orderBy('e.after_minutes').orderBy('e.id').execute();
}

export function findEscalation(db: Trx, id: number) {
  return escalations(db).where('e.id', '=', id).executeTakeFirst();
}

export async function insertEscalation(db: Trx, v: { name: string; fromTier: number; afterMinutes: number; toGroupId: number; isActive: boolean; at: string }): Promise<number> {
  const row = await db
    .insertInto('escalation_rules')
    .values({ name: v.name, from_tier: v.fromTier, after_minutes: v.afterMinutes, to_group_id: v.toGroupId, is_active: v.isActive ? 1 : 0, created_at: v.at, updated_at: v.at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateEscalation(db: Trx, id: number, v: { name: string; fromTier: number; afterMinutes: number; toGroupId: number; isActive: boolean; at: string }) {
  await db
    .updateTable('escalation_rules')
    .set({ name: v.name, from_tier: v.fromTier, after_minutes: v.afterMinutes, to_group_id: v.toGroupId, is_active: v.isActive ? 1 : 0, updated_at: v.at })
    .where('id', '=', id)
    .execute();
}

export async function deleteEscalation(db: Trx, id: number) {
  await db.deleteFrom('escalation_rules').where('id', '=', id).execute();
}
