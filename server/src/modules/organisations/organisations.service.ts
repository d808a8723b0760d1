// Client organisations: creation, renaming, their email domains, deletion when unused.
import type { Deps } from '../../lib/deps.ts';
import type { Trx } from '../../db/db.ts';
import type { Actor } from '../../lib/actor.ts';
import { isoNow } from '../../lib/clock.ts';
import { recordAudit } from '../../lib/audit.ts';
import { Conflict, NotFound } from '../../lib/errors.ts';
import type {
  CreateOrganisationInput,
  ListOrganisationsQuery,
  Organisation,
  UpdateOrganisationInput,
} from '../../../../common/schemas/organisations.ts';
import { isUniqueViolation } from '../../lib/db-errors.ts';
import * as repo from './organisations.repo.ts';

const unique = (domains: string[]) => [...new Set(domains)].sort();

async function assertNameFree(trx: Trx, name: string, exceptId?: number) {
  const owner = await repo.findOrganisationByName(trx, name);
  if (owner && owner.id !== exceptId) {
    throw new Conflict(`An organisation named "${owner.name}" already exists (id ${owner.id}).`, { organisationId: owner.id });
  }
}

async function assertDomainsFree(trx: Trx, domains: string[], exceptId?: number) {
  const taken = (await repo.findDomainOwners(trx, domains)).filter((d) => d.organisationId !== exceptId);
  if (taken.length > 0) {
    const t = taken[0];
    throw new Conflict(`The domain ${t.domain} already belongs to the organisation "${t.name}" (id ${t.organisationId}).`, {
      domain: t.domain,
      organisationId: t.organisationId,
    });
  }
}

/** Runs a write; a unique index that a concurrent writer beat us to becomes a 409. */
async function raceSafe<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (isUniqueViolation(err)) throw new Conflict('The name or a domain was just taken by another organisation; reload and retry.');
    throw err;
  }
}

export function listOrganisations(deps: Deps, actor: Actor, query: ListOrganisationsQuery) {
  return repo.listOrganisations(deps.db, deps.dialect, actor.scope, query);
}

export async function getOrganisation(deps: Deps, actor: Actor, id: number): Promise<Organisation> {
  const org = await repo.findOrganisation(deps.db, actor.scope, id);
  if (!org) throw new NotFound(`Organisation ${id} does not exist.`);
  return org;
}

export async function createOrganisation(deps: Deps, actor: Actor | null, input: CreateOrganisationInput): Promise<Organisation> {
  const at = isoNow(deps.clock);
  const domains = unique(input.domains);
  const id = await raceSafe(() =>
    deps.db.transaction().execute(async (trx) => {
      await assertNameFree(trx, input.name);
      await assertDomainsFree(trx, domains);
      const newId = await repo.insertOrganisation(trx, { name: input.name, at });
      if (newId === undefined) throw new Conflict(`An organisation named "${input.name}" already exists.`);
      await repo.replaceDomains(trx, newId, domains);
      await recordAudit(trx, actor, at, {
        action: 'organisation.create',
        entityType: 'organisation',
        entityId: newId,
        organisationId: newId,
        data: { name: input.name, domains },
      });
      return newId;
    }),
  );
  return { id, name: input.name, domains, createdAt: at, updatedAt: at };
}

export async function updateOrganisation(deps: Deps, actor: Actor, id: number, input: UpdateOrganisationInput): Promise<Organisation> {
  const at = isoNow(deps.clock);
  await raceSafe(() =>
    deps.db.transaction().execute(async (trx) => {
      const before = await repo.findOrganisation(trx, actor.scope, id);
      if (!before) throw new NotFound(`Organisation ${id} does not exist.`);
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      if (input.name !== undefined && input.name !== before.name) {
        await assertNameFree(trx, input.name, id);
        changes.name = { from: before.name, to: input.name };
      }
      const domains = input.domains && unique(input.domains);
      if (domains && domains.join() !== before.domains.join()) {
        await assertDomainsFree(trx, domains, id);
        await repo.replaceDomains(trx, id, domains);
        changes.domains = { from: before.domains, to: domains };
      }
      if (Object.keys(changes).length === 0) return;
      await repo.updateOrganisation(trx, id, { name: input.name, at });
      await recordAudit(trx, actor, at, { action: 'organisation.update', entityType: 'organisation', entityId: id, organisationId: id, data: changes });
    }),
  );
  return getOrganisation(deps, actor, id);
}

export async function deleteOrganisation(deps: Deps, actor: Actor, id: number): Promise<void> {
  const at = isoNow(deps.clock);
  await deps.db.transaction().execute(async (trx) => {
    const org = await repo.findOrganisation(trx, actor.scope, id);
    if (!org) throw new NotFound(`Organisation ${id} does not exist.`);
    const refs = await repo.countOrganisationReferences(trx, id);
    // Staff restricted to it would silently be widened to every organisation if their
    // scope rows cascaded away, so they block the deletion too.
    const blockers = [
      refs.users && `${refs.users} user(s)`,
      refs.tickets && `${refs.tickets} ticket(s)`,
      refs.restrictedStaff && `${refs.restrictedStaff} staff member(s) restricted to it`,
    ].filter(Boolean);
    if (blockers.length > 0) {
      throw new Conflict(`Organisation "${org.name}" still has ${blockers.join(', ')}; move or remove them first.`, refs);
    }
    await repo.deleteOrganisation(trx, id);
    await recordAudit(trx, actor, at, {
      action: 'organisation.delete',
      entityType: 'organisation',
      entityId: id,
      organisationId: id,
      data: { name: org.name, domains: org.domains },
    });
  });
}
