// "Breaching within…": running SLA clocks due within a chosen time, overdue ones included
// (the list API's slaDueWithin, in minutes). Pairs well with the "SLA due soonest" sort.
import { useLocale, useT } from '../../../app/i18n.tsx';
import { SelectField } from '../../../ui/Field.tsx';
import { slaMessages } from '../../tickets/sla/messages.ts';
import { formatDuration } from '../../tickets/sla/sla-time.ts';

export const SLA_DUE_WITHIN_MINUTES = [15, 30, 60, 240] as const;

export function SlaDueFilter({ value, onChange }: { value: string | undefined; onChange(v: string): void }) {
  const t = useT(slaMessages);
  const { lang } = useLocale();
  const label = (minutes: number) => formatDuration(minutes * 60_000, lang);
  // A value from a bookmark or a view that is not among the choices (say 45) stays shown.
  const custom = value !== undefined && !SLA_DUE_WITHIN_MINUTES.some((m) => String(m) === value);
  const customMinutes = Number(value);
  return (
    <SelectField label={t('dueWithin')} value={value ?? ''} onChange={(e) => onChange(e.target.value)}>
      <option value="">{t('dueWithinAny')}</option>
      {custom && <option value={value}>{Number.isFinite(customMinutes) ? label(customMinutes) : value}</option>}
      {SLA_DUE_WITHIN_MINUTES.map((m) => (
        <option key={m} value={String(m)}>
          {label(m)}
        </option>
      ))}
    </SelectField>
  );
}
