// Who a new ticket is for: an existing user, or a new requester placed in the organisation
// that owns their email domain.
import type { Trx } from '../../db/db.ts';
import { executeCompiled } from '../../db/compiled-query-cache.ts';
import { findOrganisationIdByEmailDomain } from '../organisations/organisations.repo.ts';
import { Unprocessable } from '../../lib/errors.ts';
import { insertUser, replaceRoles } from '../users/users.repo.ts';

export interface RequesterRef {
  id: number;
  organisationId: number | null;
  created: boolean;
}

export async function findRequesterById(trx: Trx, id: number): Promise<RequesterRef> {
  const u = await trx.selectFrom('users').select(['id', 'organisation_id', 'is_active']).where('id', '=', id).executeTakeFirst();
  if (!u || u.is_active !== 1) throw new Unprocessable(`Requester ${id} does not exist or is deactivated.`);
  return { id: u.id, organisationId: u.organisation_id, created: false };
}

/** `language` is the new requester's (mail written in French gets answers in French). */
export async function findOrCreateRequester(trx: Trx, email: string, name: string | undefined, at: string, language: 'en' | 'fr' = 'en'): Promise<RequesterRef> {
  const address = email.toLowerCase();
  const [existing] = await executeCompiled(trx, 'requester-by-email', [address], ([email]) =>
    trx.selectFrom('users').select(['id', 'organisation_id', 'is_active']).where('email', '=', email as string),
  );
  if (existing) {
    if (existing.is_active !== 1) throw new Unprocessable(`Requester ${address} is deactivated.`);
    return { id: existing.id, organisationId: existing.organisation_id, created: false };
  }
  const organisationId = await findOrganisationIdByEmailDomain(trx, address);
  // Two messages from a new sender at once: the second finds the first's row.
  const id = await insertUser(trx, { email: address, name: name ?? address.split('@')[0], passwordHash: null, organisationId, isOrgManager: false, language, at });
  if (id === undefined) return findOrCreateRequester(trx, address, name, at, language);
  await replaceRoles(trx, id, ['requester']);
  return { id, organisationId, created: true };
}
