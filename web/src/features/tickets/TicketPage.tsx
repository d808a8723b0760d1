// The agent's ticket page: header, the timeline and the composer in the main column; the
// requester, the SLA clock and the working panels beside it. Keyboard: r reply, n note,
// a assign to me, x resolution form, j next ticket.
import { useMemo, useRef } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router';
import { api, ApiError } from '../../app/api-client.ts';
import { useT } from '../../app/i18n.tsx';
import { common } from '../../app/messages.ts';
import { useShortcut } from '../../app/shortcuts.tsx';
import { ErrorBanner, Notice, Spinner } from '../../ui/Feedback.tsx';
import type { Ticket } from './api.ts';
import { useCategoryTree, useTicket, useTicketAction, useTimeline } from './api.ts';
import { categoryOptions } from '../../app/category-options.ts';
import { messages } from './messages.ts';
import { nextTicketTarget } from './next-ticket.ts';
import { AssignmentPanel } from './components/AssignmentPanel.tsx';
import { Composer, type ComposerHandle } from './components/Composer.tsx';
import { EscalationPanel } from './components/EscalationPanel.tsx';
import { QualificationPanel } from './components/QualificationPanel.tsx';
import { RemoteSessionsPanel } from './components/RemoteSessionsPanel.tsx';
import { RequesterCard } from './components/RequesterCard.tsx';
import { ResolutionPanel, type ResolutionHandle } from './components/ResolutionPanel.tsx';
import { StatusActions } from './components/StatusActions.tsx';
import { TicketHeader } from './components/TicketHeader.tsx';
import { Timeline } from './components/Timeline.tsx';
import { EmailPanel } from './email/EmailPanel.tsx';
import { KnowledgePanel } from './knowledge/KnowledgePanel.tsx';
import { SlaPanel } from './sla/SlaPanel.tsx';
import './tickets.css';

export interface LoggedCall {
  reference: string;
  resolved: boolean;
}

export function TicketPage() {
  const t = useT(messages);
  const c = useT(common);
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const ticket = useTicket(valid ? id : 0, valid);
  if (!valid) return <Notice tone="warning">{t('notFound')}</Notice>;
  if (ticket.isPending) return <Spinner label={c('loading')} />;
  if (ticket.error) {
    return ticket.error instanceof ApiError && ticket.error.status === 404 ? <Notice tone="warning">{t('notFound')}</Notice> : <ErrorBanner error={ticket.error} />;
  }
  return <TicketWorkspace key={id} ticket={ticket.data} />;
}

function TicketWorkspace({ ticket }: { ticket: Ticket }) {
  const t = useT(messages);
  const c = useT(common);
  const navigate = useNavigate();
  const location = useLocation();
  const loggedCall = (location.state as { loggedCall?: LoggedCall } | null)?.loggedCall;
  const timeline = useTimeline(ticket.id);
  const categories = useCategoryTree();
  const categoryPaths = useMemo(() => new Map(categoryOptions(categories.data).map((o) => [o.id, o.path])), [categories.data]);
  const composer = useRef<ComposerHandle>(null);
  const resolution = useRef<ResolutionHandle>(null);
  const take = useTicketAction(ticket.id, () => api.post<Ticket>(`/tickets/${ticket.id}/assign`, {}));

  useShortcut('r', t('scReply'), () => composer.current?.focus('reply'));
  useShortcut('n', t('scNote'), () => composer.current?.focus('note'));
  useShortcut('a', t('scAssign'), () => take.mutate(undefined));
  useShortcut('x', t('scResolve'), () => resolution.current?.open());
  useShortcut('j', t('scNext'), () => navigate(nextTicketTarget(ticket.id)));

  return (
    <div className="ticket-page">
      <TicketHeader ticket={ticket} />
      {loggedCall && <Notice tone="success">{loggedCall.resolved ? t('callLoggedResolved', { reference: loggedCall.reference }) : t('callLogged', { reference: loggedCall.reference })}</Notice>}
      {take.isSuccess && <Notice tone="success">{t('taken')}</Notice>}
      <ErrorBanner error={take.error} />
      <div className="ticket-columns">
        <div className="ticket-main">
          {timeline.isPending && <Spinner label={c('loading')} />}
          <ErrorBanner error={timeline.error} />
          {timeline.data && <Timeline ticket={ticket} events={timeline.data} categoryPaths={categoryPaths} />}
          <Composer ticket={ticket} handle={composer} />
        </div>
        <aside className="ticket-side" aria-label={t('sidePanels')}>
          <RequesterCard ticket={ticket} />
          <SlaPanel ticket={ticket} />
          <StatusActions ticket={ticket} />
          <KnowledgePanel ticket={ticket} onInsert={(text) => composer.current?.insert(text)} />
          <QualificationPanel ticket={ticket} />
          <AssignmentPanel ticket={ticket} />
          <EscalationPanel ticket={ticket} />
          <ResolutionPanel ticket={ticket} handle={resolution} />
          <RemoteSessionsPanel ticket={ticket} />
          <EmailPanel ticket={ticket} />
        </aside>
      </div>
    </div>
  );
}
