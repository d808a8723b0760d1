// Smoke test of the SLA bench: a small run prints one JSON object with every figure present
// and positive, and the due scan returns a full batch at "now". Always SQLite.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const POSITIVE = [
  'openTickets', 'planClocksMs_24x7', 'planClocksMs_business', 'storeClocksMs', 'stateOfAllOpenMs', 'overdueTargets',
  'dueScanNothingDueP99Ms', 'dueScanAtNowP99Ms', 'dueScanAtNowRows', 'clocksDueAtNow', 'firedClocks', 'fireMs', 'firedPerSec', 'slaEvents',
];

test('the SLA bench runs end to end and reports every figure', { timeout: 120_000 }, async () => {
  const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'bench/sla.bench.ts'), '--tickets', '400', '--scans', '20', '--fire', '50'], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (err += c));
    child.on('close', (c) => resolve({ code: c, stdout: out, stderr: err }));
  });
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
