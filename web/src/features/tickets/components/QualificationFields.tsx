// Type, category, impact and urgency, with the priority the matrix derives shown as the
// choice changes. Shared by the qualification panel and the phone-call form.
import type { TicketType } from '../../../../../common/enums.ts';
import { useT } from '../../../app/i18n.tsx';
import { common } from '../../../app/messages.ts';
import { PriorityBadge } from '../../../ui/Badges.tsx';
import { SelectField } from '../../../ui/Field.tsx';
import { useCategoryTree, usePriorityMatrix } from '../api.ts';
import { categoryOptions } from '../../../app/category-options.ts';
import { derivedPriority, LEVELS } from '../priority.ts';
import { panelMessages } from '../panel-messages.ts';

export interface Qualification {
  type: TicketType;
  categoryId: number | null;
  impact: number;
  urgency: number;
}

export function QualificationFields({ value, onChange, showDerived = true }: { value: Qualification; onChange(q: Qualification): void; showDerived?: boolean }) {
  const t = useT(panelMessages);
  const c = useT(common);
  const tree = useCategoryTree();
  const matrix = usePriorityMatrix();
  const derived = derivedPriority(matrix.data, value.impact, value.urgency);
  const set = (patch: Partial<Qualification>) => onChange({ ...value, ...patch });
  return (
    <>
      <SelectField label={t('q_type')} value={value.type} onChange={(e) => set({ type: e.target.value as TicketType })}>
        <option value="incident">{c('type_incident')}</option>
        <option value="service_request">{c('type_service_request')}</option>
      </SelectField>
      <SelectField label={t('q_category')} value={value.categoryId ?? ''} onChange={(e) => set({ categoryId: e.target.value ? Number(e.target.value) : null })}>
        <option value="">{t('q_noCategory')}</option>
        {categoryOptions(tree.data).map((o) => (
          <option key={o.id} value={o.id}>
            {'\u00a0\u00a0'.repeat(o.depth)}
            {o.path}
          </option>
        ))}
      </SelectField>
      <div className="grid-2">
        <SelectField label={t('q_impact')} value={value.impact} onChange={(e) => set({ impact: Number(e.target.value) })}>
          {LEVELS.map((l) => (
            <option key={l} value={l}>
              {c(`level_${l}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('q_urgency')} value={value.urgency} onChange={(e) => set({ urgency: Number(e.target.value) })}>
          {LEVELS.map((l) => (
            <option key={l} value={l}>
              {c(`level_${l}`)}
            </option>
          ))}
        </SelectField>
      </div>
      {showDerived && (
        <p className="derived-priority" aria-live="polite">
          {t('q_derived')} {derived ? <PriorityBadge priority={derived} /> : <span className="muted">…</span>}
        </p>
      )}
    </>
  );
}
