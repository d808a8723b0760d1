// Adding a one-off override (to the shifts or to an on-call rotation): who, from, to (entered
// in the admin's own time zone) and a note; a shift change also asks on or off (children).
import { useState, type ReactNode } from 'react';
import { api } from '../../../app/api-client.ts';
import { useT, type Catalog } from '../../../app/i18n.tsx';
import { Button } from '../../../ui/Button.tsx';
import { SelectField, TextField } from '../../../ui/Field.tsx';
import { useStaff } from '../api.ts';
import { FormStatus } from '../components/FormStatus.tsx';
import { useFormRun } from '../components/useFormRun.ts';
import { useDutyMutation } from './api.ts';
import type { OverrideRow } from './OverrideList.tsx';
import { browserZone, localInputToIso } from './zones.ts';

/** The words both kinds of override share keys for (shift-messages, oncall-messages). */
export type OverrideFormWords = Catalog<'newOverride' | 'choose' | 'colFrom' | 'colTo' | 'yourZone' | 'note' | 'createOverride' | 'overrideCreated'>;

interface Props {
  words: OverrideFormWords;
  headingId: string;
  personLabel: string;
  /** Where to POST the override. */
  path: string;
  /** The rest of the body, from the fields given as children. */
  more?: Record<string, unknown>;
  /** After an override is added, keep the person chosen for the next one. */
  keepPerson?: boolean;
  children?: ReactNode;
}

const EMPTY = { userId: '', startsAt: '', endsAt: '', note: '' };

export function OverrideForm({ words, headingId, personLabel, path, more, keepPerson = false, children }: Props) {
  const t = useT(words);
  const staff = useStaff().data ?? [];
  const [fields, setFields] = useState(EMPTY);
  const [done, setDone] = useState<string | null>(null);
  const set = (k: keyof typeof EMPTY, v: string) => setFields({ ...fields, [k]: v });
  const create = useDutyMutation(() =>
    api.post<OverrideRow>(path, { userId: Number(fields.userId), startsAt: localInputToIso(fields.startsAt), endsAt: localInputToIso(fields.endsAt), note: fields.note, ...more }),
  );
  const { busy, error, submit } = useFormRun(async () => {
    setDone(null);
    const o = await create.mutateAsync(undefined);
    setDone(t('overrideCreated', { name: o.user.name }));
    setFields({ ...EMPTY, userId: keepPerson ? fields.userId : '' });
  });
  return (
    <form onSubmit={submit} aria-labelledby={headingId}>
      <h5 id={headingId}>{t('newOverride')}</h5>
      <SelectField label={personLabel} required value={fields.userId} onChange={(e) => set('userId', e.target.value)}>
        <option value="">{t('choose')}</option>
        {staff.map((u) => (
          <option key={u.id} value={u.id}>
            {u.name} ({u.email})
          </option>
        ))}
      </SelectField>
      {children}
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
