// The only place with ticket SQL. Every read takes the actor's Scope.
import { sql, type SelectQueryBuilder, type Expression, type SqlBool, type ExpressionBuilder } from 'kysely';
import type { Dialect, Trx } from '../../db/db.ts';
import type { Database, NewTicketRow, TicketRow, TicketUpdate } from '../../db/schema.ts';
import type { Scope } from '../../lib/actor.ts';
import { executeCompiled } from '../../db/compiled-query-cache.ts';

type T = Database & { t: Database['tickets'] };

/** SQLite ranks at most this many of the most recent visible matches per source: bm25 costs ~5 µs a row. */
const SEARCH_WINDOW = 400;

/** Restricts a query on tickets `t` to what the scope may see. */
export function scopeFilter(eb: ExpressionBuilder<any, any>, scope: Scope): Expression<SqlBool> {
  switch (scope.kind) {
    case 'all':
      return eb.lit(true) as unknown as Expression<SqlBool>;
    case 'organisations':
      return scope.organisationIds.length ? eb('t.organisation_id', 'in', scope.organisationIds) : (eb.lit(false) as unknown as Expression<SqlBool>);
    case 'requester':
      if (scope.isOrgManager && scope.organisationId !== null)
        return eb.or([eb('t.requester_id', '=', scope.userId), eb('t.organisation_id', '=', scope.organisationId)]);
      return eb('t.requester_id', '=', scope.userId);
  }
}

const ticketColumns = [
  't.id',
  't.number',
  't.type',
  't.title',
  't.description',
  't.status',
  't.pending_reason',
  't.channel',
  't.requester_id',
  't.organisation_id',
  't.category_id',
  't.impact',
  't.urgency',
  't.priority',
  't.is_priority_overridden',
  't.priority_reason',
  't.tier',
  't.group_id',
  't.assignee_id',
  't.resolution_symptoms',
  't.resolution_diagnosis',
  't.resolution_actions',
  't.resolution_result',
  't.resolution_code',
  't.is_first_contact_resolution',
  't.reopen_count',
  't.escalation_count',
  't.created_at',
  't.updated_at',
  't.first_response_at',
  't.resolved_at',
  't.closed_at',
  't.sla_due_at',
] as const;

/** Tickets with the names a response shows (requester, assignee, group, organisation, category). */
function ticketView(db: Trx) {
  return db
    .selectFrom('tickets as t')
    .innerJoin('users as rq', 'rq.id', 't.requester_id')
    .leftJoin('users as asg', 'asg.id', 't.assignee_id')
    .leftJoin('groups as g', 'g.id', 't.group_id')
    .leftJoin('organisations as o', 'o.id', 't.organisation_id')
    .leftJoin('categories as c', 'c.id', 't.category_id')
    .select([
      ...ticketColumns,
      'rq.name as requester_name',
      'rq.email as requester_email',
      'asg.name as assignee_name',
      'asg.email as assignee_email',
      'g.name as group_name',
      'g.tier as group_tier',
      'o.name as organisation_name',
      'c.name as category_name',
    ]);
}

export type TicketViewRow = Awaited<ReturnType<ReturnType<typeof ticketView>['executeTakeFirstOrThrow']>>;

/** The hottest read: compiled once per scope shape (see compiled-query-cache.ts). */
export async function findTicketView(db: Trx, scope: Scope, id: number): Promise<TicketViewRow | undefined> {
  const [shape, scopeInputs] = scopeShape(scope);
  const rows = await executeCompiled(db, `ticket-view:${shape}`, [id, ...scopeInputs], ([ticketId, ...values]) =>
    ticketView(db)
      .where('t.id', '=', ticketId as number)
      .where((eb) => scopeFilter(eb, scopeWithValues(scope, values as number[]))),
  );
  return rows[0];
}

/** A scope's shape (what its SQL looks like) and the numbers it binds, in order. */
function scopeShape(scope: Scope): [string, number[]] {
  switch (scope.kind) {
    case 'all':
      return ['all', []];
    case 'organisations':
      return [`orgs${scope.organisationIds.length}`, scope.organisationIds];
    case 'requester':
      return scope.isOrgManager && scope.organisationId !== null
        ? ['manager', [scope.userId, scope.organisationId]]
        : ['requester', [scope.userId]];
  }
}

