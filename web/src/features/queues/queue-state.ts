// What a queue shows: its filters (the list API's own query strings), sort and columns.
// The state lives in the URL query string, so any queue as filtered can be bookmarked; a
// bare URL means the queue's own defaults.
import type { ViewColumn, ViewFilterKey, ViewFilters, ViewSort } from '../../../../common/schemas/views.ts';

export type { ViewColumn, ViewFilters, ViewSort };

// The server's lists (common/schemas/views.ts), repeated here because the web bundle does
// not import zod; the types below break the build if the two drift apart.
export const FILTER_KEYS = ['q', 'status', 'priority', 'type', 'channel', 'groupId', 'assigneeId', 'organisationId', 'requesterId', 'categoryId', 'tier', 'createdFrom', 'createdTo', 'slaDueWithin'] as const satisfies readonly ViewFilterKey[];
export const COLUMNS = ['number', 'title', 'status', 'priority', 'requester', 'organisation', 'group', 'assignee', 'category', 'channel', 'type', 'created', 'updated', 'sla'] as const satisfies readonly ViewColumn[];
export const SORTS = ['-created', 'created', '-updated', 'updated', 'sla'] as const satisfies readonly ViewSort[];
type Exhaustive<Missing extends never> = Missing;
export type ListsAreComplete = Exhaustive<Exclude<ViewFilterKey, (typeof FILTER_KEYS)[number]> | Exclude<ViewColumn, (typeof COLUMNS)[number]> | Exclude<ViewSort, (typeof SORTS)[number]>>;

export const DEFAULT_COLUMNS: ViewColumn[] = ['number', 'title', 'status', 'priority', 'requester', 'organisation', 'assignee', 'updated'];
/** My own tickets: their SLA instead of the assignee (me, by definition). */
const MINE_COLUMNS: ViewColumn[] = ['number', 'title', 'status', 'priority', 'sla', 'requester', 'organisation', 'updated'];

export interface QueueState {
  filters: ViewFilters;
  sort: ViewSort;
  columns: ViewColumn[];
}

export const BUILTIN_QUEUES = ['mine', 'unassigned', 'all', 'pending', 'resolved'] as const;
export type BuiltinQueue = (typeof BUILTIN_QUEUES)[number];
export const NAV_QUEUES = ['work', ...BUILTIN_QUEUES] as const;
export type NavQueue = (typeof NAV_QUEUES)[number];

export const BUILTIN_DEFAULTS: Record<BuiltinQueue, QueueState> = {
  mine: { filters: { assigneeId: 'me', status: 'open' }, sort: '-updated', columns: MINE_COLUMNS },
  unassigned: { filters: { groupId: 'mine', assigneeId: 'none', status: 'open' }, sort: 'created', columns: DEFAULT_COLUMNS },
  all: { filters: { status: 'open' }, sort: '-created', columns: DEFAULT_COLUMNS },
  pending: { filters: { status: 'pending' }, sort: '-updated', columns: DEFAULT_COLUMNS },
  resolved: { filters: { status: 'resolved' }, sort: '-updated', columns: DEFAULT_COLUMNS },
};

export const isBuiltinQueue = (slug: string): slug is BuiltinQueue => (BUILTIN_QUEUES as readonly string[]).includes(slug);
const isSort = (s: string | null): s is ViewSort => (SORTS as readonly (string | null)[]).includes(s);
const isColumn = (c: string): c is ViewColumn => (COLUMNS as readonly string[]).includes(c);

/** The URL's state when it has one, the queue's defaults otherwise. */
export function readState(params: URLSearchParams, defaults: QueueState): QueueState {
  const known = [...FILTER_KEYS, 'sort', 'cols'];
  if (![...params.keys()].some((k) => known.includes(k))) return defaults;
  const filters: ViewFilters = {};
  for (const k of FILTER_KEYS) {
    const v = params.get(k)?.trim();
    if (v) filters[k] = v;
  }
  const sort = params.get('sort');
  const columns = (params.get('cols') ?? '').split(',').filter(isColumn);
  return { filters, sort: isSort(sort) ? sort : defaults.sort, columns: columns.length ? [...new Set(columns)] : defaults.columns };
}

/** The whole state, always: a URL with parameters describes the queue on its own. */
export function writeState(s: QueueState): URLSearchParams {
  const params = new URLSearchParams();
  for (const k of FILTER_KEYS) if (s.filters[k]) params.set(k, s.filters[k]);
  params.set('sort', s.sort);
  params.set('cols', s.columns.join(','));
  return params;
}

export function sameState(a: QueueState, b: QueueState): boolean {
  return writeState(a).toString() === writeState(b).toString();
}

/** Query parameters for GET /tickets. */
export function listQuery(filters: ViewFilters, sort: ViewSort): Record<string, string> {
  return { ...filters, sort };
}
