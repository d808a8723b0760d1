// The portal's data: query keys under the shared prefixes (so live updates refresh them)
// and the calls behind them.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Ticket, TimelineEvent } from '../../../../common/schemas/tickets.ts';
import type { Attachment } from '../../../../common/schemas/attachments.ts';
import type { CategoryNode } from '../../../../common/schemas/categories.ts';
import type { Satisfaction } from '../../../../common/schemas/satisfaction.ts';
import { api, ApiError } from '../../app/api-client.ts';
import { queryKeys } from '../../app/query-keys.ts';

/** The server's ATTACHMENT_LIMITS.filesPerUpload (its schema module carries zod, kept out of the bundle). */
export const MAX_FILES_PER_UPLOAD = 10;

export type PortalScope = 'mine' | 'organisation';

export const portalKeys = {
  list: (scope: PortalScope, userId: number) => [...queryKeys.tickets, 'portal', scope, userId] as const,
  attachments: (id: number) => [...queryKeys.timeline(id), 'attachments'] as const,
  satisfaction: (id: number) => [...queryKeys.timeline(id), 'satisfaction'] as const,
  categories: ['categories', 'tree', 'active'] as const,
};

/** "mine" asks for the user's own tickets only; "organisation" is everything the scope allows. */
export function useMyTickets(scope: PortalScope, userId: number) {
  return useInfiniteQuery({
    queryKey: portalKeys.list(scope, userId),
    queryFn: ({ pageParam }) =>
      api.get<{ items: Ticket[]; nextCursor: string | null }>('/tickets', {
        sort: '-updated',
        limit: 25,
        requesterId: scope === 'mine' ? userId : undefined,
        cursor: pageParam,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export const useTicket = (id: number) => useQuery({ queryKey: queryKeys.ticket(id), queryFn: () => api.get<Ticket>(`/tickets/${id}`) });

export const useTimeline = (id: number) =>
  useQuery({ queryKey: queryKeys.timeline(id), queryFn: () => api.get<{ items: TimelineEvent[] }>(`/tickets/${id}/timeline`).then((r) => r.items) });

export const useAttachments = (id: number) =>
  useQuery({ queryKey: portalKeys.attachments(id), queryFn: () => api.get<{ items: Attachment[] }>(`/tickets/${id}/attachments`).then((r) => r.items) });

/** The rating, or null while the ticket has none (the API answers 404). */
export const useSatisfaction = (id: number, enabled: boolean) =>
  useQuery({
    queryKey: portalKeys.satisfaction(id),
    enabled,
    queryFn: () =>
      api.get<Satisfaction>(`/tickets/${id}/satisfaction`).catch((err) => {
        if (err instanceof ApiError && err.status === 404) return null;
        throw err;
      }),
  });

export const useCategoryTree = () =>
  useQuery({ queryKey: portalKeys.categories, staleTime: 5 * 60_000, queryFn: () => api.get<{ items: CategoryNode[] }>('/categories', { tree: 1, active: 1 }).then((r) => r.items) });

export function uploadFiles(ticketId: number, files: File[]) {
  const form = new FormData();
  for (const f of files) form.append('file', f, f.name);
  return api.post<{ items: Attachment[] }>(`/tickets/${ticketId}/attachments`, form);
}

export function createRequest(body: { title: string; description: string; category?: number }) {
  return api.post<Ticket>('/tickets', body);
}

/** A change to one ticket from the portal: afterwards the ticket, its timeline and the lists are refetched. */
export function useTicketAction<V>(id: number, run: (v: V) => Promise<unknown>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: queryKeys.ticket(id) }),
        qc.invalidateQueries({ queryKey: queryKeys.timeline(id) }),
        qc.invalidateQueries({ queryKey: queryKeys.tickets }),
      ]),
  });
}

export const ticketActions = {
  reply: (id: number) => (body: string) => api.post<Ticket>(`/tickets/${id}/replies`, { body }),
  close: (id: number) => () => api.post<Ticket>(`/tickets/${id}/close`),
  reopen: (id: number) => (reason: string) => api.post<Ticket>(`/tickets/${id}/reopen`, reason ? { reason } : {}),
  rate: (id: number) => (v: { score: number; comment: string }) => api.put<Satisfaction>(`/tickets/${id}/satisfaction`, { score: v.score, comment: v.comment || null }),
  upload: (id: number) => (files: File[]) => uploadFiles(id, files),
};
