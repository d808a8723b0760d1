// The problem lifecycle as the screens offer it (the server's state machine): open → root
// cause known (needs the root cause) → known error (needs the workaround too) → resolved
// (by resolving, with its note) → closed, or reopened; closed is final. The server has the
// last word: a step it refuses comes back with a detail that the page shows.
import type { CandidateStatus, Problem, ProblemStatus } from './api.ts';

// Written out here because the web bundle must not import zod from the schema; the records
// make a status added to the contract a compile error until it is listed.
const STATUSES: Record<ProblemStatus, true> = { open: true, root_cause_known: true, known_error: true, resolved: true, closed: true };
export const PROBLEM_STATUSES = Object.keys(STATUSES) as ProblemStatus[];
const CANDIDATES: Record<CandidateStatus, true> = { proposed: true, accepted: true, dismissed: true };
export const CANDIDATE_STATUSES = Object.keys(CANDIDATES) as CandidateStatus[];

export const isProblemStatus = (v: string | null): v is ProblemStatus => v !== null && v in STATUSES;
export const isCandidateStatus = (v: string | null): v is CandidateStatus => v !== null && v in CANDIDATES;

/** Moves made with POST /transitions; resolving has its own dialog (the resolution note). */
const NEXT: Record<ProblemStatus, ProblemStatus[]> = {
  open: ['root_cause_known', 'known_error'],
  root_cause_known: ['known_error'],
  known_error: [],
  resolved: ['closed', 'open'],
  closed: [],
};

/** The steps the page offers, the server's list when the problem carries one. */
export function nextSteps(problem: Problem): ProblemStatus[] {
  const given = (problem as Problem & { allowedTransitions?: unknown }).allowedTransitions;
  const steps = Array.isArray(given) ? given.filter((s): s is ProblemStatus => typeof s === 'string' && s in STATUSES) : NEXT[problem.status];
  return steps.filter((s) => s !== 'resolved' && s !== problem.status);
}

export const canResolve = (problem: Problem) => problem.status !== 'resolved' && problem.status !== 'closed';
export const isOpenProblem = (s: ProblemStatus) => s !== 'resolved' && s !== 'closed';
