// Timeline entries that record a change, one compact line each: who, what, when.
import type { TimelineEvent } from '../api.ts';
import type { TicketStatus } from '../../../../../common/enums.ts';
import { useFormat, useT } from '../../../app/i18n.tsx';
import { common } from '../../../app/messages.ts';
import { messages } from '../messages.ts';
import { list, num, obj, ref, str } from './event-data.ts';
import { RichText } from './RichText.tsx';
import { EmailDeliveryLine } from '../email/EmailDeliveryLine.tsx';
import { SlaTimelineLine } from '../sla/SlaTimelineLine.tsx';
import { KnowledgeTimelineLine } from '../knowledge/KnowledgeTimelineLine.tsx';

const STATUSES = new Set(['new', 'assigned', 'in_progress', 'pending', 'resolved', 'closed']);
const FIELDS = ['title', 'description', 'type', 'channel', 'impact', 'urgency', 'priority', 'category', 'priorityOverridden', 'priorityReason'] as const;
type Field = (typeof FIELDS)[number];

export function TimelineChange({ event, categoryPaths }: { event: TimelineEvent; categoryPaths: Map<number, string> }) {
  const t = useT(messages);
  const c = useT(common);
  const f = useFormat();
  const d = event.data;
  const statusName = (s: unknown) => (typeof s === 'string' && STATUSES.has(s) ? c(`status_${s as TicketStatus}`) : String(s ?? ''));
  const who = event.author?.name ?? t('system');

  function value(field: Field, v: unknown): string {
    if (v === null || v === undefined) return c('none');
    if (field === 'priority') return `P${String(v)}`;
    if (field === 'type' && (v === 'incident' || v === 'service_request')) return c(`type_${v}`);
    if (field === 'category') return categoryPaths.get(Number(v)) ?? `#${String(v)}`;
    return String(v);
  }

  let what: string;
  let detail: string | null = null;
  switch (event.kind) {
    case 'status': {
      const reason = str(d?.pendingReason);
      what = t('chStatus', { from: statusName(d?.from), to: statusName(d?.to) });
      if (reason === 'requester' || reason === 'third_party') what += ` (${c(`pending_${reason}`)})`;
      break;
    }
    case 'field': {
      const changes = obj(d?.changes) ?? {};
      const parts = Object.entries(changes).map(([name, change]) => {
        const known = (FIELDS as readonly string[]).includes(name) ? (name as Field) : null;
        const ch = obj(change);
        if (!known) return t('f_resolution');
        const label = t(`f_${known}`);
        return ['impact', 'urgency', 'priority', 'type', 'category'].includes(known) ? `${label} ${value(known, ch?.from)} → ${value(known, ch?.to)}` : label;
      });
      what = t('chFields', { fields: [...new Set(parts)].join(', ') });
      detail = str(d?.reason);
      break;
    }
    case 'assignment': {
      const name = (side: unknown) => {
        const s = obj(side);
        const g = ref(s?.group);
        const a = ref(s?.assignee);
        return [g?.name ?? t('noGroupShort'), a?.name ?? c('unassigned')].join(' · ');
      };
      what = t('chAssignment', { from: name(d?.from), to: name(d?.to) });
      break;
    }
    case 'reopen':
      what = t('chReopen');
      detail = event.body;
      break;
    case 'close':
      what = t('chClose');
      detail = event.body;
      break;
    case 'attachment': {
      const files = list(d?.attachments).map(obj).filter((a) => a && num(a.id) !== null);
      return (
        <p className="tl-line">
          <span className="tl-author">{who}</span> {t('chAttachment')}{' '}
          {files.map((a, i) => (
            <span key={num(a!.id)!}>
              {i > 0 && ', '}
              <a href={`/api/v1/attachments/${num(a!.id)}/content`}>{str(a!.filename) ?? '?'}</a>
            </span>
          ))}
          {event.internal && <span className="tl-internal-tag"> {t('internalTag')}</span>} <Time iso={event.createdAt} text={f.dateTime(event.createdAt)} />
        </p>
      );
    }
    case 'email_bounce':
    case 'email_failed':
      return <EmailDeliveryLine event={event} />;
    case 'sla_warning':
    case 'sla_breach':
    case 'page':
      return <SlaTimelineLine event={event} />;
    case 'article':
    case 'problem':
      return <KnowledgeTimelineLine event={event} />;
    default:
      what = event.kind;
  }
  return (
    <div className="tl-line">
      <p>
        <span className="tl-author">{who}</span> {what} <Time iso={event.createdAt} text={f.dateTime(event.createdAt)} />
      </p>
      {detail && <RichText text={detail} className="tl-detail" />}
    </div>
  );
}

function Time({ iso, text }: { iso: string; text: string }) {
  return (
    <time dateTime={iso} className="muted">
      · {text}
    </time>
  );
}
