// Server state of the knowledge-base screens: the article list (search and filters), one
// article with its versions and diffs, and the writes (create, edit, workflow, review,
// restore). Every key sits under kbKeys.all, so a write refreshes whatever is shown.
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Article, ArticleAudience, ArticleDiff, ArticleStatus, ArticleSummary, ArticleVersion, CreateArticleInput, UpdateArticleInput } from '../../../../common/schemas/kb.ts';
import type { Organisation } from '../../../../common/schemas/organisations.ts';
import type { Language } from '../../../../common/enums.ts';
import { api } from '../../app/api-client.ts';

export type { Article, ArticleAudience, ArticleDiff, ArticleStatus, ArticleSummary, ArticleVersion, CreateArticleInput, UpdateArticleInput, Language };
export type ArticleVersionSummary = Omit<ArticleVersion, 'summary' | 'body' | 'tags' | 'categoryId' | 'language' | 'audience'>;

// The web bundle imports no zod: the enumerations are repeated here (the types keep them in step).
export const ARTICLE_STATUSES: readonly ArticleStatus[] = ['draft', 'in_review', 'published', 'archived'];
export const ARTICLE_AUDIENCES: readonly ArticleAudience[] = ['internal', 'public'];
export const KB_LANGUAGES: readonly Language[] = ['en', 'fr'];
/** Published articles not reviewed for this long are listed under "Needs review". */
export const STALE_MONTHS = 6;

export interface ArticleFilters {
  q?: string;
  status?: ArticleStatus;
  audience?: ArticleAudience;
  language?: Language;
  categoryId?: string;
  tag?: string;
  staleMonths?: number;
}

export const kbKeys = {
  all: ['kb'] as const,
  list: (f: ArticleFilters) => ['kb', 'list', f] as const,
  article: (id: number) => ['kb', 'article', id] as const,
  versions: (id: number) => ['kb', 'article', id, 'versions'] as const,
  version: (id: number, v: number) => ['kb', 'article', id, 'versions', v] as const,
  diff: (id: number, from: number, to: number) => ['kb', 'article', id, 'diff', from, to] as const,
  tickets: (id: number) => ['kb', 'article', id, 'tickets'] as const,
  organisations: ['kb', 'organisations'] as const,
};

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export function useArticlePages(filters: ArticleFilters) {
  return useInfiniteQuery({
    queryKey: kbKeys.list(filters),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => api.get<Page<ArticleSummary>>('/kb/articles', { ...filters, limit: 25, cursor: pageParam }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // Typing in the search box keeps the previous results on screen until the new ones come.
    placeholderData: keepPreviousData,
  });
}

export const useArticle = (id: number, enabled = true) => useQuery({ queryKey: kbKeys.article(id), enabled, queryFn: () => api.get<Article>(`/kb/articles/${id}`) });

export const useVersions = (id: number) =>
  useQuery({ queryKey: kbKeys.versions(id), queryFn: async () => (await api.get<{ items: ArticleVersionSummary[] }>(`/kb/articles/${id}/versions`)).items });

export const useVersion = (id: number, v: number | null) =>
  useQuery({ queryKey: kbKeys.version(id, v ?? 0), enabled: v !== null, queryFn: () => api.get<ArticleVersion>(`/kb/articles/${id}/versions/${v}`) });

export const useDiff = (id: number, pair: { from: number; to: number } | null) =>
  useQuery({
    queryKey: kbKeys.diff(id, pair?.from ?? 0, pair?.to ?? 0),
    enabled: pair !== null,
    queryFn: () => api.get<ArticleDiff>(`/kb/articles/${id}/diff`, { from: pair!.from, to: pair!.to }),
  });

export interface ArticleTicket {
  ticketId: number;
  number: number;
  title: string;
  status: string;
  relations: ('source' | 'linked' | 'helped')[];
  linkedAt: string;
}

/** The tickets the article came from, was linked in or helped (those the agent may see). */
export const useArticleTickets = (id: number) =>
  useQuery({ queryKey: kbKeys.tickets(id), queryFn: async () => (await api.get<{ items: ArticleTicket[] }>(`/kb/articles/${id}/tickets`)).items });

/** Organisations for the "only for this organisation" choice. */
export const useOrganisations = () =>
  useQuery({
    queryKey: kbKeys.organisations,
    queryFn: async () => (await api.get<Page<Organisation>>('/organisations', { limit: 200 })).items,
    staleTime: 5 * 60_000,
  });

export const renderPreview = (body: string) => api.post<{ html: string }>('/kb/preview', { body });

/** A write to the knowledge base; afterwards every KB query is refetched. */
export function useKbMutation<V, R = Article>(run: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: (result) => {
      const a = result as unknown as Partial<Article> | undefined;
      if (a && typeof a === 'object' && typeof a.id === 'number' && 'bodyHtml' in a) qc.setQueryData(kbKeys.article(a.id), a);
      return qc.invalidateQueries({ queryKey: kbKeys.all });
    },
  });
}

export const createArticle = (body: CreateArticleInput) => api.post<Article>('/kb/articles', body);
export const updateArticle = (id: number, body: UpdateArticleInput) => api.patch<Article>(`/kb/articles/${id}`, body);
export const transitionArticle = (id: number, to: ArticleStatus, note?: string) => api.post<Article>(`/kb/articles/${id}/transitions`, { to, ...(note ? { note } : {}) });
export const reviewArticle = (id: number) => api.post<Article>(`/kb/articles/${id}/review`);
export const restoreVersion = (id: number, version: number) => api.post<Article>(`/kb/articles/${id}/restore`, { version });
