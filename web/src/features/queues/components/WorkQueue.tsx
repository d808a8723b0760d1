// The landing queue: what waits in my groups (take one), what waits without a group, and
// my own open tickets. j/k walk across the three lists as one.
import { useCallback, useId, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { useT } from '../../../app/i18n.tsx';
import { common } from '../../../app/messages.ts';
import { Button } from '../../../ui/Button.tsx';
import { EmptyState, ErrorBanner, Notice, Spinner } from '../../../ui/Feedback.tsx';
import { useTicketPages, type Ticket } from '../api.ts';
import { ColumnPicker } from './ColumnPicker.tsx';
import { messages } from '../messages.ts';
import { readState, writeState, type ViewColumn, type ViewFilters } from '../queue-state.ts';
import { TicketTable, type TicketTableProps } from './TicketTable.tsx';
import { useQueueKeyboard } from '../useQueueKeyboard.ts';
import { useTake } from '../useTake.ts';

const TAKE: ViewFilters = { groupId: 'mine', assigneeId: 'none', status: 'open' };
const NO_GROUP: ViewFilters = { groupId: 'none', assigneeId: 'none', status: 'open' };
const MINE: ViewFilters = { assigneeId: 'me', status: 'open' };
// No assignee column: these lists are unassigned or mine by definition.
const WORK_COLUMNS: ViewColumn[] = ['number', 'title', 'status', 'priority', 'sla', 'requester', 'organisation', 'created', 'updated'];
const WORK_DEFAULTS = { filters: {}, sort: '-created' as const, columns: WORK_COLUMNS };

type Pages = ReturnType<typeof useTicketPages>;
const itemsOf = (data: Pages['data']): Ticket[] => data?.pages.flatMap((page) => page.items) ?? [];

export function WorkQueue() {
  const t = useT(messages);
  const [params, setParams] = useSearchParams();
  const columns = useMemo(() => readState(params, WORK_DEFAULTS).columns, [params]);
  const setColumns = useCallback((cols: ViewColumn[]) => setParams(writeStateColumns(cols), { replace: true }), [setParams]);

  // Oldest first where tickets wait for someone; most recently touched first for my own.
  const take = useTicketPages(TAKE, 'created');
  const noGroup = useTicketPages(NO_GROUP, 'created', 20);
  const mine = useTicketPages(MINE, '-updated');
  // Keyed on the data (stable between renders), not on the query results (new each render).
  const lists = useMemo(() => [itemsOf(take.data), itemsOf(noGroup.data), itemsOf(mine.data)], [take.data, noGroup.data, mine.data]);
  const ids = useMemo(() => [...new Set(lists.flat().map((x) => x.id))], [lists]);
  const taking = useTake();
  const keyboard = useQueueKeyboard(ids, taking.run);
  const shared = { columns, selectedId: keyboard.selectedId, onSelect: keyboard.select, onOpenLink: keyboard.onOpenLink, takingId: taking.takingId };

  return (
    <div className="queue-page">
      <header className="queue-head">
        <h1>{t('title_work')}</h1>
        <ColumnPicker columns={columns} onChange={setColumns} />
      </header>
      <ErrorBanner error={taking.error} />
      {taking.notice && <Notice tone="success">{taking.notice}</Notice>}
      <WorkSection heading={t('workTake')} empty={t('emptyTake')} pages={take} tickets={lists[0]} table={{ ...shared, onTake: taking.run }} />
      {lists[1].length > 0 && <WorkSection heading={t('workNoGroup')} empty="" pages={noGroup} tickets={lists[1]} table={{ ...shared, onTake: taking.run }} />}
      <WorkSection heading={t('workMine')} empty={t('emptyMine')} pages={mine} tickets={lists[2]} table={shared} />
    </div>
  );
}

function writeStateColumns(columns: ViewColumn[]) {
  const params = writeState({ ...WORK_DEFAULTS, columns });
  params.delete('sort');
  return params;
}

interface SectionProps {
  heading: string;
  empty: string;
  pages: Pages;
  tickets: Ticket[];
  table: Omit<TicketTableProps, 'labelledBy' | 'tickets'>;
}

function WorkSection({ heading, empty, pages, tickets, table }: SectionProps) {
  const t = useT(messages);
  const tc = useT(common);
  const headingId = useId();
  return (
    <section className="queue-section" aria-labelledby={headingId}>
      <div className="queue-section-head">
        <h2 id={headingId}>{heading}</h2>
        {tickets.length > 0 && <span className="muted">{t.plural('shown', tickets.length)}</span>}
      </div>
      <ErrorBanner error={pages.error} />
      {pages.isPending ? (
        <Spinner label={tc('loading')} />
      ) : tickets.length === 0 ? (
        <EmptyState>{empty}</EmptyState>
      ) : (
        <TicketTable labelledBy={headingId} tickets={tickets} {...table} />
      )}
      {pages.hasNextPage && (
        <Button busy={pages.isFetchingNextPage} onClick={() => void pages.fetchNextPage()}>
          {tc('loadMore')}
        </Button>
      )}
    </section>
  );
}
