// The ticket's identity at a glance: number, title, status, priority, type, channel,
// tier, group and assignee.
import type { Ticket } from '../api.ts';
import { useFormat, useT } from '../../../app/i18n.tsx';
import { common } from '../../../app/messages.ts';
import { PriorityBadge, StatusBadge } from '../../../ui/Badges.tsx';
import { messages } from '../messages.ts';

export function TicketHeader({ ticket }: { ticket: Ticket }) {
  const t = useT(messages);
  const c = useT(common);
  const f = useFormat();
  const status = ticket.status === 'pending' && ticket.pendingReason ? `${c('status_pending')} — ${c(`pending_${ticket.pendingReason}`)}` : c(`status_${ticket.status}`);
  return (
    <header className="ticket-header panel">
      <h1>
        <span className="ticket-ref">{ticket.reference}</span> {ticket.title}
      </h1>
      <dl className="ticket-facts">
        <div>
          <dt>{t('status')}</dt>
          <dd>
            <StatusBadge status={ticket.status} label={status} />
          </dd>
        </div>
        <div>
          <dt>{t('priority')}</dt>
          <dd>
            <PriorityBadge priority={ticket.priority} />
            {ticket.priorityOverridden && <span className="muted"> {t('priorityByHand')}</span>}
          </dd>
        </div>
        <div>
          <dt>{t('type')}</dt>
          <dd>{c(`type_${ticket.type}`)}</dd>
        </div>
        <div>
          <dt>{t('channel')}</dt>
          <dd>{c(`channel_${ticket.channel}`)}</dd>
        </div>
        <div>
          <dt>{t('group')}</dt>
          <dd>
            {c('tier', { tier: ticket.tier })}
            {ticket.group ? ` · ${ticket.group.name}` : ''}
          </dd>
        </div>
        <div>
          <dt>{t('assignee')}</dt>
          <dd>{ticket.assignee?.name ?? c('unassigned')}</dd>
        </div>
        <div>
          <dt>{t('opened')}</dt>
          <dd>
            <time dateTime={ticket.createdAt}>{f.dateTime(ticket.createdAt)}</time>
          </dd>
        </div>
        {ticket.firstContactResolution && (
          <div>
            <dt>{t('resolution')}</dt>
            <dd>{t('firstContact')}</dd>
          </div>
        )}
      </dl>
    </header>
  );
}
