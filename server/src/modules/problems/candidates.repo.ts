// The only place with SQL about detected clusters (problem_candidates and their tickets).
// A candidate belongs to one organisation (or none); restricted staff see their
// organisations' candidates only, and those without an organisation need full scope.
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Dialect, Trx } from '../../db/db.ts';
import type { ProblemCandidatesTable } from '../../db/schema.ts';
import type { Scope } from '../../lib/actor.ts';
import type { CandidateStatus } from '../../../../common/schemas/problems.ts';

export type CandidateRow = Omit<ProblemCandidatesTable, 'id'> & { id: number };

/** Restricts a query on candidates `c` to a staff scope. */
function candidateScope(eb: ExpressionBuilder<any, any>, scope: Scope, column = 'c.organisation_id'): Expression<SqlBool> {
  if (scope.kind === 'all') return eb.lit(true) as unknown as Expression<SqlBool>;
  if (scope.kind === 'organisations' && scope.organisationIds.length) return eb(column, 'in', scope.organisationIds);
  return eb.lit(false) as unknown as Expression<SqlBool>;
}

/** PostgreSQL: one detection run at a time (held until commit); SQLite runs one writer anyway. */
const DETECTION_LOCK = 51_734_006;
export async function lockDetection(trx: Trx, dialect: Dialect): Promise<void> {
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(${DETECTION_LOCK})`.execute(trx);
}

/** Incidents created since `since` that no problem links, in the scope (tickets_type_created_idx). */
export function findDetectionInput(db: Trx, scope: Scope, since: string) {
  return db
    .selectFrom('tickets as t')
    .select(['t.id', 't.title', 't.description', 't.category_id', 't.organisation_id', 't.created_at'])
    .where('t.type', '=', 'incident')
    .where('t.created_at', '>=', since)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('problem_incidents as pi').select('pi.ticket_id').whereRef('pi.ticket_id', '=', 't.id'))))
    .where((eb) => candidateScope(eb, scope, 't.organisation_id'))
    .orderBy('t.id')
    .execute();
}

/** Of these tickets, those a problem links now. */
export async function linkedAmong(trx: Trx, ticketIds: number[]): Promise<Set<number>> {
  const out = new Set<number>();
  for (let i = 0; i < ticketIds.length; i += 500) {
    const rows = await trx.selectFrom('problem_incidents').select('ticket_id').distinct().where('ticket_id', 'in', ticketIds.slice(i, i + 500)).execute();
    for (const r of rows) out.add(r.ticket_id);
  }
  return out;
}

/**
 * Undecided candidates, and candidates dismissed with tickets in the window (they keep their
 * tickets from being proposed again), with their tickets.
 */
export async function findLiveCandidates(trx: Trx, scope: Scope, since: string) {
  const rows = await trx
    .selectFrom('problem_candidates as c')
    .select(['c.id', 'c.status', 'c.organisation_id', 'c.signature', 'c.ticket_count', 'c.explanation', 'c.first_at', 'c.last_at'])
    .where((eb) => eb.or([eb('c.status', '=', 'proposed'), eb.and([eb('c.status', '=', 'dismissed'), eb('c.last_at', '>=', since)])]))
    .where((eb) => candidateScope(eb, scope))
    .orderBy('c.id')
    .execute();
  const tickets = await candidateTicketRows(trx, rows.map((r) => r.id));
  return rows.map((r) => ({ ...r, tickets: tickets.get(r.id) ?? [] }));
}

async function candidateTicketRows(trx: Trx, ids: number[]) {
  const out = new Map<number, { ticket_id: number; similarity: number; created_at: string }[]>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await trx
      .selectFrom('problem_candidate_tickets as ct')
      .innerJoin('tickets as t', 't.id', 'ct.ticket_id')
      .select(['ct.candidate_id', 'ct.ticket_id', 'ct.similarity', 't.created_at'])
      .where('ct.candidate_id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const r of rows) {
      const list = out.get(r.candidate_id);
      const row = { ticket_id: r.ticket_id, similarity: r.similarity, created_at: r.created_at };
      if (list) list.push(row);
      else out.set(r.candidate_id, [row]);
    }
  }
  return out;
}

export function insertCandidate(trx: Trx, values: Omit<CandidateRow, 'id'>): Promise<{ id: number }> {
  return trx.insertInto('problem_candidates').values(values).returning('id').executeTakeFirstOrThrow();
}

/** Updates an undecided candidate; false when it was decided meanwhile. */
export async function refreshCandidate(trx: Trx, id: number, patch: Partial<Omit<CandidateRow, 'id'>>): Promise<boolean> {
  const r = await trx.updateTable('problem_candidates').set(patch).where('id', '=', id).where('status', '=', 'proposed').executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertCandidateTickets(trx: Trx, candidateId: number, tickets: { id: number; similarity: number }[]): Promise<void> {
  for (let i = 0; i < tickets.length; i += 500) {
    const chunk = tickets.slice(i, i + 500).map((t) => ({ candidate_id: candidateId, ticket_id: t.id, similarity: t.similarity }));
    if (chunk.length) await trx.insertInto('problem_candidate_tickets').values(chunk).onConflict((oc) => oc.columns(['candidate_id', 'ticket_id']).doNothing()).execute();
  }
}

export async function updateTicketSimilarity(trx: Trx, candidateId: number, ticketId: number, similarity: number): Promise<void> {
  await trx.updateTable('problem_candidate_tickets').set({ similarity }).where('candidate_id', '=', candidateId).where('ticket_id', '=', ticketId).execute();
}

/** The candidate row if the scope sees it, locked until commit on PostgreSQL. */
export function lockCandidate(trx: Trx, dialect: Dialect, scope: Scope, id: number): Promise<CandidateRow | undefined> {
  const q = trx
    .selectFrom('problem_candidates as c')
    .selectAll('c')
    .where('c.id', '=', id)
    .where((eb) => candidateScope(eb, scope));
  return (dialect === 'postgres' ? q.forUpdate() : q).executeTakeFirst() as Promise<CandidateRow | undefined>;
}

/** Marks an undecided candidate decided; false when someone decided it first. */
export async function decideCandidate(
  trx: Trx,
  id: number,
  d: { status: 'accepted' | 'dismissed'; problem_id: number | null; decided_by_id: number | null; decided_at: string; dismiss_reason: string | null },
): Promise<boolean> {
  const r = await trx
    .updateTable('problem_candidates')
    .set({ ...d, updated_at: d.decided_at })
    .where('id', '=', id)
    .where('status', '=', 'proposed')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The candidate's tickets that no problem links yet, oldest first. */
export async function unlinkedTicketIds(trx: Trx, candidateId: number): Promise<number[]> {
  const rows = await trx
    .selectFrom('problem_candidate_tickets as ct')
    .select('ct.ticket_id')
    .where('ct.candidate_id', '=', candidateId)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('problem_incidents as pi').select('pi.ticket_id').whereRef('pi.ticket_id', '=', 'ct.ticket_id'))))
    .orderBy('ct.ticket_id')
    .execute();
  return rows.map((r) => r.ticket_id);
}

const CANDIDATE_COLUMNS = [
  'c.id', 'c.status', 'c.title', 'c.organisation_id', 'c.category_id', 'c.explanation', 'c.ticket_count', 'c.first_at', 'c.last_at',
  'c.problem_id', 'c.decided_at', 'c.created_at',
] as const;

function candidateViews(db: Trx, scope: Scope) {
  return db
    .selectFrom('problem_candidates as c')
    .leftJoin('organisations as o', 'o.id', 'c.organisation_id')
    .leftJoin('categories as cat', 'cat.id', 'c.category_id')
    .select([...CANDIDATE_COLUMNS, 'o.name as organisation_name', 'cat.name as category_name'])
    .where((eb) => candidateScope(eb, scope));
}
export type CandidateView = Awaited<ReturnType<ReturnType<typeof candidateViews>['executeTakeFirstOrThrow']>>;

/** Candidates with a status, biggest and latest first (problem_candidates_status_idx). */
export function listCandidateViews(db: Trx, scope: Scope, status: CandidateStatus, limit: number) {
  return candidateViews(db, scope).where('c.status', '=', status).orderBy('c.last_at', 'desc').orderBy('c.id', 'desc').limit(limit).execute();
}

export function findCandidateView(db: Trx, scope: Scope, id: number) {
  return candidateViews(db, scope).where('c.id', '=', id).executeTakeFirst();
}

/** Each candidate's tickets, most similar to the cluster first. */
export async function listCandidateTickets(db: Trx, candidateIds: number[]) {
  const out = new Map<number, { id: number; number: number; title: string; status: string; created_at: string; similarity: number }[]>();
  for (let i = 0; i < candidateIds.length; i += 500) {
    const rows = await db
      .selectFrom('problem_candidate_tickets as ct')
      .innerJoin('tickets as t', 't.id', 'ct.ticket_id')
      .select(['ct.candidate_id', 't.id', 't.number', 't.title', 't.status', 't.created_at', 'ct.similarity'])
      .where('ct.candidate_id', 'in', candidateIds.slice(i, i + 500))
      .orderBy('ct.similarity', 'desc')
      .orderBy('t.id')
      .execute();
    for (const { candidate_id, ...t } of rows) {
      const list = out.get(candidate_id);
      if (list) list.push(t);
      else out.set(candidate_id, [t]);
    }
  }
  return out;
}
