// The resolution record that resolving requires: symptoms, diagnosis, actions, result and
// an optional code. Can be saved as a draft; once resolved, it is shown as recorded.
import { useImperativeHandle, useRef, useState, type FormEvent, type Ref } from 'react';
import type { Ticket } from '../api.ts';
import { useTicketAction } from '../api.ts';
import { api } from '../../../app/api-client.ts';
import { useFormat, useT } from '../../../app/i18n.tsx';
import { Button } from '../../../ui/Button.tsx';
import { ErrorBanner, Notice } from '../../../ui/Feedback.tsx';
import { panelMessages } from '../panel-messages.ts';
import { RichText } from './RichText.tsx';
import { REQUIRED_FIELDS, ResolutionFields, missingFields, toRecord, type ResolutionDraft, type ResolutionErrors } from './ResolutionFields.tsx';

export interface ResolutionHandle {
  open(): void;
}

type Action = { kind: 'resolve'; record: ReturnType<typeof toRecord> } | { kind: 'draft'; draft: Partial<ResolutionDraft> };

export function ResolutionPanel({ ticket, handle }: { ticket: Ticket; handle?: Ref<ResolutionHandle> }) {
  const t = useT(panelMessages);
  const f = useFormat();
  const r = ticket.resolution;
  const [expanded, setExpanded] = useState(false);
  const [draft, setDraft] = useState<ResolutionDraft>({
    symptoms: r?.symptoms ?? '',
    diagnosis: r?.diagnosis ?? '',
    actions: r?.actions ?? '',
    result: r?.result ?? '',
    code: r?.code ?? '',
  });
  const [errors, setErrors] = useState<ResolutionErrors>({});
  const [notice, setNotice] = useState<string | null>(null);
  const first = useRef<HTMLTextAreaElement>(null);
  const act = useTicketAction(ticket.id, (a: Action) =>
    a.kind === 'resolve' ? api.post<Ticket>(`/tickets/${ticket.id}/resolve`, a.record) : api.patch<Ticket>(`/tickets/${ticket.id}`, { resolution: a.draft }),
  );
  const open = ['new', 'assigned', 'in_progress', 'pending'].includes(ticket.status);

  useImperativeHandle(handle, () => ({
    open() {
      if (!open) return;
      setExpanded(true);
      // The fields exist after this render.
      requestAnimationFrame(() => first.current?.focus());
    },
  }));

  if (!open) {
    return (
      <section className="panel" aria-labelledby="ticket-resolution-title">
        <h2 id="ticket-resolution-title">{t('res_title')}</h2>
        {ticket.resolvedAt && <p className="muted">{t('res_resolvedOn', { date: f.dateTime(ticket.resolvedAt) })}</p>}
        {r && (
          <dl className="tl-record">
            {([...REQUIRED_FIELDS, 'code'] as const).map((k) =>
              r[k] ? (
                <div key={k}>
                  <dt>{t(`res_${k}`)}</dt>
                  <dd>
                    <RichText text={r[k]} />
                  </dd>
                </div>
              ) : null,
            )}
          </dl>
        )}
      </section>
    );
  }

  function resolve(e: FormEvent) {
    e.preventDefault();
    setNotice(null);
    const missing = missingFields(draft, t('res_required'));
    setErrors(missing);
    if (Object.keys(missing).length) return;
    act.mutate({ kind: 'resolve', record: toRecord(draft) });
  }

  function saveDraft() {
    setNotice(null);
    setErrors({});
    const filled = Object.fromEntries(Object.entries(draft).filter(([, v]) => v.trim()).map(([k, v]) => [k, v.trim()]));
    if (Object.keys(filled).length === 0) return;
    act.mutate({ kind: 'draft', draft: filled }, { onSuccess: () => setNotice(t('res_draftSaved')) });
  }

  return (
    <section className="panel" aria-labelledby="ticket-resolution-title">
      <h2 id="ticket-resolution-title">{t('res_title')}</h2>
      <button type="button" className="btn" aria-expanded={expanded} aria-controls="ticket-resolution-form" onClick={() => setExpanded((x) => !x)}>
        {t('res_document')}
      </button>
      <form id="ticket-resolution-form" hidden={!expanded} onSubmit={resolve} noValidate className="resolution-form">
        <ResolutionFields value={draft} onChange={setDraft} errors={errors} firstField={first} />
        <ErrorBanner error={act.error} />
        {notice && <Notice tone="success">{notice}</Notice>}
        <div className="row">
          <Button variant="primary" type="submit" busy={act.isPending}>
            {t('res_resolve')}
          </Button>
          <Button busy={act.isPending} onClick={saveDraft}>
            {t('res_saveDraft')}
          </Button>
        </div>
      </form>
    </section>
  );
}
