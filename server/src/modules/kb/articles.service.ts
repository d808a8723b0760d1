// Knowledge-base articles: creation (translations, tags, the first version), reading with
// the reader's visibility, and the summaries other modules show (suggestions, links).
import type { Deps } from '../../lib/deps.ts';
import type { Trx } from '../../db/db.ts';
import { isSupervisor, scopeAllows, type Actor } from '../../lib/actor.ts';
import { isoNow } from '../../lib/clock.ts';
import { recordAudit } from '../../lib/audit.ts';
import { isUniqueViolation } from '../../lib/db-errors.ts';
import { Conflict, Forbidden, NotFound, Unprocessable } from '../../lib/errors.ts';
import type { Language } from '../../../../common/enums.ts';
import type { Article, ArticleAudience, ArticleStatus, ArticleSummary, CreateArticleInput, ListArticlesQuery } from '../../../../common/schemas/kb.ts';
import { articleReaderOf, canReadArticle, type ArticleReader } from './article-visibility.ts';
import { renderMarkdown } from './article-markdown.ts';
import { searchArticleIds } from './article-search.repo.ts';
import * as repo from './articles.repo.ts';
import { decodeCursor, encodeCursor } from '../../lib/page-cursor.ts';

export const notVisible = (id: number) => new NotFound(`Article ${id} does not exist.`);

/** Tags as stored: lower case (the schema did it), each once, in the order given. */
export const normaliseTags = (tags: string[] | undefined) => [...new Set((tags ?? []).map((t) => t.trim().toLowerCase()))];

export function toArticle(r: repo.ArticleRow, reader: ArticleReader, translations: { id: number; language: string; title: string; status: string }[]): Article {
  return {
    id: r.id,
    translationGroup: r.translation_group,
    title: r.title,
    summary: r.summary,
    body: r.body,
    bodyHtml: renderMarkdown(r.body),
    tags: JSON.parse(r.tags) as string[],
    language: r.language as Language,
    audience: r.audience as ArticleAudience,
    status: r.status as ArticleStatus,
    version: r.version,
    categoryId: r.category_id,
    categoryName: r.category_name,
    organisationId: r.organisation_id,
    sourceTicketId: reader.staff ? r.source_ticket_id : null,
    sourceTicketNumber: reader.staff ? r.source_ticket_number : null,
    authorName: r.author_name,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    publishedAt: r.published_at,
    reviewedAt: r.reviewed_at,
    stats: { views: r.view_count, helpful: r.helpful_count, notHelpful: r.not_helpful_count, ticketsLinked: Number(r.tickets_linked ?? 0) },
    translations: translations.map((t) => ({ id: t.id, language: t.language as Language, title: t.title, status: t.status as ArticleStatus })),
  };
}

/** One article as this reader sees it; 404 when they may not. */
export async function loadArticle(db: Trx, reader: ArticleReader, id: number): Promise<Article> {
  const row = await repo.findArticleRow(db, id);
  if (!row || !canReadArticle(reader, row)) throw notVisible(id);
  return toArticle(row, reader, await repo.listTranslations(db, reader, row.translation_group, row.id));
}

export function getArticle(deps: Deps, actor: Actor | null, id: number): Promise<Article> {
  return loadArticle(deps.db, articleReaderOf(actor), id);
}

/** Summaries in the order of the ids; no visibility check (callers searched with a reader). */
export function articleSummariesByIds(deps: Deps, ids: number[]): Promise<ArticleSummary[]> {
  return repo.summariesByIds(deps.db, ids);
}

/** Agents write drafts and send them for review; supervisors and admins publish. */
export function assertMayPlace(actor: Actor, status: ArticleStatus) {
  if ((status === 'published' || status === 'archived') && !isSupervisor(actor)) {
    throw new Forbidden(`Only a supervisor or admin publishes or archives an article; save it as draft or in_review (status "${status}" refused).`);
  }
}

export async function assertCategory(trx: Trx, categoryId: number | null | undefined) {
  if (categoryId == null) return;
  const row = await trx.selectFrom('categories').select('id').where('id', '=', categoryId).executeTakeFirst();
  if (!row) throw new Unprocessable(`categoryId: category ${categoryId} does not exist.`);
}

export async function assertOrganisation(trx: Trx, actor: Actor, organisationId: number | null | undefined) {
  if (organisationId == null) return;
  const row = await trx.selectFrom('organisations').select('id').where('id', '=', organisationId).executeTakeFirst();
  if (!row || !scopeAllows(actor.scope, organisationId)) {
    throw new Unprocessable(`organisationId: organisation ${organisationId} does not exist or is outside the organisations you serve.`);
  }
}

/**
 * Creates an article inside the caller's transaction (the ticket-to-article flow shares it):
 * the row, its tags, version 1, the search index and the audit entry. sourceTicketId also
 * records the "source" link in kb_article_tickets (an existing one is kept).
 */
