// Queries more than one feature shows: one ticket with its timeline and files (agent page
// and portal), and the reference data behind pickers (groups, the active category tree,
// the priority matrix). One key each, so a page fetches them once and the admin screens
// refresh every copy after a change.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Ticket, TimelineEvent } from '../../../common/schemas/tickets.ts';
import type { Attachment } from '../../../common/schemas/attachments.ts';
import type { CategoryNode } from '../../../common/schemas/categories.ts';
import type { Group } from '../../../common/schemas/groups.ts';
import { api } from './api-client.ts';
import { queryKeys } from './query-keys.ts';

export const referenceKeys = {
  groups: ['reference', 'groups'] as const,
  categories: ['reference', 'categories', 'active'] as const,
  matrix: ['reference', 'priority-matrix'] as const,
};
// Reference data rarely changes: fetched once per visit.
const reference = { staleTime: 5 * 60_000 };

export const useGroups = () => useQuery({ queryKey: referenceKeys.groups, queryFn: async () => (await api.get<{ items: Group[] }>('/groups')).items, ...reference });

export const useCategoryTree = () =>
  useQuery({ queryKey: referenceKeys.categories, queryFn: async () => (await api.get<{ items: CategoryNode[] }>('/categories', { tree: 1, active: 1 })).items, ...reference });

export const usePriorityMatrix = () =>
  useQuery({ queryKey: referenceKeys.matrix, queryFn: async () => (await api.get<{ matrix: number[][] }>('/settings/priority-matrix')).matrix, ...reference });

export const attachmentsKey = (id: number) => [...queryKeys.timeline(id), 'attachments'] as const;

export const useTicket = (id: number, enabled = true) => useQuery({ queryKey: queryKeys.ticket(id), enabled, queryFn: () => api.get<Ticket>(`/tickets/${id}`) });

export const useTimeline = (id: number) =>
  useQuery({ queryKey: queryKeys.timeline(id), queryFn: async () => (await api.get<{ items: TimelineEvent[] }>(`/tickets/${id}/timeline`)).items });

export const useAttachments = (id: number) =>
  useQuery({ queryKey: attachmentsKey(id), queryFn: async () => (await api.get<{ items: Attachment[] }>(`/tickets/${id}/attachments`)).items });

export function uploadFiles(ticketId: number, files: File[], internal = false) {
  const form = new FormData();
  form.append('internal', internal ? 'true' : 'false');
  for (const f of files) form.append('file', f, f.name);
  return api.post<{ items: Attachment[] }>(`/tickets/${ticketId}/attachments`, form);
}

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
