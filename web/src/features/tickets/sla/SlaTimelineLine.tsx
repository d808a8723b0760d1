// Internal timeline lines of the SLA engine: a warning or a breach on a target (with the
// actions the policy took), and an on-call agent paged for the ticket.
import type { TimelineEvent } from '../api.ts';
import type { SlaActionKind, SlaMetric } from '../../../../../common/schemas/sla.ts';
import { useFormat, useT } from '../../../app/i18n.tsx';
import { list, num, obj, ref, str } from '../components/event-data.ts';
import { slaMessages } from './messages.ts';
import './sla.css';

// The server's lists (common/schemas/sla.ts), repeated because the web bundle does not import
// zod; `satisfies` and the check below break the build if they drift apart.
const METRICS = ['firstResponse', 'resolution', 'nextResponse'] as const satisfies readonly SlaMetric[];
const ACTIONS = ['notify_assignee', 'notify_group', 'notify_supervisors', 'raise_priority', 'reassign', 'escalate'] as const satisfies readonly SlaActionKind[];
type Exhaustive<Missing extends never> = Missing;
export type SlaListsAreComplete = Exhaustive<Exclude<SlaMetric, (typeof METRICS)[number]> | Exclude<SlaActionKind, (typeof ACTIONS)[number]>>;

const isMetric = (v: unknown): v is SlaMetric => (METRICS as readonly unknown[]).includes(v);
const isAction = (v: unknown): v is SlaActionKind => (ACTIONS as readonly unknown[]).includes(v);

export function SlaTimelineLine({ event }: { event: TimelineEvent }) {
  const t = useT(slaMessages);
  const f = useFormat();
  const d = obj(event.data);
  let text: string;
  let detail: string | null = null;

  if (event.kind === 'page') {
    const user = ref(d?.user)?.name ?? t('someone');
    const rotation = ref(d?.rotation)?.name;
    const level = num(d?.level) ?? 1;
    text = rotation ? t('tlPage', { user, rotation, level }) : t('tlPageNoRotation', { user, level });
  } else {
    const metric = isMetric(d?.metric) ? t(`m_${d.metric}`) : str(d?.metric) ?? '?';
    const dueAt = str(d?.dueAt);
    const time = dueAt && !Number.isNaN(Date.parse(dueAt)) ? f.dateTime(dueAt) : '?';
    text = t(event.kind === 'sla_breach' ? 'tlBreach' : 'tlWarning', { metric, time });
    const actions = list(d?.actions)
      .filter((a): a is string => typeof a === 'string')
      .map((a) => (isAction(a) ? t(`a_${a}`) : a));
    if (actions.length > 0) detail = t('tlActions', { actions: actions.join(', ') });
  }

  const variant = event.kind === 'sla_breach' ? 'tl-sla-breach' : event.kind === 'sla_warning' ? 'tl-sla-warning' : 'tl-page';
  return (
    <div className={`tl-line ${variant}`}>
      <p>
        <span className="tl-sla-text">{text}</span>
        {event.internal && <span className="tl-internal-tag"> {t('internal')}</span>}{' '}
        <time dateTime={event.createdAt} className="muted">
          · {f.dateTime(event.createdAt)}
        </time>
      </p>
      {detail && <p className="tl-detail">{detail}</p>}
    </div>
  );
}
