// Creating, changing and deleting a tier-escalation rule: a ticket still unresolved at a
// tier after so many business minutes moves to another group.
import { useState } from 'react';
import { TIERS } from '../../../../../common/enums.ts';
import { api } from '../../../app/api-client.ts';
import { useT } from '../../../app/i18n.tsx';
import { common } from '../../../app/messages.ts';
import { SelectField, TextField } from '../../../ui/Field.tsx';
import { ConfirmDelete } from '../components/ConfirmDelete.tsx';
import { FormFooter } from '../components/FormFooter.tsx';
import { FormStatus } from '../components/FormStatus.tsx';
import { useFormRun } from '../components/useFormRun.ts';
import { useNewForm } from '../components/useNewForm.ts';
import { messages as admin } from '../messages.ts';
import { useDutyMutation, type EscalationRule } from './api.ts';
import { GroupSelect } from './GroupSelect.tsx';
import { messages } from './messages.ts';

interface Fields {
  name: string;
  fromTier: string;
  afterMinutes: string;
  toGroupId: string;
  isActive: boolean;
}

const fieldsOf = (r: EscalationRule | null): Fields =>
  r
    ? { name: r.name, fromTier: String(r.fromTier), afterMinutes: String(r.afterMinutes), toGroupId: String(r.toGroup.id), isActive: r.isActive }
    : { name: '', fromTier: '1', afterMinutes: '60', toGroupId: '', isActive: true };
const bodyOf = (f: Fields) => ({ name: f.name, fromTier: Number(f.fromTier), afterMinutes: Number(f.afterMinutes), toGroupId: Number(f.toGroupId), isActive: f.isActive });

function EscalationForm({ rule, submitLabel, run }: { rule: EscalationRule | null; submitLabel: string; run(f: Fields): Promise<unknown> }) {
  const t = useT(messages);
  const a = useT(admin);
  const c = useT(common);
  const [f, setF] = useState(() => fieldsOf(rule));
  const { busy, error, submit } = useFormRun(() => run(f));
  const set = <K extends keyof Fields>(k: K, v: Fields[K]) => setF({ ...f, [k]: v });
  return (
    <form onSubmit={submit}>
      <TextField label={a('name')} required maxLength={200} value={f.name} onChange={(e) => set('name', e.target.value)} />
      <div className="grid-2">
        <SelectField label={t('fromTier')} value={f.fromTier} onChange={(e) => set('fromTier', e.target.value)}>
          {TIERS.map((tier) => (
            <option key={tier} value={tier}>
              {c('tier', { tier })}
            </option>
          ))}
        </SelectField>
        <TextField label={t('afterMinutes')} hint={t('afterMinutesHint')} type="number" min={1} max={525600} required value={f.afterMinutes} onChange={(e) => set('afterMinutes', e.target.value)} />
      </div>
      <GroupSelect label={t('toGroup')} emptyLabel={t('choose')} required value={f.toGroupId} onChange={(v) => set('toGroupId', v)} />
      <label className="checkbox">
        <input type="checkbox" checked={f.isActive} onChange={(e) => set('isActive', e.target.checked)} /> {a('active')}
      </label>
      <FormFooter error={error} busy={busy} label={submitLabel} />
    </form>
  );
}

export function NewEscalationRule({ onCreated }: { onCreated(r: EscalationRule): void }) {
  const t = useT(messages);
  const created = useNewForm((r: EscalationRule) => t('escalationCreated', { name: r.name }), onCreated);
  const create = useDutyMutation((f: Fields) => api.post<EscalationRule>('/escalation-rules', bodyOf(f)));
  return (
    <section className="panel" aria-labelledby="escalation-new-heading">
      <h4 id="escalation-new-heading">{t('newEscalation')}</h4>
      <EscalationForm
        key={created.key}
        rule={null}
        submitLabel={t('createEscalation')}
        run={async (f) => {
          created.start();
          created.finish(await create.mutateAsync(f));
        }}
      />
      <FormStatus success={created.done} />
    </section>
  );
}

export function EditEscalationRule({ rule, onDeleted }: { rule: EscalationRule; onDeleted(): void }) {
  const t = useT(messages);
  const [saved, setSaved] = useState(false);
  const update = useDutyMutation((f: Fields) => api.patch<EscalationRule>(`/escalation-rules/${rule.id}`, bodyOf(f)));
  const remove = useDutyMutation(() => api.delete(`/escalation-rules/${rule.id}`));
  return (
    <section className="panel stack" aria-labelledby="escalation-edit-heading">
      <h4 id="escalation-edit-heading">{t('editEscalationTitle', { name: rule.name })}</h4>
      <EscalationForm
        rule={rule}
        submitLabel={t('saveEscalation')}
        run={async (f) => {
          setSaved(false);
          await update.mutateAsync(f);
          setSaved(true);
        }}
      />
      <FormStatus success={saved ? t('escalationSaved') : null} />
      <ConfirmDelete label={t('deleteEscalation')} confirmLabel={t('confirmDelete', { name: rule.name })} run={() => remove.mutateAsync(undefined)} onDone={onDeleted} />
    </section>
  );
}
