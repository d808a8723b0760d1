// The knowledge base as readers see it: the help centre's search, categories and articles,
// feedback and views, the portal's self-help suggestions and their deflection events, and the
// supervisors' deflection report. Types come from the API contract (types only: no zod here).
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  Article,
  ArticleSummary,
  DeflectionEvent,
  DeflectionReport,
  feedbackResponse,
  kbCategory,
} from '../../../../common/schemas/kb.ts';
import { api } from '../../app/api-client.ts';
import type { Lang } from '../../app/i18n.tsx';

export type { Article, ArticleSummary, DeflectionEvent, DeflectionReport };
export type FeedbackResult = z.infer<typeof feedbackResponse>;
export type KbCategory = z.infer<typeof kbCategory>;

export const helpKeys = {
  all: ['help'] as const,
  articles: (p: ArticleListParams) => ['help', 'articles', p] as const,
  article: (id: number) => ['help', 'article', id] as const,
  categories: ['help', 'categories'] as const,
  suggestions: (p: SuggestParams) => ['help', 'suggestions', p] as const,
  deflectionReport: ['help', 'deflection-report'] as const,
};

export interface ArticleListParams {
  q?: string;
  categoryId?: number;
  limit: number;
  /** Staff would see drafts and internal articles: the help centre shows them what requesters see. */
  publicOnly: boolean;
}

/** Ranked results when q is given; every page through the cursor. */
export function useHelpArticles(p: ArticleListParams, enabled = true) {
  return useInfiniteQuery({
    queryKey: helpKeys.articles(p),
    enabled,
    queryFn: ({ pageParam }) =>
      api.get<{ items: ArticleSummary[]; nextCursor: string | null }>('/kb/articles', {
        q: p.q,
        categoryId: p.categoryId,
        limit: p.limit,
        cursor: pageParam,
        ...(p.publicOnly && { status: 'published', audience: 'public' }),
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export const useHelpCategories = () =>
  useQuery({ queryKey: helpKeys.categories, queryFn: async () => (await api.get<{ items: KbCategory[] }>('/kb/categories')).items, staleTime: 5 * 60_000 });

export const useHelpArticle = (id: number | null) =>
  useQuery({ queryKey: helpKeys.article(id ?? 0), enabled: id !== null, queryFn: () => api.get<Article>(`/kb/articles/${id}`) });

/** One read of the article, counted once per page view (a failure costs the reader nothing). */
export function recordView(id: number): void {
  api.post(`/kb/articles/${id}/views`).catch(() => undefined);
}

export function sendFeedback(id: number, body: { helpful: boolean; comment?: string; visitorId?: string }) {
  return api.post<FeedbackResult>(`/kb/articles/${id}/feedback`, body);
}

export interface SuggestParams {
  q: string;
  categoryId: number | null;
  language: Lang;
  session: string;
}
export const SUGGESTION_LIMIT = 5;

export const fetchSuggestions = (p: SuggestParams) =>
  api.get<{ items: ArticleSummary[] }>('/kb/suggestions', { q: p.q, categoryId: p.categoryId, language: p.language, session: p.session, limit: SUGGESTION_LIMIT });

export const postDeflection = (session: string, event: DeflectionEvent) => api.post<unknown>(`/kb/deflections/${encodeURIComponent(session)}`, event);

/** For the page going away: a request the browser finishes after the page is gone. */
export function sendDeflectionOnExit(session: string, event: DeflectionEvent): void {
  try {
    void fetch(`/api/v1/kb/deflections/${encodeURIComponent(session)}`, {
      method: 'POST',
      keepalive: true,
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(event),
    }).catch(() => undefined);
  } catch {
    // Nothing to do: the server counts an attempt idle for 30 minutes as abandoned.
  }
}

const DAY_MS = 86_400_000;
export const REPORT_DAYS = 30;

export const useDeflectionReport = () =>
  useQuery({
    queryKey: helpKeys.deflectionReport,
    queryFn: () => api.get<DeflectionReport>('/kb/deflection-report', { from: new Date(Date.now() - REPORT_DAYS * DAY_MS).toISOString() }),
    staleTime: 5 * 60_000,
  });
