// Smoke test of the benchmark: a tiny run (300 tickets, half-second scenarios) must print
// one JSON object with every figure present and positive. It always benches SQLite, the
// bench's target, whichever back end the rest of the suite runs on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runBench } from './run-bench.ts';


const POSITIVE = [
  'cpus', 'totalMemGB', 'tickets', 'events', 'ticketsAfterRuns', 'loadSeconds', 'loadTicketsPerSec', 'dbSizeMB',
  'createReqPerSec_c1', 'createP50Ms_c1', 'createP99Ms_c1', 'createReqPerSec_c32', 'createP50Ms_c32', 'createP99Ms_c32',
  'getReqPerSec', 'getP50Ms', 'getP99Ms',
  'listFirstReqPerSec', 'listFirstP50Ms', 'listFirstP99Ms',
  'listDeepRowsBefore', 'listDeepReqPerSec', 'listDeepP50Ms', 'listDeepP99Ms',
  'searchReqPerSec', 'searchP50Ms', 'searchP99Ms',
  'countsReqPerSec', 'countsP50Ms', 'countsP99Ms', 'viewCountsReqPerSec', 'viewCountsP50Ms', 'viewCountsP99Ms', 'viewCountsAfterWriteMs',
  'rssAfterLoadMB', 'rssAfterRunsMB', 'rawInsertPerSec', 'rawInsertBarePerSec', 'createShareOfRawPct_c32', 'httpCeilingReqPerSec',
];

test('the API bench runs end to end and reports every figure', { timeout: 120_000 }, async () => {
  const { code, stdout, stderr } = await runBench('api.bench.ts', ['--db', 'sqlite', '--tickets', '300', '--seconds', '0.5', '--warmup', '0']);
  assert.equal(code, 0, `bench exited with ${code}:\n${stderr}`);
  const figures = JSON.parse(stdout) as Record<string, unknown>;
  for (const key of POSITIVE) {
    const v = figures[key];
    assert.ok(typeof v === 'number' && Number.isFinite(v) && v > 0, `${key} should be a positive number, got ${JSON.stringify(v)}`);
  }
  assert.equal(figures.tickets, 300);
  assert.equal(figures.failedRequests, 0);
  assert.equal(figures.db, 'sqlite');
  assert.ok(figures.searchTermsMedianMs && typeof figures.searchTermsMedianMs === 'object');
});
