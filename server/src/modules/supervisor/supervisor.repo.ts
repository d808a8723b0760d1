// SQL for the supervisor's overview: aggregates over the open tickets the actor may see.
// Every ticket query is a GROUP BY or a LIMIT; no ticket list is loaded whole.
import { sql } from 'kysely';
import type { Trx } from '../../db/db.ts';
import type { Scope } from '../../lib/actor.ts';
import { OPEN_STATUSES } from '../../../../common/enums.ts';
import { scopeFilter } from '../tickets/tickets.repo.ts';

/**
 * Open statuses as literals, in the order of the partial index tickets_open_idx: the
 * planner uses a partial index only when the query's condition matches its own.
 */
const isOpen = sql<boolean>`t.status in (${sql.join(OPEN_STATUSES.map((s) => sql.lit(s)))})`;

function openTickets(db: Trx, scope: Scope) {
  return db
    .selectFrom('tickets as t')
    .where(isOpen)
    .where((eb) => scopeFilter(eb, scope));
}

/**
 * One scan of tickets_open_idx, in its order (no sort): open tickets counted by status,
 * group, tier, priority and assignee, with how many in each were created after each of
 * `ageLimits` (ISO strings). A few hundred rows at 100,000 tickets; the service folds them
 * into the breakdowns and the agents' loads.
 */
export function countOpenTickets(db: Trx, scope: Scope, ageLimits: string[]): Promise<OpenCountRow[]> {
  return openTicketCounts(db, scope, ageLimits).execute() as Promise<OpenCountRow[]>;
}

/** The query of countOpenTickets, exported so that a test can check its plan. */
export function openTicketCounts(db: Trx, scope: Scope, ageLimits: string[]) {
  return openTickets(db, scope)
    .select([
      't.group_id',
      't.tier',
      't.priority',
      't.assignee_id',
      't.status',
      (eb) => eb.fn.countAll<number>().as('n'),
      ...ageLimits.map((limit, i) => sql<number>`sum(case when t.created_at >= ${limit} then 1 else 0 end)`.as(`since_${i}`)),
    ])
    .groupBy(['t.status', 't.group_id', 't.tier', 't.priority', 't.assignee_id']);
}

export interface OpenCountRow {
  group_id: number | null;
  tier: number;
  priority: number;
  assignee_id: number | null;
  status: string;
  n: number | string;
  /** since_0..since_k: created at or after ageLimits[i] */
  [since: `since_${number}`]: number | string | null;
}

/** The oldest open tickets, picked on ids first, then joined to their names. */
export function listOldestOpen(db: Trx, scope: Scope, limit: number) {
  const ids = openTickets(db, scope).select('t.id').orderBy('t.created_at').orderBy('t.id').limit(limit);
  return db
    .selectFrom('tickets as t')
    .leftJoin('groups as g', 'g.id', 't.group_id')
    .leftJoin('users as a', 'a.id', 't.assignee_id')
    .leftJoin('organisations as o', 'o.id', 't.organisation_id')
    .select([
      't.id',
      't.number',
      't.title',
      't.priority',
      't.status',
      't.group_id',
      'g.name as group_name',
      'g.tier as group_tier',
      't.assignee_id',
      'a.name as assignee_name',
      't.organisation_id',
      'o.name as organisation_name',
      't.created_at',
    ])
    .where('t.id', 'in', ids)
    .orderBy('t.created_at')
    .orderBy('t.id')
    .execute();
}

export function listGroups(db: Trx) {
  return db.selectFrom('groups').select(['id', 'name', 'tier']).orderBy('tier').orderBy('name').orderBy('id').execute();
}

/** Active users with the agent role. */
export function listActiveAgents(db: Trx) {
  return db
    .selectFrom('users as u')
    .innerJoin('user_roles as r', 'r.user_id', 'u.id')
    .select(['u.id', 'u.name', 'u.email'])
    .where('r.role', '=', 'agent')
    .where('u.is_active', '=', 1)
    .orderBy('u.name')
    .orderBy('u.id')
    .execute();
}

/** Group memberships of the active agents. */
export function listAgentMemberships(db: Trx) {
  return db
    .selectFrom('group_members as m')
    .innerJoin('user_roles as r', (j) => j.onRef('r.user_id', '=', 'm.user_id').on('r.role', '=', 'agent'))
    .select(['m.user_id', 'm.group_id'])
    .execute();
}
