// SQL for the category tree.
import { sql } from 'kysely';
import type { Trx } from '../../db/db.ts';
import { splitCategoryPath, type CategoryRow } from './category-tree.ts';

const COLUMNS = ['id', 'parent_id', 'name', 'is_active', 'required_skill_id', 'created_at'] as const;

/** The whole tree: a helpdesk has tens or hundreds of categories, so paths are built in memory. */
export function listCategoryRows(db: Trx): Promise<CategoryRow[]> {
  return db.selectFrom('categories').select(COLUMNS).orderBy('id').execute();
}

export function findCategoryRow(db: Trx, id: number): Promise<CategoryRow | undefined> {
  return db.selectFrom('categories').select(COLUMNS).where('id', '=', id).executeTakeFirst();
}

function children(db: Trx, parentId: number | null) {
  const query = db.selectFrom('categories').select(COLUMNS);
  return (parentId === null ? query.where('parent_id', 'is', null) : query.where('parent_id', '=', parentId)).orderBy('id').execute();
}

/** A category of this parent with this name, in any case (the unique index's rule). */
export function findSibling(db: Trx, parentId: number | null, name: string) {
  return db
    .selectFrom('categories')
    .select(['id', 'name'])
    .where(sql<boolean>`coalesce(parent_id, 0) = ${parentId ?? 0}`)
    .where(sql<boolean>`lower(name) = lower(${name})`)
    .executeTakeFirst();
}

/**
 * The category named by a path such as "Hardware/Laptop" or "hardware / laptop" (case and
 * spacing ignored), or null. activeOnly: null unless it and its ancestors are active.
 */
export async function findCategoryIdByPath(db: Trx, path: string, opts: { activeOnly?: boolean } = {}): Promise<number | null> {
  const segments = splitCategoryPath(path);
  if (segments.length === 0) return null;
  let parentId: number | null = null;
  for (const segment of segments) {
    const wanted = segment.toLowerCase();
    const match: CategoryRow | undefined = (await children(db, parentId)).find((c) => c.name.toLowerCase() === wanted);
    if (!match || (opts.activeOnly && match.is_active !== 1)) return null;
    parentId = match.id;
  }
  return parentId;
}

/** Inserts a category; undefined when its parent already has a child of that name. */
export async function insertCategory(db: Trx, c: { name: string; parentId: number | null; at: string }): Promise<number | undefined> {
  const row = await db
    .insertInto('categories')
    .values({ name: c.name, parent_id: c.parentId, is_active: 1, created_at: c.at })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

export async function updateCategory(db: Trx, id: number, c: { name?: string; parentId?: number | null; isActive?: boolean }) {
  const values = {
    ...(c.name !== undefined && { name: c.name }),
    ...(c.parentId !== undefined && { parent_id: c.parentId }),
    ...(c.isActive !== undefined && { is_active: c.isActive ? 1 : 0 }),
  };
  if (Object.keys(values).length === 0) return;
  await db.updateTable('categories').set(values).where('id', '=', id).execute();
}

/** What still points at a category and would stop its deletion. */
export async function countCategoryReferences(db: Trx, id: number) {
  const tickets = await db
    .selectFrom('tickets')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('category_id', '=', id)
    .executeTakeFirstOrThrow();
  const kids = await db
    .selectFrom('categories')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('parent_id', '=', id)
    .executeTakeFirstOrThrow();
  return { tickets: Number(tickets.n), children: Number(kids.n) };
}

export async function deleteCategory(db: Trx, id: number) {
  await db.deleteFrom('categories').where('id', '=', id).execute();
}
