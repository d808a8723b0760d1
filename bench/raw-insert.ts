// The raw ceiling: single-row inserts per second straight into the bench database, one
// transaction per row, into scratch tables cut from the tickets table's own DDL. The API's
// creation rate reads as a fraction of this.
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import type { Db } from '../server/src/db/db.ts';

export interface RawInsertResult {
  /** Scratch table with the tickets table's constraints and all its secondary indexes. */
  indexedPerSec: number;
  /** The same table without secondary indexes (SQLite keeps the primary key and unique number). */
  barePerSec: number;
}

const TITLE = 'Imprimante du 2e étage bloquée : bourrage papier permanent';
const DESCRIPTION =
  "Depuis ce matin, l'imprimante Ricoh IM C3000 située au 2e étage affiche « bourrage papier » alors qu'aucune feuille n'est coincée. Les impressions restent bloquées dans la file d'attente.";

function rowFor(n: number, requesterId: number) {
  const at = new Date().toISOString();
  return {
    number: n, type: 'incident', title: TITLE, description: DESCRIPTION, requester_id: requesterId, organisation_id: null, channel: 'api',
    category_id: null, impact: 3, urgency: 3, priority: 3, is_priority_overridden: 0, priority_reason: null, group_id: null, assignee_id: null,
    tier: 1, status: 'new', pending_reason: null, resolution_symptoms: null, resolution_diagnosis: null, resolution_actions: null,
    resolution_result: null, resolution_code: null, is_first_contact_resolution: 0, reopen_count: 0, escalation_count: 0, created_by_id: null,
    created_at: at, updated_at: at, first_response_at: null, resolved_at: null, closed_at: null,
  };
}
const COLUMNS = Object.keys(rowFor(0, 0));

/** SQLite: a second connection to the same file, with the pragmas of server/src/db/db.ts. */
export function measureSqliteRawInserts(file: string, opts: { seconds: number; synchronous: 'normal' | 'full'; requesterId: number }): RawInsertResult {
  const conn = new SQLite(file);
  conn.pragma('journal_mode = WAL');
  conn.pragma(`synchronous = ${opts.synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
  conn.pragma('foreign_keys = ON');
  conn.pragma('busy_timeout = 5000');
  conn.pragma('cache_size = -65536');
  try {
    const ddl = (conn.prepare(`select sql from sqlite_master where type = 'table' and name = 'tickets'`).get() as { sql: string }).sql;
    const indexes = conn.prepare(`select sql from sqlite_master where type = 'index' and tbl_name = 'tickets' and sql is not null`).all() as { sql: string }[];
    const run = (table: string, withIndexes: boolean) => {
      conn.exec(ddl.replace(/^create table\s+"?tickets"?/i, `create table "${table}"`));
      if (withIndexes) {
        for (const { sql: s } of indexes) conn.exec(s.replace(/index\s+"?(\w+)"?\s+on\s+"?tickets"?/i, `index "${table}_$1" on "${table}"`));
      }
      const insert = conn.prepare(`insert into "${table}" (${COLUMNS.join(', ')}) values (${COLUMNS.map((c) => '@' + c).join(', ')})`);
      const insertOne = conn.transaction((row: Record<string, unknown>) => insert.run(row));
      let n = 0;
      const started = performance.now();
      const until = started + opts.seconds * 1000;
      while (performance.now() < until) insertOne(rowFor(++n, opts.requesterId));
      const perSec = Math.round(n / ((performance.now() - started) / 1000));
      conn.exec(`drop table "${table}"`);
      return perSec;
    };
    const barePerSec = run('bench_scratch_bare', false);
    const indexedPerSec = run('bench_scratch_tickets', true);
    conn.pragma('wal_checkpoint(TRUNCATE)');
    return { indexedPerSec, barePerSec };
  } finally {
    conn.close();
  }
}

/** PostgreSQL: autocommitted single-row inserts through the app's own pool. */
export async function measurePostgresRawInserts(db: Db, opts: { seconds: number; requesterId: number }): Promise<RawInsertResult> {
  const run = async (table: string, like: string) => {
    await sql.raw(`create table ${table} (like tickets ${like})`).execute(db);
    let n = 0;
    const started = performance.now();
    const until = started + opts.seconds * 1000;
    while (performance.now() < until) {
      const row = rowFor(++n, opts.requesterId);
      await sql`insert into ${sql.table(table)} (${sql.join(COLUMNS.map((c) => sql.ref(c)))}) values (${sql.join(COLUMNS.map((c) => row[c as keyof typeof row]))})`.execute(db);
    }
    const perSec = Math.round(n / ((performance.now() - started) / 1000));
    await sql.raw(`drop table ${table}`).execute(db);
    return perSec;
  };
  const barePerSec = await run('bench_scratch_bare', 'including defaults including identity including generated');
  const indexedPerSec = await run('bench_scratch_tickets', 'including all');
  return { indexedPerSec, barePerSec };
}
