// The portal's data: query keys under the shared prefixes (so live updates refresh them)
// and the calls behind them.
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { TicketType } from '../../../../common/enums.ts';
import type { Ticket } from '../../../../common/schemas/tickets.ts';
import type { Satisfaction } from '../../../../common/schemas/satisfaction.ts';
import { api, ApiError } from '../../app/api-client.ts';
import { queryKeys } from '../../app/query-keys.ts';
import { attachmentsKey, uploadFiles } from '../../app/shared-queries.ts';

export { useTicket, useTimeline, useAttachments, useCategoryTree, useTicketAction, uploadFiles } from '../../app/shared-queries.ts';

/** The server's ATTACHMENT_LIMITS.filesPerUpload (its schema module carries zod, kept out of the bundle). */
export const MAX_FILES_PER_UPLOAD = 10;

export type PortalScope = 'mine' | 'organisation';

export const portalKeys = {
  list: (scope: PortalScope, userId: number) => [...queryKeys.tickets, 'portal', scope, userId] as const,
  attachments: attachmentsKey,
  satisfaction: (id: number) => [...queryKeys.timeline(id), 'satisfaction'] as const,
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

export function createRequest(body: { title: string; description: string; type: TicketType; category?: number }) {
  return api.post<Ticket>('/tickets', body);
}

export const ticketActions = {
  /** The files go up first; the reply then names them. A failed upload sends nothing. */
  reply: (id: number) => async (v: { body: string; files: File[] }) => {
    const attachmentIds = v.files.length ? (await uploadFiles(id, v.files)).items.map((a) => a.id) : [];
    return api.post<Ticket>(`/tickets/${id}/replies`, { body: v.body, ...(attachmentIds.length ? { attachmentIds } : {}) });
  },
  close: (id: number) => () => api.post<Ticket>(`/tickets/${id}/close`),
  reopen: (id: number) => (reason: string) => api.post<Ticket>(`/tickets/${id}/reopen`, reason ? { reason } : {}),
  rate: (id: number) => (v: { score: number; comment: string }) => api.put<Satisfaction>(`/tickets/${id}/satisfaction`, { score: v.score, comment: v.comment || null }),
  upload: (id: number) => (files: File[]) => uploadFiles(id, files),
};
