// SQL for people: their rows, roles, served organisations and group memberships.
import { sql, type ExpressionBuilder, type Selectable } from 'kysely';
import type { Dialect, Trx } from '../../db/db.ts';
import type { Database, UsersTable } from '../../db/schema.ts';
import type { Scope } from '../../lib/actor.ts';
import { ROLES, STAFF_ROLES, type Language, type Role } from '../../../../common/enums.ts';
import type { User } from '../../../../common/schemas/users.ts';
import { containsPattern, foldedContains } from '../../db/text-match.ts';

const USER_COLUMNS = ['id', 'email', 'name', 'organisation_id', 'is_org_manager', 'language', 'is_active', 'created_at', 'updated_at'] as const;

/**
 * Which users a scope may see. Staff restricted to some organisations see those
 * organisations' people and the staff who belong to no client organisation (their
 * colleagues); requesters see themselves, and their organisation when they manage it.
 */
function visibleTo(scope: Scope) {
  return (eb: ExpressionBuilder<Database, 'users'>) => {
    const isStaff = eb.exists(
      eb.selectFrom('user_roles as r').select('r.user_id').whereRef('r.user_id', '=', 'users.id').where('r.role', 'in', STAFF_ROLES),
    );
    switch (scope.kind) {
      case 'all':
        return eb.lit(true);
      case 'organisations': {
        const colleagues = eb.and([eb('users.organisation_id', 'is', null), isStaff]);
        if (scope.organisationIds.length === 0) return colleagues;
        return eb.or([eb('users.organisation_id', 'in', scope.organisationIds), colleagues]);
      }
      case 'requester':
        return scope.isOrgManager && scope.organisationId !== null
          ? eb.or([eb('users.id', '=', scope.userId), eb('users.organisation_id', '=', scope.organisationId)])
          : eb('users.id', '=', scope.userId);
    }
  };
}

type UserRow = Omit<Selectable<UsersTable>, 'password_hash'>;

