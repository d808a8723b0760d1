// SQL for skills, the agents who have them and the categories that require them.
import { sql } from 'kysely';
import type { Trx } from '../../db/db.ts';
import { STAFF_ROLES } from '../../../../common/enums.ts';
import type { Skill } from '../../../../common/schemas/routing.ts';

function skillsWithCounts(db: Trx) {
  return db
    .selectFrom('skills as s')
    .select((eb) => [
      's.id',
      's.name',
      eb.selectFrom('user_skills as us').select((e) => e.fn.countAll<number>().as('n')).whereRef('us.skill_id', '=', 's.id').as('agents'),
      eb.selectFrom('categories as c').select((e) => e.fn.countAll<number>().as('n')).whereRef('c.required_skill_id', '=', 's.id').as('categories'),
    ]);
}

const skillOf = (r: { id: number; name: string; agents: number | null; categories: number | null }): Skill => ({
  id: r.id,
  name: r.name,
  agents: Number(r.agents ?? 0),
  categories: Number(r.categories ?? 0),
});

export async function listSkills(db: Trx): Promise<Skill[]> {
  return (await skillsWithCounts(db).orderBy('s.name').orderBy('s.id').execute()).map(skillOf);
}

export async function findSkill(db: Trx, id: number): Promise<Skill | undefined> {
  const row = await skillsWithCounts(db).where('s.id', '=', id).executeTakeFirst();
  return row && skillOf(row);
}

export function findSkillByName(db: Trx, name: string) {
  return db.selectFrom('skills').select(['id', 'name']).where(sql<boolean>`lower(name) = lower(${name})`).executeTakeFirst();
}

export function findSkillsByIds(db: Trx, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('skills').select(['id', 'name']).where('id', 'in', ids).execute();
}

/** Inserts a skill; undefined when its name is taken. */
export async function insertSkill(db: Trx, name: string, at: string): Promise<number | undefined> {
  const row = await db.insertInto('skills').values({ name, created_at: at }).onConflict((oc) => oc.doNothing()).returning('id').executeTakeFirst();
  return row?.id;
}

export async function renameSkill(db: Trx, id: number, name: string) {
  await db.updateTable('skills').set({ name }).where('id', '=', id).execute();
}

export async function deleteSkill(db: Trx, id: number) {
  // Declared cascades do the rest; spelt out so both back ends agree whatever their FK settings.
  await db.updateTable('categories').set({ required_skill_id: null }).where('required_skill_id', '=', id).execute();
  await db.deleteFrom('user_skills').where('skill_id', '=', id).execute();
  await db.deleteFrom('skills').where('id', '=', id).execute();
}

export function listUserSkills(db: Trx, userId: number) {
  return db
    .selectFrom('user_skills as us')
    .innerJoin('skills as s', 's.id', 'us.skill_id')
    .select(['s.id', 's.name'])
    .where('us.user_id', '=', userId)
    .orderBy('s.name')
    .orderBy('s.id')
    .execute();
}

export async function replaceUserSkills(db: Trx, userId: number, skillIds: number[]) {
  await db.deleteFrom('user_skills').where('user_id', '=', userId).execute();
  if (skillIds.length === 0) return;
  await db
    .insertInto('user_skills')
    .values(skillIds.map((skill_id) => ({ user_id: userId, skill_id })))
    .execute();
}

/** A user and whether they have a staff role; undefined when there is no such user. */
export async function findUser(db: Trx, userId: number) {
  const row = await db
    .selectFrom('users as u')
    .select((eb) => [
      'u.id',
      'u.name',
      eb.exists(eb.selectFrom('user_roles as r').select('r.user_id').whereRef('r.user_id', '=', 'u.id').where('r.role', 'in', STAFF_ROLES)).as('is_staff'),
    ])
    .where('u.id', '=', userId)
    .executeTakeFirst();
  // SQLite answers 0/1, PostgreSQL true/false.
  return row && { id: row.id, name: row.name, isStaff: Boolean(row.is_staff) };
}

export function findCategory(db: Trx, id: number) {
  return db.selectFrom('categories').select(['id', 'name', 'required_skill_id']).where('id', '=', id).executeTakeFirst();
}

export async function setCategorySkill(db: Trx, categoryId: number, skillId: number | null) {
  await db.updateTable('categories').set({ required_skill_id: skillId }).where('id', '=', categoryId).execute();
}
