// guichet backup / guichet restore.
//
// SQLite: the backup is better-sqlite3's online backup (the SQLite backup API), consistent
// even while the server writes, saved as one self-contained file (journal_mode=DELETE).
// The restore refuses to run while any process has the database open: it opens it with
// locking_mode=EXCLUSIVE and reads, which fails with SQLITE_BUSY as long as another
// connection (a running server, a backup in progress) holds the WAL's shared-memory lock,
// even when that connection is idle. That is the lock SQLite itself relies on, so it
// catches servers on any port or host name, unlike probing /healthz.
//
// PostgreSQL: pg_dump --format=custom and pg_restore --clean --if-exists --no-owner, in a
// single transaction so a failed restore changes nothing.
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { loadConfig, type Config } from '../config.ts';
import { attachmentsRoot } from '../modules/attachments/attachment-store.ts';
import { keyFilePath } from '../lib/secret-key.ts';
import { CliError, requireString, type Command } from './args.ts';
import { connectionForTool, findPgTool, redactUrl, runTool, shellQuote } from './pg-tools.ts';

const SQLITE_MAGIC = 'SQLite format 3\0';
const PG_DUMP_MAGIC = 'PGDMP';

function sqlitePath(config: Config): string {
  return path.join(config.dataDir, 'guichet.sqlite');
}

function stamp(d = new Date()): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

function humanSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
}

function fileStart(file: string, n: number): string {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(n);
    const read = fs.readSync(fd, buf, 0, n, 0);
    return buf.subarray(0, read).toString('latin1');
  } finally {
    fs.closeSync(fd);
  }
}

