// Under a message that came by mail: "By email", how it was threaded in words, whether it
// was an auto-reply, and the way to the original when the timeline shows it trimmed.
import { useT } from '../../../app/i18n.tsx';
import { emailOrigin, matchExplanation } from './email-origin.ts';
import { emailMessages } from './messages.ts';
import { OriginalMessageButton } from './OriginalMessage.tsx';

export function EmailOriginLine({ data }: { data: Record<string, unknown> | null }) {
  const t = useT(emailMessages);
  const origin = emailOrigin(data);
  if (!origin) return null;
  const why = matchExplanation(origin.match);
  const parts = [why ? t(why.key, why.vars) : null, origin.notParticipant ? t('notParticipant') : null, origin.auto ? t('autoReply') : null, origin.trimmed ? t('trimmed') : null].filter((p): p is string => !!p);
  return (
    <div className="mail-origin">
      <p>
        <span className="mail-origin-label">{t('byEmail')}</span>
        {parts.map((p) => (
          <span key={p} className="mail-origin-part">
            {' · '}
            {p}
          </span>
        ))}
      </p>
      {origin.inboundId !== null && <OriginalMessageButton inboundId={origin.inboundId} />}
    </div>
  );
}
