// The agent's left navigation: the built-in queues with their counts, the saved views,
// then the other workspaces the agent's roles open.
import { NavLink } from 'react-router';
import { useFormat, useT } from '../../app/i18n.tsx';
import { hasRole, useMe } from '../../app/session.tsx';
import type { TicketCounts } from '../../../../common/schemas/tickets.ts';
import { useCounts, useViewCounts, useViews } from './api.ts';
import { messages } from './messages.ts';
import { NAV_QUEUES, type NavQueue } from './queue-state.ts';

const COUNT_OF: Record<NavQueue, (c: TicketCounts) => number> = {
  work: (c) => c.open.mine + c.open.unassignedInMyGroups,
  mine: (c) => c.open.mine,
  unassigned: (c) => c.open.unassignedInMyGroups,
  all: (c) => c.open.total,
  pending: (c) => c.byStatus.pending,
  resolved: (c) => c.byStatus.resolved,
};

export function AgentNav() {
  const t = useT(messages);
  const format = useFormat();
  const me = useMe();
  const counts = useCounts().data;
  const views = useViews().data ?? [];
  const viewCounts = new Map((useViewCounts().data?.items ?? []).map((c) => [c.id, c]));
  const isSupervisor = hasRole(me, 'supervisor') || hasRole(me, 'admin');

  return (
    <nav aria-label={t('navLabel')}>
      <h2>{t('queues')}</h2>
      <ul>
        {NAV_QUEUES.map((q) => {
          const n = counts && COUNT_OF[q](counts);
          return (
            <li key={q}>
              <NavLink to={`/agent/queues/${q}`}>
                <span>{t(`q_${q}`)}</span>
                {n !== undefined && (
                  <span className="count" title={t('count', { count: n })}>
                    {format.number(n)}
                  </span>
                )}
              </NavLink>
            </li>
          );
        })}
      </ul>
      {views.length > 0 && (
        <>
          <h2>{t('savedViews')}</h2>
          <ul>
            {views.map((v) => {
              const c = viewCounts.get(v.id);
              return (
                <li key={v.id}>
                  <NavLink to={`/agent/queues/view-${v.id}`}>
                    <span>
                      {v.name}
                      {v.isShared && <span className="count"> · {t('shared')}</span>}
                    </span>
                    {/* Past the cap the server stops counting: "10,000+". */}
                    {c?.count != null && (
                      <span className="count" title={t(c.isCapped ? 'countCapped' : 'count', { count: c.count })}>
                        {format.number(c.count)}
                        {c.isCapped && '+'}
                      </span>
                    )}
                  </NavLink>
                </li>
              );
            })}
          </ul>
        </>
      )}
      <h2>{t('tools')}</h2>
      <ul>
        <li>
          <NavLink to="/agent/phone">{t('phone')}</NavLink>
        </li>
        <li>
          <NavLink to="/agent/on-duty">{t('onDuty')}</NavLink>
        </li>
        <li>
          <NavLink to="/agent/kb">{t('knowledgeBase')}</NavLink>
        </li>
        <li>
          <NavLink to="/agent/problems">{t('problems')}</NavLink>
        </li>
        {isSupervisor && (
          <li>
            <NavLink to="/agent/supervisor">{t('supervisor')}</NavLink>
          </li>
        )}
        {isSupervisor && (
          <li>
            <NavLink to="/agent/admin">{t('admin')}</NavLink>
          </li>
        )}
      </ul>
    </nav>
  );
}
