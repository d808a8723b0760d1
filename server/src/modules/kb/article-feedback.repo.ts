// SQL for readers' votes, view counts and the categories that hold visible articles.
import { sql } from 'kysely';
import type { Trx } from '../../db/db.ts';
import type { ArticleReader } from './article-visibility.ts';
import { visibleSql } from './articles.repo.ts';

/** Records a reader's vote; returns their previous one (1 helpful, 0 not, null: first vote). */
export async function upsertVote(db: Trx, v: { articleId: number; voter: string; helpful: boolean; comment: string | null; at: string }): Promise<number | null> {
  const inserted = await db
    .insertInto('kb_feedback')
    .values({ article_id: v.articleId, voter: v.voter, helpful: v.helpful ? 1 : 0, comment: v.comment, created_at: v.at, updated_at: v.at })
    .onConflict((oc) => oc.columns(['article_id', 'voter']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return null;
  const before = await db.selectFrom('kb_feedback').select('helpful').where('article_id', '=', v.articleId).where('voter', '=', v.voter).executeTakeFirstOrThrow();
  await db
    .updateTable('kb_feedback')
    .set({ helpful: v.helpful ? 1 : 0, updated_at: v.at, ...(v.comment !== null && { comment: v.comment }) })
    .where('article_id', '=', v.articleId)
    .where('voter', '=', v.voter)
    .execute();
  return Number(before.helpful);
}

export async function addToCounts(db: Trx, id: number, d: { helpful: number; notHelpful: number }) {
  await db
    .updateTable('kb_articles')
    .set({ helpful_count: sql`helpful_count + ${d.helpful}`, not_helpful_count: sql`not_helpful_count + ${d.notHelpful}` })
    .where('id', '=', id)
    .execute();
}

export function counts(db: Trx, id: number) {
  return db.selectFrom('kb_articles').select(['helpful_count', 'not_helpful_count']).where('id', '=', id).executeTakeFirstOrThrow();
}

export async function incrementViews(db: Trx, id: number) {
  await db.updateTable('kb_articles').set({ view_count: sql`view_count + 1` }).where('id', '=', id).execute();
}

export function categoryLinks(db: Trx) {
  return db.selectFrom('categories').select(['id', 'parent_id', 'name']).execute();
}

export async function countVisibleByCategory(db: Trx, reader: ArticleReader): Promise<{ category_id: number; n: number }[]> {
  const rows = await db
    .selectFrom('kb_articles as a')
    .select(['a.category_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('a.category_id', 'is not', null)
    .where(visibleSql(reader))
    .groupBy('a.category_id')
    .execute();
  return rows.map((r) => ({ category_id: r.category_id!, n: Number(r.n) }));
}
