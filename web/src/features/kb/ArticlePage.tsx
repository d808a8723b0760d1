// /agent/kb/:id — one article as agents see it: the rendered text (HTML rendered and
// sanitised by the server), its details, statistics, workflow and version history.
import { useEffect, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../app/api-client.ts';
import { useT } from '../../app/i18n.tsx';
import { common } from '../../app/messages.ts';
import { ErrorBanner, Notice, Spinner } from '../../ui/Feedback.tsx';
import { useArticle, type Article } from './api.ts';
import { articleMessages } from './article-messages.ts';
import { ArticleStatusBadge, AudienceBadge } from './components/ArticleBadges.tsx';
import { ArticleFacts } from './components/ArticleFacts.tsx';
import { ArticleStats } from './components/ArticleStats.tsx';
import { ArticleWorkflow } from './components/ArticleWorkflow.tsx';
import { VersionHistory } from './components/VersionHistory.tsx';
import './kb.css';

export function ArticlePage() {
  const t = useT(articleMessages);
  const c = useT(common);
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const article = useArticle(valid ? id : 0, valid);
  if (!valid) return <Notice tone="warning">{t('notFound')}</Notice>;
  if (article.isPending) return <Spinner label={c('loading')} />;
  if (article.error) {
    return article.error instanceof ApiError && article.error.status === 404 ? <Notice tone="warning">{t('notFound')}</Notice> : <ErrorBanner error={article.error} />;
  }
  return <ArticleView key={id} article={article.data} />;
}

function ArticleView({ article }: { article: Article }) {
  const t = useT(articleMessages);
  // The editor comes back here with the version it saved: said once, not again after a reload.
  const location = useLocation();
  const navigate = useNavigate();
  const [saved] = useState((location.state as { saved?: number } | null)?.saved);
  useEffect(() => {
    if (saved !== undefined) void navigate(location.pathname, { replace: true, state: null });
  }, [saved, navigate, location.pathname]);
  return (
    <div className="kb-article-page">
      <p className="kb-back">
        <Link to="/agent/kb">← {t('back')}</Link>
      </p>
      <header className="kb-article-head">
        <div>
          <h1 lang={article.language}>{article.title}</h1>
          <p className="row">
            <ArticleStatusBadge status={article.status} />
            <AudienceBadge audience={article.audience} />
            <span className="muted">{t('version', { version: article.version })}</span>
          </p>
        </div>
        <Link className="btn btn-primary" to={`/agent/kb/${article.id}/edit`}>
          {t('edit')}
        </Link>
      </header>
      {saved !== undefined && <Notice tone="success">{t('savedVersion', { version: saved })}</Notice>}
      <div className="kb-columns">
        <div className="kb-main">
          <article className="panel" aria-labelledby="kb-body-title" lang={article.language}>
            <h2 id="kb-body-title" className="visually-hidden">
              {t('body')}
            </h2>
            {article.summary && <p className="kb-lead">{article.summary}</p>}
            {/* bodyHtml is rendered from Markdown and sanitised by the server (raw HTML in the source shows as text). */}
            <div className="kb-body" dangerouslySetInnerHTML={{ __html: article.bodyHtml }} />
          </article>
          <VersionHistory article={article} />
        </div>
        <aside className="kb-side" aria-label={t('sidePanels')}>
          <ArticleWorkflow article={article} />
          <ArticleStats article={article} />
          <ArticleFacts article={article} />
        </aside>
      </div>
    </div>
  );
}
