// Administration: users, organisations, groups, categories, the priority matrix and mail, each a
// tab with its own URL under /agent/admin/.
import { lazy, Suspense } from 'react';
import { Navigate, NavLink, Route, Routes } from 'react-router';
import { useT } from '../../app/i18n.tsx';
import { common } from '../../app/messages.ts';
import { hasRole, useMe } from '../../app/session.tsx';
import { EmptyState, Spinner } from '../../ui/Feedback.tsx';
import { messages } from './messages.ts';
import './admin.css';

const UsersTab = lazy(() => import('./users/UsersTab.tsx').then((m) => ({ default: m.UsersTab })));
const OrganisationsTab = lazy(() => import('./organisations/OrganisationsTab.tsx').then((m) => ({ default: m.OrganisationsTab })));
const GroupsTab = lazy(() => import('./groups/GroupsTab.tsx').then((m) => ({ default: m.GroupsTab })));
const CategoriesTab = lazy(() => import('./categories/CategoriesTab.tsx').then((m) => ({ default: m.CategoriesTab })));
const PriorityMatrixTab = lazy(() => import('./matrix/PriorityMatrixTab.tsx').then((m) => ({ default: m.PriorityMatrixTab })));
const MailTab = lazy(() => import('./mail/MailTab.tsx').then((m) => ({ default: m.MailTab })));
const ServiceLevelsTab = lazy(() => import('./sla/ServiceLevelsTab.tsx').then((m) => ({ default: m.ServiceLevelsTab })));
const DutyTab = lazy(() => import('./duty/DutyTab.tsx').then((m) => ({ default: m.DutyTab })));

const TABS = [
  ['users', 'tab_users'],
  ['organisations', 'tab_organisations'],
  ['groups', 'tab_groups'],
  ['categories', 'tab_categories'],
  ['priority-matrix', 'tab_matrix'],
  ['mail', 'tab_mail'],
  ['service-levels', 'tab_service_levels'],
  ['duty', 'tab_duty'],
] as const;

export function AdminPage() {
  const t = useT(messages);
  const c = useT(common);
  const me = useMe();
  const isAdmin = hasRole(me, 'admin');
  // Supervisors run the team's shifts and on-call rotations: they get that tab alone.
  const tabs = isAdmin ? TABS : TABS.filter(([path]) => path === 'duty');
  if (!isAdmin && !hasRole(me, 'supervisor')) {
    return (
      <>
        <h1>{t('title')}</h1>
        <EmptyState>{t('adminOnly')}</EmptyState>
      </>
    );
  }
  return (
    <div className="admin">
      <h1>{t('title')}</h1>
      <nav className="admin-tabs" aria-label={t('tabsLabel')}>
        <ul>
          {tabs.map(([path, label]) => (
            <li key={path}>
              <NavLink to={`/agent/admin/${path}`}>{t(label)}</NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Suspense fallback={<Spinner label={c('loading')} />}>
        <Routes>
          <Route index element={<Navigate to={isAdmin ? 'users' : 'duty'} replace />} />
          {isAdmin && (
            <>
              <Route path="users" element={<UsersTab />} />
              <Route path="organisations" element={<OrganisationsTab />} />
              <Route path="groups" element={<GroupsTab />} />
              <Route path="categories" element={<CategoriesTab />} />
              <Route path="priority-matrix" element={<PriorityMatrixTab />} />
              <Route path="mail/*" element={<MailTab />} />
              <Route path="service-levels/*" element={<ServiceLevelsTab />} />
            </>
          )}
          <Route path="duty/*" element={<DutyTab admin={isAdmin} />} />
          <Route path="*" element={<EmptyState>{c('notFound')}</EmptyState>} />
        </Routes>
      </Suspense>
    </div>
  );
}
