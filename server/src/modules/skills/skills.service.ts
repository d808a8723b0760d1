// Skills: what an agent can handle. A category may require one, and automatic assignment
// then picks only agents who have it (routing/assign.ts).
import type { Deps } from '../../lib/deps.ts';
import type { Trx } from '../../db/db.ts';
import type { Actor } from '../../lib/actor.ts';
import { isoNow } from '../../lib/clock.ts';
import { recordAudit } from '../../lib/audit.ts';
import { isUniqueViolation } from '../../lib/db-errors.ts';
import { Conflict, NotFound, Unprocessable } from '../../lib/errors.ts';
import type { CategoryRequiredSkill, Skill } from '../../../../common/schemas/routing.ts';
import * as repo from './skills.repo.ts';

type SkillRef = { id: number; name: string };

async function findOrFail(trx: Trx, id: number): Promise<Skill> {
  const skill = await repo.findSkill(trx, id);
  if (!skill) throw new NotFound(`Skill ${id} does not exist.`);
  return skill;
}

async function assertNameFree(trx: Trx, name: string, exceptId?: number) {
  const other = await repo.findSkillByName(trx, name);
  if (other && other.id !== exceptId) throw new Conflict(`A skill named "${other.name}" already exists (id ${other.id}).`, { skillId: other.id });
}

async function raceSafe<T>(name: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (isUniqueViolation(err)) throw new Conflict(`A skill named "${name}" already exists.`);
    throw err;
  }
}

export function listSkills(deps: Deps) {
  return repo.listSkills(deps.db);
}

export function createSkill(deps: Deps, actor: Actor, name: string): Promise<Skill> {
  const at = isoNow(deps.clock);
  return raceSafe(name, () =>
    deps.db.transaction().execute(async (trx) => {
      await assertNameFree(trx, name);
      const id = await repo.insertSkill(trx, name, at);
      if (id === undefined) throw new Conflict(`A skill named "${name}" already exists.`);
      await recordAudit(trx, actor, at, { action: 'skill.create', entityType: 'skill', entityId: id, data: { name } });
      return findOrFail(trx, id);
    }),
  );
}

export function renameSkill(deps: Deps, actor: Actor, id: number, name: string): Promise<Skill> {
  const at = isoNow(deps.clock);
  return raceSafe(name, () =>
    deps.db.transaction().execute(async (trx) => {
      const before = await findOrFail(trx, id);
      if (before.name === name) return before;
      await assertNameFree(trx, name, id);
      await repo.renameSkill(trx, id, name);
      await recordAudit(trx, actor, at, { action: 'skill.update', entityType: 'skill', entityId: id, data: { name: { from: before.name, to: name } } });
      return findOrFail(trx, id);
    }),
  );
}

/** Deleting a skill takes it from its agents and from the categories that required it. */
export async function deleteSkill(deps: Deps, actor: Actor, id: number): Promise<void> {
  const at = isoNow(deps.clock);
  await deps.db.transaction().execute(async (trx) => {
    const before = await findOrFail(trx, id);
    await repo.deleteSkill(trx, id);
    await recordAudit(trx, actor, at, { action: 'skill.delete', entityType: 'skill', entityId: id, data: before });
  });
}

async function userOrFail(trx: Trx, userId: number) {
  const user = await repo.findUser(trx, userId);
  if (!user) throw new NotFound(`User ${userId} does not exist.`);
  return user;
}

export async function getUserSkills(deps: Deps, userId: number): Promise<SkillRef[]> {
  await userOrFail(deps.db, userId);
  return repo.listUserSkills(deps.db, userId);
}

export async function setUserSkills(deps: Deps, actor: Actor, userId: number, skillIds: number[]): Promise<SkillRef[]> {
  const wanted = [...new Set(skillIds)].sort((a, b) => a - b);
  const at = isoNow(deps.clock);
  return deps.db.transaction().execute(async (trx) => {
    const user = await userOrFail(trx, userId);
    if (!user.isStaff) {
      const message = `User ${userId} (${user.name}) has no staff role (agent, supervisor or admin); only staff have skills.`;
      throw new Unprocessable(message, { errors: [{ path: 'id', message }] });
    }
    const known = new Set((await repo.findSkillsByIds(trx, wanted)).map((s) => s.id));
    const missing = wanted.filter((id) => !known.has(id));
    if (missing.length) {
      const message = `"skillIds": skill ${missing.join(', ')} does not exist.`;
      throw new Unprocessable(message, { errors: [{ path: 'skillIds', message }] });
    }
    const before = (await repo.listUserSkills(trx, userId)).map((s) => s.id);
    const added = wanted.filter((id) => !before.includes(id));
    const removed = before.filter((id) => !wanted.includes(id));
    if (added.length || removed.length) {
      await repo.replaceUserSkills(trx, userId, wanted);
      await recordAudit(trx, actor, at, { action: 'user.skills.set', entityType: 'user', entityId: userId, data: { added, removed } });
    }
    return repo.listUserSkills(trx, userId);
  });
}

export async function setCategoryRequiredSkill(deps: Deps, actor: Actor, categoryId: number, skillId: number | null): Promise<CategoryRequiredSkill> {
  const at = isoNow(deps.clock);
  return deps.db.transaction().execute(async (trx) => {
    const category = await repo.findCategory(trx, categoryId);
    if (!category) throw new NotFound(`Category ${categoryId} does not exist.`);
    const skill = skillId === null ? null : (await repo.findSkillsByIds(trx, [skillId]))[0];
    if (skill === undefined) {
      const message = `"skillId": skill ${skillId} does not exist.`;
      throw new Unprocessable(message, { errors: [{ path: 'skillId', message }] });
    }
    if (category.required_skill_id !== skillId) {
      await repo.setCategorySkill(trx, categoryId, skillId);
      await recordAudit(trx, actor, at, {
        action: 'category.required_skill.set',
        entityType: 'category',
        entityId: categoryId,
        data: { from: category.required_skill_id, to: skillId },
      });
    }
    return { categoryId, requiredSkill: skill };
  });
}
