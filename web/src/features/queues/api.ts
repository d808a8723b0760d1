// Server state of the queues: ticket pages, counts, saved views, the filter choices.
// Ticket lists sit under queryKeys.tickets, so live updates refresh them.
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api-client.ts';
import { queryKeys } from '../../app/query-keys.ts';
import { useGroups } from '../../app/shared-queries.ts';
import type { Ticket, TicketCounts } from '../../../../common/schemas/tickets.ts';
import type { Category } from '../../../../common/schemas/categories.ts';
import type { Organisation } from '../../../../common/schemas/organisations.ts';
import type { SavedView, ViewCounts } from '../../../../common/schemas/views.ts';
import { listQuery, type QueueState, type ViewFilters, type ViewSort } from './queue-state.ts';
import { markQueueData } from './queue-context.ts';

export type { Ticket, SavedView };
interface TicketPage {
  items: Ticket[];
  nextCursor: string | null;
}

/** One queue's tickets, a page at a time (keyset cursor); earlier pages stay shown. */
export function useTicketPages(filters: ViewFilters, sort: ViewSort, limit = 50) {
  const params = { ...listQuery(filters, sort), limit: String(limit) };
  return useInfiniteQuery({
    queryKey: [...queryKeys.tickets, 'queue', params],
    queryFn: async ({ pageParam }) => {
      const page = await api.get<TicketPage>('/tickets', { ...params, cursor: pageParam });
      markQueueData();
      return page;
    },
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // A new filter keeps the current rows on screen until its first page arrives.
    placeholderData: keepPreviousData,
  });
}

export function useCounts() {
  return useQuery({ queryKey: queryKeys.counts, queryFn: () => api.get<TicketCounts>('/tickets/counts') });
}

/** Each saved view's count; under queryKeys.counts, so live updates refresh it with the others. */
export const viewCountsKey = [...queryKeys.counts, 'views'] as const;
export function useViewCounts() {
  return useQuery({ queryKey: viewCountsKey, queryFn: () => api.get<ViewCounts>('/views/counts') });
}

export function useViews() {
  return useQuery({ queryKey: queryKeys.views, queryFn: async () => (await api.get<{ items: SavedView[] }>('/views')).items });
}

/** Assigns the ticket to the signed-in agent (an empty body takes it). */
export function useTakeTicket() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.post<Ticket>(`/tickets/${id}/assign`, {}),
    onSuccess: (ticket) => {
      client.setQueryData(queryKeys.ticket(ticket.id), ticket);
      void client.invalidateQueries({ queryKey: queryKeys.tickets });
      void client.invalidateQueries({ queryKey: queryKeys.counts });
    },
  });
}

export interface ViewInput extends QueueState {
  name: string;
  isShared: boolean;
}

/** Saves a view, then puts it in the cached list at once: the page opening it needs it. */
function useViewMutation<A, R>(run: (a: A) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: (saved) => {
      const view = saved as SavedView | undefined;
      if (view?.id) {
        client.setQueryData<SavedView[]>(queryKeys.views, (list = []) =>
          list.some((v) => v.id === view.id) ? list.map((v) => (v.id === view.id ? view : v)) : [...list, view],
        );
      }
      void client.invalidateQueries({ queryKey: viewCountsKey });
      return client.invalidateQueries({ queryKey: queryKeys.views });
    },
  });
}

export const useCreateView = () => useViewMutation((v: ViewInput) => api.post<SavedView>('/views', v));
export const useUpdateView = () => useViewMutation(({ id, ...patch }: Partial<ViewInput> & { id: number }) => api.patch<SavedView>(`/views/${id}`, patch));
export const useDeleteView = () => useViewMutation((id: number) => api.delete(`/views/${id}`));

// The choices of the filter bar change rarely: fetched once per visit.
const choice = { staleTime: 5 * 60_000 };
export function useFilterChoices() {
  const groups = useGroups();
  const categories = useQuery({ queryKey: ['queues', 'categories'], queryFn: async () => (await api.get<{ items: Category[] }>('/categories')).items, ...choice });
  return { groups: groups.data ?? [], categories: categories.data ?? [] };
}

/** Organisations whose name or domain contains the text (the first 20), while the picker is in use. */
export function useOrganisationSearch(q: string, enabled: boolean) {
  return useQuery({
    queryKey: ['queues', 'organisations', q],
    queryFn: async () => (await api.get<{ items: Organisation[] }>('/organisations', { q, limit: 20 })).items,
    enabled,
    placeholderData: keepPreviousData,
    ...choice,
  });
}

/** The organisation a filter names, wherever it sits in the list (a bookmark, a saved view). */
const organisationKey = (id: string | undefined) => ['queues', 'organisation', id];
export function useOrganisation(id: string | undefined) {
  return useQuery({ queryKey: organisationKey(id), queryFn: () => api.get<Organisation>(`/organisations/${id}`), enabled: !!id, ...choice });
}

/** A picked organisation is known already: its name shows at once, without a request. */
export function useRememberOrganisation() {
  const client = useQueryClient();
  return (o: Organisation) => client.setQueryData(organisationKey(String(o.id)), o);
}
