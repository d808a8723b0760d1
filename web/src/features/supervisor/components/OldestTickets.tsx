// The oldest open tickets, with checkboxes for bulk reassignment.
import { useState } from 'react';
import { Link } from 'react-router';
import { useFormat, useT } from '../../../app/i18n.tsx';
import { common } from '../../../app/messages.ts';
import { PriorityBadge, StatusBadge } from '../../../ui/Badges.tsx';
import { EmptyState } from '../../../ui/Feedback.tsx';
import type { SupervisorOverview } from '../api.ts';
import { messages } from '../messages.ts';
import { ReassignForm } from './ReassignForm.tsx';

export function OldestTickets({ overview }: { overview: SupervisorOverview }) {
  const t = useT(messages);
  const c = useT(common);
  const format = useFormat();
  const [picked, setPicked] = useState<Set<number>>(new Set());
  const tickets = overview.oldest;
  // A ticket that left the list (closed, or no longer among the oldest) leaves the selection.
  const selected = tickets.filter((x) => picked.has(x.id)).map((x) => x.id);
  const allSelected = tickets.length > 0 && selected.length === tickets.length;
  const references = new Map(tickets.map((x) => [x.id, `#${x.number}`]));
  const groups = overview.byGroup.flatMap((g) => (g.group ? [g.group] : []));

  const toggle = (id: number, on: boolean) =>
    setPicked((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  return (
    <section className="panel" aria-labelledby="oldest-heading">
      <h2 id="oldest-heading">{t('oldest')}</h2>
      {tickets.length === 0 ? (
        <EmptyState>{t('noOpen')}</EmptyState>
      ) : (
        <>
          <p className="muted">{t('oldestHint')}</p>
          <div className="supervisor-table-wrap">
            <table className="data oldest-table" aria-labelledby="oldest-heading">
              <thead>
                <tr>
                  <th scope="col">
                    <input type="checkbox" aria-label={t('selectAll')} checked={allSelected} onChange={(e) => setPicked(e.target.checked ? new Set(tickets.map((x) => x.id)) : new Set())} />
                  </th>
                  <th scope="col">{t('colTicket')}</th>
                  <th scope="col">{t('colTitle')}</th>
                  <th scope="col">{t('colPriority')}</th>
                  <th scope="col">{t('colStatus')}</th>
                  <th scope="col">{t('colGroup')}</th>
                  <th scope="col">{t('colAssignee')}</th>
                  <th scope="col">{t('colOrganisation')}</th>
                  <th scope="col">{t('colCreated')}</th>
                </tr>
              </thead>
              <tbody>
                {tickets.map((x) => (
                  <tr key={x.id} className={picked.has(x.id) ? 'selected' : undefined}>
                    <td>
                      <input type="checkbox" aria-label={t('selectTicket', { ref: `#${x.number}` })} checked={picked.has(x.id)} onChange={(e) => toggle(x.id, e.target.checked)} />
                    </td>
                    <td className="oldest-number">
                      <Link to={`/agent/tickets/${x.id}`}>#{x.number}</Link>
                    </td>
                    <td>{x.title}</td>
                    <td>
                      <PriorityBadge priority={x.priority} />
                    </td>
                    <td>
                      <StatusBadge status={x.status} label={c(`status_${x.status}`)} />
                    </td>
                    <td>{x.group?.name ?? <span className="muted">{t('noGroup')}</span>}</td>
                    <td>{x.assignee?.name ?? <span className="muted">{c('unassigned')}</span>}</td>
                    <td>{x.organisation?.name ?? '—'}</td>
                    <td className="oldest-created">
                      <time dateTime={x.createdAt} title={format.dateTime(x.createdAt)}>
                        {format.relative(x.createdAt)}
                      </time>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <ReassignForm
            selected={selected}
            references={references}
            groups={groups}
            agents={overview.agents}
            onDone={(updated) => setPicked((prev) => new Set([...prev].filter((id) => !updated.includes(id))))}
          />
        </>
      )}
    </section>
  );
}
