// Server state of the On duty page: who is on duty and on call now, and my open pages,
// refreshed every minute (and at once after an acknowledgement).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { OncallNow, Page } from '../../../../common/schemas/oncall.ts';
import { api } from '../../app/api-client.ts';

export type { OncallNow, Page };

export const REFRESH_MS = 60_000;

export const oncallKeys = {
  all: ['oncall'] as const,
  now: ['oncall', 'now'] as const,
  openPages: ['oncall', 'pages', 'open'] as const,
};

export const useOncallNow = () => useQuery({ queryKey: oncallKeys.now, queryFn: () => api.get<OncallNow>('/oncall/now'), refetchInterval: REFRESH_MS });

export const useOpenPages = () =>
  useQuery({ queryKey: oncallKeys.openPages, queryFn: async () => (await api.get<{ items: Page[] }>('/oncall/pages', { open: 'true' })).items, refetchInterval: REFRESH_MS });

export function useAcknowledge() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (pageId: number) => api.post<Page>(`/oncall/pages/${pageId}/ack`),
    onSuccess: () => client.invalidateQueries({ queryKey: oncallKeys.all }),
  });
}
