// People: creation (also used by the CLI), search, changes by admins and by users
// themselves, deactivation and integration tokens.
import type { Deps } from '../../lib/deps.ts';
import type { Trx } from '../../db/db.ts';
import type { Actor } from '../../lib/actor.ts';
import { isoNow } from '../../lib/clock.ts';
import { recordAudit } from '../../lib/audit.ts';
import { Conflict, NotFound, Unprocessable, ValidationError } from '../../lib/errors.ts';
import { ROLES, type Language, type Role } from '../../../../common/enums.ts';
import { createUserBody, type ListUsersQuery, type UpdateMeBody, type UpdateUserBody, type User } from '../../../../common/schemas/users.ts';
import { createApiToken, forgetCachedActors } from '../auth/auth.service.ts';
import { hashPassword, verifyPassword } from '../auth/passwords.ts';
import { existingOrganisationIds, findOrganisationIdByEmailDomain } from '../organisations/organisations.repo.ts';
import { isUniqueViolation } from '../../lib/db-errors.ts';
import { carriedOver, refuseRoleFields, refuseSelfLockout } from './users.policy.ts';
import * as repo from './users.repo.ts';

export interface CreateUserInput {
  email: string;
  name: string;
  roles: Role[];
  password?: string;
  /** Omitted: the organisation owning the email's domain, if any. null: no organisation. */
  organisationId?: number | null;
  isOrgManager?: boolean;
  language?: Language;
  servedOrganisationIds?: number[];
  groupIds?: number[];
}

const ALL = { kind: 'all' } as const;
const uniqueIds = (ids: number[]) => [...new Set(ids)].sort((a, b) => a - b);

/** Runs a write; an email that a concurrent writer took first becomes a 409. */
async function raceSafe<T>(email: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (isUniqueViolation(err)) throw new Conflict(`A user with the email ${email} already exists.`);
    throw err;
  }
}

async function assertEmailFree(trx: Trx, email: string) {
  const other = await repo.findUserIdByEmail(trx, email);
  if (other) throw new Conflict(`A user with the email ${email} already exists (id ${other.id}).`, { userId: other.id });
}

async function assertReferencesExist(trx: Trx, f: { organisationId: number | null; servedOrganisationIds: number[]; groupIds: number[] }) {
  const orgIds = uniqueIds([...(f.organisationId === null ? [] : [f.organisationId]), ...f.servedOrganisationIds]);
  const foundOrgs = await existingOrganisationIds(trx, orgIds);
  const missingOrg = orgIds.find((id) => !foundOrgs.includes(id));
  if (missingOrg !== undefined) throw new Unprocessable(`Organisation ${missingOrg} does not exist.`, { organisationId: missingOrg });
  const foundGroups = await repo.existingGroupIds(trx, f.groupIds);
  const missingGroup = f.groupIds.find((id) => !foundGroups.includes(id));
  if (missingGroup !== undefined) throw new Unprocessable(`Group ${missingGroup} does not exist.`, { groupId: missingGroup });
}

function assertFieldsFitRoles(roles: Role[], f: Parameters<typeof refuseRoleFields>[1]) {
  const refusal = refuseRoleFields(roles, f);
  if (refusal) throw new Unprocessable(refusal);
}

/**
 * Creates a user. Validates its input itself, as the CLI calls it directly. Without an
 * organisationId, the user joins the organisation that owns their email's domain.
 */
export async function createUser(deps: Deps, actor: Actor | null, raw: CreateUserInput): Promise<User> {
  const parsed = createUserBody.safeParse(raw);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    throw new ValidationError(errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);
  }
  const input = parsed.data;
  const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
  const at = isoNow(deps.clock);
  return raceSafe(input.email, () =>
    deps.db.transaction().execute(async (trx) => {
      const organisationId = input.organisationId !== undefined ? input.organisationId : await findOrganisationIdByEmailDomain(trx, input.email);
      const fields = {
        organisationId,
        isOrgManager: input.isOrgManager ?? false,
        servedOrganisationIds: uniqueIds(input.servedOrganisationIds ?? []),
        groupIds: uniqueIds(input.groupIds ?? []),
      };
      assertFieldsFitRoles(input.roles, fields);
      await assertReferencesExist(trx, fields);
      await assertEmailFree(trx, input.email);
      const id = await repo.insertUser(trx, { ...input, ...fields, passwordHash, language: input.language ?? 'en', at });
      if (id === undefined) throw new Conflict(`A user with the email ${input.email} already exists.`);
      await repo.replaceRoles(trx, id, input.roles);
      await repo.replaceServedOrganisations(trx, id, fields.servedOrganisationIds);
      await repo.replaceUserGroups(trx, id, fields.groupIds);
      await recordAudit(trx, actor, at, {
        action: 'user.create',
        entityType: 'user',
        entityId: id,
        organisationId,
        data: { email: input.email, name: input.name, roles: input.roles, ...fields, hasPassword: passwordHash !== null },
      });
      return (await repo.findUser(trx, ALL, id))!;
    }),
  );
}

export function listUsers(deps: Deps, actor: Actor, query: ListUsersQuery) {
  return repo.listUsers(deps.db, deps.dialect, actor.scope, query);
}

export async function getUser(deps: Deps, actor: Actor, id: number): Promise<User> {
  const user = await repo.findUser(deps.db, actor.scope, id);
  if (!user) throw new NotFound(`User ${id} does not exist.`);
  return user;
}

export async function getMe(deps: Deps, actor: Actor): Promise<User> {
  const user = await repo.findUser(deps.db, ALL, actor.userId);
  if (!user) throw new NotFound('The signed-in user has no account (the system actor).');
  return user;
}