function scopeWithValues(scope: Scope, values: number[]): Scope {
  switch (scope.kind) {
    case 'all':
      return scope;
    case 'organisations':
      return { kind: 'organisations', organisationIds: values };
    case 'requester':
      return { ...scope, userId: values[0], organisationId: values.length > 1 ? values[1] : scope.organisationId };
  }
}

/** Reads the ticket row for a change; on PostgreSQL the row stays locked until commit. */
export function lockTicket(trx: Trx, dialect: Dialect, id: number): Promise<TicketRow | undefined> {
  const q = trx.selectFrom('tickets').selectAll().where('id', '=', id);
  return (dialect === 'postgres' ? q.forUpdate() : q).executeTakeFirst();
}

export async function nextTicketNumber(trx: Trx): Promise<number> {
  const rows = await executeCompiled(trx, 'next-ticket-number', [], () =>
    trx
      .updateTable('counters')
      .set((eb) => ({ value: eb('value', '+', 1) }))
      .where('name', '=', 'ticket_number')
      .returning('value'),
  );
  return rows[0].value;
}

/** Bumped by every ticket write in this process: cached counts are valid only until then. */
let ticketWrites = 0;
export const ticketWriteVersion = () => ticketWrites;

export async function insertTicket(trx: Trx, row: NewTicketRow): Promise<number> {
  ticketWrites++;
  const columns = (Object.keys(row) as (keyof NewTicketRow)[]).filter((k) => row[k] !== undefined).sort();
  const rows = await executeCompiled(trx, `insert-ticket:${columns.join(',')}`, columns.map((k) => row[k]), (values) =>
    trx
      .insertInto('tickets')
      .values(Object.fromEntries(columns.map((k, i) => [k, values[i]])) as NewTicketRow)
      .returning('id'),
  );
  return rows[0].id;
}

export async function updateTicketRow(trx: Trx, id: number, patch: TicketUpdate): Promise<void> {
  ticketWrites++;
  await trx.updateTable('tickets').set(patch).where('id', '=', id).execute();
}

export interface NewEvent {
  ticketId: number;
  kind: string;
  authorId: number | null;
  internal: boolean;
  body?: string | null;
  data?: unknown;
  at: string;
}

export async function insertEvent(trx: Trx, e: NewEvent): Promise<number> {
  const inputs = [e.ticketId, e.kind, e.authorId, e.internal ? 1 : 0, e.body ?? null, e.data === undefined ? null : JSON.stringify(e.data), e.at];
  const rows = await executeCompiled(trx, 'insert-event', inputs, ([ticketId, kind, authorId, internal, body, data, at]) =>
    trx
      .insertInto('ticket_events')
      .values({
        ticket_id: ticketId as number,
        kind: kind as string,
        author_id: authorId as number | null,
        is_internal: internal as number,
        body: body as string | null,
        data: data as string | null,
        created_at: at as string,
      })
      .returning('id'),
  );
  return rows[0].id;
}

export function listEvents(db: Trx, ticketId: number, includeInternal: boolean) {
  let q = db
    .selectFrom('ticket_events as e')
    .leftJoin('users as u', 'u.id', 'e.author_id')
    .select(['e.id', 'e.kind', 'e.author_id', 'e.is_internal', 'e.body', 'e.data', 'e.created_at', 'u.name as author_name', 'u.email as author_email'])
    .where('e.ticket_id', '=', ticketId);
  if (!includeInternal) q = q.where('e.is_internal', '=', 0);
  return q.orderBy('e.id').execute();
}

