// Recording a remote session: tool, session id or link, the requester's consent (required),
// when it started and, optionally, what was done.
import { useState, type FormEvent } from 'react';
import type { RemoteTool } from '../../../../../common/schemas/remote-sessions.ts';
import type { RemoteSession } from '../api.ts';
import { useTicketAction } from '../api.ts';
import { api } from '../../../app/api-client.ts';
import { useT } from '../../../app/i18n.tsx';
import { common } from '../../../app/messages.ts';
import { Button } from '../../../ui/Button.tsx';
import { ErrorBanner } from '../../../ui/Feedback.tsx';
import { SelectField, TextArea, TextField } from '../../../ui/Field.tsx';
import { panelMessages } from '../panel-messages.ts';
import { REMOTE_TOOLS, toolName } from './remote-tools.ts';
import { fromLocalInput, toLocalInput } from './local-time.ts';

export function RemoteSessionForm({ ticketId, onDone }: { ticketId: number; onDone(): void }) {
  const t = useT(panelMessages);
  const c = useT(common);
  const [tool, setTool] = useState<RemoteTool>('anydesk');
  const [sessionRef, setSessionRef] = useState('');
  const [consent, setConsent] = useState(false);
  const [consentNote, setConsentNote] = useState('');
  const [startedAt, setStartedAt] = useState(() => toLocalInput(new Date()));
  const [summary, setSummary] = useState('');
  const [errors, setErrors] = useState<{ ref?: string; consent?: string; started?: string }>({});
  const record = useTicketAction(ticketId, (body: Record<string, unknown>) => api.post<RemoteSession>(`/tickets/${ticketId}/remote-sessions`, body));

  function submit(e: FormEvent) {
    e.preventDefault();
    const started = fromLocalInput(startedAt);
    const found = {
      ref: sessionRef.trim() ? undefined : t('rs_refRequired'),
      consent: consent ? undefined : t('rs_consentRequired'),
      started: started ? undefined : t('rs_startedRequired'),
    };
    setErrors(found);
    if (found.ref || found.consent || found.started) return;
    record.mutate(
      {
        tool,
        sessionRef: sessionRef.trim(),
        consent: true,
        ...(consentNote.trim() ? { consentNote: consentNote.trim() } : {}),
        startedAt: started,
        ...(summary.trim() ? { summary: summary.trim() } : {}),
      },
      { onSuccess: onDone },
    );
  }

  return (
    <form onSubmit={submit} noValidate className="remote-form">
      <h3>{t('rs_add')}</h3>
      <SelectField label={t('rs_tool')} value={tool} onChange={(e) => setTool(e.target.value as RemoteTool)}>
        {REMOTE_TOOLS.map((x) => (
          <option key={x} value={x}>
            {toolName(t, x)}
          </option>
        ))}
      </SelectField>
      <TextField label={t('rs_ref')} hint={t('rs_refHint')} error={errors.ref} required maxLength={500} value={sessionRef} onChange={(e) => setSessionRef(e.target.value)} />
      <div className={`field${errors.consent ? ' field-invalid' : ''}`}>
        <label className="checkbox">
          <input type="checkbox" checked={consent} aria-describedby={errors.consent ? 'rs-consent-error' : undefined} aria-invalid={!!errors.consent || undefined} onChange={(e) => setConsent(e.target.checked)} />
          {t('rs_consent')}
        </label>
        {errors.consent && (
          <div className="field-error" id="rs-consent-error">
            {errors.consent}
          </div>
        )}
      </div>
      <TextField label={t('rs_consentNote')} maxLength={500} value={consentNote} onChange={(e) => setConsentNote(e.target.value)} />
      <TextField label={t('rs_startedAt')} type="datetime-local" error={errors.started} required value={startedAt} onChange={(e) => setStartedAt(e.target.value)} />
      <TextArea label={t('rs_summary')} rows={2} maxLength={10_000} value={summary} onChange={(e) => setSummary(e.target.value)} />
      <ErrorBanner error={record.error} />
      <div className="row">
        <Button variant="primary" type="submit" busy={record.isPending}>
          {t('rs_save')}
        </Button>
        <Button onClick={onDone}>{c('cancel')}</Button>
      </div>
    </form>
  );
}
