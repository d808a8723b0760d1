import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { splitCategoryPath, toCategoryList, toCategoryTree, wouldCreateCycle, type CategoryRow } from './category-tree.ts';

const row = (id: number, parent_id: number | null, name: string, is_active = 1): CategoryRow => ({ id, parent_id, name, is_active, required_skill_id: null, created_at: '2026-01-01T00:00:00.000Z' });
const rows = [
  row(1, null, 'Software'),
  row(2, null, 'hardware'),
  row(3, 2, 'Laptop'),
  row(4, 2, 'Printer', 0),
  row(5, 4, 'Toner'),
  row(6, 3, 'Battery'),
];

describe('category tree', () => {
  test('paths, sorted so that children follow their parent, case aside', () => {
    assert.deepEqual(
      toCategoryList(rows).map((c) => c.path),
      ['hardware', 'hardware / Laptop', 'hardware / Laptop / Battery', 'hardware / Printer', 'hardware / Printer / Toner', 'Software'],
    );
  });

  test('activeOnly drops inactive categories and everything under them', () => {
    assert.deepEqual(
      toCategoryList(rows, { activeOnly: true }).map((c) => c.id),
      [2, 3, 6, 1],
    );
    const toner = toCategoryList(rows).find((c) => c.id === 5)!;
    assert.equal(toner.isActive, true, 'isActive is the category’s own flag');
  });

  test('the nested form', () => {
    const tree = toCategoryTree(toCategoryList(rows, { activeOnly: true }));
    assert.deepEqual(
      tree.map((n) => [n.name, n.children.map((c) => [c.name, c.children.map((g) => g.name)])]),
      [
        ['hardware', [['Laptop', ['Battery']]]],
        ['Software', []],
      ],
    );
  });

  test('cycles: a category cannot go under itself or its descendants', () => {
    assert.equal(wouldCreateCycle(rows, 2, 2), true);
    assert.equal(wouldCreateCycle(rows, 2, 3), true);
    assert.equal(wouldCreateCycle(rows, 2, 6), true);
    assert.equal(wouldCreateCycle(rows, 3, 4), false);
    assert.equal(wouldCreateCycle(rows, 6, null), false);
    assert.equal(wouldCreateCycle(rows, 6, 1), false);
  });

  test('cycles, property: after any accepted move every category still reaches a root', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(20), { minLength: 1, maxLength: 20 }),
        fc.array(fc.tuple(fc.nat(19), fc.option(fc.nat(19), { nil: null })), { maxLength: 30 }),
        (parents, moves) => {
          // A random forest: each category's parent has a smaller id.
          let tree = parents.map((p, i) => row(i + 1, i === 0 || p % (i + 1) === 0 ? null : (p % i) + 1, `c${i + 1}`));
          for (const [a, b] of moves) {
            const id = (a % tree.length) + 1;
            const parent = b === null ? null : (b % tree.length) + 1;
            if (!wouldCreateCycle(tree, id, parent)) tree = tree.map((r) => (r.id === id ? { ...r, parent_id: parent } : r));
          }
          const byId = new Map(tree.map((r) => [r.id, r]));
          for (const r of tree) {
            let steps = 0;
            for (let p = r.parent_id; p !== null; p = byId.get(p)!.parent_id) assert.ok(++steps <= tree.length, 'a cycle slipped through');
          }
        },
      ),
    );
  });

  test('paths are split on "/" with any spacing', () => {
    assert.deepEqual(splitCategoryPath('Hardware/Laptop'), ['Hardware', 'Laptop']);
    assert.deepEqual(splitCategoryPath('  Hardware  /  Laptop / '), ['Hardware', 'Laptop']);
    assert.deepEqual(splitCategoryPath(' / '), []);
  });
});
