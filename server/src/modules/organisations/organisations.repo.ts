// SQL for client organisations and their email domains.
import { sql } from 'kysely';
import type { Dialect, Trx } from '../../db/db.ts';
import { containsPattern, foldedContains } from '../../db/text-match.ts';
import type { Scope } from '../../lib/actor.ts';

export interface OrganisationRecord {
  id: number;
  name: string;
  domains: string[];
  createdAt: string;
  updatedAt: string;
}

/** The organisations a scope may see: every one, or these ids. */
export function visibleOrganisationIds(scope: Scope): 'all' | number[] {
  switch (scope.kind) {
    case 'all':
      return 'all';
    case 'organisations':
      return scope.organisationIds;
    case 'requester':
      return scope.organisationId === null ? [] : [scope.organisationId];
  }
}

async function withDomains(db: Trx, rows: { id: number; name: string; created_at: string; updated_at: string }[]) {
  if (rows.length === 0) return [];
  const domains = await db
    .selectFrom('organisation_domains')
    .select(['organisation_id', 'domain'])
    .where('organisation_id', 'in', rows.map((r) => r.id))
    .orderBy('domain')
    .execute();
  return rows.map(
    (r): OrganisationRecord => ({
      id: r.id,
      name: r.name,
      domains: domains.filter((d) => d.organisation_id === r.id).map((d) => d.domain),
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    }),
  );
}

/**
 * A page by id. `q` matches part of the name (case and accents ignored) or of a domain:
 * a scan of the organisations, stopped after one page of matches (thousands of rows at most).
 */
export async function listOrganisations(db: Trx, dialect: Dialect, scope: Scope, f: { q?: string; limit: number; cursor?: number }) {
  const visible = visibleOrganisationIds(scope);
  if (visible !== 'all' && visible.length === 0) return { items: [], nextCursor: null };
  let query = db.selectFrom('organisations').select(['id', 'name', 'created_at', 'updated_at']).orderBy('id').limit(f.limit + 1);
  if (visible !== 'all') query = query.where('id', 'in', visible);
  if (f.cursor !== undefined) query = query.where('id', '>', f.cursor);
  if (f.q) {
    const pattern = containsPattern(f.q);
    query = query.where((eb) =>
      eb.or([
        foldedContains(dialect, eb.ref('name'), f.q!),
        eb.exists(
          eb
            .selectFrom('organisation_domains as d')
            .select('d.domain')
            .whereRef('d.organisation_id', '=', 'organisations.id')
            .where(sql<boolean>`d.domain like ${pattern} escape '\\'`),
        ),
      ]),
    );
  }
  const rows = await query.execute();
  const page = rows.slice(0, f.limit);
  return { items: await withDomains(db, page), nextCursor: rows.length > f.limit ? String(page[page.length - 1].id) : null };
}

export async function findOrganisation(db: Trx, scope: Scope, id: number): Promise<OrganisationRecord | undefined> {
  const visible = visibleOrganisationIds(scope);
  if (visible !== 'all' && !visible.includes(id)) return undefined;
  const row = await db.selectFrom('organisations').select(['id', 'name', 'created_at', 'updated_at']).where('id', '=', id).executeTakeFirst();
  return row ? (await withDomains(db, [row]))[0] : undefined;
}

/** Which of these ids are organisations. */
export async function existingOrganisationIds(db: Trx, ids: number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('organisations').select('id').where('id', 'in', ids).execute();
  return rows.map((r) => r.id);
}

export function findOrganisationByName(db: Trx, name: string) {
  return db
    .selectFrom('organisations')
    .select(['id', 'name'])
    .where(sql<boolean>`lower(name) = lower(${name})`)
    .executeTakeFirst();
}

/** The organisations that own any of these domains. */
export function findDomainOwners(db: Trx, domains: string[]) {
  if (domains.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('organisation_domains as d')
    .innerJoin('organisations as o', 'o.id', 'd.organisation_id')
    .select(['d.domain', 'o.id as organisationId', 'o.name'])
    .where('d.domain', 'in', domains)
    .execute();
}

/**
 * The organisation whose domain matches the part of `email` after the @: exactly, or as a
 * parent domain (mail.acme.example belongs to acme.example). The longest match wins.
 */
export async function findOrganisationIdByEmailDomain(db: Trx, email: string): Promise<number | null> {
  const at = email.lastIndexOf('@');
  if (at < 0) return null;
  const labels = email.slice(at + 1).trim().toLowerCase().replace(/\.$/, '').split('.');
  const candidates: string[] = [];
  for (let i = 0; i < labels.length - 1; i++) candidates.push(labels.slice(i).join('.'));
  if (candidates.length === 0) return null;
  const rows = await db.selectFrom('organisation_domains').select(['domain', 'organisation_id']).where('domain', 'in', candidates).execute();
  if (rows.length === 0) return null;
  rows.sort((a, b) => b.domain.length - a.domain.length);
  return rows[0].organisation_id;
}

/** Inserts an organisation; undefined when its name is taken. */
export async function insertOrganisation(db: Trx, o: { name: string; at: string }): Promise<number | undefined> {
  const row = await db
    .insertInto('organisations')
    .values({ name: o.name, created_at: o.at, updated_at: o.at })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

export async function updateOrganisation(db: Trx, id: number, o: { name?: string; at: string }) {
  await db
    .updateTable('organisations')
    .set({ ...(o.name !== undefined && { name: o.name }), updated_at: o.at })
    .where('id', '=', id)
    .execute();
}

export async function replaceDomains(db: Trx, organisationId: number, domains: string[]) {
  await db.deleteFrom('organisation_domains').where('organisation_id', '=', organisationId).execute();
  if (domains.length > 0) {
    await db
      .insertInto('organisation_domains')
      .values(domains.map((domain) => ({ domain, organisation_id: organisationId })))
      .execute();
  }
}

/** What still points at an organisation and would stop its deletion. */
export async function countOrganisationReferences(db: Trx, id: number) {
  const count = (table: 'users' | 'tickets' | 'user_organisation_scopes') =>
    db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('organisation_id', '=', id)
      .executeTakeFirstOrThrow();
  // One after the other: a transaction is one connection, which runs one query at a time.
  const users = await count('users');
  const tickets = await count('tickets');
  const scopes = await count('user_organisation_scopes');
  return { users: Number(users.n), tickets: Number(tickets.n), restrictedStaff: Number(scopes.n) };
}

export async function deleteOrganisation(db: Trx, id: number) {
  await db.deleteFrom('organisations').where('id', '=', id).execute();
}
