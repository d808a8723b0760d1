// The conversation as the requester sees it: their request, then the public replies and
// what happened to it. Every text is rendered as React text (never as HTML).
import type { Ticket, TimelineEvent } from '../../../../../common/schemas/tickets.ts';
import type { TicketStatus } from '../../../../../common/enums.ts';
import { useFormat, useT } from '../../../app/i18n.tsx';
import { portalMessages } from '../messages.ts';
import { FileLinks, filesOfEvent } from '../../../ui/FileLinks.tsx';

type T = ReturnType<typeof useT<keyof (typeof portalMessages)['en']>>;

function Message({ who, at, mine, children }: { who: string; at: string; mine: boolean; children: React.ReactNode }) {
  const f = useFormat();
  return (
    <li className={`portal-msg${mine ? ' portal-msg-mine' : ''}`}>
      <div className="portal-msg-head">
        <strong>{who}</strong>{' '}
        <time dateTime={at} className="muted">
          {f.dateTime(at)}
        </time>
      </div>
      {children}
    </li>
  );
}

function Note({ at, children }: { at: string; children: React.ReactNode }) {
  const f = useFormat();
  return (
    <li className="portal-event">
      {children}{' '}
      <time dateTime={at} className="muted">
        {f.dateTime(at)}
      </time>
    </li>
  );
}

const Body = ({ text }: { text: string | null | undefined }) => (text ? <p className="portal-msg-body">{text}</p> : null);

function eventItem(e: TimelineEvent, t: T, meId: number) {
  const who = e.author ? (e.author.id === meId ? t('you') : e.author.name) : t('supportTeam');
  const mine = e.author?.id === meId;
  switch (e.kind) {
    case 'reply':
      return (
        <Message key={e.id} who={who} at={e.createdAt} mine={mine}>
          <Body text={e.body} />
          <FileLinks files={filesOfEvent(e.data)} />
        </Message>
      );
    case 'resolution': {
      const solution = e.body ?? (typeof e.data?.result === 'string' ? e.data.result : null);
      return (
        <Message key={e.id} who={who} at={e.createdAt} mine={false}>
          <p className="portal-msg-tag">{t('eventResolved')}</p>
          {solution && <p className="portal-msg-body">{t('solution', { text: solution })}</p>}
        </Message>
      );
    }
    case 'reopen':
    case 'close':
      return (
        <Message key={e.id} who={who} at={e.createdAt} mine={mine}>
          <p className="portal-msg-tag">{t(e.kind === 'reopen' ? 'eventReopened' : 'eventClosed')}</p>
          <Body text={e.body} />
        </Message>
      );
    case 'status': {
      const to = e.data?.to as TicketStatus | undefined;
      return to ? (
        <Note key={e.id} at={e.createdAt}>
          {t('eventStatus', { status: t(`plain_${to}`) })}
        </Note>
      ) : null;
    }
    case 'attachment': {
      const files = (e.data?.attachments as { filename: string }[] | undefined) ?? [];
      return (
        <Note key={e.id} at={e.createdAt}>
          {t('eventAttachment', { names: files.map((a) => a.filename).join(', ') })}
        </Note>
      );
    }
    default:
      return null;
  }
}

export function Conversation({ ticket, events, meId }: { ticket: Ticket; events: TimelineEvent[]; meId: number }) {
  const t = useT(portalMessages);
  const opener = ticket.requester.id === meId ? t('you') : ticket.requester.name;
  return (
    <section className="panel" aria-labelledby="portal-conversation">
      <h2 id="portal-conversation">{t('conversation')}</h2>
      <ol className="portal-thread">
        <Message who={opener} at={ticket.createdAt} mine={ticket.requester.id === meId}>
          <Body text={ticket.description} />
        </Message>
        {events.map((e) => eventItem(e, t, meId))}
      </ol>
    </section>
  );
}