type Changes = Record<string, { from: unknown; to: unknown } | 'changed'>;
function noteChange(changes: Changes, field: string, from: unknown, to: unknown) {
  if (to !== undefined && JSON.stringify(from) !== JSON.stringify(to)) changes[field] = { from, to };
}

/**
 * An admin's change to a user. A user who stops being staff leaves their groups and
 * organisation restrictions; a password change or a deactivation signs them out (except,
 * for a password, from the session making the request).
 */
export async function updateUser(deps: Deps, actor: Actor, id: number, input: UpdateUserBody, currentSessionId?: string): Promise<User> {
  const refusal = refuseSelfLockout(actor, id, input);
  if (refusal) throw new Conflict(refusal);
  const passwordHash = input.password === undefined ? undefined : await hashPassword(input.password);
  const at = isoNow(deps.clock);
  await raceSafe(input.email ?? '', () =>
    deps.db.transaction().execute(async (trx) => {
      const before = await repo.findUser(trx, actor.scope, id);
      if (!before) throw new NotFound(`User ${id} does not exist.`);
      const roles = input.roles ?? before.roles;
      const kept = carriedOver(roles, before);
      const next = {
        organisationId: input.organisationId !== undefined ? input.organisationId : before.organisationId,
        isOrgManager: input.isOrgManager ?? before.isOrgManager,
        servedOrganisationIds: input.servedOrganisationIds ? uniqueIds(input.servedOrganisationIds) : kept.servedOrganisationIds,
        groupIds: input.groupIds ? uniqueIds(input.groupIds) : kept.groupIds,
      };
      assertFieldsFitRoles(roles, next);
      await assertReferencesExist(trx, next);
      if (input.email !== undefined && input.email !== before.email) await assertEmailFree(trx, input.email);

      const changes: Changes = {};
      for (const field of ['email', 'name', 'language', 'isActive'] as const) noteChange(changes, field, before[field], input[field]);
      noteChange(changes, 'roles', before.roles, input.roles && ROLES.filter((r) => input.roles!.includes(r)));
      for (const field of ['organisationId', 'isOrgManager', 'servedOrganisationIds', 'groupIds'] as const) {
        noteChange(changes, field, before[field], next[field]);
      }
      if (passwordHash) changes.password = 'changed';
      if (Object.keys(changes).length === 0) return;

      await repo.updateUserRow(trx, id, { ...input, ...next, passwordHash, at });
      if (changes.roles) await repo.replaceRoles(trx, id, roles);
      if (changes.servedOrganisationIds) await repo.replaceServedOrganisations(trx, id, next.servedOrganisationIds);
      if (changes.groupIds) await repo.replaceUserGroups(trx, id, next.groupIds);
      if (input.isActive === false) await repo.deleteSessions(trx, id);
      else if (passwordHash) await repo.deleteSessions(trx, id, currentSessionId);
      await recordAudit(trx, actor, at, { action: 'user.update', entityType: 'user', entityId: id, organisationId: next.organisationId, data: changes });
    }),
  );
  forgetCachedActors(deps, id);
  return getUser(deps, actor, id);
}

/** Deletion is deactivation: the user keeps their history but can no longer sign in. */
export async function deactivateUser(deps: Deps, actor: Actor, id: number): Promise<void> {
  const refusal = refuseSelfLockout(actor, id, { isActive: false });
  if (refusal) throw new Conflict(refusal);
  const at = isoNow(deps.clock);
  await deps.db.transaction().execute(async (trx) => {
    const user = await repo.findUser(trx, actor.scope, id);
    if (!user) throw new NotFound(`User ${id} does not exist.`);
    await repo.deleteSessions(trx, id);
    if (!user.isActive) return;
    await repo.updateUserRow(trx, id, { isActive: false, at });
    await recordAudit(trx, actor, at, { action: 'user.deactivate', entityType: 'user', entityId: id, organisationId: user.organisationId });
  });
  forgetCachedActors(deps, id);
}

/** A user's change to their own name, language or password (which needs the current one). */
export async function updateMe(deps: Deps, actor: Actor, input: UpdateMeBody, currentSessionId?: string): Promise<User> {
  const before = await getMe(deps, actor);
  let passwordHash: string | undefined;
  if (input.password !== undefined) {
    const current = await repo.findPasswordHash(deps.db, actor.userId);
    if (!current || !(await verifyPassword(current, input.currentPassword ?? ''))) {
      throw new Unprocessable('currentPassword: the current password is incorrect.');
    }
    passwordHash = await hashPassword(input.password);
  }
  const changes: Changes = {};
  noteChange(changes, 'name', before.name, input.name);
  noteChange(changes, 'language', before.language, input.language);
  if (passwordHash) changes.password = 'changed';
  if (Object.keys(changes).length === 0) return before;
  const at = isoNow(deps.clock);
  await deps.db.transaction().execute(async (trx) => {
    await repo.updateUserRow(trx, actor.userId, { name: input.name, language: input.language, passwordHash, at });
    if (passwordHash) await repo.deleteSessions(trx, actor.userId, currentSessionId);
    await recordAudit(trx, actor, at, { action: 'user.update', entityType: 'user', entityId: actor.userId, organisationId: before.organisationId, data: changes });
  });
  forgetCachedActors(deps, actor.userId);
  return getMe(deps, actor);
}

/** An API token for a user, typically an integration account; the token is shown once. */
export async function createUserToken(deps: Deps, actor: Actor, id: number, name: string, expiresAt?: string) {
  const user = await getUser(deps, actor, id);
  if (!user.isActive) throw new Conflict(`User ${id} is deactivated; reactivate them before creating a token.`);
  return createApiToken(deps, actor, id, name, expiresAt);
}
