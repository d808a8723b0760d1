// Saved queue views: every agent keeps their own; supervisors and admins may share one with
// every agent. Only the owner changes or deletes a view.
import type { Deps } from '../../lib/deps.ts';
import type { Trx } from '../../db/db.ts';
import { isSupervisor, type Actor } from '../../lib/actor.ts';
import { isoNow } from '../../lib/clock.ts';
import { Conflict, Forbidden, NotFound, Unprocessable } from '../../lib/errors.ts';
import { isUniqueViolation } from '../../lib/db-errors.ts';
import {
  VIEW_FILTER_KEYS,
  VIEW_LIMITS,
  type CreateViewInput,
  type SavedView,
  type UpdateViewInput,
  type ViewFilters,
} from '../../../../common/schemas/views.ts';
import * as repo from './views.repo.ts';

function toView(r: repo.ViewRow): SavedView {
  return {
    id: r.id,
    name: r.name,
    owner: { id: r.owner_id, name: r.owner_name },
    isShared: r.is_shared === 1,
    filters: JSON.parse(r.filters) as Record<string, string>,
    sort: r.sort as SavedView['sort'],
    columns: JSON.parse(r.columns) as SavedView['columns'],
    position: r.position,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** The filters in one fixed key order, so equal views store equal text. */
function filtersJson(filters: ViewFilters): string {
  return JSON.stringify(Object.fromEntries(VIEW_FILTER_KEYS.filter((k) => filters[k] !== undefined).map((k) => [k, filters[k]])));
}

function assertMayShare(actor: Actor, isShared: boolean | undefined) {
  if (isShared && !isSupervisor(actor)) throw new Forbidden('Only supervisors and admins can share a view with every agent.');
}

async function assertNameFree(trx: Trx, ownerId: number, name: string, exceptId?: number) {
  const other = await repo.findViewByName(trx, ownerId, name);
  if (other && other.id !== exceptId) throw new Conflict(`You already have a view named "${other.name}".`, { viewId: other.id });
}

async function raceSafe<T>(name: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (isUniqueViolation(err)) throw new Conflict(`You already have a view named "${name}".`);
    throw err;
  }
}

/** A view the actor may see (their own or a shared one); 404 otherwise. */
async function findVisible(trx: Trx, actor: Actor, id: number): Promise<repo.ViewRow> {
  const row = await repo.findView(trx, id);
  if (!row || (row.owner_id !== actor.userId && row.is_shared !== 1)) throw new NotFound(`View ${id} does not exist.`);
  return row;
}

async function findOwned(trx: Trx, actor: Actor, id: number): Promise<repo.ViewRow> {
  const row = await findVisible(trx, actor, id);
  if (row.owner_id !== actor.userId) throw new Forbidden(`View "${row.name}" belongs to ${row.owner_name}; only its owner can change it.`);
  return row;
}

export async function listViews(deps: Deps, actor: Actor): Promise<SavedView[]> {
  return (await repo.listVisibleViews(deps.db, actor.userId)).map(toView);
}

export async function getView(deps: Deps, actor: Actor, id: number): Promise<SavedView> {
  return toView(await findVisible(deps.db, actor, id));
}

export async function createView(deps: Deps, actor: Actor, input: CreateViewInput): Promise<SavedView> {
  assertMayShare(actor, input.isShared);
  const at = isoNow(deps.clock);
  return raceSafe(input.name, () =>
    deps.db.transaction().execute(async (trx) => {
      await assertNameFree(trx, actor.userId, input.name);
      const stats = await repo.ownerViewStats(trx, actor.userId);
      if (stats.count >= VIEW_LIMITS.perOwner) throw new Unprocessable(`You have ${stats.count} views, the most one person can keep; delete one first.`);
      const id = await repo.insertView(
        trx,
        actor.userId,
        {
          name: input.name,
          is_shared: input.isShared ? 1 : 0,
          filters: filtersJson(input.filters),
          sort: input.sort,
          columns: JSON.stringify(input.columns),
          position: input.position ?? stats.nextPosition,
        },
        at,
      );
      return toView((await repo.findView(trx, id))!);
    }),
  );
}

export async function updateView(deps: Deps, actor: Actor, id: number, input: UpdateViewInput): Promise<SavedView> {
  assertMayShare(actor, input.isShared);
  const at = isoNow(deps.clock);
  return raceSafe(input.name ?? '', () =>
    deps.db.transaction().execute(async (trx) => {
      const before = await findOwned(trx, actor, id);
      if (input.name !== undefined && input.name !== before.name) await assertNameFree(trx, actor.userId, input.name, id);
      await repo.updateView(
        trx,
        id,
        {
          ...(input.name !== undefined && { name: input.name }),
          ...(input.isShared !== undefined && { is_shared: input.isShared ? 1 : 0 }),
          ...(input.filters !== undefined && { filters: filtersJson(input.filters) }),
          ...(input.sort !== undefined && { sort: input.sort }),
          ...(input.columns !== undefined && { columns: JSON.stringify(input.columns) }),
          ...(input.position !== undefined && { position: input.position }),
        },
        at,
      );
      return toView((await repo.findView(trx, id))!);
    }),
  );
}

export async function deleteView(deps: Deps, actor: Actor, id: number): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    await findOwned(trx, actor, id);
    await repo.deleteView(trx, id);
  });
}
