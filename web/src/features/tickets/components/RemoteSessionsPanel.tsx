// Remote-assistance sessions as evidence on the ticket: the list (launch links for http(s)
// references), recording a new one with the requester's consent, and ending one.
import { useState } from 'react';
import type { RemoteSession, Ticket } from '../api.ts';
import { useRemoteSessions } from '../api.ts';
import { useFormat, useT } from '../../../app/i18n.tsx';
import { common } from '../../../app/messages.ts';
import { ErrorBanner, Spinner } from '../../../ui/Feedback.tsx';
import { panelMessages } from '../panel-messages.ts';
import { httpUrl } from './event-data.ts';
import { RemoteSessionForm } from './RemoteSessionForm.tsx';
import { EndSessionForm } from './EndSessionForm.tsx';
import { toolName } from './remote-tools.ts';

export function RemoteSessionsPanel({ ticket }: { ticket: Ticket }) {
  const t = useT(panelMessages);
  const c = useT(common);
  const sessions = useRemoteSessions(ticket.id);
  const [adding, setAdding] = useState(false);
  const closed = ticket.status === 'closed';
  return (
    <section className="panel" aria-labelledby="ticket-remote-title">
      <h2 id="ticket-remote-title">{t('rs_title')}</h2>
      {sessions.isPending && <Spinner label={c('loading')} />}
      <ErrorBanner error={sessions.error} />
      {sessions.isSuccess && sessions.data.length === 0 && <p className="muted">{t('rs_none')}</p>}
      {sessions.data && sessions.data.length > 0 && (
        <ul className="remote-sessions">
          {sessions.data.map((s) => (
            <SessionItem key={s.id} session={s} ticketId={ticket.id} canEnd={!closed} />
          ))}
        </ul>
      )}
      {!closed &&
        (adding ? (
          <RemoteSessionForm ticketId={ticket.id} onDone={() => setAdding(false)} />
        ) : (
          <button type="button" className="btn" onClick={() => setAdding(true)}>
            {t('rs_add')}
          </button>
        ))}
    </section>
  );
}

function SessionItem({ session: s, ticketId, canEnd }: { session: RemoteSession; ticketId: number; canEnd: boolean }) {
  const t = useT(panelMessages);
  const f = useFormat();
  const launch = httpUrl(s.launchUrl);
  return (
    <li className="remote-session">
      <p>
        <strong>{toolName(t, s.tool)}</strong> ·{' '}
        {launch ? (
          <a href={launch} rel="noopener noreferrer nofollow">
            {t('rs_launch', { ref: s.sessionRef })}
          </a>
        ) : (
          <span>
            {t('rs_session')}: {s.sessionRef}
          </span>
        )}
      </p>
      <p className="muted">
        {s.consentNote ? t('rs_consentWith', { note: s.consentNote }) : t('rs_consentGiven')}
        {s.agent && ` · ${t('rs_by', { name: s.agent.name })}`}
      </p>
      <p className="muted">
        {t('rs_started', { date: f.dateTime(s.startedAt) })}
        {' · '}
        {s.endedAt ? t('rs_ended', { date: f.dateTime(s.endedAt) }) : t('rs_ongoing')}
      </p>
      {s.summary && <p className="ticket-text">{s.summary}</p>}
      {!s.endedAt && canEnd && <EndSessionForm ticketId={ticketId} session={s} />}
    </li>
  );
}
