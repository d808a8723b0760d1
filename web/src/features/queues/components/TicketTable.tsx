// A queue's table. Rows are memoised: moving the selection or loading the next page
// re-renders only the rows that changed, and each cell is a plain lookup.
import { memo, useLayoutEffect, useMemo, type ReactNode } from 'react';
import { Link } from 'react-router';
import { formatDateTime, formatRelative, useLocale, useT, type Lang } from '../../../app/i18n.tsx';
import { common } from '../../../app/messages.ts';
import { PriorityBadge, StatusBadge } from '../../../ui/Badges.tsx';
import type { Ticket } from '../api.ts';
import { messages } from '../messages.ts';
import { measureQueueRender } from '../queue-context.ts';
import { SlaCell } from './SlaCell.tsx';
import type { ViewColumn } from '../queue-state.ts';

type CommonKey = keyof (typeof common)['en'];
interface CellContext {
  tc: (key: CommonKey) => string;
  lang: Lang;
  now: number;
}

function Time({ iso, ctx }: { iso: string; ctx: CellContext }) {
  return (
    <time dateTime={iso} title={formatDateTime(iso, ctx.lang)}>
      {formatRelative(iso, ctx.lang, ctx.now)}
    </time>
  );
}

const dash = <span aria-hidden="true">—</span>;

const CELLS: Record<Exclude<ViewColumn, 'title'>, (t: Ticket, ctx: CellContext) => ReactNode> = {
  number: (t) => t.reference,
  status: (t, { tc }) => <StatusBadge status={t.status} label={tc(`status_${t.status}`)} />,
  priority: (t) => <PriorityBadge priority={t.priority} />,
  requester: (t) => t.requester.name,
  organisation: (t) => t.organisation?.name ?? dash,
  group: (t) => t.group?.name ?? dash,
  assignee: (t, { tc }) => t.assignee?.name ?? <span className="muted">{tc('unassigned')}</span>,
  category: (t) => t.category?.name ?? dash,
  channel: (t, { tc }) => tc(`channel_${t.channel}`),
  type: (t, { tc }) => tc(`type_${t.type}`),
  created: (t, ctx) => <Time iso={t.createdAt} ctx={ctx} />,
  updated: (t, ctx) => <Time iso={t.updatedAt} ctx={ctx} />,
  sla: (t, { lang }) => <SlaCell dueAt={t.slaDueAt} status={t.status} lang={lang} />,
};

export const rowLinkId = (id: number) => `queue-ticket-${id}`;
/** The ticket whose title link has this element id, if it is one. */
export const ticketOfRowLink = (elementId: string): number | null => {
  const m = /^queue-ticket-(\d+)$/.exec(elementId);
  return m ? Number(m[1]) : null;
};

interface RowProps {
  ticket: Ticket;
  columns: ViewColumn[];
  ctx: CellContext;
  selected: boolean;
  onSelect(id: number): void;
  onOpenLink(id: number): void;
  take?: Take;
  taking: boolean;
}

interface Take {
  label: string;
  labelFor(reference: string): string;
  run(id: number): void;
}

const Row = memo(function Row({ ticket, columns, ctx, selected, onSelect, onOpenLink, take, taking }: RowProps) {
  return (
    <tr className={selected ? 'selected' : undefined} onClick={() => onSelect(ticket.id)}>
      {columns.map((c) =>
        c === 'title' ? (
          <td key={c} className="queue-title">
            <Link id={rowLinkId(ticket.id)} to={`/agent/tickets/${ticket.id}`} onClick={() => onOpenLink(ticket.id)} onFocus={() => onSelect(ticket.id)}>
              {ticket.title}
            </Link>
          </td>
        ) : (
          <td key={c} className={`queue-${c}`}>
            {CELLS[c](ticket, ctx)}
          </td>
        ),
      )}
      {take && (
        <td className="queue-action">
          <button type="button" className="btn btn-primary btn-small" disabled={taking} onClick={() => take.run(ticket.id)} aria-label={take.labelFor(ticket.reference)}>
            {take.label}
          </button>
        </td>
      )}
    </tr>
  );
});

export interface TicketTableProps {
  labelledBy: string;
  tickets: Ticket[];
  columns: ViewColumn[];
  selectedId: number | null;
  onSelect(id: number): void;
  onOpenLink(id: number): void;
  onTake?(id: number): void;
  takingId?: number | null;
}

export function TicketTable({ labelledBy, tickets, columns, selectedId, onSelect, onOpenLink, onTake, takingId }: TicketTableProps) {
  const t = useT(messages);
  const tc = useT(common);
  const { lang } = useLocale();
  // "now" is fixed per set of rows, so a re-render for the selection reuses every other row.
  const ctx = useMemo<CellContext>(() => ({ tc, lang, now: Date.now() }), [tc, lang, tickets]);
  const take = useMemo<Take | undefined>(
    () => (onTake ? { label: t('take'), labelFor: (reference) => t('takeLabel', { reference }), run: onTake } : undefined),
    [onTake, t],
  );
  useLayoutEffect(measureQueueRender, [tickets]);

  return (
    <div className="queue-table-wrap">
      <table className="data queue-table" aria-labelledby={labelledBy}>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c} scope="col">
                {t(`col_${c}`)}
              </th>
            ))}
            {take && (
              <th scope="col">
                <span className="visually-hidden">{t('actions')}</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {tickets.map((ticket) => (
            <Row
              key={ticket.id}
              ticket={ticket}
              columns={columns}
              ctx={ctx}
              selected={ticket.id === selectedId}
              onSelect={onSelect}
              onOpenLink={onOpenLink}
              take={take}
              taking={takingId === ticket.id}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}
