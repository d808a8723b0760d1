// A rotation's members in their order of duty: moved up and down, removed, added at the end.
import { useState } from 'react';
import { useT } from '../../../app/i18n.tsx';
import { Button } from '../../../ui/Button.tsx';
import { SelectField } from '../../../ui/Field.tsx';
import { useStaff } from '../api.ts';
import { messages } from './oncall-messages.ts';

export function MembersEditor({ value, known, onChange }: { value: number[]; known: Map<number, string>; onChange(ids: number[]): void }) {
  const t = useT(messages);
  const staff = useStaff().data ?? [];
  const [choice, setChoice] = useState('');
  const nameOf = (id: number) => staff.find((u) => u.id === id)?.name ?? known.get(id) ?? `#${id}`;
  const move = (i: number, by: -1 | 1) => {
    const next = [...value];
    [next[i], next[i + by]] = [next[i + by], next[i]];
    onChange(next);
  };
  return (
    <fieldset className="admin-fieldset">
      <legend>{t('members')}</legend>
      <p className="field-hint">{t('membersHint')}</p>
      {value.length === 0 ? (
        <p className="muted">{t('noMembers')}</p>
      ) : (
        <ol className="duty-members">
          {value.map((id, i) => {
            const name = nameOf(id);
            return (
              <li key={id}>
                <span className="duty-member-name">{name}</span>
                <Button className="btn-small" aria-label={t('memberUp', { name })} disabled={i === 0} onClick={() => move(i, -1)}>
                  ↑
                </Button>
                <Button className="btn-small" aria-label={t('memberDown', { name })} disabled={i === value.length - 1} onClick={() => move(i, 1)}>
                  ↓
                </Button>
                <Button className="btn-small" aria-label={t('memberRemove', { name })} onClick={() => onChange(value.filter((x) => x !== id))}>
                  ×
                </Button>
              </li>
            );
          })}
        </ol>
      )}
      <div className="admin-inline">
        <SelectField label={t('memberToAdd')} value={choice} onChange={(e) => setChoice(e.target.value)}>
          <option value="">{t('choose')}</option>
          {staff
            .filter((u) => !value.includes(u.id))
            .map((u) => (
              <option key={u.id} value={u.id}>
                {u.name} ({u.email})
              </option>
            ))}
        </SelectField>
        <Button
          disabled={!choice}
          onClick={() => {
            onChange([...value, Number(choice)]);
            setChoice('');
          }}
        >
          {t('addMember')}
        </Button>
      </div>
    </fieldset>
  );
}
