// Readers and articles: "Was this helpful?" votes (one per reader, changeable), view counts,
// and the categories the help centre can browse.
import crypto from 'node:crypto';
import type { Deps } from '../../lib/deps.ts';
import type { Actor } from '../../lib/actor.ts';
import { isoNow } from '../../lib/clock.ts';
import { recordAudit } from '../../lib/audit.ts';
import { Conflict, Unprocessable } from '../../lib/errors.ts';
import { articleReaderOf, canReadArticle } from './article-visibility.ts';
import { notVisible } from './articles.service.ts';
import * as repo from './articles.repo.ts';
import * as feedback from './article-feedback.repo.ts';

/** user:<id> when signed in; visitor:<sha-256 of the browser's random id> otherwise. */
function voterOf(actor: Actor | null, visitorId: string | undefined): string {
  if (actor) return `user:${actor.userId}`;
  if (!visitorId) throw new Unprocessable('visitorId: an anonymous vote needs the random id the browser keeps (16 to 100 characters), so that one reader has one vote.');
  return `visitor:${crypto.createHash('sha256').update(visitorId).digest('hex')}`;
}

export async function voteOnArticle(deps: Deps, actor: Actor | null, id: number, input: { helpful: boolean; comment?: string; visitorId?: string }) {
  const at = isoNow(deps.clock);
  const voter = voterOf(actor, input.visitorId);
  return deps.db.transaction().execute(async (trx) => {
    const row = await repo.lockArticle(trx, deps.dialect, id);
    if (!row || !canReadArticle(articleReaderOf(actor), row)) throw notVisible(id);
    if (row.status !== 'published') throw new Conflict(`Article ${id} is ${row.status}; readers vote on published articles only.`);
    const before = await feedback.upsertVote(trx, { articleId: id, voter, helpful: input.helpful, comment: input.comment || null, at });
    const now = input.helpful ? 1 : 0;
    const delta = { helpful: now - (before === null ? 0 : before), notHelpful: 1 - now - (before === null ? 0 : 1 - before) };
    if (delta.helpful !== 0 || delta.notHelpful !== 0) await feedback.addToCounts(trx, id, delta);
    await recordAudit(trx, actor, at, {
      action: 'kb_article.feedback',
      entityType: 'kb_article',
      entityId: id,
      organisationId: row.organisation_id,
      data: { helpful: input.helpful, changed: before !== null && before !== now, anonymous: actor === null },
    });
    const counts = await feedback.counts(trx, id);
    return { helpful: counts.helpful_count, notHelpful: counts.not_helpful_count, yours: input.helpful };
  });
}

/** One more view of an article the reader may see. Not audited: it is a counter, not a change. */
export async function countArticleView(deps: Deps, actor: Actor | null, id: number): Promise<void> {
  const row = await repo.findArticleRow(deps.db, id);
  if (!row || !canReadArticle(articleReaderOf(actor), row)) throw notVisible(id);
  await feedback.incrementViews(deps.db, id);
}

/**
 * Categories holding articles the reader may see, each with the number of those articles in
 * it and below it; their ancestors come along, so that the help centre can show the tree.
 */
export async function listKbCategories(deps: Deps, actor: Actor | null) {
  const [rows, direct] = await Promise.all([feedback.categoryLinks(deps.db), feedback.countVisibleByCategory(deps.db, articleReaderOf(actor))]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const totals = new Map<number, number>();
  for (const { category_id, n } of direct) {
    const seen = new Set<number>();
    for (let c = byId.get(category_id); c && !seen.has(c.id); c = c.parent_id === null ? undefined : byId.get(c.parent_id)) {
      seen.add(c.id);
      totals.set(c.id, (totals.get(c.id) ?? 0) + Number(n));
    }
  }
  const items = [...totals.entries()].map(([id, articleCount]) => ({ id, name: byId.get(id)!.name, parentId: byId.get(id)!.parent_id, articleCount }));
  items.sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }) || a.id - b.id);
  return { items };
}
