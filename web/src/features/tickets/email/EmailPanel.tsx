// The ticket's mail beside the timeline: who is copied, and each mail sent with whether it
// left (queued, sent, or failed with the error and the attempts made).
import type { Ticket } from '../api.ts';
import type { OutboundSummary } from '../../../../../common/schemas/email.ts';
import { useFormat, useT } from '../../../app/i18n.tsx';
import { common } from '../../../app/messages.ts';
import { ErrorBanner, Spinner } from '../../../ui/Feedback.tsx';
import { useTicketEmail } from './api.ts';
import { emailMessages } from './messages.ts';
import './email.css';

export function EmailPanel({ ticket }: { ticket: Ticket }) {
  const t = useT(emailMessages);
  const c = useT(common);
  const email = useTicketEmail(ticket.id);
  const data = email.data;
  return (
    <section className="panel mail-panel" aria-labelledby="ticket-email-title">
      <h2 id="ticket-email-title">{t('panelTitle')}</h2>
      {email.isPending && <Spinner label={c('loading')} />}
      <ErrorBanner error={email.error} />
      {data && (
        <>
          <h3 id="ticket-email-ccs">{t('ccs')}</h3>
          {data.ccs.length === 0 ? (
            <p className="muted">{t('noCcs')}</p>
          ) : (
            <ul className="mail-list" aria-labelledby="ticket-email-ccs">
              {data.ccs.map((cc) => (
                <li key={cc.email}>{cc.name ? `${cc.name} <${cc.email}>` : cc.email}</li>
              ))}
            </ul>
          )}
          <h3 id="ticket-email-sent">{t('sent')}</h3>
          {data.outbound.length === 0 ? (
            <p className="muted">{t('noneSent')}</p>
          ) : (
            <ul className="mail-list" aria-labelledby="ticket-email-sent">
              {data.outbound.map((m) => (
                <OutboundItem key={m.id} mail={m} />
              ))}
            </ul>
          )}
          {data.inbound.length > 0 && <p className="muted">{t.plural('received', data.inbound.length)}</p>}
        </>
      )}
    </section>
  );
}

function OutboundItem({ mail: m }: { mail: OutboundSummary }) {
  const t = useT(emailMessages);
  const f = useFormat();
  return (
    <li className={`mail-out mail-out-${m.status}`}>
      <p className="mail-out-subject">{m.subject}</p>
      <p className="muted">{t('to', { to: [...m.to, ...m.cc].join(', ') })}</p>
      <p>
        <span className={`badge mail-status mail-status-${m.status}`}>{t(`out_${m.status}`)}</span>{' '}
        <span className="muted">{m.sentAt ? t('sentAt', { date: f.dateTime(m.sentAt) }) : t('queuedAt', { date: f.dateTime(m.createdAt) })}</span>
      </p>
      {m.status !== 'sent' && m.attempts > 0 && <p className="muted">{t.plural('attempts', m.attempts)}</p>}
      {m.lastError && m.status !== 'sent' && <p className="mail-error">{m.lastError}</p>}
    </li>
  );
}
