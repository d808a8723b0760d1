// An agent's weekly working hours: per weekday, any number of ranges (a break is two), added
// and removed one by one; Monday's can be copied to the other weekdays in one go.
import { useId } from 'react';
import { useT } from '../../../app/i18n.tsx';
import { Button } from '../../../ui/Button.tsx';
import { messages } from './shift-messages.ts';
import { CLOCK_PATTERN, copyMondayToWeekdays, nextRange, WEEKDAYS, weekdayNames, type EditableWeek, type Range, type Weekday } from './week.ts';

export function WeekEditor({ week, onChange }: { week: EditableWeek; onChange(week: EditableWeek): void }) {
  const t = useT(messages);
  const hintId = useId();
  const names = weekdayNames(t.lang);
  return (
    <fieldset className="admin-fieldset duty-week" aria-describedby={hintId}>
      <legend>{t('weeklyHours')}</legend>
      <p className="field-hint" id={hintId}>
        {t('weeklyHoursHint')}
      </p>
      {WEEKDAYS.map((d) => (
        <DayRow key={d} day={d} name={names[d]} ranges={week[d]} onChange={(r) => onChange({ ...week, [d]: r })} />
      ))}
      <div className="admin-form-actions">
        <Button className="btn-small" onClick={() => onChange(copyMondayToWeekdays(week))} disabled={week[1].length === 0}>
          {t('copyMonday')}
        </Button>
      </div>
    </fieldset>
  );
}

function DayRow({ day, name, ranges, onChange }: { day: Weekday; name: string; ranges: Range[]; onChange(r: Range[]): void }) {
  const t = useT(messages);
  const labelId = `duty-day-${day}-${useId()}`;
  const setRange = (i: number, r: Range) => onChange(ranges.map((old, j) => (j === i ? r : old)));
  const time = (value: string, label: string, placeholder: string, set: (v: string) => void) => (
    <input className="duty-time" aria-label={label} inputMode="numeric" pattern={CLOCK_PATTERN} placeholder={placeholder} size={5} maxLength={5} required value={value} onChange={(e) => set(e.target.value)} />
  );
  return (
    <div className="duty-day" role="group" aria-labelledby={labelId}>
      <span className="duty-day-name" id={labelId}>
        {name}
      </span>
      <div className="duty-day-ranges">
        {ranges.length === 0 && <span className="muted">{t('dayOff')}</span>}
        {ranges.map(([from, to], i) => (
          <span className="duty-range" key={i}>
            {time(from, t('rangeStarts', { day: name, n: i + 1 }), '09:00', (v) => setRange(i, [v, to]))}
            <span aria-hidden="true">–</span>
            {time(to, t('rangeEnds', { day: name, n: i + 1 }), '17:00', (v) => setRange(i, [from, v]))}
            <Button variant="ghost" className="btn-small" aria-label={t('removeRange', { day: name, n: i + 1 })} onClick={() => onChange(ranges.filter((_, j) => j !== i))}>
              ×
            </Button>
          </span>
        ))}
      </div>
      <Button className="btn-small" aria-label={t('addRange', { day: name })} onClick={() => onChange([...ranges, nextRange(ranges)])} disabled={ranges.length >= 12}>
        {t('addRangeShort')}
      </Button>
    </div>
  );
}
