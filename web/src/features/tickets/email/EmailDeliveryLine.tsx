// Internal timeline lines for mail that did not reach its recipient: a bounce that came back,
// or a send that failed for good.
import type { TimelineEvent } from '../api.ts';
import { useFormat, useT } from '../../../app/i18n.tsx';
import { list, num, obj, str } from '../components/event-data.ts';
import { emailMessages } from './messages.ts';
import { OriginalMessageButton } from './OriginalMessage.tsx';

/** The recipients, whichever shape the event recorded them in. */
function recipients(d: Record<string, unknown> | null): string | null {
  const v = d?.to ?? d?.recipients ?? d?.recipient;
  const names = typeof v === 'string' ? [v] : list(v).filter((x): x is string => typeof x === 'string');
  return names.length > 0 ? names.join(', ') : null;
}

export function EmailDeliveryLine({ event }: { event: TimelineEvent }) {
  const t = useT(emailMessages);
  const f = useFormat();
  const d = obj(event.data);
  const to = recipients(d) ?? t('someone');
  const reason = str(d?.reason) ?? str(d?.error) ?? str(d?.diagnostic) ?? event.body ?? null;
  const bounce = event.kind === 'email_bounce';
  // A bounce is a message that came in: its report can be read in full.
  const inboundId = bounce ? num(d?.inboundId) : null;
  const text = bounce ? (reason ? t('bounce', { to, reason }) : t('bounceNoReason', { to })) : reason ? t('failed', { to, reason }) : t('failedNoReason', { to });
  return (
    <div className="tl-line mail-delivery">
      <p>
        <span className="mail-delivery-text">{text}</span>
        {event.internal && <span className="tl-internal-tag"> {t('internal')}</span>}{' '}
        <time dateTime={event.createdAt} className="muted">
          · {f.dateTime(event.createdAt)}
        </time>
      </p>
      {inboundId !== null && <OriginalMessageButton inboundId={inboundId} />}
    </div>
  );
}
