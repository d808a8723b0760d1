// Problems: the causes behind recurring incidents. Open ones by default, filtered by status
// and searched by words; "New problem" opens one, optionally with incidents linked.
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useT } from '../../app/i18n.tsx';
import { common } from '../../app/messages.ts';
import { Button } from '../../ui/Button.tsx';
import { EmptyState, ErrorBanner, Spinner } from '../../ui/Feedback.tsx';
import { useProblems, type ProblemListFilters } from './api.ts';
import { NewProblemDialog } from './components/NewProblemDialog.tsx';
import { ProblemFilters, type ListState } from './components/ProblemFilters.tsx';
import { ProblemsNav } from './components/ProblemsNav.tsx';
import { ProblemsTable } from './components/ProblemsTable.tsx';
import { messages } from './messages.ts';
import { isProblemStatus } from './problem-status.ts';
import './problems.css';

function filtersOf(state: ListState): ProblemListFilters {
  return { show: state.show === 'all' ? undefined : isProblemStatus(state.show) ? state.show : 'open', q: state.q || undefined };
}

export function ProblemsPage() {
  const t = useT(messages);
  const c = useT(common);
  const [params, setParams] = useSearchParams();
  const state: ListState = { show: params.get('show') ?? 'open', q: params.get('q') ?? '' };
  const list = useProblems(filtersOf(state));
  const [creating, setCreating] = useState(false);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  function change(next: ListState) {
    const p = new URLSearchParams();
    if (next.show !== 'open') p.set('show', next.show);
    if (next.q) p.set('q', next.q);
    setParams(p, { replace: true });
  }

  return (
    <div className="problems">
      <div className="problems-head">
        <h1>{t('title')}</h1>
        <Button variant="primary" onClick={() => setCreating(true)}>
          {t('newProblem')}
        </Button>
      </div>
      <ProblemsNav />
      <p className="muted">{t('intro')}</p>
      <ProblemFilters state={state} onChange={change} />
      <ErrorBanner error={list.error} title={t('loadError')} />
      {list.isPending && <Spinner label={c('loading')} />}
      {list.data && items.length === 0 && <EmptyState>{state.q || state.show !== 'open' ? t('noMatch') : t('noOpenProblems')}</EmptyState>}
      {items.length > 0 && <ProblemsTable items={items} />}
      {list.hasNextPage && (
        <Button className="problems-more" onClick={() => void list.fetchNextPage()} busy={list.isFetchingNextPage}>
          {c('loadMore')}
        </Button>
      )}
      <NewProblemDialog open={creating} onClose={() => setCreating(false)} />
    </div>
  );
}
