// The two halves of problem management: the problems, and (for supervisors) the clusters
// of similar incidents detection proposes, with how many wait for a decision.
import { Link, NavLink, useLocation } from 'react-router';
import { useFormat, useT } from '../../../app/i18n.tsx';
import { hasRole, useMe } from '../../../app/session.tsx';
import { useCandidates } from '../api.ts';
import { messages } from '../messages.ts';

export function useIsSupervisor(): boolean {
  const me = useMe();
  return hasRole(me, 'supervisor') || hasRole(me, 'admin');
}

export function ProblemsNav() {
  const t = useT(messages);
  const f = useFormat();
  const supervisor = useIsSupervisor();
  const proposed = useCandidates('proposed', supervisor).data;
  const path = useLocation().pathname;
  const onClusters = path.startsWith('/agent/problems/candidates');
  return (
    <nav className="problems-nav" aria-label={t('sections')}>
      {/* The list is the page; a problem is within it (aria-current "true"). */}
      <Link to="/agent/problems" aria-current={onClusters ? undefined : path === '/agent/problems' ? 'page' : 'true'}>
        {t('navProblems')}
      </Link>
      {supervisor && (
        <NavLink to="/agent/problems/candidates">
          {t('navClusters')}{' '}
          {proposed && proposed.length > 0 && (
            <span className="problems-count">
              <span aria-hidden="true">{f.number(proposed.length)}</span>
              <span className="visually-hidden">{t.plural('proposedCount', proposed.length)}</span>
            </span>
          )}
        </NavLink>
      )}
    </nav>
  );
}
