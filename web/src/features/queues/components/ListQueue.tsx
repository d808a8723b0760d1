// One filterable queue: a built-in one (All open, Pending…) or a saved view. Filters, sort
// and columns live in the URL; pages come from the server a cursor at a time.
import { useCallback, useId, useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useT } from '../../../app/i18n.tsx';
import { common } from '../../../app/messages.ts';
import { useMe } from '../../../app/session.tsx';
import { Button } from '../../../ui/Button.tsx';
import { EmptyState, ErrorBanner, Notice, Spinner } from '../../../ui/Feedback.tsx';
import { useTicketPages, useUpdateView, type SavedView } from '../api.ts';
import { ColumnPicker } from './ColumnPicker.tsx';
import { FilterBar } from './FilterBar.tsx';
import { messages } from '../messages.ts';
import { readState, sameState, writeState, type QueueState } from '../queue-state.ts';
import { TicketTable } from './TicketTable.tsx';
import { useQueueKeyboard } from '../useQueueKeyboard.ts';
import { useTake } from '../useTake.ts';
import { DeleteViewDialog, ViewFormDialog } from './ViewDialogs.tsx';

export function ListQueue({ title, defaults, view }: { title: string; defaults: QueueState; view?: SavedView }) {
  const t = useT(messages);
  const tc = useT(common);
  const me = useMe();
  const navigate = useNavigate();
  const headingId = useId();
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => readState(params, defaults), [params, defaults]);
  const modified = !sameState(state, defaults);
  const setState = useCallback(
    (next: QueueState) => setParams(sameState(next, defaults) ? {} : writeState(next), { replace: true }),
    [setParams, defaults],
  );

  const setColumns = useCallback((columns: QueueState['columns']) => setState({ ...state, columns }), [setState, state]);

  const pages = useTicketPages(state.filters, state.sort);
  const tickets = useMemo(() => pages.data?.pages.flatMap((p) => p.items) ?? [], [pages.data]);
  const ids = useMemo(() => tickets.map((x) => x.id), [tickets]);
  const take = useTake();
  const { selectedId, select, onOpenLink } = useQueueKeyboard(ids, take.run);

  const [dialog, setDialog] = useState<'save' | 'edit' | 'delete' | null>(null);
  const saveChanges = useUpdateView();
  const isOwner = view?.owner.id === me.id;
  const openView = (v: SavedView) => {
    setDialog(null);
    navigate(`/agent/queues/view-${v.id}`);
  };

  return (
    <div className="queue-page">
      <header className="queue-head">
        <h1 id={headingId}>{title}</h1>
        <div className="row">
          {view && isOwner && modified && (
            <Button variant="primary" busy={saveChanges.isPending} onClick={() => saveChanges.mutate({ id: view.id, ...state }, { onSuccess: (v) => openView(v) })}>
              {t('saveChanges')}
            </Button>
          )}
          <Button onClick={() => setDialog('save')}>{t('saveAsView')}</Button>
          {view && isOwner && (
            <>
              <Button onClick={() => setDialog('edit')}>{t('editView')}</Button>
              <Button onClick={() => setDialog('delete')}>{t('deleteView')}</Button>
            </>
          )}
        </div>
      </header>
      {view && !isOwner && <p className="muted">{t('sharedBy', { name: view.owner.name })}</p>}
      <ErrorBanner error={saveChanges.error ?? take.error} />
      {take.notice && <Notice tone="success">{take.notice}</Notice>}

      <FilterBar state={state} onChange={setState} />
      <div className="row queue-toolbar">
        <ColumnPicker columns={state.columns} onChange={setColumns} />
        {modified && (
          <Button variant="ghost" onClick={() => setParams({}, { replace: true })} title={t('resetHint')}>
            {t('reset')}
          </Button>
        )}
        {view && isOwner && modified && <span className="muted">{t('modified')}</span>}
        <span className="spacer" />
        <span className="muted" aria-live="polite">
          {pages.isFetching && !pages.isFetchingNextPage && pages.data ? t('updating') : pages.data ? t.plural('shown', tickets.length) : ''}
        </span>
      </div>

      <ErrorBanner error={pages.error} />
      {pages.isPending ? (
        <Spinner label={tc('loading')} />
      ) : tickets.length === 0 ? (
        <EmptyState>{t('emptyList')}</EmptyState>
      ) : (
        <TicketTable labelledBy={headingId} tickets={tickets} columns={state.columns} selectedId={selectedId} onSelect={select} onOpenLink={onOpenLink} takingId={take.takingId} />
      )}
      {pages.hasNextPage && (
        <div className="queue-more">
          <Button busy={pages.isFetchingNextPage} onClick={() => void pages.fetchNextPage()}>
            {tc('loadMore')}
          </Button>
        </div>
      )}

      <ViewFormDialog
        open={dialog === 'save' || dialog === 'edit'}
        onClose={() => setDialog(null)}
        view={dialog === 'edit' ? view : undefined}
        state={state}
        // A renamed view stays as it is on screen, unsaved filter changes included.
        onSaved={dialog === 'edit' ? () => setDialog(null) : openView}
      />
      {view && <DeleteViewDialog open={dialog === 'delete'} onClose={() => setDialog(null)} view={view} onDeleted={() => navigate('/agent/queues/work')} />}
    </div>
  );
}