/** Adds roles, served organisations and groups to user rows: three queries for any number. */
async function hydrate(db: Trx, rows: UserRow[]): Promise<User[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const roles = await db.selectFrom('user_roles').select(['user_id', 'role']).where('user_id', 'in', ids).execute();
  const scopes = await db
    .selectFrom('user_organisation_scopes')
    .select(['user_id', 'organisation_id'])
    .where('user_id', 'in', ids)
    .orderBy('organisation_id')
    .execute();
  const groups = await db.selectFrom('group_members').select(['user_id', 'group_id']).where('user_id', 'in', ids).orderBy('group_id').execute();
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    name: r.name,
    roles: ROLES.filter((role) => roles.some((x) => x.user_id === r.id && x.role === role)),
    organisationId: r.organisation_id,
    isOrgManager: r.is_org_manager === 1,
    language: r.language as Language,
    isActive: r.is_active === 1,
    groupIds: groups.filter((g) => g.user_id === r.id).map((g) => g.group_id),
    servedOrganisationIds: scopes.filter((s) => s.user_id === r.id).map((s) => s.organisation_id),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

export async function listUsers(
  db: Trx,
  dialect: Dialect,
  scope: Scope,
  f: { q?: string; role?: Role; organisationId?: number; limit: number; cursor?: number },
) {
  let query = db.selectFrom('users').select(USER_COLUMNS).where(visibleTo(scope)).orderBy('id').limit(f.limit + 1);
  if (f.cursor !== undefined) query = query.where('id', '>', f.cursor);
  if (f.organisationId !== undefined) query = query.where('organisation_id', '=', f.organisationId);
  if (f.role) {
    const role = f.role;
    query = query.where((eb) =>
      eb.exists(eb.selectFrom('user_roles as r').select('r.user_id').whereRef('r.user_id', '=', 'users.id').where('r.role', '=', role)),
    );
  }
  if (f.q) {
    const pattern = containsPattern(f.q);
    query = query.where((eb) =>
      eb.or([foldedContains(dialect, eb.ref('users.name'), f.q!), sql<boolean>`${eb.ref('users.email')} like ${pattern} escape '\\'`]),
    );
  }
  const rows = await query.execute();
  const page = rows.slice(0, f.limit);
  return { items: await hydrate(db, page), nextCursor: rows.length > f.limit ? String(page[page.length - 1].id) : null };
}

export async function findUser(db: Trx, scope: Scope, id: number): Promise<User | undefined> {
  const row = await db.selectFrom('users').select(USER_COLUMNS).where('id', '=', id).where(visibleTo(scope)).executeTakeFirst();
  return row ? (await hydrate(db, [row]))[0] : undefined;
}

export function findUserIdByEmail(db: Trx, email: string) {
  return db.selectFrom('users').select('id').where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
}

export async function findPasswordHash(db: Trx, id: number): Promise<string | null> {
  const row = await db.selectFrom('users').select('password_hash').where('id', '=', id).executeTakeFirst();
  return row?.password_hash ?? null;
}

/** Inserts a user; undefined when the email is taken. */
export async function insertUser(
  db: Trx,
  u: { email: string; name: string; passwordHash: string | null; organisationId: number | null; isOrgManager: boolean; language: string; at: string },
): Promise<number | undefined> {
  const row = await db
    .insertInto('users')
    .values({
      email: u.email,
      name: u.name,
      password_hash: u.passwordHash,
      organisation_id: u.organisationId,
      is_org_manager: u.isOrgManager ? 1 : 0,
      language: u.language,
      is_active: 1,
      created_at: u.at,
      updated_at: u.at,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

export async function updateUserRow(
  db: Trx,
  id: number,
  u: Partial<{ email: string; name: string; passwordHash: string; organisationId: number | null; isOrgManager: boolean; language: string; isActive: boolean }> & {
    at: string;
  },
) {
  await db
    .updateTable('users')
    .set({
      ...(u.email !== undefined && { email: u.email }),
      ...(u.name !== undefined && { name: u.name }),
      ...(u.passwordHash !== undefined && { password_hash: u.passwordHash }),
      ...(u.organisationId !== undefined && { organisation_id: u.organisationId }),
      ...(u.isOrgManager !== undefined && { is_org_manager: u.isOrgManager ? 1 : 0 }),
      ...(u.language !== undefined && { language: u.language }),
      ...(u.isActive !== undefined && { is_active: u.isActive ? 1 : 0 }),
      updated_at: u.at,
    })
    .where('id', '=', id)
    .execute();
}

export async function replaceRoles(db: Trx, userId: number, roles: Role[]) {
  await db.deleteFrom('user_roles').where('user_id', '=', userId).execute();
  await db.insertInto('user_roles').values(roles.map((role) => ({ user_id: userId, role }))).execute();
}

export async function replaceServedOrganisations(db: Trx, userId: number, organisationIds: number[]) {
  await db.deleteFrom('user_organisation_scopes').where('user_id', '=', userId).execute();
  if (organisationIds.length === 0) return;
  await db
    .insertInto('user_organisation_scopes')
    .values(organisationIds.map((organisation_id) => ({ user_id: userId, organisation_id })))
    .execute();
}

export async function replaceUserGroups(db: Trx, userId: number, groupIds: number[]) {
  await db.deleteFrom('group_members').where('user_id', '=', userId).execute();
  if (groupIds.length === 0) return;
  await db
    .insertInto('group_members')
    .values(groupIds.map((group_id) => ({ user_id: userId, group_id })))
    .execute();
}

/** Signs a user out everywhere, except (optionally) the session making this request. */
export async function deleteSessions(db: Trx, userId: number, exceptSessionId?: string) {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptSessionId) query = query.where('id', '!=', exceptSessionId);
  await query.execute();
}

/** Which of these ids are groups. */
export async function existingGroupIds(db: Trx, ids: number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('groups').select('id').where('id', 'in', ids).execute();
  return rows.map((r) => r.id);
}
