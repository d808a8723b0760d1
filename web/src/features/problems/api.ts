// Server state of problem management, under ['problems', …]: the problem list, one problem
// with its linked incidents, and the detected clusters (candidates). A write refreshes the
// problem it touched and every list; linking or resolving also refreshes the tickets.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CandidateStatus, Problem, ProblemCandidate, ProblemStatus, ProblemSummary, ResolveProblemResponse } from '../../../../common/schemas/problems.ts';
import { api } from '../../app/api-client.ts';
import { queryKeys } from '../../app/query-keys.ts';

export type { CandidateStatus, Problem, ProblemCandidate, ProblemStatus, ProblemSummary };
export type ProblemIncident = Problem['incidents'][number];
export type CandidateTicket = ProblemCandidate['tickets'][number];

export interface ProblemListFilters {
  /** 'open': not resolved or closed; a status: that status only; undefined: every problem. */
  show?: 'open' | ProblemStatus;
  q?: string;
}
export interface DetectResult {
  proposed: number;
  updated: number;
  scanned: number;
  ms: number;
}

export const problemKeys = {
  all: ['problems'] as const,
  lists: ['problems', 'list'] as const,
  list: (f: ProblemListFilters) => ['problems', 'list', f] as const,
  one: (id: number) => ['problems', 'one', id] as const,
  candidates: ['problems', 'candidates'] as const,
  candidatesBy: (status: CandidateStatus) => ['problems', 'candidates', status] as const,
};

const PAGE = 50;

export function useProblems(f: ProblemListFilters) {
  return useInfiniteQuery({
    queryKey: problemKeys.list(f),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      api.get<{ items: ProblemSummary[]; nextCursor: string | null }>('/problems', {
        open: f.show === 'open' ? 'true' : undefined,
        status: f.show && f.show !== 'open' ? f.show : undefined,
        q: f.q,
        limit: PAGE,
        cursor: pageParam,
      }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export const useProblem = (id: number, enabled = true) => useQuery({ queryKey: problemKeys.one(id), enabled, queryFn: () => api.get<Problem>(`/problems/${id}`) });

export const useCandidates = (status: CandidateStatus, enabled = true) =>
  useQuery({ queryKey: problemKeys.candidatesBy(status), enabled, queryFn: async () => (await api.get<{ items: ProblemCandidate[] }>('/problem-candidates', { status })).items });

/** The problem a write answered with, itself or inside { problem }. */
function problemIn(result: unknown): Problem | null {
  const isProblem = (v: unknown): v is Problem => !!v && typeof v === 'object' && 'reference' in v && 'incidents' in v;
  if (isProblem(result)) return result;
  const inner = result && typeof result === 'object' && 'problem' in result ? result.problem : null;
  return isProblem(inner) ? inner : null;
}

/**
 * A write to problems. A returned problem replaces the cached one at once; then the lists
 * (and, when incidents changed, the tickets and their timelines) are refetched.
 */
function useProblemWrite<V, R>(run: (v: V) => Promise<R>, o: { touchesTickets?: boolean } = {}) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: (result) => {
      const p = problemIn(result);
      if (p) client.setQueryData(problemKeys.one(p.id), p);
      const work: Promise<unknown>[] = [client.invalidateQueries({ queryKey: problemKeys.lists }), client.invalidateQueries({ queryKey: problemKeys.candidates })];
      if (o.touchesTickets) {
        work.push(client.invalidateQueries({ queryKey: queryKeys.tickets }), client.invalidateQueries({ queryKey: queryKeys.counts }));
        work.push(client.invalidateQueries({ queryKey: ['ticket'] }), client.invalidateQueries({ queryKey: ['timeline'] }));
      }
      return Promise.all(work);
    },
  });
}

export interface NewProblem {
  title: string;
  description: string;
  incidentIds?: number[];
  ownerGroupId?: number | null;
}
export const useCreateProblem = () => useProblemWrite((body: NewProblem) => api.post<Problem>('/problems', body), { touchesTickets: true });

export interface ProblemPatch {
  title?: string;
  description?: string;
  rootCause?: string | null;
  workaround?: string | null;
  ownerGroupId?: number | null;
}
export const useUpdateProblem = (id: number) => useProblemWrite((patch: ProblemPatch) => api.patch<Problem>(`/problems/${id}`, patch));

export const useTransition = (id: number) =>
  useProblemWrite((v: { to: ProblemStatus; note?: string }) => api.post<Problem>(`/problems/${id}/transitions`, v), { touchesTickets: true });

/** What the page tells once resolved: the problem, and how many incidents were resolved with it. */
export interface ResolveOutcome {
  problem: Problem;
  resolvedIncidents: number;
}
export const useResolveProblem = (id: number) =>
  useProblemWrite(
    async (v: { resolution: string; resolveIncidents: boolean }): Promise<ResolveOutcome> => {
      const answer = await api.post<ResolveProblemResponse>(`/problems/${id}/resolve`, v);
      return { problem: answer.problem, resolvedIncidents: answer.resolvedTicketIds.length };
    },
    { touchesTickets: true },
  );

export const useLinkIncidents = (id: number) => useProblemWrite((ticketIds: number[]) => api.post<Problem>(`/problems/${id}/incidents`, { ticketIds }), { touchesTickets: true });

export function useUnlinkIncident(id: number) {
  const client = useQueryClient();
  return useProblemWrite(
    async (ticketId: number) => {
      const answer = await api.delete<Problem | undefined>(`/problems/${id}/incidents/${ticketId}`);
      // 204 without a body: read the problem again.
      if (!answer) await client.invalidateQueries({ queryKey: problemKeys.one(id) });
      return answer;
    },
    { touchesTickets: true },
  );
}

export const useDetect = () => useProblemWrite(() => api.post<DetectResult>('/problem-candidates/detect'));

export interface AcceptChanges {
  title?: string;
  description?: string;
  ownerGroupId?: number | null;
}
export const useAcceptCandidate = () =>
  useProblemWrite((v: { id: number; changes: AcceptChanges }) => api.post<Problem>(`/problem-candidates/${v.id}/accept`, v.changes), { touchesTickets: true });

export const useDismissCandidate = () => useProblemWrite((v: { id: number; reason?: string }) => api.post<ProblemCandidate>(`/problem-candidates/${v.id}/dismiss`, v.reason ? { reason: v.reason } : {}));
