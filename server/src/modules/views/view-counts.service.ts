// How many tickets each saved view lists for the actor, for the sidebar. Each count runs the
// ticket list's own filters and SQL (tickets.service countListedTickets), capped at
// VIEW_COUNT_CAP, and is shared like the built-in queue counts: per scope and per filter
// set, until a ticket is written or for a few seconds.
import type { Deps } from '../../lib/deps.ts';
import type { Actor } from '../../lib/actor.ts';
import { sharedPerScope } from '../../lib/scope-cache.ts';
import { listTicketsQuery } from '../../../../common/schemas/tickets.ts';
import { VIEW_COUNT_CAP, type ViewCount, type ViewCounts } from '../../../../common/schemas/views.ts';
import { countListedTickets } from '../tickets/tickets.service.ts';
import { ticketWriteVersion } from '../tickets/tickets.repo.ts';
import * as repo from './views.repo.ts';

const COUNTS_TTL_MS = 3_000;
/** PostgreSQL runs this many counts at once; a pool is shared with every other request. */
const PARALLEL = 4;

export async function countViews(deps: Deps, actor: Actor, ids?: number[]): Promise<ViewCounts> {
  let rows = await repo.listVisibleViews(deps.db, actor.userId);
  if (ids) {
    const wanted = new Set(ids);
    rows = rows.filter((r) => wanted.has(r.id));
  }
  const items: ViewCount[] = new Array(rows.length);
  let next = 0;
  const work = async () => {
    for (let i = next++; i < rows.length; i = next++) items[i] = { id: rows[i].id, ...(await countOne(deps, actor, rows[i].filters)) };
  };
  await Promise.all(Array.from({ length: deps.dialect === 'postgres' ? PARALLEL : 1 }, work));
  return { cap: VIEW_COUNT_CAP, items };
}

async function countOne(deps: Deps, actor: Actor, filtersJson: string): Promise<Omit<ViewCount, 'id'>> {
  // Stored filters were valid when saved; a later schema change must not break the sidebar.
  const parsed = listTicketsQuery.safeParse(JSON.parse(filtersJson));
  if (!parsed.success) return { count: null, isCapped: false };
  const q = parsed.data;
  // Views with the same filters share one count per scope, unless "me" or "my groups" make
  // it the actor's own.
  const isPersonal = q.assigneeId === 'me' || q.groupId === 'mine';
  const figure = `view-count:${filtersJson}${isPersonal ? `:user${actor.userId}` : ''}`;
  const n = await sharedPerScope(deps, figure, actor.scope, { ttlMs: COUNTS_TTL_MS, version: ticketWriteVersion() }, () =>
    countListedTickets(deps, actor, q, VIEW_COUNT_CAP),
  );
  return n > VIEW_COUNT_CAP ? { count: VIEW_COUNT_CAP, isCapped: true } : { count: n, isCapped: false };
}
