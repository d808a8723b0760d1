// A rotation's overrides: someone else on call between two instants (a swap, a holiday
// cover), listed with a delete button, and the form to add one.
import { useState } from 'react';
import { api } from '../../../app/api-client.ts';
import { useFormat, useT } from '../../../app/i18n.tsx';
import { common } from '../../../app/messages.ts';
import { Button } from '../../../ui/Button.tsx';
import { SelectField, TextField } from '../../../ui/Field.tsx';
import { useStaff } from '../api.ts';
import { FormStatus } from '../components/FormStatus.tsx';
import { QueryList } from '../components/QueryList.tsx';
import { useFormRun } from '../components/useFormRun.ts';
import { messages as admin } from '../messages.ts';
import { useDutyMutation, useRotationOverrides, type OncallOverride, type Rotation } from './api.ts';
import { messages } from './oncall-messages.ts';
import { browserZone, localInputToIso } from './zones.ts';

export function RotationOverrides({ rotation }: { rotation: Rotation }) {
  const t = useT(messages);
  const a = useT(admin);
  const c = useT(common);
  const f = useFormat();
  const overrides = useRotationOverrides(rotation.id);
  const items = overrides.data ?? [];
  const remove = useDutyMutation((id: number) => api.delete(`/oncall/overrides/${id}`));
  return (
    <section className="panel" aria-labelledby="rotation-overrides-heading">
      <h4 id="rotation-overrides-heading">{t('overridesTitle')}</h4>
      <FormStatus error={remove.error} />
      <QueryList query={overrides} count={items.length} empty={t('noOverrides')}>
        <table className="data admin-table" aria-labelledby="rotation-overrides-heading">
          <thead>
            <tr>
              <th scope="col">{t('onCallPerson')}</th>
              <th scope="col">{t('colFrom')}</th>
              <th scope="col">{t('colTo')}</th>
              <th scope="col">{t('note')}</th>
              <th scope="col">
                <span className="visually-hidden">{a('actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((o) => (
              <tr key={o.id}>
                <td>{o.user.name}</td>
                <td>{f.dateTime(o.startsAt)}</td>
                <td>{f.dateTime(o.endsAt)}</td>
                <td>{o.note}</td>
                <td>
                  <Button className="btn-small" busy={remove.isPending && remove.variables === o.id} aria-label={t('deleteOverride', { name: o.user.name, from: f.dateTime(o.startsAt) })} onClick={() => remove.mutate(o.id)}>
                    {c('delete')}
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </QueryList>
      <NewOverride rotation={rotation} />
    </section>
  );
}

function NewOverride({ rotation }: { rotation: Rotation }) {
  const t = useT(messages);
  const staff = useStaff().data ?? [];
  const [fields, setFields] = useState({ userId: '', startsAt: '', endsAt: '', note: '' });
  const [done, setDone] = useState<string | null>(null);
  const set = <K extends keyof typeof fields>(k: K, v: string) => setFields({ ...fields, [k]: v });
  const create = useDutyMutation(() =>
    api.post<OncallOverride>(`/oncall/rotations/${rotation.id}/overrides`, { userId: Number(fields.userId), startsAt: localInputToIso(fields.startsAt), endsAt: localInputToIso(fields.endsAt), note: fields.note }),
  );
  const { busy, error, submit } = useFormRun(async () => {
    setDone(null);
    const o = await create.mutateAsync(undefined);
    setDone(t('overrideCreated', { name: o.user.name }));
    setFields({ userId: '', startsAt: '', endsAt: '', note: '' });
  });
  return (
    <form onSubmit={submit} aria-labelledby="rotation-override-new-heading">
      <h5 id="rotation-override-new-heading">{t('newOverride')}</h5>
      <SelectField label={t('onCallPerson')} required value={fields.userId} onChange={(e) => set('userId', e.target.value)}>
        <option value="">{t('choose')}</option>
        {staff.map((u) => (
          <option key={u.id} value={u.id}>
            {u.name} ({u.email})
          </option>
        ))}
      </SelectField>
      <div className="grid-2">
        <TextField label={t('colFrom')} type="datetime-local" required value={fields.startsAt} onChange={(e) => set('startsAt', e.target.value)} />
        <TextField label={t('colTo')} type="datetime-local" required value={fields.endsAt} onChange={(e) => set('endsAt', e.target.value)} />
      </div>
      <p className="field-hint">{t('yourZone', { zone: browserZone() })}</p>
      <TextField label={t('note')} maxLength={500} value={fields.note} onChange={(e) => set('note', e.target.value)} />
      <FormStatus error={error} success={done} />
      <Button variant="primary" type="submit" busy={busy}>
        {t('createOverride')}
      </Button>
    </form>
  );
}
