// One request, as its requester (or their organisation's manager) follows it: where it
// stands, the conversation, the files, a reply; once solved, accept or reopen, and the
// satisfaction survey.
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { TicketStatus } from '../../../../common/enums.ts';
import { useMe } from '../../app/session.tsx';
import { useFormat, useT } from '../../app/i18n.tsx';
import { common } from '../../app/messages.ts';
import { ErrorBanner, Notice, Spinner } from '../../ui/Feedback.tsx';
import { useTicket, useTimeline } from './api.ts';
import { portalMessages } from './messages.ts';
import { PlainStatus } from './components/PlainStatus.tsx';
import { Conversation } from './components/Conversation.tsx';
import { AttachmentsPanel } from './components/AttachmentsPanel.tsx';
import { ReplyBox } from './components/ReplyBox.tsx';
import { ResolutionPrompt } from './components/ResolutionPrompt.tsx';
import { SatisfactionSurvey } from './components/SatisfactionSurvey.tsx';
import './portal.css';

const RATEABLE: readonly TicketStatus[] = ['resolved', 'closed'];

export function PortalTicketPage() {
  const id = Number(useParams().id);
  const t = useT(portalMessages);
  const c = useT(common);
  const f = useFormat();
  const me = useMe();
  const ticket = useTicket(id);
  const timeline = useTimeline(id);
  const [outcome, setOutcome] = useState<'accepted' | 'reopened' | null>(null);

  if (ticket.isPending) return <Spinner label={c('loading')} />;
  if (ticket.error || !ticket.data) {
    return (
      <div className="portal">
        <BackLink />
        <h1>{t('loadError')}</h1>
        <ErrorBanner error={ticket.error} />
      </div>
    );
  }
  const tk = ticket.data;
  // The requester's side answers the survey; staff reading the portal do not.
  const canRate = tk.requester.id === me.id || (me.isOrgManager && me.organisationId === tk.organisation?.id);
  return (
    <div className="portal">
      <BackLink />
      <header className="portal-ticket-head">
        <h1>{tk.title}</h1>
        <div className="portal-card-meta">
          <span className="portal-ref">{tk.reference}</span>
          <PlainStatus status={tk.status} />
        </div>
        <p className="muted">
          {t('opened', { when: f.dateTime(tk.createdAt) })}
          {tk.category && <> · {t('categoryLabel', { name: tk.category.name })}</>}
        </p>
      </header>
      {outcome && <Notice tone="success">{t(outcome)}</Notice>}
      {tk.status === 'pending' && tk.pendingReason === 'requester' && <Notice tone="warning">{t('waitingForYou')}</Notice>}
      {tk.status === 'resolved' && canRate && <ResolutionPrompt ticketId={id} onDone={setOutcome} />}
      {RATEABLE.includes(tk.status) && <SatisfactionSurvey ticketId={id} canRate={canRate} />}
      <ErrorBanner error={timeline.error} />
      {timeline.isPending ? <Spinner label={c('loading')} /> : <Conversation ticket={tk} events={timeline.data ?? []} meId={me.id} />}
      <AttachmentsPanel ticketId={id} canAdd={tk.status !== 'closed'} />
      {tk.status === 'closed' ? (
        <Notice>{t('closedNote', { reference: tk.reference })}</Notice>
      ) : (
        <ReplyBox ticketId={id} reopens={tk.status === 'resolved'} />
      )}
    </div>
  );
}

function BackLink() {
  const t = useT(portalMessages);
  return (
    <p className="portal-back">
      <Link to="/portal">{t('backToList')}</Link>
    </p>
  );
}
