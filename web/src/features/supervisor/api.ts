// Server state of the supervisor view. The overview sits under queryKeys.supervisor, so
// live ticket updates refresh it.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api-client.ts';
import { queryKeys } from '../../app/query-keys.ts';
import type { ReassignInput, ReassignResult, SupervisorOverview } from '../../../../common/schemas/supervisor.ts';

export type { ReassignInput, ReassignResult, SupervisorOverview };
export type OldestTicket = SupervisorOverview['oldest'][number];
export type AgentLoad = SupervisorOverview['agents'][number];

export const overviewKey = [...queryKeys.supervisor, 'overview'] as const;

export function useOverview() {
  return useQuery({ queryKey: overviewKey, queryFn: () => api.get<SupervisorOverview>('/supervisor/overview') });
}

export function useReassign() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ReassignInput) => api.post<ReassignResult>('/supervisor/reassign', input),
    onSuccess: () =>
      Promise.all([queryKeys.supervisor, queryKeys.tickets, queryKeys.counts].map((queryKey) => client.invalidateQueries({ queryKey }))),
  });
}