/** Whether the requester has had to act since the ticket was opened (FCR rule). */
export async function countRequesterFollowUps(trx: Trx, ticketId: number, requesterId: number): Promise<number> {
  const r = await trx
    .selectFrom('ticket_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('ticket_id', '=', ticketId)
    .where((eb) =>
      eb.or([
        eb.and([eb('kind', '=', 'reply'), eb('author_id', '=', requesterId)]),
        eb.and([eb('kind', '=', 'status'), eb('data', 'like', '%"to":"pending"%')]),
      ]),
    )
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export interface TicketFilters {
  statuses?: string[];
  priorities?: number[];
  type?: string;
  channels?: string[];
  groupIds?: number[] | 'none';
  assigneeId?: number | 'none';
  organisationId?: number;
  requesterId?: number;
  categoryIds?: number[];
  tier?: number;
  createdFrom?: string;
  createdTo?: string;
  /** SLA clock running and due before this instant (overdue included). */
  slaDueBefore?: string;
}

function applyFilters<QB extends SelectQueryBuilder<T, 't', any>>(q: QB, f: TicketFilters): QB {
  let r: SelectQueryBuilder<T, 't', any> = q;
  if (f.statuses?.length) r = r.where('t.status', 'in', f.statuses);
  if (f.priorities?.length) r = r.where('t.priority', 'in', f.priorities);
  if (f.type) r = r.where('t.type', '=', f.type);
  if (f.channels?.length) r = r.where('t.channel', 'in', f.channels);
  if (f.groupIds === 'none') r = r.where('t.group_id', 'is', null);
  else if (f.groupIds) r = f.groupIds.length ? r.where('t.group_id', 'in', f.groupIds) : r.where(sql<boolean>`1 = 0`);
  if (f.assigneeId === 'none') r = r.where('t.assignee_id', 'is', null);
  else if (f.assigneeId !== undefined) r = r.where('t.assignee_id', '=', f.assigneeId);
  if (f.organisationId !== undefined) r = r.where('t.organisation_id', '=', f.organisationId);
  if (f.requesterId !== undefined) r = r.where('t.requester_id', '=', f.requesterId);
  if (f.categoryIds?.length) r = r.where('t.category_id', 'in', f.categoryIds);
  if (f.tier !== undefined) r = r.where('t.tier', '=', f.tier);
  if (f.createdFrom) r = r.where('t.created_at', '>=', f.createdFrom);
  if (f.createdTo) r = r.where('t.created_at', '<', f.createdTo);
  if (f.slaDueBefore) r = r.where('t.sla_due_at', '<=', f.slaDueBefore);
  return r as QB;
}

export type SortKey = 'created_at' | 'updated_at' | 'sla_due_at';
/** Tickets without a running SLA clock sort after every due time (NULLs order differently on the two back ends). */
export const NO_SLA_DUE = '9999-12-31T23:59:59.999Z';
export interface KeysetPage {
  sort: SortKey;
  descending: boolean;
  after?: { value: string; id: number };
  limit: number;
}

/** The ids of the tickets a list shows, in no order: the scope and the filters. */
function filteredIds(db: Trx, scope: Scope, f: TicketFilters): any {
  return applyFilters(db.selectFrom('tickets as t').select('t.id').where((eb) => scopeFilter(eb, scope)) as any, f);
}

/**
 * How many tickets the list (or the search) pages through for these filters, counting at
 * most `cap` + 1: the same id query the list runs, so the two cannot disagree.
 */
export async function countListedTickets(db: Trx, dialect: Dialect, scope: Scope, f: TicketFilters, search: SearchTerms | undefined, cap: number): Promise<number> {
  const ids = search ? rankedIds(db, dialect, scope, f, search) : filteredIds(db, scope, f);
  const row = await (db as any)
    .selectFrom(ids.limit(cap + 1).as('c'))
    .select(sql<number>`count(*)`.as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A page in created/updated order, by keyset: deep pages cost what the first one does. */
export function listTicketViews(db: Trx, scope: Scope, f: TicketFilters, page: KeysetPage) {
  const col = page.sort === 'sla_due_at' ? sql<string>`coalesce(t.sla_due_at, ${sql.lit(NO_SLA_DUE)})` : (`t.${page.sort}` as const);
  const dir = page.descending ? 'desc' : 'asc';
  // Deferred join: pick the page's ids on the narrow index first, then join names for those only.
  let ids = filteredIds(db, scope, f);
  if (page.after) {
    const { value, id } = page.after;
    // A row-value comparison is an index range; the OR form scanned every row before the cursor.
    ids = ids.where((eb: any) => eb(eb.refTuple(col, 't.id'), page.descending ? '<' : '>', eb.tuple(value, id)));
  }
  ids = ids.orderBy(col, dir).orderBy('t.id', dir).limit(page.limit + 1);
  return ticketView(db).where('t.id', 'in', ids).orderBy(col, dir).orderBy('t.id', dir).execute();
}

/**
 * Ranked full-text search over titles, descriptions and timeline messages. SQLite: FTS5
 * with bm25; PostgreSQL: tsvector with ts_rank over French and English stems. Internal
 * notes only count for staff.
 */
export function searchTicketViews(db: Trx, dialect: Dialect, scope: Scope, f: TicketFilters, search: SearchTerms & { offset: number; limit: number }) {
  // Deferred join: rank, filter and page on ids, then join names for the page only.
  const ids = rankedIds(db, dialect, scope, f, search).orderBy(sql`r.score`, 'desc').orderBy('t.id', 'desc').limit(search.limit + 1).offset(search.offset);
  return ticketView(db)
    .innerJoin(ids.as('p'), 'p.id', 't.id')
    .select(sql<number>`p.score`.as('rank'))
    .orderBy(sql`p.score`, 'desc')
    .orderBy('t.id', 'desc')
    .execute();
}

export interface SearchTerms {
  /** An FTS5 query (SQLite) or a tsquery (PostgreSQL). */
  query: string;
  includeInternal: boolean;
}

/** The matching ids the actor may see that pass the filters, with their score; unordered. */
function rankedIds(db: Trx, dialect: Dialect, scope: Scope, f: TicketFilters, search: SearchTerms): any {
  const internal = search.includeInternal ? sql`` : sql` and e.is_internal = 0`;
  const matches =
    dialect === 'sqlite'
      ? sqliteMatches(db, scope, f, search)
      : sql`(select ticket_id, max(score) as score from (
            select id as ticket_id, ts_rank(search_vector, q) as score from tickets,
              lateral (select to_tsquery('guichet_fr', ${search.query}) || to_tsquery('guichet_en', ${search.query}) as q) qq
              where search_vector @@ q
            union all
            select e.ticket_id, ts_rank(e.body_vector, q) * 0.5 as score from ticket_events e,
              lateral (select to_tsquery('guichet_fr', ${search.query}) || to_tsquery('guichet_en', ${search.query}) as q) qq
              where e.body_vector @@ q${internal}
          ) m group by ticket_id)`;
  const ids = db
    .selectFrom('tickets as t')
    .innerJoin(matches.as('r') as any, 'r.ticket_id' as any, 't.id')
    .select(['t.id', sql<number>`r.score`.as('score')])
    .where((eb) => scopeFilter(eb, scope)) as any;
  return applyFilters(ids, f);
}

/**
 * SQLite: bm25 costs ~5 µs a row, so each source ranks only its SEARCH_WINDOW most recent
 * matches that the actor may see and that pass the filters (FTS5 walks matches newest
 * first and stops there). Exact whenever a term has fewer visible matches than that.
 */
function sqliteMatches(db: Trx, scope: Scope, f: TicketFilters, search: SearchTerms) {
  let inTickets: any = db
    .selectFrom(sql`tickets_fts`.as('f') as any)
    .innerJoin('tickets as t', (j) => j.on(sql<boolean>`t.id = f.rowid`))
    .select([sql<number>`f.rowid`.as('ticket_id'), sql<number>`-bm25(tickets_fts, 4.0, 1.0)`.as('score')])
    .where(sql<boolean>`tickets_fts match ${search.query}`)
    .where((eb: ExpressionBuilder<any, any>) => scopeFilter(eb, scope));
  inTickets = applyFilters(inTickets, f).orderBy(sql`f.rowid`, 'desc').limit(SEARCH_WINDOW);
  let inEvents: any = db
    .selectFrom(sql`ticket_events_fts`.as('f') as any)
    .innerJoin('ticket_events as e', (j) => j.on(sql<boolean>`e.id = f.rowid`))
    .innerJoin('tickets as t', 't.id', 'e.ticket_id')
    .select(['e.ticket_id', sql<number>`-bm25(ticket_events_fts) * 0.5`.as('score')])
    .where(sql<boolean>`ticket_events_fts match ${search.query}`)
    .where((eb: ExpressionBuilder<any, any>) => scopeFilter(eb, scope));
  if (!search.includeInternal) inEvents = inEvents.where('e.is_internal', '=', 0);
  inEvents = applyFilters(inEvents, f).orderBy(sql`f.rowid`, 'desc').limit(SEARCH_WINDOW);
  const both = (db as any).selectFrom(inTickets.as('a')).selectAll().unionAll((db as any).selectFrom(inEvents.as('b')).selectAll());
  return sql`(select ticket_id, max(score) as score from (${both}) m group by ticket_id)`;
}

/** Counts for the sidebar that depend only on the scope, each one a covering index scan. */
export async function countScopeTickets(db: Trx, scope: Scope) {
  const base = () => db.selectFrom('tickets as t').where((eb) => scopeFilter(eb, scope));
  const open = ['new', 'assigned', 'in_progress', 'pending'];
  const [byStatus, byPriority, byGroup, unassigned] = await Promise.all([
    base().select(['t.status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('t.status').execute(),
    base().select(['t.priority', (eb) => eb.fn.countAll<number>().as('n')]).where('t.status', 'in', open).groupBy('t.priority').execute(),
    base().select(['t.group_id', (eb) => eb.fn.countAll<number>().as('n')]).where('t.status', 'in', open).groupBy('t.group_id').execute(),
    base().select((eb) => eb.fn.countAll<number>().as('n')).where('t.assignee_id', 'is', null).where('t.status', 'in', open).executeTakeFirstOrThrow(),
  ]);
  return { byStatus, byPriority, byGroup, unassigned: Number(unassigned.n) };
}

/** The actor's own counts: small index ranges. */
export async function countMyTickets(db: Trx, scope: Scope, me: { userId: number; groupIds: number[] }) {
  const base = () => db.selectFrom('tickets as t').where((eb) => scopeFilter(eb, scope));
  const open = ['new', 'assigned', 'in_progress', 'pending'];
  const [mine, unassignedMine] = await Promise.all([
    base().select((eb) => eb.fn.countAll<number>().as('n')).where('t.assignee_id', '=', me.userId).where('t.status', 'in', open).executeTakeFirstOrThrow(),
    me.groupIds.length
      ? base()
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('t.group_id', 'in', me.groupIds)
          .where('t.assignee_id', 'is', null)
          .where('t.status', 'in', open)
          .executeTakeFirstOrThrow()
      : Promise.resolve({ n: 0 }),
  ]);
  return { mine: Number(mine.n), unassignedInMyGroups: Number(unassignedMine.n) };
}

export function findGroup(db: Trx, id: number) {
  return db.selectFrom('groups').select(['id', 'name', 'tier']).where('id', '=', id).executeTakeFirst();
}

export function findGroupsAtTier(db: Trx, tier: number) {
  return db.selectFrom('groups').select(['id', 'name', 'tier']).where('tier', '=', tier).orderBy('name').execute();
}

export async function groupIdsOfUser(db: Trx, userId: number): Promise<number[]> {
  const rows = await db.selectFrom('group_members').select('group_id').where('user_id', '=', userId).execute();
  return rows.map((r) => r.group_id);
}

export async function isGroupMember(db: Trx, groupId: number, userId: number): Promise<boolean> {
  const r = await db.selectFrom('group_members').select('user_id').where('group_id', '=', groupId).where('user_id', '=', userId).executeTakeFirst();
  return !!r;
}

export function findStaffUser(db: Trx, userId: number) {
  return db
    .selectFrom('users as u')
    .innerJoin('user_roles as r', 'r.user_id', 'u.id')
    .select(['u.id', 'u.name', 'u.email', 'u.is_active'])
    .where('u.id', '=', userId)
    .where('r.role', 'in', ['agent', 'supervisor', 'admin'])
    .executeTakeFirst();
}

export function findCategory(db: Trx, id: number) {
  return db.selectFrom('categories').select(['id', 'name', 'parent_id', 'is_active']).where('id', '=', id).executeTakeFirst();
}

export function listCategoryLinks(db: Trx) {
  return db.selectFrom('categories').select(['id', 'parent_id']).execute();
}
