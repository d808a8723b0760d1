// The ticket page's data. Everything about one ticket sits under queryKeys.ticket(id) or
// queryKeys.timeline(id), so the live updates refresh it; lists under queryKeys.tickets.
import { useQuery } from '@tanstack/react-query';
import type { Ticket, TimelineEvent } from '../../../../common/schemas/tickets.ts';
import type { Attachment } from '../../../../common/schemas/attachments.ts';
import type { CategoryNode } from '../../../../common/schemas/categories.ts';
import type { Group } from '../../../../common/schemas/groups.ts';
import type { RemoteSession } from '../../../../common/schemas/remote-sessions.ts';
import { api } from '../../app/api-client.ts';
import { queryKeys } from '../../app/query-keys.ts';
import { attachmentsKey } from '../../app/shared-queries.ts';

export type { Ticket, TimelineEvent, Attachment, CategoryNode, Group, RemoteSession };

export { useTicket, useTimeline, useAttachments, useGroups, useCategoryTree, usePriorityMatrix, useTicketAction, uploadFiles } from '../../app/shared-queries.ts';

export const ticketKeys = {
  attachments: attachmentsKey,
  remoteSessions: (id: number) => [...queryKeys.timeline(id), 'remote-sessions'] as const,
  requesterTickets: (requesterId: number) => [...queryKeys.tickets, 'requester', requesterId] as const,
};

export const useRemoteSessions = (id: number) =>
  useQuery({ queryKey: ticketKeys.remoteSessions(id), queryFn: async () => (await api.get<{ items: RemoteSession[] }>(`/tickets/${id}/remote-sessions`)).items });

/** The requester's latest tickets (a few more than shown, so the current one can be left out). */
export const useRequesterTickets = (requesterId: number) =>
  useQuery({
    queryKey: ticketKeys.requesterTickets(requesterId),
    queryFn: async () => (await api.get<{ items: Ticket[] }>('/tickets', { requesterId, sort: '-created', limit: 6 })).items,
  });
