// One detected cluster: its suggested title, where the tickets come from, why they were
// grouped (the shared words with how many tickets have each, the time span, how similar
// they are), the tickets themselves, and Accept / Dismiss while it is proposed.
import { useState } from 'react';
import { Link } from 'react-router';
import { useFormat, useT } from '../../../app/i18n.tsx';
import { Button } from '../../../ui/Button.tsx';
import type { ProblemCandidate } from '../api.ts';
import { clusterMessages } from '../cluster-messages.ts';
import { AcceptDialog } from './AcceptDialog.tsx';
import { ClusterExplanation } from './ClusterExplanation.tsx';
import { DismissDialog } from './DismissDialog.tsx';

export function CandidateCard({ candidate }: { candidate: ProblemCandidate }) {
  const t = useT(clusterMessages);
  const f = useFormat();
  const [dialog, setDialog] = useState<'accept' | 'dismiss' | null>(null);
  const headingId = `cluster-${candidate.id}-title`;
  return (
    <article className="panel cluster-card" aria-labelledby={headingId} data-candidate={candidate.id}>
      <header className="cluster-head">
        <h2 id={headingId}>{candidate.title}</h2>
        <p className="cluster-facts">
          <span>{candidate.organisationName ?? t('severalOrganisations')}</span>
          {candidate.categoryName && <span>{candidate.categoryName}</span>}
          <span>
            <time dateTime={candidate.firstAt}>{f.date(candidate.firstAt)}</time> – <time dateTime={candidate.lastAt}>{f.date(candidate.lastAt)}</time>
          </span>
        </p>
      </header>
      <ClusterExplanation candidate={candidate} />
      <details className="cluster-tickets">
        <summary>{t.plural('showTickets', candidate.tickets.length)}</summary>
        <ul>
          {candidate.tickets.map((ticket) => (
            <li key={ticket.id}>
              <Link to={`/agent/tickets/${ticket.id}`}>#{ticket.number}</Link> {ticket.title}{' '}
              <span className="muted">
                · {f.date(ticket.createdAt)} · {t('similarity', { pct: Math.round(ticket.similarity * 100) })}
              </span>
            </li>
          ))}
        </ul>
      </details>
      {candidate.status === 'proposed' ? (
        <div className="row cluster-actions">
          <Button variant="primary" onClick={() => setDialog('accept')} aria-label={t('acceptNamed', { title: candidate.title })}>
            {t('accept')}
          </Button>
          <Button onClick={() => setDialog('dismiss')} aria-label={t('dismissNamed', { title: candidate.title })}>
            {t('dismiss')}
          </Button>
        </div>
      ) : (
        <p className="muted cluster-decision">
          {t(candidate.status === 'accepted' ? 'acceptedOn' : 'dismissedOn', { date: candidate.decidedAt ? f.dateTime(candidate.decidedAt) : '—' })}
          {candidate.problemId !== null && (
            <>
              {' '}
              <Link to={`/agent/problems/${candidate.problemId}`}>{t('openProblem', { reference: `PRB-${candidate.problemId}` })}</Link>
            </>
          )}
        </p>
      )}
      <AcceptDialog candidate={candidate} open={dialog === 'accept'} onClose={() => setDialog(null)} />
      <DismissDialog candidate={candidate} open={dialog === 'dismiss'} onClose={() => setDialog(null)} />
    </article>
  );
}
