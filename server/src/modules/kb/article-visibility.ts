// Who may read which article. Staff see every status and audience, organisation-specific
// articles only within their scope; requesters see published public articles meant for
// every organisation or their own; anonymous visitors only those meant for everyone.
import { isStaff, scopeAllows, type Actor, type Scope } from '../../lib/actor.ts';

export interface ArticleReader {
  staff: boolean;
  scope: Scope | null;
  organisationId: number | null;
}

export const ANONYMOUS_READER: ArticleReader = { staff: false, scope: null, organisationId: null };

export function articleReaderOf(actor: Actor | null): ArticleReader {
  if (!actor) return ANONYMOUS_READER;
  const staff = isStaff(actor.roles);
  return { staff, scope: actor.scope, organisationId: staff ? null : actor.organisationId };
}

/** The same rule as the SQL filter (articles.repo whereVisible), for one loaded article. */
export function canReadArticle(
  reader: ArticleReader,
  a: { status: string; audience: string; organisation_id: number | null },
): boolean {
  if (reader.staff) return a.organisation_id === null || (reader.scope !== null && scopeAllows(reader.scope, a.organisation_id));
  if (a.status !== 'published' || a.audience !== 'public') return false;
  return a.organisation_id === null || (reader.organisationId !== null && a.organisation_id === reader.organisationId);
}

/** Organisations whose specific articles a staff reader sees: 'all', or a list. */
export function staffOrganisations(reader: ArticleReader): 'all' | number[] {
  if (!reader.scope || reader.scope.kind === 'all') return 'all';
  if (reader.scope.kind === 'organisations') return reader.scope.organisationIds;
  return [];
}
