// SQL for knowledge-base articles: rows, tags, versions and the SQLite search index. Every
// read that a reader makes goes through articleWhere (visibility and filters, alias "a").
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Dialect, Trx } from '../../db/db.ts';
import type { ArticleAudience, ArticleStatus, ArticleSummary } from '../../../../common/schemas/kb.ts';
import type { Language } from '../../../../common/enums.ts';
import { indexTerms } from '../../lib/search-terms.ts';
import { staffOrganisations, type ArticleReader } from './article-visibility.ts';

export interface ArticleFilters {
  statuses?: ArticleStatus[];
  audience?: ArticleAudience;
  language?: Language;
  categoryIds?: number[];
  tag?: string;
  /** Published articles last reviewed (or published, if never reviewed) before this instant. */
  reviewedBefore?: string;
}

/** What the reader may see, as SQL on kb_articles aliased "a". */
export function visibleSql(reader: ArticleReader): RawBuilder<SqlBool> {
  if (reader.staff) {
    const orgs = staffOrganisations(reader);
    if (orgs === 'all') return sql<SqlBool>`1 = 1`;
    if (orgs.length === 0) return sql<SqlBool>`a.organisation_id is null`;
    return sql<SqlBool>`(a.organisation_id is null or a.organisation_id in (${sql.join(orgs)}))`;
  }
  const org = reader.organisationId === null ? sql`a.organisation_id is null` : sql`(a.organisation_id is null or a.organisation_id = ${reader.organisationId})`;
  return sql<SqlBool>`a.status = 'published' and a.audience = 'public' and ${org}`;
}

/** Visibility and filters together, for kb_articles aliased "a". */
export function articleWhere(reader: ArticleReader, f: ArticleFilters = {}): RawBuilder<SqlBool> {
  const parts: RawBuilder<unknown>[] = [visibleSql(reader)];
  if (f.statuses?.length) parts.push(sql`a.status in (${sql.join(f.statuses)})`);
  if (f.audience) parts.push(sql`a.audience = ${f.audience}`);
  if (f.language) parts.push(sql`a.language = ${f.language}`);
  if (f.categoryIds) parts.push(f.categoryIds.length ? sql`a.category_id in (${sql.join(f.categoryIds)})` : sql`1 = 0`);
  if (f.tag) parts.push(sql`exists (select 1 from kb_article_tags t where t.article_id = a.id and t.tag = ${f.tag})`);
  if (f.reviewedBefore) parts.push(sql`a.status = 'published' and coalesce(a.reviewed_at, a.published_at) < ${f.reviewedBefore}`);
  return sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
}

const ticketsLinked = sql<number>`(select count(distinct k.ticket_id) from kb_article_tickets k where k.article_id = a.id)`;

function articleQuery(db: Trx) {
  return db
    .selectFrom('kb_articles as a')
    .leftJoin('categories as c', 'c.id', 'a.category_id')
    .leftJoin('tickets as t', 't.id', 'a.source_ticket_id')
    .leftJoin('users as u', 'u.id', 'a.author_id')
    .selectAll('a')
    .select(['c.name as category_name', 't.number as source_ticket_number', 'u.name as author_name', ticketsLinked.as('tickets_linked')]);
}
export type ArticleRow = Awaited<ReturnType<ReturnType<typeof articleQuery>['executeTakeFirstOrThrow']>>;

export function findArticleRow(db: Trx, id: number): Promise<ArticleRow | undefined> {
  return articleQuery(db).where('a.id', '=', id).executeTakeFirst();
}

/** The row a change starts from, locked on PostgreSQL until the transaction ends. */
export function lockArticle(db: Trx, dialect: Dialect, id: number) {
  const q = db.selectFrom('kb_articles as a').selectAll('a').where('a.id', '=', id);
  return (dialect === 'postgres' ? q.forUpdate() : q).executeTakeFirst();
}

