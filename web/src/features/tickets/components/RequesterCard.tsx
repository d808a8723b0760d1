// Who asked: name, email, organisation, and their latest other tickets.
import { Link } from 'react-router';
import type { Ticket } from '../api.ts';
import { useRequesterTickets } from '../api.ts';
import { useT } from '../../../app/i18n.tsx';
import { common } from '../../../app/messages.ts';
import { StatusBadge } from '../../../ui/Badges.tsx';
import { ErrorBanner, Spinner } from '../../../ui/Feedback.tsx';
import { messages } from '../messages.ts';

export function RequesterCard({ ticket }: { ticket: Ticket }) {
  const t = useT(messages);
  const c = useT(common);
  const recent = useRequesterTickets(ticket.requester.id);
  const others = (recent.data ?? []).filter((r) => r.id !== ticket.id).slice(0, 5);
  return (
    <section className="panel" aria-labelledby="ticket-requester-title">
      <h2 id="ticket-requester-title">{t('requester')}</h2>
      <p className="requester-name">{ticket.requester.name}</p>
      <p>
        <a href={`mailto:${ticket.requester.email}`}>{ticket.requester.email}</a>
      </p>
      <p className="muted">{ticket.organisation ? ticket.organisation.name : t('noOrganisation')}</p>
      <h3>{t('recentTickets')}</h3>
      {recent.isPending && <Spinner label={c('loading')} />}
      <ErrorBanner error={recent.error} />
      {recent.isSuccess && others.length === 0 && <p className="muted">{t('noOtherTickets')}</p>}
      {others.length > 0 && (
        <ul className="requester-tickets">
          {others.map((r) => (
            <li key={r.id}>
              <Link to={`/agent/tickets/${r.id}`}>
                {r.reference} {r.title}
              </Link>{' '}
              <StatusBadge status={r.status} label={c(`status_${r.status}`)} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
