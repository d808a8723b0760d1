import type { Trx } from '../../db/db.ts';
import type { Role } from '../../../../common/enums.ts';

export interface AuthUser {
  id: number;
  email: string;
  name: string;
  organisationId: number | null;
  isOrgManager: boolean;
  language: string;
  isActive: boolean;
  roles: Role[];
  servedOrganisationIds: number[];
}

export async function findAuthUser(db: Trx, userId: number): Promise<AuthUser | undefined> {
  const u = await db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'organisation_id', 'is_org_manager', 'language', 'is_active'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!u) return undefined;
  const [roles, scopes] = await Promise.all([
    db.selectFrom('user_roles').select('role').where('user_id', '=', userId).execute(),
    db.selectFrom('user_organisation_scopes').select('organisation_id').where('user_id', '=', userId).execute(),
  ]);
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    organisationId: u.organisation_id,
    isOrgManager: u.is_org_manager === 1,
    language: u.language,
    isActive: u.is_active === 1,
    roles: roles.map((r) => r.role as Role),
    servedOrganisationIds: scopes.map((s) => s.organisation_id),
  };
}

export function findPasswordHashByEmail(db: Trx, email: string) {
  return db
    .selectFrom('users')
    .select(['id', 'password_hash', 'is_active'])
    .where('email', '=', email.toLowerCase())
    .executeTakeFirst();
}

export async function insertSession(db: Trx, s: { id: string; userId: number; createdAt: string; expiresAt: string }) {
  await db.insertInto('sessions').values({ id: s.id, user_id: s.userId, created_at: s.createdAt, expires_at: s.expiresAt }).execute();
}

export function findSession(db: Trx, id: string) {
  return db.selectFrom('sessions').select(['user_id', 'expires_at']).where('id', '=', id).executeTakeFirst();
}

export async function deleteSession(db: Trx, id: string) {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function deleteExpiredSessions(db: Trx, now: string) {
  await db.deleteFrom('sessions').where('expires_at', '<', now).execute();
}

export async function insertApiToken(
  db: Trx,
  t: { userId: number; name: string; tokenHash: string; prefix: string; createdAt: string; expiresAt?: string | null },
) {
  return db
    .insertInto('api_tokens')
    .values({ user_id: t.userId, name: t.name, token_hash: t.tokenHash, prefix: t.prefix, created_at: t.createdAt, expires_at: t.expiresAt ?? null })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export function findApiToken(db: Trx, tokenHash: string) {
  return db
    .selectFrom('api_tokens')
    .select(['id', 'user_id', 'revoked_at', 'last_used_at', 'expires_at'])
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function touchApiToken(db: Trx, id: number, at: string) {
  await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
}

export function listApiTokens(db: Trx, userId: number) {
  return db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'prefix', 'created_at', 'last_used_at', 'expires_at', 'revoked_at'])
    .where('user_id', '=', userId)
    .orderBy('id')
    .execute();
}

export async function revokeApiToken(db: Trx, userId: number, tokenId: number, at: string) {
  const r = await db
    .updateTable('api_tokens')
    .set({ revoked_at: at })
    .where('id', '=', tokenId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
