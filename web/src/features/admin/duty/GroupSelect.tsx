// Picking a group, each named with its tier: where a rule sends tickets, which group a
// rotation covers.
import { useT } from '../../../app/i18n.tsx';
import { common } from '../../../app/messages.ts';
import { SelectField } from '../../../ui/Field.tsx';
import { useGroups } from '../api.ts';

interface Props {
  label: string;
  hint?: string;
  /** The first option, for no group: "Choose…" when one is required. */
  emptyLabel: string;
  required?: boolean;
  value: string;
  onChange(groupId: string): void;
}

export function GroupSelect({ label, hint, emptyLabel, required, value, onChange }: Props) {
  const c = useT(common);
  const groups = useGroups().data ?? [];
  return (
    <SelectField label={label} hint={hint} required={required} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{emptyLabel}</option>
      {groups.map((g) => (
        <option key={g.id} value={g.id}>
          {g.name} ({c('tier', { tier: g.tier })})
        </option>
      ))}
    </SelectField>
  );
}
