// SQL of the links between tickets and articles (kb_article_tickets), and the article and
// ticket facts the suggestions need.
import type { Trx } from '../../db/db.ts';
import type { ArticleTicketRelation } from '../../../../common/schemas/kb.ts';
import type { Scope } from '../../lib/actor.ts';
import { scopeFilter } from '../tickets/tickets.repo.ts';

export interface ArticleLinkRow {
  article_id: number;
  relation: string;
  created_at: string;
  title: string;
  language: string;
  audience: string;
  status: string;
}

/** The article drafted from this ticket, if it still exists. */
export async function findSourceArticleId(db: Trx, ticketId: number): Promise<number | undefined> {
  const row = await db
    .selectFrom('kb_article_tickets as l')
    .innerJoin('kb_articles as a', 'a.id', 'l.article_id')
    .select('a.id')
    .where('l.ticket_id', '=', ticketId)
    .where('l.relation', '=', 'source')
    .orderBy('a.id')
    .executeTakeFirst();
  return row?.id;
}

/** Links an article to a ticket; false when that link was already there. */
export async function insertLink(
  db: Trx,
  l: { articleId: number; ticketId: number; relation: ArticleTicketRelation; userId: number | null; at: string },
): Promise<boolean> {
  const row = await db
    .insertInto('kb_article_tickets')
    .values({ article_id: l.articleId, ticket_id: l.ticketId, relation: l.relation, user_id: l.userId, created_at: l.at })
    .onConflict((oc) => oc.columns(['article_id', 'ticket_id', 'relation']).doNothing())
    .returning('article_id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Removes links of these relations; the relations actually removed. */
export async function deleteLinks(db: Trx, ticketId: number, articleId: number, relations: ArticleTicketRelation[]): Promise<string[]> {
  const rows = await db
    .deleteFrom('kb_article_tickets')
    .where('ticket_id', '=', ticketId)
    .where('article_id', '=', articleId)
    .where('relation', 'in', relations)
    .returning('relation')
    .execute();
  return rows.map((r) => r.relation);
}

/** Every link of a ticket with its article, oldest first (served by kb_article_tickets_ticket_idx). */
export function listLinks(db: Trx, ticketId: number): Promise<ArticleLinkRow[]> {
  return db
    .selectFrom('kb_article_tickets as l')
    .innerJoin('kb_articles as a', 'a.id', 'l.article_id')
    .select(['l.article_id', 'l.relation', 'l.created_at', 'a.title', 'a.language', 'a.audience', 'a.status'])
    .where('l.ticket_id', '=', ticketId)
    .orderBy('l.created_at')
    .orderBy('l.article_id')
    .execute();
}

/** The tickets linked to an article that the scope may see, most recent link first (at most 200). */
export function listTicketsOfArticle(db: Trx, scope: Scope, articleId: number) {
  return db
    .selectFrom('kb_article_tickets as l')
    .innerJoin('tickets as t', 't.id', 'l.ticket_id')
    .select(['t.id', 't.number', 't.title', 't.status', 'l.relation', 'l.created_at'])
    .where('l.article_id', '=', articleId)
    .where((eb) => scopeFilter(eb, scope))
    .orderBy('l.created_at', 'desc')
    .orderBy('t.id', 'desc')
    .limit(200)
    .execute();
}

export async function linkedArticleIds(db: Trx, ticketId: number): Promise<Set<number>> {
  const rows = await db.selectFrom('kb_article_tickets').select('article_id').where('ticket_id', '=', ticketId).execute();
  return new Set(rows.map((r) => r.article_id));
}

export interface SuggestedArticleRow {
  id: number;
  title: string;
  summary: string;
  body: string;
  language: string;
  audience: string;
  category_id: number | null;
}

export function findArticlesForSuggestion(db: Trx, ids: number[]): Promise<SuggestedArticleRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('kb_articles')
    .select(['id', 'title', 'summary', 'body', 'language', 'audience', 'category_id'])
    .where('id', 'in', ids)
    .execute();
}

export async function userLanguage(db: Trx, userId: number): Promise<string | null> {
  const row = await db.selectFrom('users').select('language').where('id', '=', userId).executeTakeFirst();
  return row?.language ?? null;
}

/** The problems a ticket is already an incident of (no need to suggest them again). */
export async function problemIdsOfTicket(db: Trx, ticketId: number): Promise<number[]> {
  const rows = await db.selectFrom('problem_incidents').select('problem_id').where('ticket_id', '=', ticketId).execute();
  return rows.map((r) => r.problem_id);
}

export function listCategoryLinks(db: Trx) {
  return db.selectFrom('categories').select(['id', 'parent_id']).execute();
}
