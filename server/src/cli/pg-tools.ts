// Finding and running PostgreSQL's client tools (pg_dump, pg_restore) for backups.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** pg_dump or pg_restore: on PATH, else the newest /usr/lib/postgresql/<v>/bin (Debian). */
export function findPgTool(tool: 'pg_dump' | 'pg_restore'): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && isExecutable(path.join(dir, tool))) return path.join(dir, tool);
  }
  const base = '/usr/lib/postgresql';
  let versions: string[] = [];
  try {
    versions = fs.readdirSync(base);
  } catch {
    return undefined;
  }
  // The newest one: pg_dump refuses servers newer than itself, never older ones.
  versions.sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a));
  for (const v of versions) {
    const p = path.join(base, v, 'bin', tool);
    if (isExecutable(p)) return p;
  }
  return undefined;
}

function isExecutable(p: string): boolean {
  try {
    fs.accessSync(p, fs.constants.X_OK);
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

/**
 * The connection URL without its password, plus the environment that carries it: a
 * password on a command line is visible to every user of the machine through `ps`.
 */
export function connectionForTool(databaseUrl: string): { url: string; env: NodeJS.ProcessEnv } {
  const u = new URL(databaseUrl);
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (u.password) {
    env.PGPASSWORD = decodeURIComponent(u.password);
    u.password = '';
  }
  return { url: u.toString(), env };
}

/** The URL as a user may print it. */
export function redactUrl(databaseUrl: string): string {
  const u = new URL(databaseUrl);
  if (u.password) u.password = '***';
  return u.toString();
}

/** Runs a tool with inherited stdio; resolves to its exit code. */
export function runTool(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

export function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
