// The ticket page's data. Everything about one ticket sits under queryKeys.ticket(id) or
// queryKeys.timeline(id), so the live updates refresh it; lists under queryKeys.tickets.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Ticket, TimelineEvent } from '../../../../common/schemas/tickets.ts';
import type { Attachment } from '../../../../common/schemas/attachments.ts';
import type { CategoryNode } from '../../../../common/schemas/categories.ts';
import type { Group } from '../../../../common/schemas/groups.ts';
import type { RemoteSession } from '../../../../common/schemas/remote-sessions.ts';
import { api } from '../../app/api-client.ts';
import { queryKeys } from '../../app/query-keys.ts';

export type { Ticket, TimelineEvent, Attachment, CategoryNode, Group, RemoteSession };

export const ticketKeys = {
  attachments: (id: number) => [...queryKeys.timeline(id), 'attachments'] as const,
  remoteSessions: (id: number) => [...queryKeys.timeline(id), 'remote-sessions'] as const,
  requesterTickets: (requesterId: number) => [...queryKeys.tickets, 'requester', requesterId] as const,
};

// Choices that rarely change: fetched once per visit.
const choice = { staleTime: 5 * 60_000 };

export const useTicket = (id: number, enabled = true) => useQuery({ queryKey: queryKeys.ticket(id), enabled, queryFn: () => api.get<Ticket>(`/tickets/${id}`) });

export const useTimeline = (id: number) =>
  useQuery({ queryKey: queryKeys.timeline(id), queryFn: async () => (await api.get<{ items: TimelineEvent[] }>(`/tickets/${id}/timeline`)).items });

export const useAttachments = (id: number) =>
  useQuery({ queryKey: ticketKeys.attachments(id), queryFn: async () => (await api.get<{ items: Attachment[] }>(`/tickets/${id}/attachments`)).items });

export const useRemoteSessions = (id: number) =>
  useQuery({ queryKey: ticketKeys.remoteSessions(id), queryFn: async () => (await api.get<{ items: RemoteSession[] }>(`/tickets/${id}/remote-sessions`)).items });

/** The requester's latest tickets (a few more than shown, so the current one can be left out). */
export const useRequesterTickets = (requesterId: number) =>
  useQuery({
    queryKey: ticketKeys.requesterTickets(requesterId),
    queryFn: async () => (await api.get<{ items: Ticket[] }>('/tickets', { requesterId, sort: '-created', limit: 6 })).items,
  });

export const useGroups = () => useQuery({ queryKey: ['agent', 'groups'], queryFn: async () => (await api.get<{ items: Group[] }>('/groups')).items, ...choice });

export const useCategoryTree = () =>
  useQuery({ queryKey: ['agent', 'categories'], queryFn: async () => (await api.get<{ items: CategoryNode[] }>('/categories', { tree: 1, active: 1 })).items, ...choice });

export const usePriorityMatrix = () =>
  useQuery({ queryKey: ['agent', 'priority-matrix'], queryFn: async () => (await api.get<{ matrix: number[][] }>('/settings/priority-matrix')).matrix, ...choice });

/**
 * A change to one ticket. Ticket-returning calls replace the cached ticket at once; then
 * the timeline (and what sits beside it), the lists and the counts are refetched.
 */
export function useTicketAction<V, R = Ticket>(id: number, run: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: (result) => {
      const ticket = result as unknown as Partial<Ticket> | undefined;
      if (ticket && typeof ticket === 'object' && 'reference' in ticket && ticket.id === id) qc.setQueryData(queryKeys.ticket(id), ticket);
      else void qc.invalidateQueries({ queryKey: queryKeys.ticket(id) });
      return Promise.all([
        qc.invalidateQueries({ queryKey: queryKeys.timeline(id) }),
        qc.invalidateQueries({ queryKey: queryKeys.tickets }),
        qc.invalidateQueries({ queryKey: queryKeys.counts }),
      ]);
    },
  });
}

export function uploadFiles(ticketId: number, files: File[], internal: boolean) {
  const form = new FormData();
  form.append('internal', internal ? 'true' : 'false');
  for (const f of files) form.append('file', f, f.name);
  return api.post<{ items: Attachment[] }>(`/tickets/${ticketId}/attachments`, form);
}
