// Smoke test of the KB bench: a small run prints one JSON object whose figures are all
// there, and most queries find articles. Always SQLite.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runBench } from './run-bench.ts';

const TIMINGS = ['searchStaffAll', 'searchStaffAny', 'searchAnonymousAll', 'searchAnonymousAny', 'listCallAnonymous'];

test('the KB bench runs end to end and reports every figure', { timeout: 120_000 }, async () => {
  const { code, stdout, stderr } = await runBench('kb.bench.ts', ['--articles', '300', '--queries', '30']);
  assert.equal(code, 0, `bench exited with ${code}:\n${stderr}`);
  const figures = JSON.parse(stdout) as Record<string, any>;
  assert.equal(figures.articles, 300);
  assert.equal(figures.queries, 30);
  assert.ok(figures.matchesAnyMedian > 0, 'typical queries find articles');
  assert.ok(figures.queriesWithNoMatchAll < 30, 'some queries find every word');
  for (const key of TIMINGS) {
    const t = figures[key];
    for (const p of ['p50', 'p95', 'p99', 'max', 'cpuMsPerQuery']) assert.ok(typeof t[p] === 'number' && Number.isFinite(t[p]) && t[p] > 0, `${key}.${p}: ${JSON.stringify(t[p])}`);
    assert.ok(t.p50 <= t.p95 && t.p95 <= t.p99 && t.p99 <= t.max, key);
  }
});
