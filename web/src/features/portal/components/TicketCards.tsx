// The list of requests as cards: one column, the whole card is the link target.
import { Link } from 'react-router';
import type { Ticket } from '../../../../../common/schemas/tickets.ts';
import { useFormat, useT } from '../../../app/i18n.tsx';
import { portalMessages } from '../messages.ts';
import { PlainStatus } from './PlainStatus.tsx';

export function TicketCards({ tickets, showRequester }: { tickets: Ticket[]; showRequester: boolean }) {
  const t = useT(portalMessages);
  const f = useFormat();
  return (
    <ul className="portal-cards" aria-label={t('listLabel')}>
      {tickets.map((tk) => (
        <li key={tk.id} className="portal-card">
          <Link to={`/portal/tickets/${tk.id}`} className="portal-card-link">
            <span className="portal-card-title">{tk.title}</span>
          </Link>
          <div className="portal-card-meta">
            <span className="portal-ref">{tk.reference}</span>
            <PlainStatus status={tk.status} />
            <time dateTime={tk.updatedAt} title={f.dateTime(tk.updatedAt)} className="muted">
              {t('updated', { when: f.relative(tk.updatedAt) })}
            </time>
          </div>
          {showRequester && <div className="muted">{t('requestedBy', { name: tk.requester.name })}</div>}
        </li>
      ))}
    </ul>
  );
}
