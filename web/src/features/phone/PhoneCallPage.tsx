// Logging a phone call in one step: the caller (found or created), the notes, the
// qualification, and either a resolution on the spot or a ticket left open.
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Ticket } from '../../../../common/schemas/tickets.ts';
import { api } from '../../app/api-client.ts';
import { queryKeys } from '../../app/query-keys.ts';
import { useT } from '../../app/i18n.tsx';
import { common } from '../../app/messages.ts';
import { Button } from '../../ui/Button.tsx';
import { ErrorBanner } from '../../ui/Feedback.tsx';
import { SelectField, TextArea, TextField } from '../../ui/Field.tsx';
import { useGroups } from '../tickets/api.ts';
import { QualificationFields, type Qualification } from '../tickets/components/QualificationFields.tsx';
import { ResolutionFields, emptyResolution, missingFields, toRecord, type ResolutionErrors } from '../tickets/components/ResolutionFields.tsx';
import type { LoggedCall } from '../tickets/TicketPage.tsx';
import { CallerPicker, type Caller } from './components/CallerPicker.tsx';
import { phoneMessages } from './messages.ts';
import '../tickets/tickets.css';
import './phone.css';

interface Errors {
  caller?: string;
  title?: string;
  notes?: string;
}

export function PhoneCallPage() {
  const t = useT(phoneMessages);
  const c = useT(common);
  const navigate = useNavigate();
  const qc = useQueryClient();
  const groups = useGroups();
  const [caller, setCaller] = useState<Caller>(null);
  const [title, setTitle] = useState('');
  const [notes, setNotes] = useState('');
  const [q, setQ] = useState<Qualification>({ type: 'incident', categoryId: null, impact: 3, urgency: 3 });
  const [groupId, setGroupId] = useState<number | null>(null);
  const [resolveNow, setResolveNow] = useState(false);
  const [resolution, setResolution] = useState(emptyResolution);
  const [errors, setErrors] = useState<Errors>({});
  const [resErrors, setResErrors] = useState<ResolutionErrors>({});
  const log = useMutation({
    mutationFn: (body: Record<string, unknown>) => api.post<Ticket>('/calls', body),
    onSuccess: (ticket) => {
      qc.setQueryData(queryKeys.ticket(ticket.id), ticket);
      void qc.invalidateQueries({ queryKey: queryKeys.tickets });
      void qc.invalidateQueries({ queryKey: queryKeys.counts });
      const loggedCall: LoggedCall = { reference: ticket.reference, resolved: ticket.status === 'resolved' };
      navigate(`/agent/tickets/${ticket.id}`, { state: { loggedCall } });
    },
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    const found: Errors = {
      caller: !caller ? t('callerRequired') : caller.kind === 'new' && !caller.email.trim() ? t('emailRequired') : undefined,
      title: title.trim() ? undefined : t('titleRequired'),
      notes: notes.trim() ? undefined : t('notesRequired'),
    };
    const missing = resolveNow ? missingFields(resolution, t('required')) : {};
    setErrors(found);
    setResErrors(missing);
    if (found.caller || found.title || found.notes || Object.keys(missing).length) return;
    log.mutate({
      caller: caller!.kind === 'existing' ? { id: caller!.id } : { email: caller!.email.trim(), ...(caller!.name.trim() ? { name: caller!.name.trim() } : {}) },
      title: title.trim(),
      notes: notes.trim(),
      type: q.type,
      category: q.categoryId,
      impact: q.impact,
      urgency: q.urgency,
      ...(groupId !== null ? { groupId } : {}),
      ...(resolveNow ? { resolution: toRecord(resolution) } : {}),
    });
  }

  return (
    <div className="phone-page">
      <h1>{t('title')}</h1>
      <p className="muted">{t('intro')}</p>
      <form onSubmit={submit} noValidate>
        <section className="panel" aria-labelledby="phone-caller">
          <h2 id="phone-caller">{t('callerSection')}</h2>
          <CallerPicker value={caller} onChange={setCaller} error={errors.caller} />
        </section>
        <section className="panel" aria-labelledby="phone-call">
          <h2 id="phone-call">{t('callSection')}</h2>
          <TextField label={t('callTitle')} required maxLength={200} error={errors.title} value={title} onChange={(e) => setTitle(e.target.value)} />
          <TextArea label={t('notes')} hint={t('notesHint')} required rows={6} error={errors.notes} value={notes} onChange={(e) => setNotes(e.target.value)} />
        </section>
        <section className="panel" aria-labelledby="phone-qual">
          <h2 id="phone-qual">{t('qualification')}</h2>
          <QualificationFields value={q} onChange={setQ} />
          <SelectField label={t('group')} value={groupId ?? ''} onChange={(e) => setGroupId(e.target.value ? Number(e.target.value) : null)}>
            <option value="">{t('noGroup')}</option>
            {(groups.data ?? []).map((g) => (
              <option key={g.id} value={g.id}>
                {c('tier', { tier: g.tier })} · {g.name}
              </option>
            ))}
          </SelectField>
        </section>
        <section className="panel" aria-labelledby="phone-outcome">
          <h2 id="phone-outcome">{t('outcome')}</h2>
          <fieldset className="plain-fieldset phone-outcomes">
            <legend className="visually-hidden">{t('outcome')}</legend>
            <label className="checkbox">
              <input type="radio" name="outcome" checked={resolveNow} onChange={() => setResolveNow(true)} aria-describedby="phone-resolve-hint" />
              {t('resolveNow')}
            </label>
            <p className="field-hint" id="phone-resolve-hint">
              {t('resolveNowHint')}
            </p>
            <label className="checkbox">
              <input type="radio" name="outcome" checked={!resolveNow} onChange={() => setResolveNow(false)} aria-describedby="phone-open-hint" />
              {t('leaveOpen')}
            </label>
            <p className="field-hint" id="phone-open-hint">
              {t('leaveOpenHint')}
            </p>
          </fieldset>
          {resolveNow && (
            <div className="phone-resolution">
              <h3>{t('resolutionSection')}</h3>
              <ResolutionFields value={resolution} onChange={setResolution} errors={resErrors} />
            </div>
          )}
        </section>
        <ErrorBanner error={log.error} />
        <Button variant="primary" type="submit" busy={log.isPending}>
          {t('submit')}
        </Button>
      </form>
    </div>
  );
}
