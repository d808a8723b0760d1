// Helpers for the CLI tests: a fresh database per test (a temp SQLite data directory, or a
// new PostgreSQL database on GUICHET_TEST_PG_URL's server), and the real `guichet` binary
// spawned against it.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Deps } from '../lib/deps.ts';
import { createPgDatabase, openTestDeps, testDb } from '../test/databases.ts';

export { testDb };

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const BIN = path.join(repoRoot, 'bin/guichet.mjs');

export interface Target {
  /** Environment pointing the CLI at this database. */
  env: Record<string, string>;
  dataDir: string;
  databaseUrl?: string;
  /** Deps on this database, for checks from the test process (closed by cleanup). */
  openDeps(): Deps;
  cleanup(): Promise<void>;
}

/** An empty database of the kind under test; the CLI migrates it on first use. */
export async function freshTarget(kind: 'sqlite' | 'postgres' = testDb): Promise<Target> {
  const pgDb = kind === 'postgres' ? await createPgDatabase({ migrated: false, prefix: 'cli' }) : undefined;
  // Made once the database exists, so that a failure above leaves nothing behind.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-cli-'));
  const env: Record<string, string> = { GUICHET_DATA: path.join(dataDir, 'data') };
  if (pgDb) env.DATABASE_URL = pgDb.url;
  const handles: { close(): Promise<void> }[] = [];
  return {
    env,
    dataDir: env.GUICHET_DATA,
    databaseUrl: pgDb?.url,
    openDeps() {
      const deps = openTestDeps({ dataDir: env.GUICHET_DATA, databaseUrl: pgDb?.url, poolSize: 2 });
      handles.push(deps.dbHandle);
      return deps;
    },
    async cleanup() {
      for (const h of handles) await h.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
      await pgDb?.drop();
    },
  };
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `node bin/guichet.mjs …` with only our database settings in its environment. */
export function runCli(args: string[], opts: { env?: Record<string, string>; cwd?: string } = {}): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith('GUICHET_') || k === 'DATABASE_URL' || k === 'PORT') delete env[k];
  Object.assign(env, opts.env);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: opts.cwd ?? repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** Fails with the command's output when it did not exit as expected. */
export function expectExit(r: CliResult, code: number): CliResult {
  if (r.code !== code) throw new Error(`expected exit code ${code}, got ${r.code}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`);
  return r;
}

export interface RunningCli {
  /** Resolves with the first match of re in stdout+stderr (rejects after timeoutMs). */
  waitFor(re: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Sends a signal and resolves with the exit code (128 when a signal ended it). */
  stop(signal?: NodeJS.Signals): Promise<number>;
  /** Resolves with the signal that ended the process, or null when it exited by itself. */
  killedBy: Promise<NodeJS.Signals | null>;
  pid: number;
  output(): string;
}

/** Starts a long-running command (serve) in the background; `nodeArgs` go to node (e.g. --cpu-prof). */
export function startCli(args: string[], opts: { env?: Record<string, string>; nodeArgs?: string[] } = {}): RunningCli {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith('GUICHET_') || k === 'DATABASE_URL' || k === 'PORT') delete env[k];
  Object.assign(env, opts.env);
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), BIN, ...args], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const onOutput = new Set<() => void>();
  const onExit = new Set<() => void>();
  let resolveKilledBy: (s: NodeJS.Signals | null) => void = () => {};
  const killedBy = new Promise<NodeJS.Signals | null>((resolve) => (resolveKilledBy = resolve));
  const exited = new Promise<number>((resolve) =>
    child.on('close', (code, signal) => {
      resolve(code ?? (signal ? 128 : -1));
      resolveKilledBy(signal);
      for (const l of onExit) l();
    }),
  );
  const collect = (c: Buffer) => {
    out += c;
    for (const l of onOutput) l();
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  return {
    output: () => out,
    killedBy,
    pid: child.pid!,
    waitFor(re, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const done = (err?: Error, m?: RegExpMatchArray) => {
          clearTimeout(timer);
          onOutput.delete(check);
          onExit.delete(gone);
          if (err) reject(err);
          else resolve(m!);
        };
        const check = () => {
          const m = out.match(re);
          if (m) done(undefined, m);
        };
        const gone = () => done(new Error(`exited before printing ${re}; output:\n${out}`));
        const timer = setTimeout(() => done(new Error(`timed out waiting for ${re}; output:\n${out}`)), timeoutMs);
        onOutput.add(check);
        onExit.add(gone);
        check();
      });
    },
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
