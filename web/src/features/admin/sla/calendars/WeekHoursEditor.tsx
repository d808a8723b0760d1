// The weekly opening hours: per weekday, any number of ranges (a lunch break is two), added
// and removed one by one; Monday's can be copied to the other weekdays in one go.
import { useId } from 'react';
import { useT } from '../../../../app/i18n.tsx';
import { Button } from '../../../../ui/Button.tsx';
import { messages } from '../messages.ts';
import { CLOCK_PATTERN, copyMondayToWeekdays, nextRange, WEEKDAYS, weekdayNames, type EditableWeek, type Range, type Weekday } from './week-hours.ts';

export function WeekHoursEditor({ week, onChange }: { week: EditableWeek; onChange(week: EditableWeek): void }) {
  const t = useT(messages);
  const hintId = useId();
  const names = weekdayNames(t.lang);
  const setDay = (d: Weekday, ranges: Range[]) => onChange({ ...week, [d]: ranges });
  return (
    <fieldset className="admin-fieldset sla-week" aria-describedby={hintId}>
      <legend>{t('openingHours')}</legend>
      <p className="field-hint" id={hintId}>
        {t('openingHoursHint')}
      </p>
      {WEEKDAYS.map((d) => (
        <DayRow key={d} day={d} name={names[d]} ranges={week[d]} onChange={(r) => setDay(d, r)} />
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
  const labelId = `sla-day-${day}-${useId()}`;
  const setRange = (i: number, r: Range) => onChange(ranges.map((old, j) => (j === i ? r : old)));
  return (
    <div className="sla-day" role="group" aria-labelledby={labelId}>
      <span className="sla-day-name" id={labelId}>
        {name}
      </span>
      <div className="sla-day-ranges">
        {ranges.length === 0 && <span className="muted">{t('closed')}</span>}
        {ranges.map(([from, to], i) => (
          <span className="sla-range" key={i}>
            <input
              className="sla-time"
              aria-label={t('rangeOpens', { day: name, n: i + 1 })}
              inputMode="numeric"
              pattern={CLOCK_PATTERN}
              placeholder="09:00"
              size={5}
              maxLength={5}
              required
              value={from}
              onChange={(e) => setRange(i, [e.target.value, to])}
            />
            <span aria-hidden="true">–</span>
            <input
              className="sla-time"
              aria-label={t('rangeCloses', { day: name, n: i + 1 })}
              inputMode="numeric"
              pattern={CLOCK_PATTERN}
              placeholder="17:00"
              size={5}
              maxLength={5}
              required
              value={to}
              onChange={(e) => setRange(i, [from, e.target.value])}
            />
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
