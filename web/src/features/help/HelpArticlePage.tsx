// One article of the help centre: title, summary, the server-rendered body, last update,
// its other languages, "Was this helpful?", and the way to ask for help when it was not.
// The view is counted once per page view, after the article loaded.
import { useEffect, useRef } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../app/api-client.ts';
import { isStaff, useSession } from '../../app/session.tsx';
import { useFormat, useT } from '../../app/i18n.tsx';
import { common } from '../../app/messages.ts';
import { ErrorBanner, Notice, Spinner } from '../../ui/Feedback.tsx';
import { recordView, useHelpArticle } from './api.ts';
import { helpMessages } from './messages.ts';
import { ArticleBody } from './components/ArticleBody.tsx';
import { HelpfulVote } from './components/HelpfulVote.tsx';
import { TranslationLinks } from './components/TranslationLinks.tsx';

export function HelpArticlePage() {
  const t = useT(helpMessages);
  const c = useT(common);
  const format = useFormat();
  const { me } = useSession();
  const id = Number(useParams().id) || null;
  const article = useHelpArticle(id);
  const a = article.data;
  const counted = useRef<number | null>(null);

  useEffect(() => {
    if (!a || counted.current === a.id) return;
    counted.current = a.id;
    recordView(a.id);
  }, [a]);

  const back = (
    <p className="help-back">
      <Link to="/help">{t('backToHelp')}</Link>
    </p>
  );
  if (article.isPending && id !== null) return <Spinner label={c('loading')} />;
  if (!a) {
    const missing = id === null || (article.error instanceof ApiError && article.error.status === 404);
    return (
      <div className="help">
        {back}
        {missing ? <div className="panel">{t('notFound')}</div> : <ErrorBanner error={article.error} />}
      </div>
    );
  }

  const lang = a.language === t.lang ? undefined : a.language;
  return (
    <div className="help">
      {back}
      {(a.status !== 'published' || a.audience !== 'public') && <Notice tone="warning">{t('staffOnly')}</Notice>}
      <article className="panel help-article" aria-labelledby="help-article-title">
        <header className="help-article-head" lang={lang}>
          <h1 id="help-article-title">{a.title}</h1>
          {a.summary && <p className="help-article-summary">{a.summary}</p>}
        </header>
        <p className="help-card-meta">
          <span>{t('lastUpdated', { date: format.date(a.updatedAt) })}</span>
          {a.categoryId !== null && a.categoryName && (
            <Link to={`/help?topic=${a.categoryId}`}>{t('topic', { name: a.categoryName })}</Link>
          )}
        </p>
        <TranslationLinks translations={a.translations} />
        <ArticleBody html={a.bodyHtml} lang={lang} />
      </article>
      <HelpfulVote key={a.id} article={a} />
      {!isStaff(me) && (
        <section className="panel help-still" aria-labelledby="help-still-title">
          <h2 id="help-still-title">{t('stillNeedHelp')}</h2>
          {me ? (
            <Link to="/portal/new" className="btn btn-primary help-cta">
              {t('submitRequest')}
            </Link>
          ) : (
            <Link to="/login" state={{ from: '/portal/new' }} className="btn btn-primary help-cta">
              {t('signInToSubmit')}
            </Link>
          )}
        </section>
      )}
    </div>
  );
}
