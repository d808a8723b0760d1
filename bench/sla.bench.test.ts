// Smoke test of the SLA bench: a small run prints one JSON object with every figure present
// and positive, and the due scan returns a full batch at "now". Always SQLite.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runBench } from './run-bench.ts';

const POSITIVE = [
  'openTickets', 'planClocksMs_24x7', 'planClocksMs_business', 'storeClocksMs', 'stateOfAllOpenMs', 'overdueTargets',
  'dueScanNothingDueP99Ms', 'dueScanAtNowP99Ms', 'dueScanAtNowRows', 'clocksDueAtNow', 'firedClocks', 'fireMs', 'firedPerSec', 'slaEvents',
];

test('the SLA bench runs end to end and reports every figure', { timeout: 120_000 }, async () => {
  const { code, stdout, stderr } = await runBench('sla.bench.ts', ['--tickets', '400', '--scans', '20', '--fire', '50']);
  assert.equal(code, 0, `bench exited with ${code}:\n${stderr}`);
  const figures = JSON.parse(stdout) as Record<string, unknown>;
  for (const key of POSITIVE) {
    const v = figures[key];
    assert.ok(typeof v === 'number' && Number.isFinite(v) && v > 0, `${key} should be a positive number, got ${JSON.stringify(v)}`);
  }
  assert.equal(figures.openTickets, 400);
  assert.equal(figures.firedClocks, 50);
  assert.equal(figures.dueScanAtNowRows, 200);
});
