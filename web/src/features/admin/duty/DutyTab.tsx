// Administration › Routing and duty: where new tickets go (routing rules, each group's
// assignment strategy, skills), when they move up a tier (escalation rules), and who works
// when (shifts, on-call rotations). Each section has its own URL.
import { Navigate, NavLink, Route, Routes } from 'react-router';
import { useT } from '../../../app/i18n.tsx';
import { common } from '../../../app/messages.ts';
import { EmptyState } from '../../../ui/Feedback.tsx';
import { AssignmentSection } from './AssignmentSection.tsx';
import { EscalationSection } from './EscalationSection.tsx';
import { messages } from './messages.ts';
import { RotationsSection } from './RotationsSection.tsx';
import { RoutingRulesSection } from './RoutingRulesSection.tsx';
import { ShiftsSection } from './ShiftsSection.tsx';
import { SkillsSection } from './SkillsSection.tsx';
import './duty.css';

const SECTIONS = [
  ['rules', 's_rules'],
  ['assignment', 's_assignment'],
  ['escalation', 's_escalation'],
  ['skills', 's_skills'],
  ['shifts', 's_shifts'],
  ['on-call', 's_oncall'],
] as const;

/** What a supervisor (not an admin) may change: the team's shifts and rotations. */
const SUPERVISOR_SECTIONS = new Set<string>(['shifts', 'on-call']);

export function DutyTab({ admin }: { admin: boolean }) {
  const t = useT(messages);
  const c = useT(common);
  const sections = admin ? SECTIONS : SECTIONS.filter(([path]) => SUPERVISOR_SECTIONS.has(path));
  const shown = (path: string) => admin || SUPERVISOR_SECTIONS.has(path);
  return (
    <section aria-labelledby="duty-heading" className="duty-admin">
      <h2 id="duty-heading">{t('heading')}</h2>
      <nav className="admin-subtabs" aria-label={t('sectionsLabel')}>
        <ul>
          {sections.map(([path, label]) => (
            <li key={path}>
              <NavLink to={`/agent/admin/duty/${path}`}>{t(label)}</NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Routes>
        <Route index element={<Navigate to={sections[0][0]} replace />} />
        {shown('rules') && <Route path="rules" element={<RoutingRulesSection />} />}
        {shown('assignment') && <Route path="assignment" element={<AssignmentSection />} />}
        {shown('escalation') && <Route path="escalation" element={<EscalationSection />} />}
        {shown('skills') && <Route path="skills" element={<SkillsSection />} />}
        <Route path="shifts" element={<ShiftsSection />} />
        <Route path="on-call" element={<RotationsSection />} />
        <Route path="*" element={<EmptyState>{c('notFound')}</EmptyState>} />
      </Routes>
    </section>
  );
}
