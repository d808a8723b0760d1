// The category tree: listing (requesters see only what they may pick), creating, renaming,
// moving, deactivating and deleting unused categories.
import type { Deps } from '../../lib/deps.ts';
import type { Trx } from '../../db/db.ts';
import { isStaff, type Actor } from '../../lib/actor.ts';
import { isoNow } from '../../lib/clock.ts';
import { recordAudit } from '../../lib/audit.ts';
import { Conflict, NotFound, Unprocessable } from '../../lib/errors.ts';
import type { Category, CategoryNode, CreateCategoryInput, UpdateCategoryInput } from '../../../../common/schemas/categories.ts';
import { isUniqueViolation } from '../../lib/db-errors.ts';
import { toCategoryList, toCategoryTree, wouldCreateCycle } from './category-tree.ts';
import * as repo from './categories.repo.ts';

/** Requesters only ever see categories they may file a ticket under. */
const activeOnlyFor = (actor: Actor, asked?: boolean) => !isStaff(actor.roles) || asked === true;

export async function listCategories(deps: Deps, actor: Actor, q: { tree?: boolean; active?: boolean }): Promise<Category[] | CategoryNode[]> {
  const list = toCategoryList(await repo.listCategoryRows(deps.db), { activeOnly: activeOnlyFor(actor, q.active) });
  return q.tree ? toCategoryTree(list) : list;
}

async function findOrFail(db: Trx, id: number, activeOnly = false): Promise<Category> {
  const category = toCategoryList(await repo.listCategoryRows(db), { activeOnly }).find((c) => c.id === id);
  if (!category) throw new NotFound(`Category ${id} does not exist.`);
  return category;
}

export function getCategory(deps: Deps, actor: Actor, id: number): Promise<Category> {
  return findOrFail(deps.db, id, activeOnlyFor(actor));
}

async function assertNameFree(trx: Trx, parentId: number | null, name: string, exceptId?: number) {
  const other = await repo.findSibling(trx, parentId, name);
  if (other && other.id !== exceptId) {
    throw new Conflict(`There is already a category "${other.name}" (id ${other.id}) ${parentId === null ? 'at the top level' : `under category ${parentId}`}.`, {
      categoryId: other.id,
    });
  }
}

async function assertParentExists(trx: Trx, parentId: number | null) {
  if (parentId !== null && !(await repo.findCategoryRow(trx, parentId))) {
    throw new Unprocessable(`parentId: category ${parentId} does not exist.`);
  }
}

async function raceSafe<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (isUniqueViolation(err)) throw new Conflict('A category of that name was just created at the same place; reload and retry.');
    throw err;
  }
}

export async function createCategory(deps: Deps, actor: Actor | null, input: CreateCategoryInput): Promise<Category> {
  const at = isoNow(deps.clock);
  return raceSafe(() =>
    deps.db.transaction().execute(async (trx) => {
      await assertParentExists(trx, input.parentId);
      await assertNameFree(trx, input.parentId, input.name);
      const id = await repo.insertCategory(trx, { ...input, at });
      if (id === undefined) throw new Conflict(`There is already a category "${input.name}" at that place.`);
      const created = await findOrFail(trx, id);
      await recordAudit(trx, actor, at, { action: 'category.create', entityType: 'category', entityId: id, data: { path: created.path, parentId: input.parentId } });
      return created;
    }),
  );
}

export async function updateCategory(deps: Deps, actor: Actor, id: number, input: UpdateCategoryInput): Promise<Category> {
  const at = isoNow(deps.clock);
  return raceSafe(() =>
    deps.db.transaction().execute(async (trx) => {
      const rows = await repo.listCategoryRows(trx);
      const before = await findOrFail(trx, id);
      const parentId = input.parentId !== undefined ? input.parentId : before.parentId;
      const name = input.name ?? before.name;
      if (parentId !== before.parentId) {
        await assertParentExists(trx, parentId);
        if (wouldCreateCycle(rows, id, parentId)) {
          throw new Unprocessable(`parentId: category ${parentId} is "${before.name}" itself or lies under it; a category cannot be moved under itself.`);
        }
      }
      if (parentId !== before.parentId || name !== before.name) await assertNameFree(trx, parentId, name, id);
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      if (name !== before.name) changes.name = { from: before.name, to: name };
      if (parentId !== before.parentId) changes.parentId = { from: before.parentId, to: parentId };
      if (input.isActive !== undefined && input.isActive !== before.isActive) changes.isActive = { from: before.isActive, to: input.isActive };
      if (Object.keys(changes).length === 0) return before;
      await repo.updateCategory(trx, id, { name: input.name, parentId: input.parentId, isActive: input.isActive });
      const after = await findOrFail(trx, id);
      await recordAudit(trx, actor, at, { action: 'category.update', entityType: 'category', entityId: id, data: { ...changes, path: after.path } });
      return after;
    }),
  );
}

export async function deleteCategory(deps: Deps, actor: Actor, id: number): Promise<void> {
  const at = isoNow(deps.clock);
  await deps.db.transaction().execute(async (trx) => {
    const category = await findOrFail(trx, id);
    const refs = await repo.countCategoryReferences(trx, id);
    if (refs.tickets > 0 || refs.children > 0) {
      const blockers = [refs.tickets && `${refs.tickets} ticket(s)`, refs.children && `${refs.children} sub-categor${refs.children === 1 ? 'y' : 'ies'}`];
      throw new Conflict(
        `Category "${category.path}" is still used by ${blockers.filter(Boolean).join(' and ')}; deactivate it instead (isActive: false).`,
        refs,
      );
    }
    await repo.deleteCategory(trx, id);
    await recordAudit(trx, actor, at, { action: 'category.delete', entityType: 'category', entityId: id, data: { path: category.path } });
  });
}
