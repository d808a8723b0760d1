// The list's state lives in the address (bookmarkable, Back works): which tab, the search
// text and the filters. Unknown values are dropped rather than sent to the server.
import { ARTICLE_AUDIENCES, ARTICLE_STATUSES, KB_LANGUAGES, STALE_MONTHS, type ArticleFilters } from './api.ts';

export const TABS = ['all', 'stale', 'in_review'] as const;
export type Tab = (typeof TABS)[number];

export interface ListState {
  tab: Tab;
  filters: Omit<ArticleFilters, 'staleMonths'>;
}

const pick = <T extends string>(allowed: readonly T[], v: string | null): T | undefined => (v !== null && (allowed as readonly string[]).includes(v) ? (v as T) : undefined);

export function readListState(params: URLSearchParams): ListState {
  const categoryId = params.get('categoryId');
  return {
    tab: pick(TABS, params.get('tab')) ?? 'all',
    filters: {
      q: params.get('q')?.trim() || undefined,
      status: pick(ARTICLE_STATUSES, params.get('status')),
      audience: pick(ARTICLE_AUDIENCES, params.get('audience')),
      language: pick(KB_LANGUAGES, params.get('language')),
      categoryId: categoryId && /^\d{1,10}$/.test(categoryId) ? categoryId : undefined,
      tag: params.get('tag')?.trim().toLowerCase() || undefined,
    },
  };
}

export function writeListState(s: ListState): Record<string, string> {
  const out: Record<string, string> = {};
  if (s.tab !== 'all') out.tab = s.tab;
  for (const [k, v] of Object.entries(s.filters)) if (v !== undefined && v !== '') out[k] = String(v);
  return out;
}

/** What the server is asked: the tab narrows the filters (stale: published, not reviewed lately). */
export function queryOf(s: ListState): ArticleFilters {
  if (s.tab === 'stale') return { ...s.filters, status: undefined, staleMonths: STALE_MONTHS };
  if (s.tab === 'in_review') return { ...s.filters, status: 'in_review' };
  return s.filters;
}
