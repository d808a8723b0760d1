import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DEFAULT_PRIORITY_MATRIX, derivePriority, priorityMatrixSchema } from './priority-matrix.ts';

const level = fc.integer({ min: 1, max: 4 });

test('the default matrix: 1×1 is P1, medium×medium P3, 4×4 P5', () => {
  assert.equal(derivePriority(DEFAULT_PRIORITY_MATRIX, 1, 1), 1);
  assert.equal(derivePriority(DEFAULT_PRIORITY_MATRIX, 3, 3), 3);
  assert.equal(derivePriority(DEFAULT_PRIORITY_MATRIX, 4, 4), 5);
  assert.ok(priorityMatrixSchema.safeParse(DEFAULT_PRIORITY_MATRIX).success);
});

test('the default matrix is symmetric and monotone: more impact or urgency never lowers the priority', () => {
  fc.assert(
    fc.property(level, level, (i, u) => {
      const p = derivePriority(DEFAULT_PRIORITY_MATRIX, i, u);
      assert.equal(p, derivePriority(DEFAULT_PRIORITY_MATRIX, u, i));
      if (i > 1) assert.ok(derivePriority(DEFAULT_PRIORITY_MATRIX, i - 1, u) <= p);
      if (u > 1) assert.ok(derivePriority(DEFAULT_PRIORITY_MATRIX, i, u - 1) <= p);
      assert.ok(p >= 1 && p <= 5);
    }),
  );
});

test('out-of-range levels are refused, not silently mapped', () => {
  assert.throws(() => derivePriority(DEFAULT_PRIORITY_MATRIX, 0, 1), RangeError);
  assert.throws(() => derivePriority(DEFAULT_PRIORITY_MATRIX, 1, 5), RangeError);
});

test('a configured matrix must be 4×4 with priorities 1..5', () => {
  assert.equal(priorityMatrixSchema.safeParse([[1, 2, 3, 4]]).success, false);
  assert.equal(priorityMatrixSchema.safeParse(DEFAULT_PRIORITY_MATRIX.map((r) => r.map((p) => p + 1))).success, false);
});
