// `npm test`: type check, then every *.test.ts on SQLite, then again on PostgreSQL.
//
// Usage:
//   npm test                                   everything (type check + both back ends)
//   npm test -- server/src/x.test.ts [dir ...] only these test files (a directory means
//                                              every *.test.ts under it)
//   GUICHET_TEST_ONLY=sqlite npm test          SQLite only (no PostgreSQL needed)
//   GUICHET_TEST_ONLY=postgres npm test        PostgreSQL only
//
// Test files see GUICHET_TEST_DB=sqlite|postgres; on PostgreSQL also
// GUICHET_TEST_PG_URL (a throwaway cluster from scripts/pg-cluster.mjs, in
// which each test file creates its own database).
// PostgreSQL is found under /usr/lib/postgresql/*/bin (or on PATH); as root on
// Debian it is installed with apt-get when missing. Without it, the PostgreSQL
// run fails: it is never skipped silently.
//
// IMAP: when a selected file's name contains `.imap.` (e.g. `imap-poller.imap.test.ts`),
// a throwaway Dovecot (scripts/dovecot.mjs; Debian's `dovecot-imapd`, installed when
// missing) is started once for both back ends and stopped at the end, even on failure.
// Every test file then sees GUICHET_TEST_IMAP_HOST, _PORT, _DIR, _ACCOUNTS and _PASSWORD;
// server/src/test/imap.ts hands out its accounts. Those files fail, never skip, without it.
//
// Output ends with one line per back end and, as the very last line,
// `N passed, N failed`. Failures that are not tests (type check, a run that
// crashed or ran no test, PostgreSQL that could not start) count 1 each in
// that last line, so that it never says "0 failed" when the exit code is 1.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPgCluster } from './pg-cluster.mjs';
import { dovecotEnv, startDovecot } from './dovecot.mjs';
import { ensureDebianPackages } from './debian-packages.mjs';
import { buildWeb, isWebBuildStale } from './build-web.mjs';

/** A mistake on the command line: reported without a stack trace. */
class UsageError extends Error {}

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const TEST_DIRS = ['server/src', 'common', 'bench', 'e2e'];

/** Every *.test.ts under dir (recursive), skipping node_modules. */
function collect(dir, out = []) {
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    if (err.code === 'ENOENT') return out; // e.g. bench/ not there yet
    throw err;
  }
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules') collect(full, out);
    } else if (e.isFile() && e.name.endsWith('.test.ts')) out.push(full);
  }
  return out;
}

/** Files from the command line (relative to where `npm test` was typed) or all of them. */
function testFiles(args) {
  const files = [];
  if (args.length === 0) {
    for (const d of TEST_DIRS) collect(path.join(root, d), files);
  } else {
    // npm runs scripts from the package root; INIT_CWD is the user's directory.
    const base = process.env.INIT_CWD ?? process.cwd();
    for (const arg of args) {
      const p = path.resolve(base, arg);
      if (!fs.existsSync(p)) throw new UsageError(`no such test file or directory: ${arg}`);
      if (fs.statSync(p).isDirectory()) collect(p, files);
      else files.push(p);
    }
  }
  // Relative paths keep the reporter's output short; the order stays stable.
  return [...new Set(files.map((f) => path.relative(root, f)))].sort();
}

let current = null; // child process running now, to forward signals to
let activeCluster = null; // PostgreSQL cluster running now, to stop on a second signal
let activeDovecot = null; // Dovecot running now, likewise
let interrupted = null; // signal name once we got one

/** Runs a command, streaming its output to ours; resolves to { code, output }. */
function runStreaming(cmd, args, env) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    current = child;
    let output = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      process.stderr.write(chunk);
      output += chunk;
    });
    child.on('error', (err) => {
      output += `\n${err.message}\n`;
    });
    child.on('close', (code, signal) => {
      current = null;
      resolve({ code: code ?? (signal ? 128 : 1), output });
    });
  });
}

const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g;

