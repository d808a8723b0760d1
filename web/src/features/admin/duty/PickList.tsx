// Choosing several items from a long list (mailboxes, categories, organisations, agents):
// the chosen ones as removable chips, then a select and an Add button for one more.
import { useId, useState } from 'react';
import { useT } from '../../../app/i18n.tsx';
import { Button } from '../../../ui/Button.tsx';
import { SelectField } from '../../../ui/Field.tsx';
import { messages } from './messages.ts';

export interface PickOption {
  id: number;
  label: string;
}

export function PickList({ legend, hint, options, value, onChange }: { legend: string; hint?: string; options: readonly PickOption[]; value: readonly number[]; onChange(ids: number[]): void }) {
  const t = useT(messages);
  const hintId = useId();
  const [choice, setChoice] = useState('');
  const byId = new Map(options.map((o) => [o.id, o]));
  const left = options.filter((o) => !value.includes(o.id));
  return (
    <fieldset className="admin-fieldset duty-picklist" aria-describedby={hint ? hintId : undefined}>
      <legend>{legend}</legend>
      {hint && (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      )}
      {value.length > 0 && (
        <ul className="admin-chips">
          {value.map((id) => {
            const label = byId.get(id)?.label ?? `#${id}`;
            return (
              <li key={id}>
                {label}
                <Button variant="ghost" aria-label={t('removeItem', { name: label })} onClick={() => onChange(value.filter((v) => v !== id))}>
                  ×
                </Button>
              </li>
            );
          })}
        </ul>
      )}
      <div className="admin-inline">
        <SelectField label={t('toAdd', { list: legend })} value={choice} onChange={(e) => setChoice(e.target.value)}>
          <option value="">{t('choose')}</option>
          {left.map((o) => (
            <option key={o.id} value={o.id}>
              {o.label}
            </option>
          ))}
        </SelectField>
        <Button
          aria-label={t('addTo', { list: legend })}
          disabled={!choice}
          onClick={() => {
            onChange([...value, Number(choice)]);
            setChoice('');
          }}
        >
          {t('add')}
        </Button>
      </div>
    </fieldset>
  );
}
