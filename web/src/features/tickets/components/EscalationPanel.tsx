// Escalating to a higher tier or another group, always with a hand-off note: what is
// known, what was tried, what is needed.
import { useState, type FormEvent } from 'react';
import type { Ticket } from '../api.ts';
import { useGroups, useTicketAction } from '../api.ts';
import { api } from '../../../app/api-client.ts';
import { useT } from '../../../app/i18n.tsx';
import { common } from '../../../app/messages.ts';
import { Button } from '../../../ui/Button.tsx';
import { ErrorBanner, Notice } from '../../../ui/Feedback.tsx';
import { SelectField, TextArea } from '../../../ui/Field.tsx';
import { panelMessages } from '../panel-messages.ts';

const TIERS = [1, 2, 3];

export function EscalationPanel({ ticket }: { ticket: Ticket }) {
  const t = useT(panelMessages);
  const c = useT(common);
  const groups = useGroups();
  const [target, setTarget] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<{ target?: string; note?: string }>({});
  const [done, setDone] = useState<string | null>(null);
  const escalate = useTicketAction(ticket.id, (body: Record<string, unknown>) => api.post<Ticket>(`/tickets/${ticket.id}/escalate`, body));

  const open = ['new', 'assigned', 'in_progress', 'pending'].includes(ticket.status);
  const tiers = TIERS.filter((n) => n > ticket.tier);
  const candidates = (groups.data ?? []).filter((g) => g.tier >= ticket.tier && g.id !== ticket.group?.id);
  const label = (value: string) => {
    const [kind, id] = value.split(':');
    if (kind === 'tier') return c('tier', { tier: Number(id) });
    const g = groups.data?.find((x) => x.id === Number(id));
    return g ? `${c('tier', { tier: g.tier })} · ${g.name}` : value;
  };

  function submit(e: FormEvent) {
    e.preventDefault();
    setDone(null);
    const found = { target: target ? undefined : t('e_targetRequired'), note: note.trim() ? undefined : t('e_noteRequired') };
    setErrors(found);
    if (found.target || found.note) return;
    const [kind, id] = target.split(':');
    const body = kind === 'tier' ? { tier: Number(id), note: note.trim() } : { groupId: Number(id), note: note.trim() };
    const name = label(target);
    escalate.mutate(body, {
      onSuccess: () => {
        setDone(t('e_done', { target: name }));
        setTarget('');
        setNote('');
      },
    });
  }

  return (
    <section className="panel" aria-labelledby="ticket-escalate-title">
      <h2 id="ticket-escalate-title">{t('e_title')}</h2>
      {!open && <p className="muted">{t('e_notOpen')}</p>}
      <form onSubmit={submit} noValidate>
        <fieldset disabled={!open} className="plain-fieldset">
          <SelectField label={t('e_target')} value={target} error={errors.target} onChange={(e) => setTarget(e.target.value)}>
            <option value="">{t('e_choose')}</option>
            {tiers.length > 0 && (
              <optgroup label={t('e_tiers')}>
                {tiers.map((n) => (
                  <option key={n} value={`tier:${n}`}>
                    {c('tier', { tier: n })}
                  </option>
                ))}
              </optgroup>
            )}
            {candidates.length > 0 && (
              <optgroup label={t('e_groups')}>
                {candidates.map((g) => (
                  <option key={g.id} value={`group:${g.id}`}>
                    {c('tier', { tier: g.tier })} · {g.name}
                  </option>
                ))}
              </optgroup>
            )}
          </SelectField>
          <TextArea label={t('e_note')} hint={t('e_noteHint')} error={errors.note} rows={4} value={note} onChange={(e) => setNote(e.target.value)} />
          <ErrorBanner error={escalate.error} />
          {done && <Notice tone="success">{done}</Notice>}
          <Button type="submit" busy={escalate.isPending}>
            {t('e_submit')}
          </Button>
        </fieldset>
      </form>
    </section>
  );
}
