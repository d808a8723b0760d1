// SQL of the portal's self-help sessions (kb_deflections) and the deflection report.
import { sql, type RawBuilder } from 'kysely';
import type { Dialect, Trx } from '../../db/db.ts';
import type { KbDeflectionsTable } from '../../db/schema.ts';
import type { Selectable, Updateable } from 'kysely';

export type DeflectionRow = Selectable<KbDeflectionsTable>;

/** Starts a session if its key is new; a key already taken is left as it is. */
export async function insertSessionIfNew(
  db: Trx,
  s: { key: string; userId: number; organisationId: number | null; at: string },
): Promise<void> {
  await db
    .insertInto('kb_deflections')
    .values({
      session_key: s.key,
      user_id: s.userId,
      organisation_id: s.organisationId,
      query: '',
      suggested_ids: '[]',
      viewed_ids: '[]',
      outcome: 'open',
      created_at: s.at,
      updated_at: s.at,
    })
    .onConflict((oc) => oc.column('session_key').doNothing())
    .execute();
}

/** The session, locked until the transaction ends on PostgreSQL (SQLite writes one at a time). */
export function lockSession(db: Trx, dialect: Dialect, key: string): Promise<DeflectionRow | undefined> {
  const q = db.selectFrom('kb_deflections').selectAll().where('session_key', '=', key);
  return (dialect === 'postgres' ? q.forUpdate() : q).executeTakeFirst();
}

export async function updateSession(db: Trx, id: number, patch: Updateable<KbDeflectionsTable>): Promise<void> {
  await db.updateTable('kb_deflections').set(patch).where('id', '=', id).execute();
}

export interface ReportFilter {
  from: string;
  to: string;
  /** Sessions still open but untouched since then count as abandoned. */
  idleBefore: string;
  /** Restricted supervisors: only these organisations' sessions. */
  organisationIds: number[] | null;
}

function where(f: ReportFilter): RawBuilder<unknown> {
  const parts = [sql`d.created_at >= ${f.from}`, sql`d.created_at < ${f.to}`];
  if (f.organisationIds) parts.push(f.organisationIds.length ? sql`d.organisation_id in (${sql.join(f.organisationIds)})` : sql`1 = 0`);
  return sql.join(parts, sql` and `);
}

const isIdle = (f: ReportFilter) => sql`(d.outcome = 'open' and d.updated_at < ${f.idleBefore})`;
const isDeflected = (f: ReportFilter) => sql`(d.outcome in ('solved', 'abandoned') or ${isIdle(f)})`;

/** The sessions by outcome, idle open ones counted as abandoned (one scan of the created_at range). */
export async function countOutcomes(db: Trx, f: ReportFilter) {
  const { rows } = await sql<{ attempts: number; solved: number; abandoned: number; submitted: number; open: number }>`
    select count(*) as attempts,
      coalesce(sum(case when d.outcome = 'solved' then 1 else 0 end), 0) as solved,
      coalesce(sum(case when d.outcome = 'abandoned' or ${isIdle(f)} then 1 else 0 end), 0) as abandoned,
      coalesce(sum(case when d.outcome = 'submitted' then 1 else 0 end), 0) as submitted,
      coalesce(sum(case when d.outcome = 'open' and d.updated_at >= ${f.idleBefore} then 1 else 0 end), 0) as open
    from kb_deflections d
    where ${where(f)}`.execute(db);
  const r = rows[0];
  return { attempts: Number(r.attempts), solved: Number(r.solved), abandoned: Number(r.abandoned), submitted: Number(r.submitted), open: Number(r.open) };
}

/** Articles viewed in deflected sessions, most such sessions first. */
export async function topDeflectingArticles(db: Trx, dialect: Dialect, f: ReportFilter, limit: number) {
  const viewed =
    dialect === 'postgres'
      ? sql`cross join lateral jsonb_array_elements_text(d.viewed_ids::jsonb) as v(value) join kb_articles a on a.id = v.value::integer`
      : sql`join json_each(d.viewed_ids) as v join kb_articles a on a.id = v.value`;
  const { rows } = await sql<{ id: number; title: string; deflected: number }>`
    select a.id, a.title, count(*) as deflected
    from kb_deflections d ${viewed}
    where ${where(f)} and ${isDeflected(f)}
    group by a.id, a.title
    order by count(*) desc, a.id
    limit ${limit}`.execute(db);
  return rows.map((r) => ({ id: r.id, title: r.title, deflected: Number(r.deflected) }));
}
