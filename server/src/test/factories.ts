// Factories: each test builds its own organisations and people, so files run in parallel
// on one database server without truncating anything.
import crypto from 'node:crypto';
import type { Role } from '../../../common/enums.ts';
import type { Deps } from '../lib/deps.ts';
import { createApiToken } from '../modules/auth/auth.service.ts';
import { hashPassword } from '../modules/auth/passwords.ts';
import { createTicket } from '../modules/tickets/tickets.service.ts';
import { systemActor } from '../lib/actor.ts';

const now = () => new Date().toISOString();

// Argon2id is slow by design; tests hash each distinct password once per process.
const hashes = new Map<string, Promise<string>>();
const hashOnce = (password: string) => {
  if (!hashes.has(password)) hashes.set(password, hashPassword(password));
  return hashes.get(password)!;
};
export const uniq = () => crypto.randomBytes(4).toString('hex');

export async function makeOrganisation(deps: Deps, o: { name?: string; domains?: string[] } = {}) {
  const name = o.name ?? `Org ${uniq()}`;
  const row = await deps.db
    .insertInto('organisations')
    .values({ name, created_at: now(), updated_at: now() })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const domain of o.domains ?? []) {
    await deps.db.insertInto('organisation_domains').values({ domain: domain.toLowerCase(), organisation_id: row.id }).execute();
  }
  return { id: row.id, name, domains: o.domains ?? [] };
}

export interface MadeUser {
  id: number;
  email: string;
  name: string;
  token: string;
  password: string;
}

export async function makeUser(
  deps: Deps,
  o: {
    roles?: Role[];
    email?: string;
    name?: string;
    organisationId?: number | null;
    isOrgManager?: boolean;
    password?: string;
    servedOrganisationIds?: number[];
    groupIds?: number[];
  } = {},
): Promise<MadeUser> {
  const email = (o.email ?? `user-${uniq()}@example.test`).toLowerCase();
  const name = o.name ?? email.split('@')[0];
  const password = o.password ?? 'correct horse battery';
  const row = await deps.db
    .insertInto('users')
    .values({
      email,
      name,
      password_hash: await hashOnce(password),
      organisation_id: o.organisationId ?? null,
      is_org_manager: o.isOrgManager ? 1 : 0,
      language: 'en',
      is_active: 1,
      created_at: now(),
      updated_at: now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const role of o.roles ?? ['requester']) await deps.db.insertInto('user_roles').values({ user_id: row.id, role }).execute();
  for (const orgId of o.servedOrganisationIds ?? [])
    await deps.db.insertInto('user_organisation_scopes').values({ user_id: row.id, organisation_id: orgId }).execute();
  for (const groupId of o.groupIds ?? []) await deps.db.insertInto('group_members').values({ group_id: groupId, user_id: row.id }).execute();
  const { token } = await createApiToken(deps, null, row.id, 'test');
  return { id: row.id, email, name, token, password };
}

export async function makeGroup(deps: Deps, o: { name?: string; tier?: number } = {}) {
  const name = o.name ?? `Group ${uniq()}`;
  const row = await deps.db
    .insertInto('groups')
    .values({ name, tier: o.tier ?? 1, description: '', created_at: now(), updated_at: now() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, name, tier: o.tier ?? 1 };
}

export async function makeCategory(deps: Deps, o: { name?: string; parentId?: number | null } = {}) {
  const name = o.name ?? `Category ${uniq()}`;
  const row = await deps.db
    .insertInto('categories')
    .values({ name, parent_id: o.parentId ?? null, is_active: 1, created_at: now() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, name };
}

/** One user of each role, the cast most API tests start from. */
export async function makeRoleCast(deps: Deps) {
  return {
    admin: await makeUser(deps, { roles: ['admin'] }),
    supervisor: await makeUser(deps, { roles: ['supervisor'] }),
    agent: await makeUser(deps, { roles: ['agent'] }),
    requester: await makeUser(deps, { roles: ['requester'] }),
  };
}

/** A ticket opened through the real service, as the system, for a requester that exists. */
export function makeTicket(deps: Deps, o: { requesterId: number; categoryId?: number; groupId?: number; title?: string }) {
  return createTicket(deps, systemActor(), {
    title: o.title ?? `Ticket ${uniq()}`,
    description: 'Made by a test factory.',
    requesterId: o.requesterId,
    category: o.categoryId,
    groupId: o.groupId,
  });
}
