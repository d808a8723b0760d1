// Throwaway PostgreSQL cluster for tests and local development.
//
//   import { startPgCluster } from './pg-cluster.mjs';
//   const pg = await startPgCluster();   // -> { url, stop() }
//
//   node scripts/pg-cluster.mjs          // starts one, prints its URL, stops it on Ctrl-C
//
// The cluster lives in a temp dir, listens on 127.0.0.1 only (on a free port),
// trusts every local connection and trades durability for speed.
// If PostgreSQL is not installed and we are root (a fresh CI machine), Debian's
// `postgresql` package is installed first.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { ensureDebianPackages } from './debian-packages.mjs';
import { freePort } from './free-port.mjs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const PG_LIB = '/usr/lib/postgresql';

/** Runs a command to completion; returns { status, output } (stdout+stderr). */
function run(cmd, args, { cwd = '/', inherit = false, env = process.env } = {}) {
  const res = spawnSync(cmd, args, {
    cwd,
    env,
    encoding: 'utf8',
    stdio: inherit ? 'inherit' : ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  if (res.error) return { status: -1, output: String(res.error.message) };
  return { status: res.status ?? -1, output: `${res.stdout ?? ''}${res.stderr ?? ''}` };
}

/** Highest-version Debian bin dir that has initdb, or null. */
function findDebianBinDir() {
  let versions;
  try {
    versions = fs.readdirSync(PG_LIB);
  } catch {
    return null;
  }
  const dirs = versions
    .filter((v) => fs.existsSync(path.join(PG_LIB, v, 'bin', 'initdb')))
    .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a));
  return dirs.length ? path.join(PG_LIB, dirs[0], 'bin') : null;
}

/** Bin dir holding initdb on PATH (non-Debian developer machines), or null. */
function findPathBinDir() {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'pg_ctl'))) return dir;
  }
  return null;
}

/**
 * Makes sure PostgreSQL server binaries exist, installing Debian's package when
 * we are root. Returns the directory holding initdb and pg_ctl.
 */
export function ensurePostgresInstalled() {
  const found = findDebianBinDir() ?? findPathBinDir();
  if (found) return found;
  ensureDebianPackages(['postgresql'], 'the PostgreSQL tests; GUICHET_TEST_ONLY=sqlite runs without it');
  const bin = findDebianBinDir();
  if (!bin) throw new Error(`package "postgresql" is installed but no ${PG_LIB}/*/bin/initdb was found`);
  return bin;
}

/**
 * Starts a fresh cluster. Resolves to { url, stop }; stop() is idempotent and
 * synchronous inside (safe to call from signal handlers).
 */
export async function startPgCluster() {
  const bin = ensurePostgresInstalled();

  // Root: PostgreSQL refuses to run as root, so run it as `postgres`.
  let owner = null;
  if (isRoot) {
    const ids = run('id', ['-u', 'postgres']);
    const gid = run('id', ['-g', 'postgres']);
    if (ids.status !== 0 || gid.status !== 0) throw new Error('running as root but there is no "postgres" user');
    owner = { uid: Number(ids.output.trim()), gid: Number(gid.output.trim()) };
  }
  // From cwd "/" so that `postgres` never has to read our (maybe private) cwd.
  const pgRun = (tool, args) =>
    isRoot
      ? run('runuser', ['-u', 'postgres', '--', path.join(bin, tool), ...args])
      : run(path.join(bin, tool), args);

  // The base dir holds the socket and the log; initdb creates data/ (mode 700) inside.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-pg-'));
  fs.chmodSync(dir, 0o755);
  if (owner) fs.chownSync(dir, owner.uid, owner.gid);
  const data = path.join(dir, 'data');
  const log = path.join(dir, 'postgres.log');

  let running = false;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (running) {
      const res = pgRun('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      if (res.status !== 0) console.error(`pg_ctl stop failed (exit ${res.status}):\n${res.output}`);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };

  try {
    const baseInit = ['-D', data, '--auth=trust', '-U', 'postgres', '--encoding=UTF8'];
    let init = pgRun('initdb', [...baseInit, '--locale=C.UTF-8']);
    if (init.status !== 0) {
      // Some systems lack the C.UTF-8 locale; plain C works everywhere.
      fs.rmSync(data, { recursive: true, force: true });
      init = pgRun('initdb', [...baseInit, '--locale=C']);
    }
    if (init.status !== 0) throw new Error(`initdb failed (exit ${init.status}):\n${init.output}`);

    // Another process may grab the port between our probe and the start: retry.
    let lastError = '';
    for (let attempt = 1; attempt <= 3; attempt++) {
      const port = await freePort();
      const opts = [
        '-c listen_addresses=127.0.0.1',
        `-p ${port}`,
        `-k '${dir}'`,
        '-c fsync=off',
        '-c synchronous_commit=off',
        '-c full_page_writes=off',
        '-c max_connections=300',
      ].join(' ');
      // -l: the server writes to a log file instead of holding our pipes open.
      const start = pgRun('pg_ctl', ['-D', data, '-l', log, '-o', opts, '-w', 'start']);
      if (start.status === 0) {
        running = true;
        return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, stop };
      }
      let serverLog = '';
      try {
        serverLog = fs.readFileSync(log, 'utf8');
      } catch {}
      lastError = `pg_ctl start failed (exit ${start.status}) on port ${port}:\n${start.output}\n${serverLog}`;
      running = true; // a half-started server must still be stopped
      pgRun('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      running = false;
    }
    throw new Error(lastError);
  } catch (err) {
    await stop();
    throw err;
  }
}

// CLI: `node scripts/pg-cluster.mjs` keeps a cluster up until Ctrl-C / SIGTERM.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const { url, stop } = await startPgCluster();
    console.log(url);
    console.error('PostgreSQL is running; press Ctrl-C to stop it and delete its data.');
    const shutdown = async () => {
      await stop();
      process.exit(0);
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
    // An open timer keeps the event loop (and so the process) alive.
    setInterval(() => {}, 1 << 30);
  } catch (err) {
    console.error(`Could not start PostgreSQL: ${err instanceof Error ? err.message : err}`);
    process.exit(1);
  }
}
