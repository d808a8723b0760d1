// SQL for saved queue views.
import { sql } from 'kysely';
import type { Trx } from '../../db/db.ts';

export interface ViewRow {
  id: number;
  owner_id: number;
  owner_name: string;
  name: string;
  is_shared: number;
  filters: string;
  sort: string;
  columns: string;
  position: number;
  created_at: string;
  updated_at: string;
}

function selectViews(db: Trx) {
  return db
    .selectFrom('saved_views as v')
    .innerJoin('users as u', 'u.id', 'v.owner_id')
    .select(['v.id', 'v.owner_id', 'u.name as owner_name', 'v.name', 'v.is_shared', 'v.filters', 'v.sort', 'v.columns', 'v.position', 'v.created_at', 'v.updated_at']);
}

/** The user's own views, then the views others share, each in their order. */
export function listVisibleViews(db: Trx, userId: number): Promise<ViewRow[]> {
  return selectViews(db)
    .where((eb) => eb.or([eb('v.owner_id', '=', userId), eb('v.is_shared', '=', 1)]))
    .orderBy(sql`case when ${sql.ref('v.owner_id')} = ${userId} then 0 else 1 end`)
    .orderBy('v.position')
    .orderBy(sql`lower(${sql.ref('v.name')})`)
    .orderBy('v.id')
    .execute();
}

export function findView(db: Trx, id: number): Promise<ViewRow | undefined> {
  return selectViews(db).where('v.id', '=', id).executeTakeFirst();
}

export function findViewByName(db: Trx, ownerId: number, name: string) {
  return db
    .selectFrom('saved_views')
    .select(['id', 'name'])
    .where('owner_id', '=', ownerId)
    .where(sql<boolean>`lower(name) = lower(${name})`)
    .executeTakeFirst();
}

/** How many views the owner has, and the position after the last one. */
export async function ownerViewStats(db: Trx, ownerId: number): Promise<{ count: number; nextPosition: number }> {
  const row = await db
    .selectFrom('saved_views')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('position').as('last')])
    .where('owner_id', '=', ownerId)
    .executeTakeFirstOrThrow();
  const last = row.last === null ? -1 : Number(row.last);
  return { count: Number(row.n), nextPosition: last + 1 };
}

export interface ViewValues {
  name: string;
  is_shared: number;
  filters: string;
  sort: string;
  columns: string;
  position: number;
}

export async function insertView(db: Trx, ownerId: number, v: ViewValues, at: string): Promise<number> {
  const row = await db
    .insertInto('saved_views')
    .values({ owner_id: ownerId, ...v, created_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateView(db: Trx, id: number, v: Partial<ViewValues>, at: string): Promise<void> {
  await db
    .updateTable('saved_views')
    .set({ ...v, updated_at: at })
    .where('id', '=', id)
    .execute();
}

export async function deleteView(db: Trx, id: number): Promise<void> {
  await db.deleteFrom('saved_views').where('id', '=', id).execute();
}
