// The category tree as one select: each option is the full path ("Hardware / Laptop"),
// parents before their children, so the choice reads clearly to everyone.
import { useT } from '../../../app/i18n.tsx';
import { SelectField } from '../../../ui/Field.tsx';
import { useCategoryTree } from '../api.ts';
import { categoryOptions } from '../../../app/category-options.ts';
import { portalMessages } from '../messages.ts';

export function CategorySelect({ value, onChange, error }: { value: number | null; onChange(id: number | null): void; error?: string | null }) {
  const t = useT(portalMessages);
  const tree = useCategoryTree();
  const options = categoryOptions(tree.data);
  return (
    <SelectField
      label={t('fieldCategory')}
      hint={t('fieldCategoryHint')}
      error={error}
      name="category"
      value={value ?? ''}
      onChange={(e) => onChange(e.target.value ? Number(e.target.value) : null)}
    >
      <option value="">{t('categoryNone')}</option>
      {options.map((c) => (
        <option key={c.id} value={c.id}>
          {c.path}
        </option>
      ))}
    </SelectField>
  );
}
