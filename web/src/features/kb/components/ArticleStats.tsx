// An article's statistics: views, helpful votes, tickets linked, last review.
import { useFormat, useT } from '../../../app/i18n.tsx';
import { Link } from 'react-router';
import { useArticleTickets, type Article } from '../api.ts';
import { articleMessages } from '../article-messages.ts';
import { helpfulShare } from './ArticleBadges.tsx';

export function ArticleStats({ article }: { article: Article }) {
  const t = useT(articleMessages);
  const f = useFormat();
  const share = helpfulShare(article.stats);
  const tickets = useArticleTickets(article.id);
  return (
    <section className="panel" aria-labelledby="kb-stats-title">
      <h2 id="kb-stats-title">{t('stats')}</h2>
      <dl className="kb-facts">
        <div>
          <dt>{t('views')}</dt>
          <dd>{f.number(article.stats.views)}</dd>
        </div>
        <div>
          <dt>{t('helpfulVotes')}</dt>
          <dd>{share ? t('helpfulOf', { helpful: article.stats.helpful, votes: share.votes, percent: share.percent }) : <span className="muted">{t('noVotes')}</span>}</dd>
        </div>
        <div>
          <dt>{t('ticketsLinked')}</dt>
          <dd>{f.number(article.stats.ticketsLinked)}</dd>
        </div>
        <div>
          <dt>{t('lastReviewed')}</dt>
          <dd>{article.reviewedAt ? <time dateTime={article.reviewedAt}>{f.dateTime(article.reviewedAt)}</time> : t('neverReviewed')}</dd>
        </div>
      </dl>
      {tickets.data && tickets.data.length > 0 && (
        <ul className="kb-article-tickets" aria-label={t('ticketsLinked')}>
          {tickets.data.map((tk) => (
            <li key={tk.ticketId}>
              <Link to={`/agent/tickets/${tk.ticketId}`}>
                #{tk.number} {tk.title}
              </Link>{' '}
              <span className="muted">({tk.relations.map((r) => t(`relation_${r}`)).join(', ')})</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
