// One problem: what it is, its root cause and workaround (a known error has one), the
// incidents linked to it, its status with the next steps, its owner group, and resolving
// it (optionally resolving its open incidents with the same note to each requester).
import { useState } from 'react';
import { useLocation, useParams } from 'react-router';
import { ApiError } from '../../app/api-client.ts';
import { useT } from '../../app/i18n.tsx';
import { common } from '../../app/messages.ts';
import { ErrorBanner, Notice, Spinner } from '../../ui/Feedback.tsx';
import { useProblem, type Problem, type ResolveOutcome } from './api.ts';
import { AnalysisPanel } from './components/AnalysisPanel.tsx';
import { IncidentsPanel } from './components/IncidentsPanel.tsx';
import { OwnerGroupPanel } from './components/OwnerGroupPanel.tsx';
import { ProblemHeader } from './components/ProblemHeader.tsx';
import { ProblemsNav } from './components/ProblemsNav.tsx';
import { StatusPanel } from './components/StatusPanel.tsx';
import { messages } from './messages.ts';
import './problems.css';

export function ProblemPage() {
  const t = useT(messages);
  const c = useT(common);
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const problem = useProblem(valid ? id : 0, valid);
  if (!valid) return <Notice tone="warning">{t('notFound')}</Notice>;
  if (problem.isPending) return <Spinner label={c('loading')} />;
  if (problem.error) return problem.error instanceof ApiError && problem.error.status === 404 ? <Notice tone="warning">{t('notFound')}</Notice> : <ErrorBanner error={problem.error} />;
  return <ProblemWorkspace key={id} problem={problem.data} />;
}

function ProblemWorkspace({ problem }: { problem: Problem }) {
  const t = useT(messages);
  const origin = (useLocation().state as { created?: boolean; fromCandidate?: boolean } | null) ?? {};
  const [resolved, setResolved] = useState<ResolveOutcome | null>(null);
  return (
    <div className="problems problem-page">
      <ProblemsNav />
      <ProblemHeader problem={problem} />
      {origin.fromCandidate && <Notice tone="success">{t.plural('createdFromCluster', problem.incidentCount, { reference: problem.reference })}</Notice>}
      {origin.created && !origin.fromCandidate && <Notice tone="success">{t('created', { reference: problem.reference })}</Notice>}
      {resolved && <ResolvedNotice outcome={resolved} />}
      <div className="problem-columns">
        <div className="problem-main">
          <AnalysisPanel problem={problem} />
          <IncidentsPanel problem={problem} />
        </div>
        <aside className="problem-side" aria-label={t('sidePanels')}>
          <StatusPanel problem={problem} onResolved={setResolved} />
          <OwnerGroupPanel problem={problem} />
        </aside>
      </div>
    </div>
  );
}

function ResolvedNotice({ outcome }: { outcome: ResolveOutcome }) {
  const t = useT(messages);
  const reference = outcome.problem.reference;
  return (
    <Notice tone="success">
      <strong>{t('resolvedDone', { reference })}</strong> {outcome.resolvedIncidents > 0 ? t.plural('resolvedIncidents', outcome.resolvedIncidents) : t('resolvedNoIncidents')}
    </Notice>
  );
}