export async function createArticleIn(trx: Trx, deps: Deps, actor: Actor, input: CreateArticleInput & { sourceTicketId?: number }): Promise<number> {
  const at = isoNow(deps.clock);
  const status = input.status ?? 'draft';
  assertMayPlace(actor, status);
  if (status === 'archived') throw new Unprocessable('status: a new article starts as draft, in_review or published.');
  await assertCategory(trx, input.categoryId);
  await assertOrganisation(trx, actor, input.organisationId);
  let group: number | null = null;
  if (input.translationOf !== undefined) {
    const source = await repo.findArticleRow(trx, input.translationOf);
    if (!source || !canReadArticle(articleReaderOf(actor), source)) throw new Unprocessable(`translationOf: article ${input.translationOf} does not exist.`);
    if (source.language === input.language) {
      throw new Unprocessable(`translationOf: article ${source.id} is already in "${source.language}"; a translation needs another language.`);
    }
    const taken = await repo.findLanguageInGroup(trx, source.translation_group, input.language);
    if (taken) throw new Conflict(`Article ${source.id} already has a "${input.language}" translation: article ${taken.id} ("${taken.title}").`, { articleId: taken.id });
    group = source.translation_group;
  }
  const content = {
    title: input.title,
    summary: input.summary ?? '',
    body: input.body,
    tags: normaliseTags(input.tags),
    category_id: input.categoryId ?? null,
    language: input.language,
    audience: input.audience,
  };
  let id: number;
  try {
    id = await repo.insertArticle(trx, {
      ...content,
      organisation_id: input.organisationId ?? null,
      status,
      source_ticket_id: input.sourceTicketId ?? null,
      author_id: actor.userId > 0 ? actor.userId : null,
      translation_group: group,
      at,
      reviewed: status === 'published',
    });
  } catch (err) {
    if (isUniqueViolation(err) && group !== null) throw new Conflict(`A "${input.language}" translation of article ${input.translationOf} was just created.`);
    throw err;
  }
  await repo.replaceTags(trx, id, content.tags);
  await repo.syncSearchIndex(trx, deps.dialect, id, content);
  await repo.insertVersion(trx, { ...content, article_id: id, version: 1, status, author_id: actor.userId > 0 ? actor.userId : null, note: null, at });
  if (input.sourceTicketId !== undefined) {
    await trx
      .insertInto('kb_article_tickets')
      .values({ article_id: id, ticket_id: input.sourceTicketId, relation: 'source', user_id: actor.userId > 0 ? actor.userId : null, created_at: at })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  await recordAudit(trx, actor, at, {
    action: 'kb_article.create',
    entityType: 'kb_article',
    entityId: id,
    organisationId: input.organisationId ?? null,
    data: { title: content.title, status, language: content.language, audience: content.audience, translationOf: input.translationOf, sourceTicketId: input.sourceTicketId },
  });
  return id;
}

export async function createArticle(deps: Deps, actor: Actor, input: CreateArticleInput): Promise<Article> {
  return deps.db.transaction().execute(async (trx) => {
    const id = await createArticleIn(trx, deps, actor, input);
    return loadArticle(trx, articleReaderOf(actor), id);
  });
}

/** A category and every category below it. */
export async function categoryWithDescendants(db: Trx, id: number): Promise<number[]> {
  const links = await db.selectFrom('categories').select(['id', 'parent_id']).execute();
  const ids = [id];
  for (let i = 0; i < ids.length; i++) for (const l of links) if (l.parent_id === ids[i] && !ids.includes(l.id)) ids.push(l.id);
  return ids;
}

/** The instant N months before now: published articles reviewed before it are stale. */
export function staleBefore(now: Date, months: number): string {
  const d = new Date(now);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.toISOString();
}

/**
 * Articles the reader may see. With q: ranked search (every word required). With
 * staleMonths: published articles not reviewed for that long, oldest first. Otherwise the
 * most recently updated first. Requesters and visitors see published public articles only,
 * whatever they filter on.
 */
export async function listArticles(deps: Deps, actor: Actor | null, q: ListArticlesQuery): Promise<{ items: ArticleSummary[]; nextCursor: string | null }> {
  const reader = articleReaderOf(actor);
  const cursor = decodeCursor(q.cursor);
  const filters: repo.ArticleFilters = {
    statuses: q.status ? [q.status] : undefined,
    audience: q.audience,
    language: q.language,
    categoryIds: q.categoryId === undefined ? undefined : await categoryWithDescendants(deps.db, q.categoryId),
    tag: q.tag,
    reviewedBefore: q.staleMonths === undefined ? undefined : staleBefore(deps.clock.now(), q.staleMonths),
  };
  if (q.q !== undefined && q.q !== '') {
    const offset = cursor?.o ?? 0;
    const hits = await searchArticleIds(deps.db, deps.dialect, reader, { ...filters, text: q.q, mode: 'all', limit: q.limit + 1, offset });
    const page = hits.slice(0, q.limit);
    const scores = new Map(page.map((h) => [h.id, h.score]));
    const items = (await repo.summariesByIds(deps.db, page.map((h) => h.id))).map((s) => ({ ...s, score: scores.get(s.id) }));
    return { items, nextCursor: hits.length > q.limit ? encodeCursor({ o: offset + q.limit }) : null };
  }
  const after = cursor?.i !== undefined ? { v: cursor.v!, i: cursor.i } : undefined;
  if (q.staleMonths !== undefined) {
    const rows = await repo.listStale(deps.db, reader, filters, { after, limit: q.limit });
    const page = rows.slice(0, q.limit);
    const last = page[page.length - 1];
    return { items: page.map(repo.toArticleSummary), nextCursor: rows.length > q.limit && last ? encodeCursor({ v: last.seen_at, i: last.id }) : null };
  }
  const rows = await repo.listRecent(deps.db, reader, filters, { after, limit: q.limit });
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return { items: page.map(repo.toArticleSummary), nextCursor: rows.length > q.limit && last ? encodeCursor({ v: last.updated_at, i: last.id }) : null };
}
