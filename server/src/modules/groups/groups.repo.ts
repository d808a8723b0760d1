// SQL for support groups and their members.
import { sql } from 'kysely';
import type { Trx } from '../../db/db.ts';
import { STAFF_ROLES } from '../../../../common/enums.ts';
import type { Group } from '../../../../common/schemas/groups.ts';
import type { AssignmentStrategy } from '../../../../common/schemas/routing.ts';

const GROUP_COLUMNS = ['id', 'name', 'tier', 'description', 'assignment_strategy', 'created_at', 'updated_at'] as const;

async function withMembers(
  db: Trx,
  rows: { id: number; name: string; tier: number; description: string; assignment_strategy: string; created_at: string; updated_at: string }[],
): Promise<Group[]> {
  if (rows.length === 0) return [];
  const members = await db
    .selectFrom('group_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['m.group_id', 'u.id', 'u.name', 'u.email'])
    .where('m.group_id', 'in', rows.map((r) => r.id))
    .orderBy('u.name')
    .orderBy('u.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    tier: r.tier,
    description: r.description,
    members: members.filter((m) => m.group_id === r.id).map((m) => ({ id: m.id, name: m.name, email: m.email })),
    assignmentStrategy: r.assignment_strategy as AssignmentStrategy,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

export async function listGroups(db: Trx): Promise<Group[]> {
  const rows = await db.selectFrom('groups').select(GROUP_COLUMNS).orderBy('tier').orderBy('name').orderBy('id').execute();
  return withMembers(db, rows);
}

export async function findGroup(db: Trx, id: number): Promise<Group | undefined> {
  const row = await db.selectFrom('groups').select(GROUP_COLUMNS).where('id', '=', id).executeTakeFirst();
  return row ? (await withMembers(db, [row]))[0] : undefined;
}

export function findGroupByName(db: Trx, name: string) {
  return db.selectFrom('groups').select(['id', 'name']).where(sql<boolean>`lower(name) = lower(${name})`).executeTakeFirst();
}

/** Inserts a group; undefined when its name is taken. */
export async function insertGroup(db: Trx, g: { name: string; tier: number; description: string; at: string }): Promise<number | undefined> {
  const row = await db
    .insertInto('groups')
    .values({ name: g.name, tier: g.tier, description: g.description, created_at: g.at, updated_at: g.at })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

export async function updateGroup(db: Trx, id: number, g: { name?: string; tier?: number; description?: string; at: string }) {
  await db
    .updateTable('groups')
    .set({
      ...(g.name !== undefined && { name: g.name }),
      ...(g.tier !== undefined && { tier: g.tier }),
      ...(g.description !== undefined && { description: g.description }),
      updated_at: g.at,
    })
    .where('id', '=', id)
    .execute();
}

export async function countGroupTickets(db: Trx, id: number): Promise<number> {
  const row = await db
    .selectFrom('tickets')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('group_id', '=', id)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function deleteGroup(db: Trx, id: number) {
  await db.deleteFrom('groups').where('id', '=', id).execute();
}

/** For each of these user ids that exists: whether the user has a staff role. */
export async function findStaffStatus(db: Trx, userIds: number[]): Promise<Map<number, boolean>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('users as u')
    .select((eb) => [
      'u.id',
      eb
        .exists(eb.selectFrom('user_roles as r').select('r.user_id').whereRef('r.user_id', '=', 'u.id').where('r.role', 'in', STAFF_ROLES))
        .as('is_staff'),
    ])
    .where('u.id', 'in', userIds)
    .execute();
  // SQLite answers 0/1, PostgreSQL true/false.
  return new Map(rows.map((r) => [r.id, Boolean(r.is_staff)]));
}

export async function replaceMembers(db: Trx, groupId: number, userIds: number[]) {
  await db.deleteFrom('group_members').where('group_id', '=', groupId).execute();
  if (userIds.length === 0) return;
  await db
    .insertInto('group_members')
    .values(userIds.map((user_id) => ({ group_id: groupId, user_id })))
    .execute();
}
