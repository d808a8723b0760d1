// The only place with problem SQL. Problems are staff records: a restricted agent sees the
// problems of the organisations they serve; a problem without an organisation spans
// several and only staff who see every organisation see it.
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Dialect, Trx } from '../../db/db.ts';
import type { ProblemsTable } from '../../db/schema.ts';
import type { Scope } from '../../lib/actor.ts';
import { scopeFilter } from '../tickets/tickets.repo.ts';
import { OPEN_STATUSES } from '../../../../common/enums.ts';
import type { ProblemStatus } from '../../../../common/schemas/problems.ts';

export type ProblemRow = Omit<ProblemsTable, 'id'> & { id: number };

/** Restricts a query on problems `p` to what a staff scope may see (requesters see none). */
export function problemScopeFilter(eb: ExpressionBuilder<any, any>, scope: Scope): Expression<SqlBool> {
  if (scope.kind === 'all') return eb.lit(true) as unknown as Expression<SqlBool>;
  if (scope.kind === 'organisations' && scope.organisationIds.length) return eb('p.organisation_id', 'in', scope.organisationIds);
  return eb.lit(false) as unknown as Expression<SqlBool>;
}

export function insertProblem(trx: Trx, values: Omit<ProblemRow, 'id'>): Promise<{ id: number }> {
  return trx.insertInto('problems').values(values).returning('id').executeTakeFirstOrThrow();
}

export function updateProblem(trx: Trx, id: number, patch: Partial<Omit<ProblemRow, 'id'>>) {
  return trx.updateTable('problems').set(patch).where('id', '=', id).execute();
}

/** The problem row, locked for the rest of the transaction on PostgreSQL. */
export function lockProblem(trx: Trx, dialect: Dialect, scope: Scope, id: number): Promise<ProblemRow | undefined> {
  const q = trx
    .selectFrom('problems as p')
    .selectAll('p')
    .where('p.id', '=', id)
    .where((eb) => problemScopeFilter(eb, scope));
  return (dialect === 'postgres' ? q.forUpdate() : q).executeTakeFirst() as Promise<ProblemRow | undefined>;
}

const summaryColumns = [
  'p.id',
  'p.title',
  'p.status',
  'p.owner_group_id',
  'g.name as owner_group_name',
  'p.organisation_id',
  'p.category_id',
  'p.created_at',
  'p.updated_at',
] as const;

function counts(eb: ExpressionBuilder<any, any>) {
  const open = OPEN_STATUSES.map((s) => sql.lit(s));
  return [
    eb.selectFrom('problem_incidents as pi').whereRef('pi.problem_id', '=', 'p.id').select(eb.fn.countAll<number>().as('n')).as('incident_count'),
    eb
      .selectFrom('problem_incidents as pi')
      .innerJoin('tickets as t', 't.id', 'pi.ticket_id')
      .whereRef('pi.problem_id', '=', 'p.id')
      .where(sql<boolean>`t.status in (${sql.join(open)})`)
      .select(eb.fn.countAll<number>().as('n'))
      .as('open_incident_count'),
  ];
}

function summaries(db: Trx) {
  return db
    .selectFrom('problems as p')
    .leftJoin('groups as g', 'g.id', 'p.owner_group_id')
    .select(summaryColumns)
    .select((eb) => counts(eb));
}
export type ProblemSummaryRow = Awaited<ReturnType<ReturnType<typeof summaries>['executeTakeFirstOrThrow']>>;

export function findProblemView(db: Trx, scope: Scope, id: number) {
  return summaries(db)
    .leftJoin('categories as c', 'c.id', 'p.category_id')
    .leftJoin('users as u', 'u.id', 'p.created_by_id')
    .select([
      'p.description',
      'p.root_cause',
      'p.workaround',
      'p.resolution',
      'p.candidate_id',
      'p.resolved_at',
      'p.closed_at',
      'c.name as category_name',
      'u.name as created_by_name',
    ])
    .where('p.id', '=', id)
    .where((eb) => problemScopeFilter(eb, scope))
    .executeTakeFirst();
}

export interface ProblemFilters {
  statuses?: ProblemStatus[];
  /** Only these problems (a text search already matched them). */
  ids?: number[];
}

