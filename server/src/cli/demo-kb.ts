// The demo's knowledge base: one article per demo issue, written from its resolution record
// as an agent would with "Create article from this ticket", then reviewed and published —
// public for what requesters can do themselves, internal for the rest.
import type { Deps } from '../lib/deps.ts';
import type { Actor } from '../lib/actor.ts';
import type { Language } from '../../../common/enums.ts';
import { createArticleIn } from '../modules/kb/articles.service.ts';
import { ISSUES } from './demo-issues.ts';

const HEADINGS: Record<Language, [string, string, string, string]> = {
  en: ['Symptoms', 'Cause', 'What to do', 'Result'],
  fr: ['Symptômes', 'Cause', 'Que faire', 'Résultat'],
};

/** Adds the articles unless the knowledge base already has some; returns how many were added. */
export async function loadDemoArticles(deps: Deps, author: Actor, categories: Map<string, number>): Promise<number> {
  const existing = await deps.db.selectFrom('kb_articles').select('id').limit(1).executeTakeFirst();
  if (existing) return 0;
  let added = 0;
  await deps.db.transaction().execute(async (trx) => {
    for (const language of ['fr', 'en'] as const) {
      const [symptoms, cause, todo, result] = HEADINGS[language];
      for (const issue of ISSUES[language]) {
        const f = issue.fix;
        const body = [`## ${symptoms}`, f.symptoms, `## ${cause}`, f.diagnosis, `## ${todo}`, f.actions, `## ${result}`, f.result].join('\n\n');
        await createArticleIn(trx, deps, author, {
          title: issue.titles[0],
          summary: f.symptoms,
          body,
          language,
          audience: issue.quick ? 'public' : 'internal',
          status: 'published',
          categoryId: categories.get(issue.category) ?? null,
          tags: issue.category.split(' / ').map((t) => t.toLowerCase()),
        });
        added++;
      }
    }
  });
  return added;
}
