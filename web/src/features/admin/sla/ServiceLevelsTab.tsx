// Administration › Service levels: business calendars (hours, holidays), SLA policies (targets
// per priority, warning and breach actions) and client contracts, each with its own URL; the
// calendar, policy or contract being edited has one too (…/calendars/12).
import { Navigate, NavLink, Route, Routes } from 'react-router';
import { useT } from '../../../app/i18n.tsx';
import { common } from '../../../app/messages.ts';
import { EmptyState } from '../../../ui/Feedback.tsx';
import { CalendarsSection } from './calendars/CalendarsSection.tsx';
import { ContractsSection } from './contracts/ContractsSection.tsx';
import { messages } from './messages.ts';
import { PoliciesSection } from './policies/PoliciesSection.tsx';
// The sub-tab look (.admin-subtabs) lives with the Mail section, the first to have sub-tabs.
import '../mail/mail.css';
import './sla.css';

const SECTIONS = [
  ['calendars', 's_calendars'],
  ['policies', 's_policies'],
  ['contracts', 's_contracts'],
] as const;

export function ServiceLevelsTab() {
  const t = useT(messages);
  const c = useT(common);
  return (
    <section aria-labelledby="sla-heading" className="sla-admin">
      <h2 id="sla-heading">{t('heading')}</h2>
      <nav className="admin-subtabs" aria-label={t('sectionsLabel')}>
        <ul>
          {SECTIONS.map(([path, label]) => (
            <li key={path}>
              <NavLink to={`/agent/admin/service-levels/${path}`}>{t(label)}</NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Routes>
        <Route index element={<Navigate to="calendars" replace />} />
        <Route path="calendars/:id?" element={<CalendarsSection />} />
        <Route path="policies/:id?" element={<PoliciesSection />} />
        <Route path="contracts/:id?" element={<ContractsSection />} />
        <Route path="*" element={<EmptyState>{c('notFound')}</EmptyState>} />
      </Routes>
    </section>
  );
}
