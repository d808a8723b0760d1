// The knowledge panel's data: suggestions, linked articles and linked problems, all under
// the ticket's timeline key (live updates and ticket actions refresh them), and its writes.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Article, ArticleSuggestion, KnownErrorSuggestion, TicketSuggestions } from '../../../../../common/schemas/kb.ts';
import type { ProblemStatus, ProblemSummary } from '../../../../../common/schemas/problems.ts';
import type { ArticleAudience, ArticleStatus, ArticleTicketRelation } from '../../../../../common/schemas/kb.ts';
import type { Language } from '../../../../../common/enums.ts';
import { api } from '../../../app/api-client.ts';
import { queryKeys } from '../../../app/query-keys.ts';

export type { ArticleSuggestion, KnownErrorSuggestion, ProblemStatus, ArticleTicketRelation, ArticleStatus };

export interface TicketArticle {
  articleId: number;
  title: string;
  language: Language;
  audience: ArticleAudience;
  status: ArticleStatus;
  relations: ArticleTicketRelation[];
  linkedAt: string;
}
export type TicketProblem = ProblemSummary & { workaround: string | null };

export const knowledgeKeys = {
  all: (id: number) => [...queryKeys.timeline(id), 'knowledge'] as const,
  suggestions: (id: number) => [...queryKeys.timeline(id), 'knowledge', 'suggestions'] as const,
  articles: (id: number) => [...queryKeys.timeline(id), 'knowledge', 'articles'] as const,
  problems: (id: number) => [...queryKeys.timeline(id), 'knowledge', 'problems'] as const,
};

export const useSuggestions = (id: number) =>
  useQuery({ queryKey: knowledgeKeys.suggestions(id), queryFn: () => api.get<TicketSuggestions>(`/tickets/${id}/suggestions`), staleTime: 30_000 });

export const useTicketArticles = (id: number) =>
  useQuery({ queryKey: knowledgeKeys.articles(id), queryFn: async () => (await api.get<{ items: TicketArticle[] }>(`/tickets/${id}/articles`)).items });

export const useTicketProblems = (id: number) =>
  useQuery({ queryKey: knowledgeKeys.problems(id), queryFn: async () => (await api.get<{ items: TicketProblem[] }>(`/tickets/${id}/problems`)).items });

/** A link written by the panel: the timeline (it gets an 'article' event) and the panel refresh. */
function useTicketKnowledgeMutation<V, R>(id: number, run: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: queryKeys.timeline(id) }), qc.invalidateQueries({ queryKey: ['kb'] })]),
  });
}

export const useLinkArticle = (id: number) =>
  useTicketKnowledgeMutation(id, (v: { articleId: number; relation: 'linked' | 'helped' }) => api.post<{ items: TicketArticle[] }>(`/tickets/${id}/articles`, v));

export const useUnlinkArticle = (id: number) =>
  useTicketKnowledgeMutation(id, (v: { articleId: number; relation?: 'linked' | 'helped' }) =>
    api.delete(`/tickets/${id}/articles/${v.articleId}${v.relation ? `?relation=${v.relation}` : ''}`),
  );

/** One click: the draft article from the resolution record (or the one already drafted). */
export const useDraftFromTicket = (id: number) => useTicketKnowledgeMutation(id, () => api.post<Article>(`/tickets/${id}/article`));
