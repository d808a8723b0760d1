// Detected clusters: groups of similar incidents the detection job proposes as problems,
// each with why they were grouped. Supervisors accept one (it becomes a problem with those
// incidents linked) or dismiss it; "Run detection now" looks again at once. The accepted
// and dismissed ones stay as history.
import { Link, useSearchParams } from 'react-router';
import { useFormat, useT } from '../../app/i18n.tsx';
import { common } from '../../app/messages.ts';
import { EmptyState, ErrorBanner, Notice, Spinner } from '../../ui/Feedback.tsx';
import { useCandidates, type CandidateStatus } from './api.ts';
import { CandidateCard } from './components/CandidateCard.tsx';
import { DetectPanel } from './components/DetectPanel.tsx';
import { ProblemsNav, useIsSupervisor } from './components/ProblemsNav.tsx';
import { clusterMessages } from './cluster-messages.ts';
import { CANDIDATE_STATUSES, isCandidateStatus } from './problem-status.ts';
import './problems.css';

export function CandidatesPage() {
  const t = useT(clusterMessages);
  const supervisor = useIsSupervisor();
  if (!supervisor) {
    return (
      <div className="problems">
        <h1>{t('title')}</h1>
        <Notice tone="warning">{t('supervisorsOnly')}</Notice>
      </div>
    );
  }
  return <Clusters />;
}

function Clusters() {
  const t = useT(clusterMessages);
  const c = useT(common);
  const f = useFormat();
  const [params] = useSearchParams();
  const requested = params.get('status');
  const status: CandidateStatus = isCandidateStatus(requested) ? requested : 'proposed';
  const list = useCandidates(status);
  const proposed = useCandidates('proposed');

  return (
    <div className="problems clusters">
      <div className="problems-head">
        <h1>{t('title')}</h1>
      </div>
      <ProblemsNav />
      <p className="muted">{t('intro')}</p>
      <DetectPanel />
      <nav className="clusters-tabs" aria-label={t('historyNav')}>
        {CANDIDATE_STATUSES.map((s) => (
          <Link key={s} to={s === 'proposed' ? '.' : `?status=${s}`} replace aria-current={s === status ? 'page' : undefined}>
            {t(`tab_${s}`)}
            {s === 'proposed' && proposed.data && ` (${f.number(proposed.data.length)})`}
          </Link>
        ))}
      </nav>
      <ErrorBanner error={list.error} title={t('loadError')} />
      {list.isPending && <Spinner label={c('loading')} />}
      {list.data?.length === 0 && <EmptyState>{t(`empty_${status}`)}</EmptyState>}
      {list.data && list.data.length > 0 && (
        <ul className="clusters-list" aria-label={t(`tab_${status}`)}>
          {list.data.map((candidate) => (
            <li key={candidate.id}>
              <CandidateCard candidate={candidate} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
