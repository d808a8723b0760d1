// The owner group of a problem: one of the support groups, or none.
import { useT } from '../../../app/i18n.tsx';
import { common } from '../../../app/messages.ts';
import { useGroups } from '../../../app/shared-queries.ts';
import { SelectField } from '../../../ui/Field.tsx';
import { messages } from '../messages.ts';

export function OwnerGroupSelect({ value, onChange, label }: { value: string; onChange(groupId: string): void; label?: string }) {
  const t = useT(messages);
  const c = useT(common);
  const groups = useGroups();
  return (
    <SelectField label={label ?? t('fieldOwner')} value={value} onChange={(e) => onChange(e.target.value)} disabled={groups.isPending} aria-busy={groups.isPending || undefined}>
      <option value="">{t('noOwner')}</option>
      {(groups.data ?? []).map((g) => (
        <option key={g.id} value={g.id}>
          {g.name} ({c('tier', { tier: g.tier })})
        </option>
      ))}
    </SelectField>
  );
}
