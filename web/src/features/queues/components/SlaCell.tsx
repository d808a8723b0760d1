// A queue row's SLA: the earliest due time of its running clock, compact ("in 20 mins",
// "overdue 5 mins"), coloured and marked when at risk or overdue, the exact time as title.
// It ticks on its own (one shared timer), so the memoised row around it stays as it is.
import type { TicketStatus } from '../../../../../common/enums.ts';
import { formatDateTime, useT, type Lang } from '../../../app/i18n.tsx';
import { slaMessages } from '../../tickets/sla/messages.ts';
import { dueView, formatDuration } from '../../tickets/sla/sla-time.ts';
import { useNow } from '../../tickets/sla/useNow.ts';
import '../../tickets/sla/sla.css';

export function SlaCell({ dueAt, status, lang }: { dueAt: string | null; status: TicketStatus; lang: Lang }) {
  if (dueAt) return <SlaDue dueAt={dueAt} lang={lang} />;
  return status === 'pending' ? <SlaPaused /> : <span aria-hidden="true">—</span>;
}

function SlaPaused() {
  const t = useT(slaMessages);
  return <span className="sla-cell muted">{t('cellPaused')}</span>;
}

function SlaDue({ dueAt, lang }: { dueAt: string; lang: Lang }) {
  const t = useT(slaMessages);
  const now = useNow();
  const { leftMs, tone } = dueView(dueAt, now);
  const duration = formatDuration(leftMs, lang, 'short');
  return (
    <time dateTime={dueAt} title={t('cellTitle', { time: formatDateTime(dueAt, lang) })} className={`sla-cell sla-cell-${tone}`}>
      {tone === 'warning' && (
        <>
          <span className="sla-cell-mark" aria-hidden="true">
            ⚠
          </span>
          <span className="visually-hidden">{t('cellAtRisk')} </span>
        </>
      )}
      {t(tone === 'breached' ? 'cellOverdue' : 'cellIn', { duration })}
    </time>
  );
}
