// SQL for assignment within a group: the group's strategy and cursor, its active members,
// the skill a category requires, who has it, and each candidate's open load.
import { sql } from 'kysely';
import type { Trx } from '../../db/db.ts';
import type { Dialect } from '../../db/db.ts';
import { OPEN_STATUSES } from '../../../../common/enums.ts';

/** The group's strategy and round-robin cursor; on PostgreSQL the row stays locked until the transaction ends. */
export function lockGroupCursor(db: Trx, dialect: Dialect, groupId: number) {
  const q = db.selectFrom('groups').select(['id', 'assignment_strategy', 'last_assigned_user_id']).where('id', '=', groupId);
  // SQLite has no row locks: its write transactions already run one at a time.
  return (dialect === 'postgres' ? q.forUpdate() : q).executeTakeFirst();
}

export async function setGroupCursor(db: Trx, groupId: number, userId: number) {
  await db.updateTable('groups').set({ last_assigned_user_id: userId }).where('id', '=', groupId).execute();
}

export async function setGroupStrategy(db: Trx, groupId: number, strategy: string) {
  await db.updateTable('groups').set({ assignment_strategy: strategy }).where('id', '=', groupId).execute();
}

/** Active members of a group, by user id. */
export async function activeMemberIds(db: Trx, groupId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('group_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select('u.id')
    .where('m.group_id', '=', groupId)
    .where('u.is_active', '=', 1)
    .orderBy('u.id')
    .execute();
  return rows.map((r) => r.id);
}

/** The skill required by a category or, failing that, by its nearest ancestor that requires one. */
export async function requiredSkillOf(db: Trx, categoryId: number): Promise<number | null> {
  const { rows } = await sql<{ skill_id: number }>`
    with recursive chain (id, parent_id, required_skill_id, depth) as (
      select id, parent_id, required_skill_id, 0 from categories where id = ${categoryId}
      union all
      select c.id, c.parent_id, c.required_skill_id, chain.depth + 1
        from categories c join chain on c.id = chain.parent_id
       where chain.required_skill_id is null and chain.depth < 50
    )
    select required_skill_id as skill_id from chain where required_skill_id is not null order by depth limit 1`.execute(db);
  return rows[0]?.skill_id ?? null;
}

export async function usersWithSkill(db: Trx, skillId: number, userIds: number[]): Promise<Set<number>> {
  if (userIds.length === 0) return new Set();
  const rows = await db.selectFrom('user_skills').select('user_id').where('skill_id', '=', skillId).where('user_id', 'in', userIds).execute();
  return new Set(rows.map((r) => r.user_id));
}

/** Open tickets assigned to each of these users (tickets_assignee_idx), leaving one ticket out when given. */
export async function openLoads(db: Trx, userIds: number[], exceptTicketId?: number): Promise<Map<number, number>> {
  if (userIds.length === 0) return new Map();
  let q = db
    .selectFrom('tickets')
    .select((eb) => ['assignee_id', eb.fn.countAll<number>().as('n')])
    .where('assignee_id', 'in', userIds)
    .where('status', 'in', OPEN_STATUSES);
  if (exceptTicketId !== undefined) q = q.where('id', '!=', exceptTicketId);
  const rows = await q.groupBy('assignee_id').execute();
  return new Map(rows.map((r) => [r.assignee_id!, Number(r.n)]));
}
