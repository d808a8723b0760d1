// SQL of on-call rotations: the rotations, their members in order, their overrides, and the
// people and groups they refer to. Pages are in pages.repo.ts.
import { sql, type Selectable } from 'kysely';
import type { Trx } from '../../db/db.ts';
import type { OncallRotationsTable } from '../../db/schema.ts';
import { STAFF_ROLES } from '../../../../common/enums.ts';

export type RotationRow = Selectable<OncallRotationsTable>;
export type RotationValues = Omit<RotationRow, 'id' | 'created_at' | 'updated_at'>;

export function listRotations(db: Trx, o: { activeOnly?: boolean } = {}): Promise<RotationRow[]> {
  let q = db.selectFrom('oncall_rotations').selectAll().orderBy('name').orderBy('id');
  if (o.activeOnly) q = q.where('is_active', '=', 1);
  return q.execute();
}

export function findRotation(db: Trx, id: number): Promise<RotationRow | undefined> {
  return db.selectFrom('oncall_rotations').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findRotationByName(db: Trx, name: string) {
  return db.selectFrom('oncall_rotations').select(['id', 'name']).where(sql<boolean>`lower(name) = lower(${name})`).executeTakeFirst();
}

/** Active rotations for a group's tickets (groupId null: the ones for every ticket), oldest first. */
export function listActiveRotationsFor(db: Trx, groupId: number | null): Promise<RotationRow[]> {
  const q = db.selectFrom('oncall_rotations').selectAll().where('is_active', '=', 1);
  return (groupId === null ? q.where('group_id', 'is', null) : q.where('group_id', '=', groupId)).orderBy('id').execute();
}

export async function insertRotation(db: Trx, v: RotationValues, at: string): Promise<number> {
  const row = await db
    .insertInto('oncall_rotations')
    .values({ ...v, created_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateRotation(db: Trx, id: number, v: Partial<RotationValues>, at: string): Promise<void> {
  await db
    .updateTable('oncall_rotations')
    .set({ ...v, updated_at: at })
    .where('id', '=', id)
    .execute();
}

export async function deleteRotation(db: Trx, id: number): Promise<void> {
  await db.deleteFrom('oncall_rotations').where('id', '=', id).execute();
}

export interface MemberRow {
  rotation_id: number;
  position: number;
  id: number;
  name: string;
  email: string;
}

/** Members of these rotations, in rotation order. */
export function listMembers(db: Trx, rotationIds: number[]): Promise<MemberRow[]> {
  if (rotationIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('oncall_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['m.rotation_id', 'm.position', 'u.id', 'u.name', 'u.email'])
    .where('m.rotation_id', 'in', rotationIds)
    .orderBy('m.rotation_id')
    .orderBy('m.position')
    .execute();
}

export async function replaceMembers(db: Trx, rotationId: number, userIds: number[]): Promise<void> {
  await db.deleteFrom('oncall_members').where('rotation_id', '=', rotationId).execute();
  if (userIds.length === 0) return;
  await db
    .insertInto('oncall_members')
    .values(userIds.map((user_id, position) => ({ rotation_id: rotationId, position, user_id })))
    .execute();
}

export interface OverrideRow {
  id: number;
  rotation_id: number;
  user_id: number;
  starts_at: string;
  ends_at: string;
  note: string;
  name: string;
  email: string;
}

function overrides(db: Trx) {
  return db
    .selectFrom('oncall_overrides as o')
    .innerJoin('users as u', 'u.id', 'o.user_id')
    .select(['o.id', 'o.rotation_id', 'o.user_id', 'o.starts_at', 'o.ends_at', 'o.note', 'u.name', 'u.email']);
}

/** Overrides of these rotations that end after `after` (and start before `before`, when given). */
export function listOverrides(db: Trx, rotationIds: number[], after: string, before?: string): Promise<OverrideRow[]> {
  if (rotationIds.length === 0) return Promise.resolve([]);
  let q = overrides(db).where('o.rotation_id', 'in', rotationIds).where('o.ends_at', '>', after);
  if (before !== undefined) q = q.where('o.starts_at', '<', before);
  return q.orderBy('o.starts_at').orderBy('o.id').execute();
}

export function findOverride(db: Trx, id: number): Promise<OverrideRow | undefined> {
  return overrides(db).where('o.id', '=', id).executeTakeFirst();
}

export async function insertOverride(
  db: Trx,
  v: { rotation_id: number; user_id: number; starts_at: string; ends_at: string; note: string },
  at: string,
): Promise<number> {
  const row = await db
    .insertInto('oncall_overrides')
    .values({ ...v, created_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function deleteOverride(db: Trx, id: number): Promise<void> {
  await db.deleteFrom('oncall_overrides').where('id', '=', id).execute();
}

/** For each id that exists: whether the user is active staff. */
export async function findStaffStatus(db: Trx, userIds: number[]): Promise<Map<number, boolean>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('users as u')
    .select(['u.id', 'u.is_active'])
    .select((eb) => eb.exists(eb.selectFrom('user_roles as r').select('r.user_id').whereRef('r.user_id', '=', 'u.id').where('r.role', 'in', STAFF_ROLES)).as('is_staff'))
    .where('u.id', 'in', userIds)
    .execute();
  return new Map(rows.map((r) => [r.id, Boolean(r.is_staff) && r.is_active === 1]));
}

export function findUsers(db: Trx, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('users').select(['id', 'name', 'email', 'language', 'is_active']).where('id', 'in', ids).execute();
}

export function findGroupNames(db: Trx, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('groups').select(['id', 'name', 'tier']).where('id', 'in', ids).execute();
}

export function findCalendarNames(db: Trx, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('calendars').select(['id', 'name']).where('id', 'in', ids).execute();
}

/** The groups of these users, by name. */
export function listUserGroups(db: Trx, userIds: number[]) {
  if (userIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('group_members as m')
    .innerJoin('groups as g', 'g.id', 'm.group_id')
    .select(['m.user_id', 'g.id', 'g.name', 'g.tier'])
    .where('m.user_id', 'in', userIds)
    .orderBy('g.tier')
    .orderBy('g.name')
    .execute();
}
