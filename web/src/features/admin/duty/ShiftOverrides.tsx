// One-off changes to shifts, from now on: extra duty ("on") or an absence ("off") between two
// instants, entered in the admin's own time zone.
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
import { useDutyMutation, useShiftOverrides, type ShiftOverride } from './api.ts';
import { messages } from './shift-messages.ts';
import { browserZone, localInputToIso } from './zones.ts';

export function ShiftOverrides() {
  const t = useT(messages);
  const a = useT(admin);
  const c = useT(common);
  const f = useFormat();
  const overrides = useShiftOverrides();
  const items = overrides.data ?? [];
  const remove = useDutyMutation((id: number) => api.delete(`/shift-overrides/${id}`));
  return (
    <section className="panel" aria-labelledby="shift-overrides-heading">
      <h4 id="shift-overrides-heading">{t('overridesTitle')}</h4>
      <div className="duty-split">
        <div>
          <FormStatus error={remove.error} />
          <QueryList query={overrides} count={items.length} empty={t('noOverrides')}>
            <table className="data admin-table" aria-labelledby="shift-overrides-heading">
              <thead>
                <tr>
                  <th scope="col">{t('colAgent')}</th>
                  <th scope="col">{t('colKind')}</th>
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
                    <td>{t(o.kind === 'on' ? 'kind_on' : 'kind_off')}</td>
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
        </div>
        <NewShiftOverride />
      </div>
    </section>
  );
}

function NewShiftOverride() {
  const t = useT(messages);
  const staff = useStaff().data ?? [];
  const [fields, setFields] = useState({ userId: '', kind: 'off' as 'on' | 'off', startsAt: '', endsAt: '', note: '' });
  const [done, setDone] = useState<string | null>(null);
  const set = <K extends keyof typeof fields>(k: K, v: (typeof fields)[K]) => setFields({ ...fields, [k]: v });
  const create = useDutyMutation(() =>
    api.post<ShiftOverride>('/shift-overrides', { userId: Number(fields.userId), kind: fields.kind, startsAt: localInputToIso(fields.startsAt), endsAt: localInputToIso(fields.endsAt), note: fields.note }),
  );
  const { busy, error, submit } = useFormRun(async () => {
    setDone(null);
    const o = await create.mutateAsync(undefined);
    setDone(t('overrideCreated', { name: o.user.name }));
    setFields({ ...fields, startsAt: '', endsAt: '', note: '' });
  });
  return (
    <form onSubmit={submit} aria-labelledby="shift-override-new-heading">
      <h5 id="shift-override-new-heading">{t('newOverride')}</h5>
      <SelectField label={t('colAgent')} required value={fields.userId} onChange={(e) => set('userId', e.target.value)}>
        <option value="">{t('choose')}</option>
        {staff.map((u) => (
          <option key={u.id} value={u.id}>
            {u.name} ({u.email})
          </option>
        ))}
      </SelectField>
      <fieldset className="admin-fieldset">
        <legend>{t('colKind')}</legend>
        {(['off', 'on'] as const).map((k) => (
          <label key={k} className="checkbox">
            <input type="radio" name="shift-override-kind" value={k} checked={fields.kind === k} onChange={() => set('kind', k)} /> {t(k === 'on' ? 'kindHint_on' : 'kindHint_off')}
          </label>
        ))}
      </fieldset>
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
