// The demo's knowledge base: one article per demo issue, drafted from its resolution record
// exactly as "Create article from this ticket" does, then published — public for what
// requesters can do themselves, internal for the rest.
import type { Deps } from '../lib/deps.ts';
import type { Actor } from '../lib/actor.ts';
import { createArticleIn } from '../modules/kb/articles.service.ts';
import { draftFromResolution } from '../modules/kb/ticket-articles.service.ts';
import { ISSUES } from './demo-issues.ts';

/** Adds the articles unless the knowledge base already has some; returns how many were added. */
export async function loadDemoArticles(deps: Deps, author: Actor, categories: Map<string, number>): Promise<number> {
  const existing = await deps.db.selectFrom('kb_articles').select('id').limit(1).executeTakeFirst();
  if (existing) return 0;
  let added = 0;
  await deps.db.transaction().execute(async (trx) => {
    for (const language of ['fr', 'en'] as const) {
      for (const issue of ISSUES[language]) {
        const f = issue.fix;
        const draft = draftFromResolution(
          {
            title: issue.titles[0],
            category_id: categories.get(issue.category) ?? null,
            resolution_symptoms: f.symptoms,
            resolution_diagnosis: f.diagnosis,
            resolution_actions: f.actions,
            resolution_result: f.result,
          },
          language,
        );
        const tags = issue.category.split(' / ').map((t) => t.toLowerCase());
        await createArticleIn(trx, deps, author, { ...draft, audience: issue.quick ? 'public' : 'internal', status: 'published', tags });
        added++;
      }
    }
  });
  return added;
}
