// SQL for agents' weekly shift patterns and their one-off overrides.
import type { Trx } from '../../db/db.ts';
import { STAFF_ROLES } from '../../../../common/enums.ts';

const SHIFT_COLUMNS = ['u.id', 'u.name', 'u.email', 's.time_zone', 's.hours', 's.updated_at'] as const;

function shifts(db: Trx) {
  return db.selectFrom('agent_shifts as s').innerJoin('users as u', 'u.id', 's.user_id').select(SHIFT_COLUMNS);
}

/** Every pattern of a staff user, by name. */
export function listShifts(db: Trx) {
  return shifts(db)
    .where((eb) => eb.exists(eb.selectFrom('user_roles as r').select('r.user_id').whereRef('r.user_id', '=', 'u.id').where('r.role', 'in', STAFF_ROLES)))
    .orderBy('u.name')
    .orderBy('u.id')
    .execute();
}

export function findShift(db: Trx, userId: number) {
  return shifts(db).where('s.user_id', '=', userId).executeTakeFirst();
}

export type ShiftRow = NonNullable<Awaited<ReturnType<typeof findShift>>>;

export async function upsertShift(db: Trx, v: { userId: number; timeZone: string; hours: string; at: string }) {
  await db
    .insertInto('agent_shifts')
    .values({ user_id: v.userId, time_zone: v.timeZone, hours: v.hours, updated_at: v.at })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ time_zone: v.timeZone, hours: v.hours, updated_at: v.at }))
    .execute();
}

export async function deleteShift(db: Trx, userId: number): Promise<boolean> {
  const r = await db.deleteFrom('agent_shifts').where('user_id', '=', userId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** A user, and whether they are active staff; undefined when there is no such user. */
export async function findUserStaffStatus(db: Trx, userId: number) {
  const row = await db
    .selectFrom('users as u')
    .select((eb) => [
      'u.id',
      'u.name',
      'u.is_active',
      eb.exists(eb.selectFrom('user_roles as r').select('r.user_id').whereRef('r.user_id', '=', 'u.id').where('r.role', 'in', STAFF_ROLES)).as('is_staff'),
    ])
    .where('u.id', '=', userId)
    .executeTakeFirst();
  // SQLite answers 0/1, PostgreSQL true/false.
  return row && { id: row.id, name: row.name, isActiveStaff: Boolean(row.is_staff) && row.is_active === 1 };
}

const OVERRIDE_COLUMNS = ['o.id', 'o.kind', 'o.starts_at', 'o.ends_at', 'o.note', 'u.id as user_id', 'u.name as user_name', 'u.email as user_email'] as const;

function overrides(db: Trx) {
  return db.selectFrom('shift_overrides as o').innerJoin('users as u', 'u.id', 'o.user_id').select(OVERRIDE_COLUMNS);
}

export type OverrideRow = NonNullable<Awaited<ReturnType<typeof findOverride>>>;

/** Overrides that end after `from` and (when given) begin before `to`, in time order. */
export function listOverrides(db: Trx, q: { from: string; to?: string; userId?: number }) {
  let query = overrides(db).where('o.ends_at', '>', q.from);
  if (q.to !== undefined) query = query.where('o.starts_at', '<', q.to);
  if (q.userId !== undefined) query = query.where('o.user_id', '=', q.userId);
  return query.orderBy('o.starts_at').orderBy('o.id').limit(1000).execute();
}

export function findOverride(db: Trx, id: number) {
  return overrides(db).where('o.id', '=', id).executeTakeFirst();
}

export async function insertOverride(db: Trx, v: { userId: number; kind: string; startsAt: string; endsAt: string; note: string; at: string }): Promise<number> {
  const row = await db
    .insertInto('shift_overrides')
    .values({ user_id: v.userId, kind: v.kind, starts_at: v.startsAt, ends_at: v.endsAt, note: v.note, created_at: v.at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function deleteOverride(db: Trx, id: number) {
  await db.deleteFrom('shift_overrides').where('id', '=', id).execute();
}
