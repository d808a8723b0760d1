// One SLA target on the ticket page: its name and state badge (words and colour), the live
// line (due in…, overdue by…, met at…, paused since…), then the target and the due time.
import type { SlaMetric as MetricName, SlaMetricState } from '../../../../../common/schemas/sla.ts';
import { formatDateTime, useLocale, useT } from '../../../app/i18n.tsx';
import { slaMessages } from './messages.ts';
import { formatClock, formatDuration, metricView, toneOf, type MetricView } from './sla-time.ts';

interface Props {
  name: MetricName;
  state: SlaMetricState;
  paused: boolean;
  pausedSince: string | null;
  /** The ticket is resolved or closed: a paused clock is a stopped one. */
  stopped: boolean;
  businessTime: boolean;
  now: number;
}

export function SlaMetric({ name, state, paused, pausedSince, stopped, businessTime, now }: Props) {
  const t = useT(slaMessages);
  const { lang } = useLocale();
  const view = metricView(state, { paused, pausedSince }, now);
  const tone = toneOf(view, state.breached);
  const duration = (ms: number) => formatDuration(ms, lang);
  const clock = (iso: string) => formatClock(iso, lang, now);
  const headingId = `sla-metric-${name}`;

  return (
    <li className={`sla-metric sla-tone-${tone}`} aria-labelledby={headingId} data-metric={name} data-tone={tone}>
      <div className="sla-metric-head">
        <h3 id={headingId}>{t(`m_${name}`)}</h3>
        <span className={`sla-badge sla-badge-${tone}`}>{t(`s_${tone}`)}</span>
      </div>
      <p className="sla-live">{liveLine(view)}</p>
      <p className="sla-facts">
        {t(businessTime ? 'targetBusiness' : 'target', { duration: formatDuration(state.targetMinutes * 60_000, lang, 'long', { days: !businessTime }) })}
        {state.dueAt && view.kind !== 'met' && view.kind !== 'paused' && (
          <>
            {' · '}
            <time dateTime={state.dueAt} title={formatDateTime(state.dueAt, lang)}>
              {t('due', { time: clock(state.dueAt) })}
            </time>
          </>
        )}
      </p>
    </li>
  );

  function liveLine(v: MetricView) {
    switch (v.kind) {
      case 'met':
        return <time dateTime={v.at}>{t(v.late ? 'metLate' : 'metInTime', { time: clock(v.at) })}</time>;
      case 'running':
        return t('dueIn', { duration: duration(v.leftMs) });
      case 'overdue':
        return t('overdueBy', { duration: duration(v.overMs) });
      case 'paused': {
        const since = v.since ? t(stopped ? 'stoppedSince' : 'pausedSince', { time: clock(v.since) }) : t(stopped ? 'stopped' : 'paused');
        // On a business calendar the wall-clock time to the due instant is not what is left.
        if (stopped || v.leftMs === null || businessTime) return since;
        const left = v.leftMs > 0 ? t('leftWhenPaused', { duration: duration(v.leftMs) }) : t('overWhenPaused', { duration: duration(v.leftMs) });
        return `${since} · ${left}`;
      }
      case 'none':
        return t('notRunning');
    }
  }
}
