// Articles as a list of cards: title (the link), summary, topic, last update and views.
import { Link } from 'react-router';
import { useFormat, useT } from '../../../app/i18n.tsx';
import type { ArticleSummary } from '../api.ts';
import { helpMessages } from '../messages.ts';

export function ArticleCards({ articles, topicNames, label }: { articles: ArticleSummary[]; topicNames?: Map<number, string>; label: string }) {
  const t = useT(helpMessages);
  const format = useFormat();
  return (
    <ul className="help-cards" aria-label={label}>
      {articles.map((a) => {
        const topic = a.categoryId !== null ? topicNames?.get(a.categoryId) : undefined;
        return (
          <li key={a.id} className="help-card">
            <Link to={`/help/articles/${a.id}`} className="help-card-link" lang={a.language === t.lang ? undefined : a.language}>
              {a.title}
            </Link>
            {a.summary && (
              <p className="help-card-summary" lang={a.language === t.lang ? undefined : a.language}>
                {a.summary}
              </p>
            )}
            <p className="help-card-meta">
              {a.language !== t.lang && <span className="help-lang">{a.language.toUpperCase()}</span>}
              {topic && <span>{topic}</span>}
              <span>{t('updatedOn', { date: format.date(a.updatedAt) })}</span>
              {a.stats.views > 0 && <span>{t.plural('views', a.stats.views)}</span>}
            </p>
          </li>
        );
      })}
    </ul>
  );
}
