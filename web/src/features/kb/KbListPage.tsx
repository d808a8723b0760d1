// /agent/kb — the knowledge base: ranked search, filters, and the "Needs review" and
// "In review" lists; "New article" opens the editor. State lives in the address.
import { useCallback, useId, useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useT } from '../../app/i18n.tsx';
import { common } from '../../app/messages.ts';
import { Button } from '../../ui/Button.tsx';
import { EmptyState, ErrorBanner, Spinner } from '../../ui/Feedback.tsx';
import { STALE_MONTHS, useArticlePages } from './api.ts';
import { ArticleFilters } from './components/ArticleFilters.tsx';
import { ArticleTable } from './components/ArticleTable.tsx';
import { queryOf, readListState, TABS, writeListState, type ListState } from './list-state.ts';
import { messages } from './messages.ts';
import './kb.css';

export function KbListPage() {
  const t = useT(messages);
  const c = useT(common);
  const headingId = useId();
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => readListState(params), [params]);
  const setState = useCallback((next: ListState) => setParams(writeListState(next), { replace: true }), [setParams]);
  const pages = useArticlePages(queryOf(state));
  const articles = useMemo(() => pages.data?.pages.flatMap((p) => p.items) ?? [], [pages.data]);
  const filtered = Object.values(state.filters).some((v) => v !== undefined);

  return (
    <div className="kb-page">
      <header className="kb-head">
        <h1 id={headingId}>{t('title')}</h1>
        <Link className="btn btn-primary" to="/agent/kb/new">
          {t('newArticle')}
        </Link>
      </header>
      <nav aria-label={t('views')} className="kb-tabs">
        <ul>
          {TABS.map((tab) => (
            <li key={tab}>
              <Link to={{ search: new URLSearchParams(writeListState({ ...state, tab })).toString() }} replace aria-current={state.tab === tab ? 'page' : undefined}>
                {t(`tab_${tab}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {state.tab === 'stale' && <p className="muted">{t('staleIntro', { months: STALE_MONTHS })}</p>}
      {state.tab === 'in_review' && <p className="muted">{t('inReviewIntro')}</p>}
      <ArticleFilters filters={state.filters} showStatus={state.tab === 'all'} onChange={(filters) => setState({ ...state, filters })} />
      <div className="row kb-toolbar">
        <p className="muted" aria-live="polite" aria-atomic="true">
          {articles.length > 0 && (pages.hasNextPage ? t('resultsMore', { count: articles.length }) : t.plural('results', articles.length))}
          {articles.length > 0 && state.filters.q ? ` ${t('rankedNote')}` : ''}
        </p>
        <span className="spacer" />
        {filtered && (
          <Button variant="ghost" onClick={() => setState({ tab: state.tab, filters: {} })}>
            {t('reset')}
          </Button>
        )}
      </div>
      <ErrorBanner error={pages.error} title={t('loadError')} />
      {pages.isPending && <Spinner label={c('loading')} />}
      {pages.data &&
        (articles.length === 0 ? (
          <EmptyState>{filtered || state.tab !== 'all' ? t('empty') : t('emptyAll')}</EmptyState>
        ) : (
          <ArticleTable articles={articles} showReviewed={state.tab === 'stale'} labelledBy={headingId} />
        ))}
      {pages.hasNextPage && (
        <Button className="kb-more" busy={pages.isFetchingNextPage} onClick={() => void pages.fetchNextPage()}>
          {c('loadMore')}
        </Button>
      )}
    </div>
  );
}