export function listTranslations(db: Trx, reader: ArticleReader, group: number, exceptId: number) {
  return db
    .selectFrom('kb_articles as a')
    .select(['a.id', 'a.language', 'a.title', 'a.status'])
    .where('a.translation_group', '=', group)
    .where('a.id', '!=', exceptId)
    .where(visibleSql(reader))
    .orderBy('a.language')
    .execute();
}

export function findLanguageInGroup(db: Trx, group: number, language: string) {
  return db.selectFrom('kb_articles').select(['id', 'title']).where('translation_group', '=', group).where('language', '=', language).executeTakeFirst();
}

export interface ArticleContent {
  title: string;
  summary: string;
  body: string;
  tags: string[];
  category_id: number | null;
  language: string;
  audience: string;
}

export async function insertArticle(
  db: Trx,
  a: ArticleContent & { organisation_id: number | null; status: string; source_ticket_id: number | null; author_id: number | null; translation_group: number | null; at: string; reviewed: boolean },
): Promise<number> {
  const row = await db
    .insertInto('kb_articles')
    .values({
      // A new group is numbered after its first article: 0 holds the place inside this transaction.
      translation_group: a.translation_group ?? 0,
      organisation_id: a.organisation_id,
      category_id: a.category_id,
      title: a.title,
      summary: a.summary,
      body: a.body,
      tags: JSON.stringify(a.tags),
      language: a.language,
      audience: a.audience,
      status: a.status,
      version: 1,
      source_ticket_id: a.source_ticket_id,
      author_id: a.author_id,
      updated_by_id: a.author_id,
      reviewed_by_id: a.reviewed ? a.author_id : null,
      created_at: a.at,
      updated_at: a.at,
      published_at: a.status === 'published' ? a.at : null,
      reviewed_at: a.reviewed ? a.at : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (a.translation_group === null) await db.updateTable('kb_articles').set({ translation_group: row.id }).where('id', '=', row.id).execute();
  return row.id;
}

export type ArticleUpdate = Partial<{
  title: string; summary: string; body: string; tags: string; category_id: number | null; language: string; audience: string;
  organisation_id: number | null; status: string; version: number; updated_by_id: number | null; updated_at: string;
  published_at: string | null; archived_at: string | null; reviewed_at: string | null; reviewed_by_id: number | null;
}>;

export async function updateArticle(db: Trx, id: number, set: ArticleUpdate): Promise<void> {
  await db.updateTable('kb_articles').set(set).where('id', '=', id).execute();
}

export async function replaceTags(db: Trx, id: number, tags: string[]): Promise<void> {
  await db.deleteFrom('kb_article_tags').where('article_id', '=', id).execute();
  if (tags.length) await db.insertInto('kb_article_tags').values(tags.map((tag) => ({ article_id: id, tag }))).execute();
}

/**
 * SQLite: the search index holds each field's French and English stems (tags with the
 * summary), rewritten with the article in the same transaction. PostgreSQL's tsvector is a
 * generated column and needs nothing.
 */
export async function syncSearchIndex(db: Trx, dialect: Dialect, id: number, a: { title: string; summary: string; body: string; tags: string[] }) {
  if (dialect !== 'sqlite') return;
  await sql`delete from kb_articles_fts where rowid = ${id}`.execute(db);
  const summary = [...indexTerms(a.summary), ...indexTerms(a.tags.join(' '))].join(' ');
  await sql`insert into kb_articles_fts (rowid, title, summary, body)
    values (${id}, ${indexTerms(a.title).join(' ')}, ${summary}, ${indexTerms(a.body).join(' ')})`.execute(db);
}

export async function insertVersion(
  db: Trx,
  v: ArticleContent & { article_id: number; version: number; status: string; author_id: number | null; note: string | null; at: string },
): Promise<void> {
  await db
    .insertInto('kb_article_versions')
    .values({
      article_id: v.article_id,
      version: v.version,
      title: v.title,
      summary: v.summary,
      body: v.body,
      tags: JSON.stringify(v.tags),
      category_id: v.category_id,
      language: v.language,
      audience: v.audience,
      status: v.status,
      author_id: v.author_id,
      note: v.note,
      created_at: v.at,
    })
    .execute();
}

function versionQuery(db: Trx) {
  return db
    .selectFrom('kb_article_versions as v')
    .leftJoin('users as u', 'u.id', 'v.author_id')
    .select(['v.version', 'v.title', 'v.summary', 'v.body', 'v.tags', 'v.category_id', 'v.language', 'v.audience', 'v.status', 'v.note', 'v.created_at', 'u.name as author_name']);
}
export type VersionRow = Awaited<ReturnType<ReturnType<typeof versionQuery>['executeTakeFirstOrThrow']>>;

export function listVersions(db: Trx, articleId: number): Promise<VersionRow[]> {
  return versionQuery(db).where('v.article_id', '=', articleId).orderBy('v.version', 'desc').execute();
}

export function findVersion(db: Trx, articleId: number, version: number): Promise<VersionRow | undefined> {
  return versionQuery(db).where('v.article_id', '=', articleId).where('v.version', '=', version).executeTakeFirst();
}

/** Who saved a version (for the 409 of a stale edit). */
export function versionAuthorName(db: Trx, articleId: number, version: number) {
  return versionQuery(db).where('v.article_id', '=', articleId).where('v.version', '=', version).executeTakeFirst().then((v) => v?.author_name ?? null);
}

function summaryQuery(db: Trx) {
  return db
    .selectFrom('kb_articles as a')
    .select([
      'a.id', 'a.title', 'a.summary', 'a.language', 'a.audience', 'a.status', 'a.category_id', 'a.tags', 'a.updated_at', 'a.reviewed_at',
      'a.published_at', 'a.view_count', 'a.helpful_count', 'a.not_helpful_count', ticketsLinked.as('tickets_linked'),
    ]);
}
type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>['executeTakeFirstOrThrow']>>;

export function toArticleSummary(r: SummaryRow): ArticleSummary {
  return {
    id: r.id,
    title: r.title,
    summary: r.summary,
    language: r.language as Language,
    audience: r.audience as ArticleAudience,
    status: r.status as ArticleStatus,
    categoryId: r.category_id,
    tags: JSON.parse(r.tags) as string[],
    updatedAt: r.updated_at,
    reviewedAt: r.reviewed_at,
    stats: { views: r.view_count, helpful: r.helpful_count, notHelpful: r.not_helpful_count, ticketsLinked: Number(r.tickets_linked ?? 0) },
  };
}

/** Summaries of these articles, in the order of the ids (missing ones left out). */
export async function summariesByIds(db: Trx, ids: number[]): Promise<ArticleSummary[]> {
  if (ids.length === 0) return [];
  const rows = await summaryQuery(db).where('a.id', 'in', ids).execute();
  const byId = new Map(rows.map((r) => [r.id, toArticleSummary(r)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** Most recently updated first, keyed by (updated_at, id). */
export async function listRecent(db: Trx, reader: ArticleReader, f: ArticleFilters, page: { after?: { v: string; i: number }; limit: number }) {
  let q = summaryQuery(db).where(articleWhere(reader, f));
  if (page.after) q = q.where(sql<SqlBool>`(a.updated_at, a.id) < (${page.after.v}, ${page.after.i})`);
  return q.orderBy('a.updated_at', 'desc').orderBy('a.id', 'desc').limit(page.limit + 1).execute();
}

/** Stale articles: least recently reviewed first, keyed by (reviewed or published, id). */
export async function listStale(db: Trx, reader: ArticleReader, f: ArticleFilters, page: { after?: { v: string; i: number }; limit: number }) {
  const seen = sql<string>`coalesce(a.reviewed_at, a.published_at)`;
  let q = summaryQuery(db).select(seen.as('seen_at')).where(articleWhere(reader, f));
  if (page.after) q = q.where(sql<SqlBool>`(${seen}, a.id) > (${page.after.v}, ${page.after.i})`);
  return q.orderBy(seen).orderBy('a.id').limit(page.limit + 1).execute();
}
