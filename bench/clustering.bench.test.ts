// Smoke test of the clustering bench: a small run prints one JSON object with its figures,
// finds planted incidents, and its detection run proposes candidates once (the second run
// changes nothing). Always SQLite.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runBench } from './run-bench.ts';


test('the clustering bench runs end to end and reports its figures', { timeout: 180_000 }, async () => {
  const { code, stdout, stderr } = await runBench('clustering.bench.ts', ['--tickets', '1500', '--organisations', '3', '--clusters', '8', '--runs', '1', '--db', 'sqlite']);
  assert.equal(code, 0, `bench exited with ${code}:\n${stderr}`);
  const f = JSON.parse(stdout);
  assert.equal(f.plantedIncidents, 8);
  for (const key of ['findClustersP50Ms', 'comparedPairs', 'edges', 'clusters', 'precision', 'recall']) {
    assert.ok(typeof f.findClusters[key] === 'number' && f.findClusters[key] > 0, `${key}: ${JSON.stringify(f.findClusters[key])}`);
  }
  assert.ok(f.findClusters.comparedPairs < f.findClusters.allPairs);
  assert.equal(f.detection.db, 'sqlite');
  assert.equal(f.detection.firstRun.proposed, f.findClusters.clusters);
  assert.equal(f.detection.firstRun.scanned, f.incidents);
  assert.deepEqual([f.detection.secondRun.proposed, f.detection.secondRun.updated], [0, 0]);
  assert.equal(f.detection.candidates, f.detection.firstRun.proposed);
});
