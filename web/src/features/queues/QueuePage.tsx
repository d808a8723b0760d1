// /agent/queues/:queue — the Work queue, a built-in list, or a saved view (view-<id>).
import { useMemo } from 'react';
import { useParams } from 'react-router';
import { useT } from '../../app/i18n.tsx';
import { common } from '../../app/messages.ts';
import { EmptyState, ErrorBanner, Spinner } from '../../ui/Feedback.tsx';
import { useViews } from './api.ts';
import { ListQueue } from './components/ListQueue.tsx';
import { messages } from './messages.ts';
import { BUILTIN_DEFAULTS, isBuiltinQueue, type QueueState } from './queue-state.ts';
import { WorkQueue } from './components/WorkQueue.tsx';
import './queues.css';

export function QueuePage() {
  const { queue = 'work' } = useParams();
  const t = useT(messages);
  if (queue === 'work') return <WorkQueue />;
  if (isBuiltinQueue(queue)) return <ListQueue key={queue} title={t(`title_${queue}`)} defaults={BUILTIN_DEFAULTS[queue]} />;
  const view = /^view-(\d+)$/.exec(queue);
  if (view) return <SavedViewQueue key={queue} id={Number(view[1])} />;
  return <EmptyState>{t('unknownQueue')}</EmptyState>;
}

function SavedViewQueue({ id }: { id: number }) {
  const t = useT(messages);
  const tc = useT(common);
  const views = useViews();
  const view = views.data?.find((v) => v.id === id);
  const defaults = useMemo<QueueState | undefined>(() => view && { filters: view.filters, sort: view.sort, columns: view.columns }, [view]);
  if (views.isPending) return <Spinner label={tc('loading')} />;
  if (views.error) return <ErrorBanner error={views.error} />;
  if (!view || !defaults) return <EmptyState>{t('unknownView')}</EmptyState>;
  return <ListQueue title={view.name} defaults={defaults} view={view} />;
}