/** Last value of `ℹ <name> N` in the spec reporter's summary, or null. */
function summaryValue(text, name) {
  const re = new RegExp(`^\\s*ℹ ${name} (\\d+)\\s*$`, 'gm');
  let value = null;
  for (const m of text.matchAll(re)) value = Number(m[1]);
  return value;
}

/**
 * Runs the test files with `db` as back end. Returns { passed, failed, extra, note }:
 * `extra` is 1 when the run itself is broken (crash, no summary, no test ran).
 */
async function runTests(label, files, env) {
  console.log(`\n=== Tests on ${label} (${files.length} file${files.length === 1 ? '' : 's'}) ===\n`);
  const { code, output } = await runStreaming(
    process.execPath,
    ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files],
    env,
  );
  const text = output.replace(ANSI, '');
  const pass = summaryValue(text, 'pass');
  const fail = summaryValue(text, 'fail');
  const cancelled = summaryValue(text, 'cancelled') ?? 0;
  const skipped = summaryValue(text, 'skipped') ?? 0;
  if (pass === null || fail === null) {
    return { passed: 0, failed: 0, extra: 1, note: `no test summary in the output (runner exit code ${code})` };
  }
  const failed = fail + cancelled;
  if (pass + failed === 0) {
    return { passed: 0, failed: 0, extra: 1, note: `no test ran (${skipped} skipped)` };
  }
  if (code !== 0 && failed === 0) {
    return { passed: pass, failed: 0, extra: 1, note: `runner exited with code ${code} although no test failed` };
  }
  return { passed: pass, failed, extra: 0, note: '' };
}

function describe(label, r) {
  const base = `${label}: ${r.passed} passed, ${r.failed} failed`;
  return r.note ? `${base} (FAILED: ${r.note})` : base;
}