/** Users and tickets in a raw SQLite connection, for the closing message. */
function summarise(db: SQLite.Database): string {
  const count = (table: string) => (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
  return `${count('tickets')} tickets, ${count('users')} users`;
}

/** Attachments live as files beside the database, whichever the back end. */
function attachmentsNote(config: Config, verb: 'copy' | 'restore'): string | undefined {
  const dir = attachmentsRoot(config.dataDir);
  const hasFiles = fs.existsSync(dir) && fs.readdirSync(dir).some((f) => f !== 'tmp');
  return hasFiles ? `Note: attachment files are not in the database; ${verb} ${dir} as well.` : undefined;
}

/**
 * Mailbox IMAP passwords are encrypted with the server's secret key, which no backup holds.
 * A backup says so once there is a key (the server has started); a restore always does.
 */
function secretKeyNote(config: Config, verb: 'copy' | 'restore'): string | undefined {
  const file = keyFilePath(config.dataDir);
  if (verb === 'restore') {
    const where = config.secretKey ? 'GUICHET_SECRET_KEY' : `GUICHET_SECRET_KEY, or the file ${file}`;
    return `Note: mailbox IMAP passwords are encrypted; this server reads them only with the secret key of the server that made the backup (${where}). Put it in place before starting, or enter the passwords again.`;
  }
  const where = config.secretKey ? 'GUICHET_SECRET_KEY' : fs.existsSync(file) ? file : undefined;
  if (!where) return undefined;
  return `Note: mailbox IMAP passwords in the backup are encrypted with the secret key (${where}), which is not in it; keep a copy of that key apart from the backup, or the passwords must be entered again after a restore.`;
}

/** What a backup or a restore leaves for the admin to do, on stderr. */
function printNotes(config: Config, verb: 'copy' | 'restore'): void {
  for (const note of [attachmentsNote(config, verb), secretKeyNote(config, verb)]) if (note) console.error(note);
}

async function backupSqlite(config: Config, out: string): Promise<void> {
  const src = sqlitePath(config);
  if (!fs.existsSync(src)) throw new CliError(`There is no database at ${src} (is GUICHET_DATA right?).`);
  const tmp = `${out}.partial-${process.pid}`;
  const db = new SQLite(src, { fileMustExist: true, timeout: 5000 });
  try {
    await db.backup(tmp);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  } finally {
    db.close();
  }
  // One self-contained file: no -wal/-shm needed beside it to read it.
  const copy = new SQLite(tmp);
  let summary: string;
  try {
    copy.pragma('journal_mode = DELETE');
    summary = summarise(copy);
  } finally {
    copy.close();
  }
  fs.renameSync(tmp, out);
  console.log(`Backed up ${src} to ${out} (${humanSize(fs.statSync(out).size)}; ${summary}).`);
  printNotes(config, 'copy');
}

async function backupPostgres(config: Config, out: string): Promise<void> {
  const pgDump = findPgTool('pg_dump');
  if (!pgDump) {
    throw new CliError(
      `pg_dump was not found on PATH nor under /usr/lib/postgresql/*/bin. Install the PostgreSQL client tools, or run:\n` +
        `  pg_dump --format=custom --file ${shellQuote(out)} "$DATABASE_URL"`,
    );
  }
  const { url, env } = connectionForTool(config.databaseUrl!);
  const tmp = `${out}.partial-${process.pid}`;
  const code = await runTool(pgDump, ['--format=custom', '--file', tmp, url], env);
  if (code !== 0) {
    fs.rmSync(tmp, { force: true });
    throw new CliError(`pg_dump failed (exit code ${code}).`);
  }
  fs.renameSync(tmp, out);
  console.log(`Backed up ${redactUrl(config.databaseUrl!)} to ${out} (${humanSize(fs.statSync(out).size)}).`);
  printNotes(config, 'copy');
}

export const backupCommand: Command = {
  name: 'backup',
  summary: 'Back up the database to a file, safely while the server runs.',
  options: {
    out: { type: 'string', valueName: 'FILE', description: 'Where to write the backup (required)' },
    force: { type: 'boolean', description: 'Overwrite FILE if it exists' },
  },
  notes: `SQLite: an online backup (SQLite backup API) written as one .sqlite file.
PostgreSQL: pg_dump --format=custom (pg_dump from PATH or /usr/lib/postgresql/*/bin).
Restore with: guichet restore FILE`,
  async run(args) {
    const config = loadConfig();
    const out = path.resolve(requireString(args, 'out'));
    if (fs.existsSync(out) && !args.values.force) throw new CliError(`${out} already exists; choose another name or pass --force.`);
    if (!fs.existsSync(path.dirname(out))) throw new CliError(`Directory ${path.dirname(out)} does not exist.`);
    if (config.databaseUrl) await backupPostgres(config, out);
    else await backupSqlite(config, out);
  },
};

/** Throws unless nobody else has the database open; checkpoints it so the file is whole. */
function assertSqliteUnused(file: string): void {
  const db = new SQLite(file, { fileMustExist: true, timeout: 500 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.prepare('select count(*) from sqlite_master').get();
    db.pragma('wal_checkpoint(TRUNCATE)');
  } catch (err) {
    if ((err as { code?: string }).code?.startsWith('SQLITE_BUSY')) {
      throw new CliError(`${file} is in use by another process (is the Guichet server running?). Stop it, then restore.`);
    }
    throw err;
  } finally {
    db.close();
  }
}

/** Checks a copied backup in place; returns its summary. */
function verifySqliteBackup(file: string, original: string): string {
  let db: SQLite.Database;
  try {
    db = new SQLite(file, { fileMustExist: true });
  } catch (err) {
    throw new CliError(`${original} cannot be opened as SQLite: ${(err as Error).message}`);
  }
  try {
    const hasMigrations = db.prepare(`select 1 from sqlite_master where type = 'table' and name = 'schema_migrations'`).get();
    if (!hasMigrations) throw new CliError(`${original} is an SQLite database but not a Guichet one (no schema_migrations table).`);
    const check = db.pragma('integrity_check') as { integrity_check: string }[];
    if (check.length !== 1 || check[0].integrity_check !== 'ok') {
      throw new CliError(`${original} failed the integrity check:\n  ${check.slice(0, 10).map((r) => r.integrity_check).join('\n  ')}`);
    }
    db.pragma('journal_mode = WAL');
    return summarise(db);
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(`${original} is not a usable SQLite database: ${(err as Error).message}`);
  } finally {
    db.close();
  }
}

async function restoreSqlite(config: Config, file: string): Promise<void> {
  const head = fileStart(file, 16);
  if (head.startsWith(PG_DUMP_MAGIC)) throw new CliError(`${file} is a PostgreSQL dump; set DATABASE_URL to restore it into PostgreSQL.`);
  if (head !== SQLITE_MAGIC) throw new CliError(`${file} is not an SQLite database.`);
  const wal = `${file}-wal`;
  if (fs.existsSync(wal) && fs.statSync(wal).size > 0) {
    throw new CliError(`${file} has a write-ahead log beside it (${wal}): it looks like a live database, not a backup. Make one with "guichet backup".`);
  }
  const target = sqlitePath(config);
  fs.mkdirSync(config.dataDir, { recursive: true });
  if (path.resolve(file) === path.resolve(target)) throw new CliError('That file is the current database itself.');

  // Verify a private copy, so the user's file is never touched (opening it would leave
  // -wal/-shm files beside it).
  const staging = `${target}.restoring-${process.pid}`;
  fs.copyFileSync(file, staging);
  let summary: string;
  try {
    summary = verifySqliteBackup(staging, file);
  } catch (err) {
    for (const f of [staging, `${staging}-wal`, `${staging}-shm`]) fs.rmSync(f, { force: true });
    throw err;
  }

  let kept: string | undefined;
  if (fs.existsSync(target)) {
    assertSqliteUnused(target);
    kept = `${target}.before-restore-${stamp()}`;
    fs.renameSync(target, kept);
  }
  for (const f of [`${target}-wal`, `${target}-shm`]) fs.rmSync(f, { force: true });
  fs.renameSync(staging, target);
  console.log(`Restored ${file} into ${target} (${summary}).`);
  if (kept) console.log(`The previous database was kept as ${kept}.`);
  printNotes(config, 'restore');
}

async function otherPgConnections(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const r = await client.query(
      `select count(*)::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'`,
    );
    return r.rows[0].n;
  } finally {
    await client.end();
  }
}

async function restorePostgres(config: Config, file: string, force: boolean): Promise<void> {
  if (!fileStart(file, 5).startsWith(PG_DUMP_MAGIC)) {
    throw new CliError(`${file} is not a pg_dump custom-format file (make one with "guichet backup").`);
  }
  const pgRestore = findPgTool('pg_restore');
  if (!pgRestore) {
    throw new CliError(
      `pg_restore was not found on PATH nor under /usr/lib/postgresql/*/bin. Install the PostgreSQL client tools, or run:\n` +
        `  pg_restore --clean --if-exists --no-owner --single-transaction --dbname "$DATABASE_URL" ${shellQuote(file)}`,
    );
  }
  const others = await otherPgConnections(config.databaseUrl!);
  if (others > 0 && !force) {
    throw new CliError(`${others} other connection(s) use this database (is the Guichet server running?). Stop them, or pass --force.`);
  }
  const { url, env } = connectionForTool(config.databaseUrl!);
  const code = await runTool(pgRestore, ['--clean', '--if-exists', '--no-owner', '--single-transaction', '--dbname', url, file], env);
  if (code !== 0) throw new CliError(`pg_restore failed (exit code ${code}); the database was left unchanged.`);
  console.log(`Restored ${file} into ${redactUrl(config.databaseUrl!)}.`);
  printNotes(config, 'restore');
}

export const restoreCommand: Command = {
  name: 'restore',
  summary: 'Replace the database with a backup made by "guichet backup". Stop the server first.',
  positionals: { names: ['FILE'], min: 1 },
  options: {
    force: { type: 'boolean', description: 'PostgreSQL: restore even if other connections are open' },
  },
  notes: `SQLite: FILE is checked (a Guichet database, integrity_check ok), the current database is
kept as guichet.sqlite.before-restore-<time>, then FILE takes its place. Refused while any
process (the server) has the database open.
PostgreSQL: pg_restore --clean --if-exists --no-owner --single-transaction.
The next "guichet serve" applies any migration the backup lacks.`,
  async run(args) {
    const config = loadConfig();
    const file = path.resolve(args.positionals[0]);
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new CliError(`${file} does not exist.`);
    if (config.databaseUrl) await restorePostgres(config, file, Boolean(args.values.force));
    else await restoreSqlite(config, file);
  },
};
