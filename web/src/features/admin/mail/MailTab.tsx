// Administration › Mail: mailboxes, incoming mail that could not be processed, mail that
// could not be sent, and the notification templates, each with its own URL.
import { Navigate, NavLink, Route, Routes } from 'react-router';
import { useT } from '../../../app/i18n.tsx';
import { common } from '../../../app/messages.ts';
import { EmptyState } from '../../../ui/Feedback.tsx';
import { InboundProblems } from './InboundProblems.tsx';
import { MailboxesSection } from './MailboxesSection.tsx';
import { messages } from './messages.ts';
import { OutboundFailures } from './OutboundFailures.tsx';
import { TemplatesSection } from './TemplatesSection.tsx';
import '../../tickets/email/email.css';
import './mail.css';

const SECTIONS = [
  ['mailboxes', 's_mailboxes'],
  ['inbound', 's_inbound'],
  ['outbound', 's_outbound'],
  ['templates', 's_templates'],
] as const;

export function MailTab() {
  const t = useT(messages);
  const c = useT(common);
  return (
    <section aria-labelledby="mail-heading" className="mail-admin">
      <h2 id="mail-heading">{t('heading')}</h2>
      <nav className="admin-subtabs" aria-label={t('sectionsLabel')}>
        <ul>
          {SECTIONS.map(([path, label]) => (
            <li key={path}>
              <NavLink to={`/agent/admin/mail/${path}`}>{t(label)}</NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Routes>
        <Route index element={<Navigate to="mailboxes" replace />} />
        <Route path="mailboxes" element={<MailboxesSection />} />
        <Route path="inbound" element={<InboundProblems />} />
        <Route path="outbound" element={<OutboundFailures />} />
        <Route path="templates" element={<TemplatesSection />} />
        <Route path="*" element={<EmptyState>{c('notFound')}</EmptyState>} />
      </Routes>
    </section>
  );
}
