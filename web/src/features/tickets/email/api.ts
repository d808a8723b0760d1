// The ticket page's mail data: the ticket's CCs and mail in and out (beside the timeline, so
// live updates refresh it), and one inbound message in full for "show the original".
import { useQuery } from '@tanstack/react-query';
import type { EmailMatch, InboundDetail, TicketEmail } from '../../../../../common/schemas/email.ts';
import { api } from '../../../app/api-client.ts';
import { queryKeys } from '../../../app/query-keys.ts';

export type { EmailMatch, InboundDetail, TicketEmail };

export const emailKeys = {
  ticket: (id: number) => [...queryKeys.timeline(id), 'email'] as const,
  inbound: (id: number) => ['email', 'inbound', id] as const,
};

export const useTicketEmail = (ticketId: number) => useQuery({ queryKey: emailKeys.ticket(ticketId), queryFn: () => api.get<TicketEmail>(`/tickets/${ticketId}/email`) });

export const useInboundDetail = (id: number, enabled: boolean) =>
  useQuery({ queryKey: emailKeys.inbound(id), enabled, staleTime: 5 * 60_000, queryFn: () => api.get<InboundDetail>(`/email/inbound/${id}`) });

/** Where the browser downloads the message exactly as it arrived (.eml). */
export const rawMessageUrl = (id: number) => `/api/v1/email/inbound/${id}/raw`;
