import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PROBLEM_STATUSES, type ProblemStatus } from '../../../../common/schemas/problems.ts';
import { allowedMoves, checkProblemMove, initialStatus, requiredFields, type MoveVia, type ProblemFacts } from './problem-status.ts';

// The whole table, written out: a change to the lifecycle shows up here.
// [from, to, via] → what is needed for the move to pass, or 'never'.
type Need = ('rootCause' | 'workaround')[] | 'never';
const table: Record<ProblemStatus, Partial<Record<ProblemStatus, { transition?: Need; resolve?: Need }>>> = {
  open: { root_cause_known: { transition: ['rootCause'] }, known_error: { transition: ['rootCause', 'workaround'] }, resolved: { resolve: [] } },
  root_cause_known: { known_error: { transition: ['rootCause', 'workaround'] }, resolved: { resolve: [] } },
  known_error: { resolved: { resolve: [] } },
  resolved: { closed: { transition: [] }, open: { transition: [] } },
  closed: {},
};

const FACTS: ProblemFacts[] = [
  { hasRootCause: false, hasWorkaround: false },
  { hasRootCause: true, hasWorkaround: false },
  { hasRootCause: false, hasWorkaround: true },
  { hasRootCause: true, hasWorkaround: true },
];

test('every (from, to, via, facts) passes or fails exactly as the lifecycle says, and says why', () => {
  for (const from of PROBLEM_STATUSES) {
    for (const to of PROBLEM_STATUSES) {
      for (const via of ['transition', 'resolve'] as MoveVia[]) {
        for (const facts of FACTS) {
          const r = checkProblemMove(from, to, facts, via);
          const need = table[from][to]?.[via] ?? 'never';
          const name = `${from} → ${to} via ${via} with ${JSON.stringify(facts)}`;
          if (need === 'never') {
            assert.equal(r.ok, false, name);
            if (!r.ok) {
              assert.equal(r.kind, 'conflict', name);
              if (r.kind === 'conflict') assert.deepEqual(r.allowed, allowedMoves(from), name);
            }
            continue;
          }
          const missing = need.filter((f) => (f === 'rootCause' ? !facts.hasRootCause : !facts.hasWorkaround));
          if (missing.length === 0) assert.deepEqual(r, { ok: true }, name);
          else {
            assert.equal(r.ok, false, name);
            if (!r.ok && r.kind === 'missing') {
              assert.deepEqual(r.missing, missing, name);
              for (const f of missing) assert.match(r.reason, new RegExp(f), name);
            } else assert.fail(`${name}: expected a missing-field refusal`);
          }
        }
      }
    }
  }
});

test('the allowed moves listed in a refusal are the transitions endpoint\'s own', () => {
  assert.deepEqual(allowedMoves('open'), ['root_cause_known', 'known_error']);
  assert.deepEqual(allowedMoves('root_cause_known'), ['known_error']);
  assert.deepEqual(allowedMoves('known_error'), []);
  assert.deepEqual(allowedMoves('resolved'), ['closed', 'open']);
  assert.deepEqual(allowedMoves('closed'), []);
  const r = checkProblemMove('root_cause_known', 'open', { hasRootCause: true, hasWorkaround: false }, 'transition');
  assert.ok(!r.ok && /known error/.test(r.reason), JSON.stringify(r));
  const closed = checkProblemMove('closed', 'open', { hasRootCause: true, hasWorkaround: true }, 'transition');
  assert.ok(!closed.ok && /final/.test(closed.reason));
  const toResolved = checkProblemMove('open', 'resolved', { hasRootCause: false, hasWorkaround: false }, 'transition');
  assert.ok(!toResolved.ok && /resolve/.test(toResolved.reason));
});

test('a new problem starts as far as what is known allows; each status keeps what it rests on', () => {
  assert.equal(initialStatus({ hasRootCause: false, hasWorkaround: false }), 'open');
  assert.equal(initialStatus({ hasRootCause: false, hasWorkaround: true }), 'open');
  assert.equal(initialStatus({ hasRootCause: true, hasWorkaround: false }), 'root_cause_known');
  assert.equal(initialStatus({ hasRootCause: true, hasWorkaround: true }), 'known_error');
  assert.deepEqual(requiredFields('known_error'), ['rootCause', 'workaround']);
  assert.deepEqual(requiredFields('root_cause_known'), ['rootCause']);
  for (const s of ['open', 'resolved', 'closed'] as const) assert.deepEqual(requiredFields(s), []);
});