async function main() {
  const only = process.env.GUICHET_TEST_ONLY ?? '';
  if (only && only !== 'sqlite' && only !== 'postgres') {
    console.error(`GUICHET_TEST_ONLY must be "sqlite" or "postgres", not "${only}"`);
    console.log('0 passed, 1 failed');
    return 1;
  }
  const files = testFiles(process.argv.slice(2));

  const summary = []; // lines printed at the end
  let passed = 0;
  let failed = 0;
  let ok = true;

  // Colours for humans; parsing strips them anyway.
  const baseEnv = { ...process.env };
  if (process.stdout.isTTY && !('NO_COLOR' in baseEnv) && !('FORCE_COLOR' in baseEnv)) baseEnv.FORCE_COLOR = '1';

  // a. Type check. A failure does not stop the tests: the report stays complete.
  console.log('=== Type check (tsc --noEmit) ===\n');
  const tsc = await runStreaming(
    process.execPath,
    [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json', '--noEmit'],
    baseEnv,
  );
  const tscWeb = await runStreaming(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'web/tsconfig.json'], baseEnv);
  if (tsc.code === 0 && tscWeb.code === 0) summary.push('Type check: passed');
  else {
    summary.push(`Type check: FAILED (tsc exit code ${tsc.code} server, ${tscWeb.code} web)`);
    failed += 1;
    ok = false;
  }

  // b. Browser tests need Debian's chromium and the built web app.
  if (files.some((f) => f.startsWith('e2e'))) {
    try {
      ensureDebianPackages(['chromium'], 'the browser tests in e2e/');
      if (isWebBuildStale()) {
        console.log('\n=== Building the web app ===\n');
        buildWeb();
      }
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      console.error(`\nThe browser tests cannot run: ${msg}`);
      summary.push(`Browser tests: FAILED (${msg.split('\n')[0]})`);
      failed += 1;
      ok = false;
    }
  }

  // c. Dovecot for the IMAP tests, shared by both back ends (stopped in the finally below).
  let imapEnv = {};
  if (files.some((f) => path.basename(f).includes('.imap.')) && !interrupted) {
    console.log('\n=== Starting Dovecot (IMAP tests) ===\n');
    try {
      activeDovecot = await startDovecot();
      imapEnv = dovecotEnv(activeDovecot);
      console.log(`Dovecot is listening at ${activeDovecot.host}:${activeDovecot.port}`);
    } catch (err) {
      // The IMAP tests then fail with their own message; the others still run.
      const msg = err instanceof Error ? err.message : String(err);
      console.error(`\nDovecot could not be started:\n${msg}`);
      summary.push(`Dovecot: FAILED (could not start it: ${msg.split('\n')[0]})`);
      failed += 1;
      ok = false;
    }
  }

  try {
    if (files.length === 0) {
      // Both runs would report zero tests: say so once instead of spawning them.
      summary.push(`Tests: FAILED (no *.test.ts found under ${TEST_DIRS.join(', ')})`);
      failed += 1;
      ok = false;
    } else {
      // d. SQLite.
      if (only !== 'postgres' && !interrupted) {
        const r = await runTests('SQLite', files, { ...baseEnv, ...imapEnv, GUICHET_TEST_DB: 'sqlite' });
        summary.push(describe('SQLite', r));
        passed += r.passed;
        failed += r.failed + r.extra;
        if (r.failed || r.extra) ok = false;
      } else summary.push(`SQLite: not run (${interrupted ? `interrupted by ${interrupted}` : 'GUICHET_TEST_ONLY=postgres'})`);

      // e. PostgreSQL, on a throwaway cluster that is always stopped.
      if (only !== 'sqlite' && !interrupted) {
        console.log('\n=== Starting PostgreSQL ===\n');
        let cluster = null;
        try {
          cluster = await startPgCluster();
          activeCluster = cluster;
          console.log(`PostgreSQL is listening at ${cluster.url}`);
          if (interrupted) throw new Error(`interrupted by ${interrupted}`);
          const r = await runTests('PostgreSQL', files, {
            ...baseEnv,
            ...imapEnv,
            GUICHET_TEST_DB: 'postgres',
            GUICHET_TEST_PG_URL: cluster.url,
          });
          summary.push(describe('PostgreSQL', r));
          passed += r.passed;
          failed += r.failed + r.extra;
          if (r.failed || r.extra) ok = false;
        } catch (err) {
          const msg = err instanceof Error ? err.message : String(err);
          console.error(`\nPostgreSQL could not be started:\n${msg}`);
          summary.push(`PostgreSQL: FAILED (could not start PostgreSQL: ${msg.split('\n')[0]})`);
          failed += 1;
          ok = false;
        } finally {
          await cluster?.stop();
          activeCluster = null;
        }
      } else summary.push(`PostgreSQL: not run (${interrupted ? `interrupted by ${interrupted}` : 'GUICHET_TEST_ONLY=sqlite'})`);
    }
  } finally {
    await activeDovecot?.stop();
    activeDovecot = null;
  }

  if (interrupted) {
    summary.push(`Interrupted by ${interrupted}`);
    ok = false;
  }

  console.log('\n=== Summary ===');
  for (const line of summary) console.log(line);
  console.log(`${passed} passed, ${failed} failed`);
  return ok ? 0 : 1;
}

// Ctrl-C reaches the children too (same process group); a `kill` from CI only
// reaches us, so forward it. main() then unwinds and stops PostgreSQL. A second
// signal gives up waiting: stop the cluster and leave.
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    if (interrupted) {
      activeCluster?.stop();
      activeDovecot?.stop(); // signals Dovecot at once; the wait is not needed here
      process.exit(130);
    }
    interrupted = sig;
    console.error(`\n${sig} received: stopping the tests…`);
    current?.kill(sig);
  });
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  async (err) => {
    console.error(err instanceof UsageError ? err.message : err instanceof Error ? (err.stack ?? err.message) : err);
    await activeCluster?.stop();
    await activeDovecot?.stop();
    console.log('0 passed, 1 failed');
    process.exitCode = 1;
  },
);
