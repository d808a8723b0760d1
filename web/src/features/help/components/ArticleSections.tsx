// The lists of the help centre's front page: search results or one topic's articles (paged),
// and, with neither, the most viewed and the recently updated articles.
import { useT } from '../../../app/i18n.tsx';
import { common } from '../../../app/messages.ts';
import { Button } from '../../../ui/Button.tsx';
import { EmptyState, ErrorBanner, Spinner } from '../../../ui/Feedback.tsx';
import { useHelpArticles, type ArticleListParams } from '../api.ts';
import { helpMessages } from '../messages.ts';
import { ArticleCards } from './ArticleCards.tsx';

interface ListProps {
  title: string;
  params: ArticleListParams;
  empty: string;
  topicNames: Map<number, string>;
  onClear: { label: string; run(): void };
}

export function ArticleListSection({ title, params, empty, topicNames, onClear }: ListProps) {
  const c = useT(common);
  const list = useHelpArticles(params);
  const articles = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section className="panel help-results" aria-labelledby="help-results-title">
      <div className="help-section-head">
        <h2 id="help-results-title">{title}</h2>
        <button type="button" className="btn btn-ghost help-clear" onClick={onClear.run}>
          {onClear.label}
        </button>
      </div>
      <ErrorBanner error={list.error} />
      {list.isPending ? (
        <Spinner label={c('loading')} />
      ) : articles.length === 0 ? (
        !list.error && <EmptyState>{empty}</EmptyState>
      ) : (
        <ArticleCards articles={articles} topicNames={topicNames} label={title} />
      )}
      {list.hasNextPage && (
        <Button className="help-wide" busy={list.isFetchingNextPage} onClick={() => list.fetchNextPage()}>
          {c('loadMore')}
        </Button>
      )}
    </section>
  );
}

const FRONT_COUNT = 5;
/** How many recent articles the "most viewed" list is drawn from (the list API orders by update). */
const POPULAR_POOL = 100;

export function FrontPageLists({ publicOnly, topicNames }: { publicOnly: boolean; topicNames: Map<number, string> }) {
  const t = useT(helpMessages);
  const c = useT(common);
  const pool = useHelpArticles({ limit: POPULAR_POOL, publicOnly });
  const recent = pool.data?.pages[0]?.items ?? [];
  const popular = [...recent].filter((a) => a.stats.views > 0).sort((a, b) => b.stats.views - a.stats.views || b.id - a.id).slice(0, FRONT_COUNT);

  if (pool.isPending) return <Spinner label={c('loading')} />;
  if (pool.error) return <ErrorBanner error={pool.error} title={t('loadError')} />;
  if (recent.length === 0) return null;
  return (
    <div className="help-front">
      {popular.length > 0 && (
        <section className="panel" aria-labelledby="help-popular-title">
          <h2 id="help-popular-title">{t('popularTitle')}</h2>
          <ArticleCards articles={popular} topicNames={topicNames} label={t('popularTitle')} />
        </section>
      )}
      <section className="panel" aria-labelledby="help-recent-title">
        <h2 id="help-recent-title">{t('recentTitle')}</h2>
        <ArticleCards articles={recent.slice(0, FRONT_COUNT)} topicNames={topicNames} label={t('recentTitle')} />
      </section>
    </div>
  );
}
