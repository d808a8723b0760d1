// Support groups: the teams tickets are routed to, each at a tier.
import type { Deps } from '../../lib/deps.ts';
import type { Trx } from '../../db/db.ts';
import type { Actor } from '../../lib/actor.ts';
import { isoNow } from '../../lib/clock.ts';
import { recordAudit } from '../../lib/audit.ts';
import { Conflict, NotFound, Unprocessable } from '../../lib/errors.ts';
import type { CreateGroupInput, Group, UpdateGroupInput } from '../../../../common/schemas/groups.ts';
import { isUniqueViolation } from '../../lib/db-errors.ts';
import * as repo from './groups.repo.ts';
import { forgetRoutingRules } from '../routing/route.ts';

async function assertNameFree(trx: Trx, name: string, exceptId?: number) {
  const other = await repo.findGroupByName(trx, name);
  if (other && other.id !== exceptId) throw new Conflict(`A group named "${other.name}" already exists (id ${other.id}).`, { groupId: other.id });
}

async function raceSafe<T>(name: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (isUniqueViolation(err)) throw new Conflict(`A group named "${name}" already exists.`);
    throw err;
  }
}

async function findOrFail(trx: Trx, id: number): Promise<Group> {
  const group = await repo.findGroup(trx, id);
  if (!group) throw new NotFound(`Group ${id} does not exist.`);
  return group;
}

export function listGroups(deps: Deps) {
  return repo.listGroups(deps.db);
}

export function getGroup(deps: Deps, id: number) {
  return findOrFail(deps.db, id);
}

export async function createGroup(deps: Deps, actor: Actor | null, input: CreateGroupInput): Promise<Group> {
  const at = isoNow(deps.clock);
  return raceSafe(input.name, () =>
    deps.db.transaction().execute(async (trx) => {
      await assertNameFree(trx, input.name);
      const id = await repo.insertGroup(trx, { ...input, at });
      if (id === undefined) throw new Conflict(`A group named "${input.name}" already exists.`);
      await recordAudit(trx, actor, at, { action: 'group.create', entityType: 'group', entityId: id, data: input });
      return findOrFail(trx, id);
    }),
  );
}

export async function updateGroup(deps: Deps, actor: Actor, id: number, input: UpdateGroupInput): Promise<Group> {
  const at = isoNow(deps.clock);
  return raceSafe(input.name ?? '', () =>
    deps.db.transaction().execute(async (trx) => {
      const before = await findOrFail(trx, id);
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      for (const field of ['name', 'tier', 'description'] as const) {
        if (input[field] !== undefined && input[field] !== before[field]) changes[field] = { from: before[field], to: input[field] };
      }
      if (Object.keys(changes).length === 0) return before;
      if (changes.name) await assertNameFree(trx, input.name!, id);
      await repo.updateGroup(trx, id, { ...input, at });
      await recordAudit(trx, actor, at, { action: 'group.update', entityType: 'group', entityId: id, data: changes });
      return findOrFail(trx, id);
    }),
  );
}

export async function deleteGroup(deps: Deps, actor: Actor, id: number): Promise<void> {
  const at = isoNow(deps.clock);
  // Its routing rules go with it (cascade): the cached ones must not send a ticket there.
  await deps.db.transaction().execute(async (trx) => {
    const g = await findOrFail(trx, id);
    const tickets = await repo.countGroupTickets(trx, id);
    if (tickets > 0) throw new Conflict(`Group "${g.name}" is referenced by ${tickets} ticket(s); it cannot be deleted.`, { tickets });
    await repo.deleteGroup(trx, id);
    await recordAudit(trx, actor, at, {
      action: 'group.delete',
      entityType: 'group',
      entityId: id,
      data: { name: g.name, tier: g.tier, memberIds: g.members.map((m) => m.id) },
    });
  });
  forgetRoutingRules();
}

/** Replaces the members of a group; every member must be staff. */
export async function setGroupMembers(deps: Deps, actor: Actor, id: number, userIds: number[]): Promise<Group> {
  const wanted = [...new Set(userIds)].sort((a, b) => a - b);
  const at = isoNow(deps.clock);
  return deps.db.transaction().execute(async (trx) => {
    const current = await findOrFail(trx, id);
    const staff = await repo.findStaffStatus(trx, wanted);
    const missing = wanted.filter((u) => !staff.has(u));
    if (missing.length > 0) throw new Unprocessable(`userIds: user ${missing.join(', ')} does not exist.`, { userIds: missing });
    const notStaff = wanted.filter((u) => !staff.get(u));
    if (notStaff.length > 0) {
      throw new Unprocessable(`userIds: user ${notStaff.join(', ')} has no staff role (agent, supervisor or admin).`, { userIds: notStaff });
    }
    const currentIds = current.members.map((m) => m.id);
    const added = wanted.filter((u) => !currentIds.includes(u));
    const removed = currentIds.filter((u) => !wanted.includes(u));
    if (added.length === 0 && removed.length === 0) return current;
    await repo.replaceMembers(trx, id, wanted);
    await recordAudit(trx, actor, at, { action: 'group.members.set', entityType: 'group', entityId: id, data: { added, removed } });
    return findOrFail(trx, id);
  });
}
