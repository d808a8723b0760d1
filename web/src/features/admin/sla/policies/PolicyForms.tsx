// Creating, changing and deleting an SLA policy: its calendar, targets per priority, the
// warning threshold, the actions, and whether it is the default. The default cannot be
// unset here: another policy is made the default instead.
import { useState } from 'react';
import { api } from '../../../../app/api-client.ts';
import { useT } from '../../../../app/i18n.tsx';
import { SelectField, TextArea, TextField } from '../../../../ui/Field.tsx';
import { ConfirmDelete } from '../../components/ConfirmDelete.tsx';
import { FormFooter } from '../../components/FormFooter.tsx';
import { FormStatus } from '../../components/FormStatus.tsx';
import { useFormRun } from '../../components/useFormRun.ts';
import { messages as admin } from '../../messages.ts';
import { useCalendars, useSlaMutation, type SlaPolicy } from '../api.ts';
import { actionsBody, ActionsEditor, editableActions, type EditableAction } from './ActionsEditor.tsx';
import { editableTargets, targetsBody, type EditableTargets } from './durations.ts';
import { messages } from './messages.ts';
import { TargetsTable } from './TargetsTable.tsx';

interface PolicyFields {
  name: string;
  description: string;
  calendarId: string;
  makeDefault: boolean;
  targets: EditableTargets;
  warnPercent: string;
  actions: EditableAction[];
}

const fieldsOf = (p: SlaPolicy | null): PolicyFields => ({
  name: p?.name ?? '',
  description: p?.description ?? '',
  calendarId: p ? String(p.calendar.id) : '',
  makeDefault: p?.isDefault ?? false,
  targets: editableTargets(p?.targets ?? null),
  warnPercent: String(p?.warnPercent ?? 80),
  actions: editableActions(p?.actions ?? [{ on: 'warning', metric: 'any', do: 'notify_assignee' }, { on: 'breach', metric: 'any', do: 'notify_supervisors' }]),
});

function bodyOf(f: PolicyFields, wasDefault: boolean) {
  return {
    name: f.name,
    description: f.description,
    calendarId: Number(f.calendarId),
    targets: targetsBody(f.targets),
    warnPercent: Number(f.warnPercent),
    actions: actionsBody(f.actions),
    // Only "make it the default" is sent: the update contract accepts true alone.
    ...(f.makeDefault && !wasDefault ? { isDefault: true } : {}),
  };
}

function PolicyForm({ policy, submitLabel, run, onDone }: { policy: SlaPolicy | null; submitLabel: string; run(body: ReturnType<typeof bodyOf>): Promise<SlaPolicy>; onDone(p: SlaPolicy): void }) {
  const t = useT(messages);
  const a = useT(admin);
  const calendars = useCalendars().data ?? [];
  const [f, setF] = useState(() => fieldsOf(policy));
  const set = <K extends keyof PolicyFields>(k: K, v: PolicyFields[K]) => setF((prev) => ({ ...prev, [k]: v }));
  const wasDefault = policy?.isDefault ?? false;
  const { busy, error, submit } = useFormRun(async () => onDone(await run(bodyOf(f, wasDefault))));

  return (
    <form onSubmit={submit}>
      <div className="grid-2">
        <TextField label={a('name')} required maxLength={200} value={f.name} onChange={(e) => set('name', e.target.value)} />
        <SelectField label={t('calendar')} hint={t('calendarHint')} required value={f.calendarId} onChange={(e) => set('calendarId', e.target.value)}>
          <option value="">{t('chooseCalendar')}</option>
          {calendars.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name} ({c.timeZone})
            </option>
          ))}
        </SelectField>
      </div>
      <TextArea label={a('description')} rows={2} maxLength={2000} value={f.description} onChange={(e) => set('description', e.target.value)} />
      <TargetsTable targets={f.targets} onChange={(targets) => set('targets', targets)} />
      <p className="field-hint">{t('targetsHint')}</p>
      <div className="sla-narrow">
        <TextField label={t('warnPercent')} hint={t('warnPercentHint')} type="number" min={1} max={99} step={1} required value={f.warnPercent} onChange={(e) => set('warnPercent', e.target.value)} />
      </div>
      <ActionsEditor actions={f.actions} onChange={(actions) => set('actions', actions)} />
      <label className="checkbox">
        <input type="checkbox" checked={f.makeDefault} disabled={wasDefault} aria-describedby="policy-default-hint" onChange={(e) => set('makeDefault', e.target.checked)} /> {t('makeDefault')}
      </label>
      <p className="field-hint" id="policy-default-hint">
        {wasDefault ? t('isDefaultHint') : t('makeDefaultHint')}
      </p>
      <FormFooter error={error} busy={busy} label={submitLabel} />
    </form>
  );
}

export function NewPolicy({ onCreated }: { onCreated(p: SlaPolicy): void }) {
  const t = useT(messages);
  const create = useSlaMutation((body: ReturnType<typeof bodyOf>) => api.post<SlaPolicy>('/sla/policies', body));
  return (
    <section className="panel sla-form" aria-labelledby="policy-new-heading">
      <h4 id="policy-new-heading">{t('newPolicy')}</h4>
      <PolicyForm policy={null} submitLabel={t('createPolicy')} run={(b) => create.mutateAsync(b)} onDone={onCreated} />
    </section>
  );
}

export function EditPolicy({ policy, onDeleted }: { policy: SlaPolicy; onDeleted(): void }) {
  const t = useT(messages);
  const [saved, setSaved] = useState(false);
  const update = useSlaMutation((body: ReturnType<typeof bodyOf>) => api.patch<SlaPolicy>(`/sla/policies/${policy.id}`, body));
  const remove = useSlaMutation(() => api.delete(`/sla/policies/${policy.id}`));
  return (
    <section className="panel sla-form stack" aria-labelledby="policy-edit-heading">
      <h4 id="policy-edit-heading">{t('policyTitle', { name: policy.name })}</h4>
      <PolicyForm
        // A new default elsewhere changes this one's checkbox: start the form again from the server's copy.
        key={String(policy.isDefault)}
        policy={policy}
        submitLabel={t('savePolicy')}
        run={(b) => {
          setSaved(false);
          return update.mutateAsync(b);
        }}
        onDone={() => setSaved(true)}
      />
      <FormStatus success={saved ? t('policySaved') : null} />
      <ConfirmDelete label={t('deletePolicy')} confirmLabel={t('confirmDeletePolicy', { name: policy.name })} hint={t('deletePolicyHint')} run={() => remove.mutateAsync(undefined)} onDone={onDeleted} />
    </section>
  );
}
