// The help centre's front page: search (ranked by the server), topics, and the most viewed
// and recently updated articles. ?q= shows results, ?topic= one topic's articles.
import { useSearchParams } from 'react-router';
import { isStaff, useSession } from '../../app/session.tsx';
import { useT } from '../../app/i18n.tsx';
import { common } from '../../app/messages.ts';
import { EmptyState, ErrorBanner, Spinner } from '../../ui/Feedback.tsx';
import { useHelpCategories } from './api.ts';
import { helpMessages } from './messages.ts';
import { SearchForm } from './components/SearchForm.tsx';
import { TopicGrid } from './components/TopicGrid.tsx';
import { ArticleListSection, FrontPageLists } from './components/ArticleSections.tsx';

export function HelpHomePage() {
  const t = useT(helpMessages);
  const c = useT(common);
  const { me } = useSession();
  const [params, setParams] = useSearchParams();
  const q = params.get('q')?.trim() ?? '';
  const topicId = Number(params.get('topic')) || null;
  const publicOnly = isStaff(me);
  const topics = useHelpCategories();
  const topicNames = new Map((topics.data ?? []).map((x) => [x.id, x.name]));
  const topicName = topicId !== null ? topicNames.get(topicId) : undefined;

  return (
    <div className="help">
      <section className="help-hero" aria-labelledby="help-title">
        <h1 id="help-title">{t('homeTitle')}</h1>
        <p>{t('homeIntro')}</p>
        <SearchForm query={q} onSearch={(next) => setParams(next ? { q: next } : {})} />
      </section>

      {q ? (
        <ArticleListSection
          key={`q:${q}`}
          title={t('resultsFor', { q })}
          params={{ q, limit: 20, publicOnly }}
          empty={t('noResults', { q })}
          topicNames={topicNames}
          onClear={{ label: t('clearSearch'), run: () => setParams({}) }}
        />
      ) : topicId !== null ? (
        <ArticleListSection
          key={`topic:${topicId}`}
          title={topicName ? t('topicTitle', { name: topicName }) : c('loading')}
          params={{ categoryId: topicId, limit: 20, publicOnly }}
          empty={t('noArticles')}
          topicNames={topicNames}
          onClear={{ label: t('allTopics'), run: () => setParams({}) }}
        />
      ) : (
        <FrontPageLists publicOnly={publicOnly} topicNames={topicNames} />
      )}

      <section className="panel" aria-labelledby="help-topics-title">
        <h2 id="help-topics-title">{t('topicsTitle')}</h2>
        <ErrorBanner error={topics.error} />
        {topics.isPending ? (
          <Spinner label={c('loading')} />
        ) : topics.data && topics.data.length > 0 ? (
          <TopicGrid topics={topics.data} current={topicId} />
        ) : (
          !topics.error && <EmptyState>{t('noArticles')}</EmptyState>
        )}
      </section>
    </div>
  );
}
