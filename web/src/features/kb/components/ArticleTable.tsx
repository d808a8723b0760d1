// The article list: one row per article with its status, audience, language, category and
// statistics. In the "Needs review" tab the last review date is shown too.
import { useMemo } from 'react';
import { Link } from 'react-router';
import { useFormat, useT } from '../../../app/i18n.tsx';
import { categoryOptions } from '../../../app/category-options.ts';
import { useCategoryTree } from '../../../app/shared-queries.ts';
import type { ArticleSummary } from '../api.ts';
import { messages } from '../messages.ts';
import { ArticleStatusBadge, AudienceBadge, helpfulShare } from './ArticleBadges.tsx';

export function ArticleTable({ articles, showReviewed, labelledBy }: { articles: ArticleSummary[]; showReviewed: boolean; labelledBy: string }) {
  const t = useT(messages);
  const f = useFormat();
  const tree = useCategoryTree();
  const paths = useMemo(() => new Map(categoryOptions(tree.data).map((o) => [o.id, o.path])), [tree.data]);
  return (
    <div className="kb-table-wrap">
      <table className="data kb-table" aria-labelledby={labelledBy}>
        <thead>
          <tr>
            <th scope="col">{t('colTitle')}</th>
            <th scope="col">{t('colStatus')}</th>
            <th scope="col">{t('colAudience')}</th>
            <th scope="col">{t('colLanguage')}</th>
            <th scope="col">{t('colCategory')}</th>
            <th scope="col" className="num">
              {t('colViews')}
            </th>
            <th scope="col" className="num">
              {t('colHelpful')}
            </th>
            <th scope="col" className="num">
              {t('colTickets')}
            </th>
            {showReviewed && <th scope="col">{t('colReviewed')}</th>}
            <th scope="col">{t('colUpdated')}</th>
          </tr>
        </thead>
        <tbody>
          {articles.map((a) => {
            const share = helpfulShare(a.stats);
            return (
              <tr key={a.id}>
                <td className="kb-title">
                  <Link to={`/agent/kb/${a.id}`}>{a.title}</Link>
                  {a.summary && <div className="muted kb-summary">{a.summary}</div>}
                </td>
                <td>
                  <ArticleStatusBadge status={a.status} />
                </td>
                <td>
                  <AudienceBadge audience={a.audience} />
                </td>
                <td>
                  <span lang={a.language}>{a.language.toUpperCase()}</span>
                  <span className="visually-hidden"> ({t(`lang_${a.language}`)})</span>
                </td>
                <td>{a.categoryId === null ? <span className="muted">{t('noCategory')}</span> : (paths.get(a.categoryId) ?? `#${a.categoryId}`)}</td>
                <td className="num">{f.number(a.stats.views)}</td>
                <td className="num">{share ? t('helpfulPercent', { percent: share.percent, votes: share.votes }) : <span className="muted">{t('noVotes')}</span>}</td>
                <td className="num">{f.number(a.stats.ticketsLinked)}</td>
                {showReviewed && <td className="kb-date">{a.reviewedAt ? <time dateTime={a.reviewedAt}>{f.date(a.reviewedAt)}</time> : t('neverReviewed')}</td>}
                <td className="kb-date">
                  <time dateTime={a.updatedAt}>{f.date(a.updatedAt)}</time>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
