// Timeline entries with content: the opening description, replies, internal notes,
// hand-off notes, the resolution record and remote sessions.
import type { ReactNode } from 'react';
import type { Ticket, TimelineEvent } from '../api.ts';
import { useFormat, useT } from '../../../app/i18n.tsx';
import { common } from '../../../app/messages.ts';
import { messages } from '../messages.ts';
import { panelMessages } from '../panel-messages.ts';
import { RichText } from './RichText.tsx';
import { httpUrl, obj, ref, str } from './event-data.ts';
import { toolName } from './remote-tools.ts';
import { EmailOriginLine } from '../email/EmailOriginLine.tsx';
import { FileLinks, filesOfEvent } from '../../../ui/FileLinks.tsx';

const CARD_KINDS = new Set<TimelineEvent['kind']>(['created', 'reply', 'note', 'escalation', 'resolution', 'remote_session']);
export const isCard = (e: TimelineEvent) => CARD_KINDS.has(e.kind);

function Card({ event, variant, label, children }: { event: TimelineEvent; variant: string; label: ReactNode; children?: ReactNode }) {
  const t = useT(messages);
  const f = useFormat();
  return (
    <article className={`tl-card tl-${variant}`}>
      <header className="tl-head">
        <span className="tl-label">{label}</span>
        <span className="tl-author">{event.author?.name ?? t('system')}</span>
        <time dateTime={event.createdAt} className="muted">
          {f.dateTime(event.createdAt)}
        </time>
      </header>
      {children}
      <EmailOriginLine data={event.data} />
    </article>
  );
}

export function TimelineCard({ event, ticket }: { event: TimelineEvent; ticket: Ticket }) {
  const t = useT(messages);
  const p = useT(panelMessages);
  const c = useT(common);
  const f = useFormat();
  const d = event.data;
  switch (event.kind) {
    case 'created':
      return (
        <Card event={event} variant="public" label={t('openedVia', { channel: c(`channel_${ticket.channel}`) })}>
          <RichText text={ticket.description} />
        </Card>
      );
    case 'reply':
      return (
        <Card event={event} variant="public" label={event.author?.id === ticket.requester.id ? t('requesterReply') : t('publicReply')}>
          <RichText text={event.body ?? ''} />
          <FileLinks files={filesOfEvent(d)} />
        </Card>
      );
    case 'note':
      return (
        <Card event={event} variant="note" label={t('internalNote')}>
          <RichText text={event.body ?? ''} />
          <FileLinks files={filesOfEvent(d)} />
        </Card>
      );
    case 'escalation': {
      const to = obj(d?.to);
      const group = ref(to?.group);
      const target = `${c('tier', { tier: Number(to?.tier ?? 0) })}${group ? ` · ${group.name}` : ''}`;
      return (
        <Card event={event} variant="escalation" label={t('escalatedTo', { target })}>
          <p className="tl-sublabel">{t('handOffNote')}</p>
          <RichText text={event.body ?? ''} />
        </Card>
      );
    }
    case 'resolution': {
      const record = obj(d?.record);
      const fields = (['symptoms', 'diagnosis', 'actions', 'result', 'code'] as const).filter((k) => str(record?.[k]));
      return (
        <Card event={event} variant="resolution" label={t('resolvedLabel')}>
          <dl className="tl-record">
            {fields.map((k) => (
              <div key={k}>
                <dt>{p(`res_${k}`)}</dt>
                <dd>
                  <RichText text={str(record?.[k]) ?? ''} />
                </dd>
              </div>
            ))}
          </dl>
        </Card>
      );
    }
    case 'remote_session': {
      const action = str(d?.action);
      const tool = toolName(p, str(d?.tool));
      const launch = httpUrl(d?.launchUrl);
      const sessionRef = str(d?.sessionRef);
      const started = str(d?.startedAt);
      const ended = str(d?.endedAt);
      return (
        <Card event={event} variant="remote" label={action === 'recorded' ? t('remoteRecorded', { tool }) : action === 'ended' ? t('remoteEnded', { tool }) : t('remoteUpdated', { tool })}>
          <ul className="tl-remote">
            {sessionRef && (
              <li>
                {p('rs_session')}: {launch ? <a href={launch} rel="noopener noreferrer nofollow">{sessionRef}</a> : sessionRef}
              </li>
            )}
            {action === 'recorded' && <li>{str(d?.consentNote) ? p('rs_consentWith', { note: str(d?.consentNote)! }) : p('rs_consentGiven')}</li>}
            {started && action === 'recorded' && <li>{p('rs_started', { date: f.dateTime(started) })}</li>}
            {ended && <li>{p('rs_ended', { date: f.dateTime(ended) })}</li>}
          </ul>
          {event.body && <RichText text={event.body} />}
        </Card>
      );
    }
    default:
      return null;
  }
}