/** Most recently updated first, by keyset on (updated_at, id). */
export function listProblemSummaries(db: Trx, scope: Scope, f: ProblemFilters, page: { after?: { value: string; id: number }; limit: number }) {
  let q = summaries(db).where((eb) => problemScopeFilter(eb, scope));
  if (f.statuses) q = q.where('p.status', 'in', f.statuses);
  if (f.ids) q = f.ids.length ? q.where('p.id', 'in', f.ids) : q.where(sql<boolean>`1 = 0`);
  if (page.after) q = q.where((eb) => eb(eb.refTuple('p.updated_at', 'p.id'), '<', eb.tuple(page.after!.value, page.after!.id)));
  return q.orderBy('p.updated_at', 'desc').orderBy('p.id', 'desc').limit(page.limit + 1).execute();
}

/** Every problem's text in the scope, for a text filter done in memory (problems number in the hundreds). */
export function listProblemTexts(db: Trx, scope: Scope, statuses?: ProblemStatus[]) {
  let q = db.selectFrom('problems as p').select(['p.id', 'p.title', 'p.description']).where((eb) => problemScopeFilter(eb, scope));
  if (statuses) q = q.where('p.status', 'in', statuses);
  return q.execute();
}

/** The linked incidents a scope may see, oldest link first. */
export function listIncidentViews(db: Trx, scope: Scope, problemId: number) {
  return db
    .selectFrom('problem_incidents as pi')
    .innerJoin('tickets as t', 't.id', 'pi.ticket_id')
    .innerJoin('users as rq', 'rq.id', 't.requester_id')
    .leftJoin('organisations as o', 'o.id', 't.organisation_id')
    .select(['t.id', 't.number', 't.title', 't.status', 't.priority', 't.created_at', 'pi.linked_at', 'o.name as organisation_name', 'rq.name as requester_name'])
    .where('pi.problem_id', '=', problemId)
    .where((eb) => scopeFilter(eb, scope))
    .orderBy('pi.linked_at')
    .orderBy('t.id')
    .execute();
}

/** Tickets by id with what linking needs; only those the scope may see. */
export function findVisibleTickets(db: Trx, scope: Scope, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('tickets as t')
    .select(['t.id', 't.organisation_id', 't.requester_id', 't.status', 't.title'])
    .where('t.id', 'in', ids)
    .where((eb) => scopeFilter(eb, scope))
    .execute();
}

export async function linkedTicketIds(db: Trx, problemId: number): Promise<number[]> {
  const rows = await db.selectFrom('problem_incidents').select('ticket_id').where('problem_id', '=', problemId).orderBy('ticket_id').execute();
  return rows.map((r) => r.ticket_id);
}

export function insertLinks(trx: Trx, problemId: number, ticketIds: number[], by: number | null, at: string) {
  if (ticketIds.length === 0) return Promise.resolve();
  return trx
    .insertInto('problem_incidents')
    .values(ticketIds.map((ticket_id) => ({ problem_id: problemId, ticket_id, linked_by_id: by, linked_at: at })))
    .onConflict((oc) => oc.columns(['problem_id', 'ticket_id']).doNothing())
    .execute();
}

export async function deleteLink(trx: Trx, problemId: number, ticketId: number): Promise<boolean> {
  const r = await trx.deleteFrom('problem_incidents').where('problem_id', '=', problemId).where('ticket_id', '=', ticketId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** The problems a ticket is linked to, that the scope may see. */
export function listProblemsOfTicket(db: Trx, scope: Scope, ticketId: number) {
  return summaries(db)
    .innerJoin('problem_incidents as link', 'link.problem_id', 'p.id')
    .select('p.workaround')
    .where('link.ticket_id', '=', ticketId)
    .where((eb) => problemScopeFilter(eb, scope))
    .orderBy('p.updated_at', 'desc')
    .orderBy('p.id', 'desc')
    .execute();
}

/** Problems whose workaround may help now: known errors, and a known root cause with a workaround. */
export function listKnownErrorRows(db: Trx) {
  return db
    .selectFrom('problems as p')
    .select(['p.id', 'p.title', 'p.description', 'p.root_cause', 'p.workaround', 'p.status', 'p.organisation_id', 'p.category_id'])
    .where('p.status', 'in', ['known_error', 'root_cause_known'])
    .where('p.workaround', 'is not', null)
    .orderBy('p.id')
    .execute();
}

export function groupExists(db: Trx, id: number) {
  return db.selectFrom('groups').select('id').where('id', '=', id).executeTakeFirst();
}

export function categoryExists(db: Trx, id: number) {
  return db.selectFrom('categories').select('id').where('id', '=', id).executeTakeFirst();
}

/** The words of recent tickets, to tell the helpdesk's everyday words from telling ones. */
export function recentTicketTexts(db: Trx, limit: number) {
  return db
    .selectFrom('tickets')
    .select(['title', sql<string>`substr(description, 1, 400)`.as('description')])
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
