// Server state of the Mail section, under ['admin', 'mail', …]: mailboxes, the inbound and
// outbound problem lists, and the templates.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Language } from '../../../../../common/enums.ts';
import type { InboundSummary, Mailbox, OutboundSummary, Template, TemplateKind } from '../../../../../common/schemas/email.ts';
import { api } from '../../../app/api-client.ts';

export type { InboundSummary, Mailbox, OutboundSummary, Template, TemplateKind, Language };

// Written out here because the web bundle must not import zod from the schema; the record
// makes a kind added to the contract a compile error until it is listed.
const KINDS: Record<TemplateKind, true> = { ticket_created: true, agent_reply: true, ticket_resolved: true, agent_assigned: true, agent_new_reply: true, oncall_page: true, sla_warning: true, sla_breach: true };
export const TEMPLATE_KINDS = Object.keys(KINDS) as TemplateKind[];

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const mailKeys = {
  all: ['admin', 'mail'] as const,
  mailboxes: ['admin', 'mail', 'mailboxes'] as const,
  inbound: (status: 'failed' | 'held') => ['admin', 'mail', 'inbound', status] as const,
  outbound: ['admin', 'mail', 'outbound', 'failed'] as const,
  template: (kind: TemplateKind, language: Language) => ['admin', 'mail', 'template', kind, language] as const,
};

export const useMailboxes = () => useQuery({ queryKey: mailKeys.mailboxes, queryFn: async () => (await api.get<{ items: Mailbox[] }>('/email/mailboxes')).items });

function usePaged<T>(queryKey: readonly unknown[], path: string, query: Record<string, string>) {
  return useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) => api.get<Page<T>>(path, { ...query, limit: 50, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export const useInboundProblems = (status: 'failed' | 'held') => usePaged<InboundSummary>(mailKeys.inbound(status), '/email/inbound', { status });
export const useOutboundFailures = () => usePaged<OutboundSummary>(mailKeys.outbound, '/email/outbound', { status: 'failed' });

export const useTemplate = (kind: TemplateKind, language: Language) =>
  useQuery({ queryKey: mailKeys.template(kind, language), queryFn: () => api.get<Template>(`/email/templates/${kind}/${language}`) });

/** A mutation that refreshes the whole Mail section once it succeeds (lists move between each other). */
export function useMailMutation<A, R>(run: (a: A) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: run, onSuccess: () => client.invalidateQueries({ queryKey: mailKeys.all }) });
}
