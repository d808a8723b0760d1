// Qualifying the ticket: type, category, impact × urgency (the derived priority shown
// live), and a priority set by hand with its reason. Saved with one PATCH of what changed.
import { useState, type FormEvent } from 'react';
import type { Priority } from '../../../../../common/enums.ts';
import type { Ticket } from '../api.ts';
import { usePriorityMatrix, useTicketAction } from '../api.ts';
import { api } from '../../../app/api-client.ts';
import { useT } from '../../../app/i18n.tsx';
import { Button } from '../../../ui/Button.tsx';
import { ErrorBanner, Notice } from '../../../ui/Feedback.tsx';
import { SelectField, TextField } from '../../../ui/Field.tsx';
import { PriorityBadge } from '../../../ui/Badges.tsx';
import { derivedPriority } from '../priority.ts';
import { panelMessages } from '../panel-messages.ts';
import { QualificationFields, type Qualification } from './QualificationFields.tsx';

const PRIORITIES: Priority[] = ['P1', 'P2', 'P3', 'P4', 'P5'];

export function QualificationPanel({ ticket }: { ticket: Ticket }) {
  const t = useT(panelMessages);
  const matrix = usePriorityMatrix();
  const initial: Qualification = { type: ticket.type, categoryId: ticket.category?.id ?? null, impact: ticket.impact, urgency: ticket.urgency };
  const [q, setQ] = useState<Qualification>(initial);
  const [override, setOverride] = useState(ticket.priorityOverridden);
  const [priority, setPriority] = useState<Priority>(ticket.priority);
  const [reason, setReason] = useState(ticket.priorityReason ?? '');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  // Someone changed the qualification (or we saved it): show the ticket as it now is.
  const signature = [ticket.type, ticket.category?.id, ticket.impact, ticket.urgency, ticket.priority, ticket.priorityOverridden, ticket.priorityReason].join('|');
  const [seen, setSeen] = useState(signature);
  if (seen !== signature) {
    setSeen(signature);
    setQ(initial);
    setOverride(ticket.priorityOverridden);
    setPriority(ticket.priority);
    setReason(ticket.priorityReason ?? '');
  }
  const save = useTicketAction(ticket.id, (body: Record<string, unknown>) => api.patch<Ticket>(`/tickets/${ticket.id}`, body));

  const derived = derivedPriority(matrix.data, q.impact, q.urgency);
  const closed = ticket.status === 'closed';

  function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(null);
    const body: Record<string, unknown> = {};
    if (q.type !== initial.type) body.type = q.type;
    if (q.categoryId !== initial.categoryId) body.category = q.categoryId;
    if (q.impact !== initial.impact) body.impact = q.impact;
    if (q.urgency !== initial.urgency) body.urgency = q.urgency;
    if (override) {
      if (!reason.trim()) {
        setReasonError(t('q_reasonRequired'));
        return;
      }
      if (!ticket.priorityOverridden || priority !== ticket.priority || reason.trim() !== (ticket.priorityReason ?? '')) {
        body.priority = priority;
        body.priorityReason = reason.trim();
      }
    } else if (ticket.priorityOverridden) body.priority = null;
    setReasonError(null);
    if (Object.keys(body).length === 0) {
      setSaved(t('nothingToSave'));
      return;
    }
    save.mutate(body, { onSuccess: () => setSaved(t('saved')) });
  }

  return (
    <section className="panel" aria-labelledby="ticket-qual-title">
      <h2 id="ticket-qual-title">{t('q_title')}</h2>
      <form onSubmit={submit} noValidate>
        <fieldset disabled={closed} className="plain-fieldset">
          <QualificationFields value={q} onChange={setQ} showDerived={false} />
          <p className="derived-priority" aria-live="polite">
            {t('q_derived')} {derived ? <PriorityBadge priority={derived} /> : <span className="muted">…</span>}
            {override && <span className="muted"> {t('q_overridden')}</span>}
          </p>
          <label className="checkbox">
            <input type="checkbox" checked={override} onChange={(e) => setOverride(e.target.checked)} />
            {t('q_override')}
          </label>
          {override && (
            <div className="grid-2">
              <SelectField label={t('q_overridePriority')} value={priority} onChange={(e) => setPriority(e.target.value as Priority)}>
                {PRIORITIES.map((p) => (
                  <option key={p} value={p}>
                    {p}
                  </option>
                ))}
              </SelectField>
              <TextField label={t('q_overrideReason')} value={reason} error={reasonError} required maxLength={500} onChange={(e) => setReason(e.target.value)} />
            </div>
          )}
          <ErrorBanner error={save.error} />
          {saved && <Notice tone="success">{saved}</Notice>}
          <Button variant="primary" type="submit" busy={save.isPending}>
            {t('q_save')}
          </Button>
        </fieldset>
      </form>
    </section>
  );
}
