// A problem's lifecycle as a pure state machine:
//   open → root_cause_known (needs the root cause) → known_error (needs the workaround);
//   open → known_error directly when both are known;
//   open, root_cause_known, known_error → resolved (only by resolving, with its note);
//   resolved → closed, or back to open (reopen); closed is final.
import type { ProblemStatus } from '../../../../common/schemas/problems.ts';

export interface ProblemFacts {
  hasRootCause: boolean;
  hasWorkaround: boolean;
}

/** How the move is asked for: the transitions endpoint, or resolving (which carries the resolution note). */
export type MoveVia = 'transition' | 'resolve';

export type ProblemMoveCheck =
  | { ok: true }
  | { ok: false; kind: 'conflict'; reason: string; allowed: ProblemStatus[] }
  | { ok: false; kind: 'missing'; reason: string; missing: ('rootCause' | 'workaround')[] };

const EDGES: Record<ProblemStatus, ProblemStatus[]> = {
  open: ['root_cause_known', 'known_error', 'resolved'],
  root_cause_known: ['known_error', 'resolved'],
  known_error: ['resolved'],
  resolved: ['closed', 'open'],
  closed: [],
};

/** What a problem must have recorded to be in `status` (a known error keeps its workaround). */
export function requiredFields(status: ProblemStatus): ('rootCause' | 'workaround')[] {
  if (status === 'root_cause_known') return ['rootCause'];
  if (status === 'known_error') return ['rootCause', 'workaround'];
  return [];
}

export function isActiveProblem(status: ProblemStatus): boolean {
  return status !== 'resolved' && status !== 'closed';
}

/** The statuses the transitions endpoint can move to from here (resolving has its own endpoint). */
export function allowedMoves(from: ProblemStatus): ProblemStatus[] {
  return EDGES[from].filter((to) => to !== 'resolved');
}

export function checkProblemMove(from: ProblemStatus, to: ProblemStatus, facts: ProblemFacts, via: MoveVia): ProblemMoveCheck {
  const allowed = allowedMoves(from);
  const listed = allowed.length ? allowed.map(label).join(', ') : 'none, it is final';
  if (from === to) return { ok: false, kind: 'conflict', reason: `The problem is already ${label(to)}. Moves from here: ${listed}.`, allowed };
  if (to === 'resolved' && via === 'transition' && EDGES[from].includes('resolved')) {
    return { ok: false, kind: 'conflict', reason: 'A problem is resolved through POST /problems/{id}/resolve, with the resolution note shared with its incidents.', allowed };
  }
  if (via === 'resolve' && to !== 'resolved') return { ok: false, kind: 'conflict', reason: 'Resolving moves a problem to resolved only.', allowed };
  if (!EDGES[from].includes(to)) {
    const why = from === 'closed' ? 'A closed problem is final.' : `A problem cannot move from ${label(from)} to ${label(to)}.`;
    return { ok: false, kind: 'conflict', reason: `${why} Moves from here: ${listed}.`, allowed };
  }
  const missing = requiredFields(to).filter((f) => (f === 'rootCause' ? !facts.hasRootCause : !facts.hasWorkaround));
  if (missing.length) {
    const names = missing.map((f) => (f === 'rootCause' ? 'rootCause (the root cause)' : 'workaround')).join(' and ');
    return { ok: false, kind: 'missing', reason: `A problem is ${label(to)} once its ${names} ${missing.length > 1 ? 'are' : 'is'} recorded: set ${missing.length > 1 ? 'them' : 'it'} first (PATCH).`, missing };
  }
  return { ok: true };
}

/** The status a new problem starts in: as far as what is already known allows. */
export function initialStatus(facts: ProblemFacts): ProblemStatus {
  if (facts.hasRootCause && facts.hasWorkaround) return 'known_error';
  if (facts.hasRootCause) return 'root_cause_known';
  return 'open';
}

export function label(s: ProblemStatus): string {
  return s.replace(/_/g, ' ');
}
