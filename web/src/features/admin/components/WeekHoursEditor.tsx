// Weekly hours, a calendar's opening hours or an agent's shift: per weekday, any number of
// ranges (a break is two), added and removed one by one; Monday's can be copied to the other
// weekdays in one go. Each use brings its own words (opening hours "close", a shift "ends").
import { useId } from 'react';
import { useT, type Catalog } from '../../../app/i18n.tsx';
import { Button } from '../../../ui/Button.tsx';
import { messages as admin } from '../messages.ts';
import { CLOCK_PATTERN, copyMondayToWeekdays, nextRange, WEEKDAYS, weekdayNames, type EditableWeek, type Range, type Weekday } from './week-hours.ts';

/** The editor's words in the caller's catalog: legend and hint, an empty day, the range fields' names and the add buttons. */
export type WeekWords = Catalog<'weekLegend' | 'weekHint' | 'weekDayEmpty' | 'weekRangeFrom' | 'weekRangeTo' | 'weekAddRange' | 'weekAddRangeShort'>;

export function WeekHoursEditor({ week, words, onChange }: { week: EditableWeek; words: WeekWords; onChange(week: EditableWeek): void }) {
  const t = useT(words);
  const a = useT(admin);
  const hintId = useId();
  const names = weekdayNames(t.lang);
  return (
    <fieldset className="admin-fieldset week-hours" aria-describedby={hintId}>
      <legend>{t('weekLegend')}</legend>
      <p className="field-hint" id={hintId}>
        {t('weekHint')}
      </p>
      {WEEKDAYS.map((d) => (
        <DayRow key={d} day={d} name={names[d]} ranges={week[d]} words={words} onChange={(r) => onChange({ ...week, [d]: r })} />
      ))}
      <div className="admin-form-actions">
        <Button className="btn-small" onClick={() => onChange(copyMondayToWeekdays(week))} disabled={week[1].length === 0}>
          {a('weekCopyMonday')}
        </Button>
      </div>
    </fieldset>
  );
}

function DayRow({ day, name, ranges, words, onChange }: { day: Weekday; name: string; ranges: Range[]; words: WeekWords; onChange(r: Range[]): void }) {
  const t = useT(words);
  const a = useT(admin);
  const labelId = `week-day-${day}-${useId()}`;
  const setRange = (i: number, r: Range) => onChange(ranges.map((old, j) => (j === i ? r : old)));
  const time = (value: string, label: string, placeholder: string, set: (v: string) => void) => (
    <input className="week-time" aria-label={label} inputMode="numeric" pattern={CLOCK_PATTERN} placeholder={placeholder} size={5} maxLength={5} required value={value} onChange={(e) => set(e.target.value)} />
  );
  return (
    <div className="week-day" role="group" aria-labelledby={labelId}>
      <span className="week-day-name" id={labelId}>
        {name}
      </span>
      <div className="week-day-ranges">
        {ranges.length === 0 && <span className="muted">{t('weekDayEmpty')}</span>}
        {ranges.map(([from, to], i) => (
          <span className="week-range" key={i}>
            {time(from, t('weekRangeFrom', { day: name, n: i + 1 }), '09:00', (v) => setRange(i, [v, to]))}
            <span aria-hidden="true">–</span>
            {time(to, t('weekRangeTo', { day: name, n: i + 1 }), '17:00', (v) => setRange(i, [from, v]))}
            <Button variant="ghost" className="btn-small" aria-label={a('weekRemoveRange', { day: name, n: i + 1 })} onClick={() => onChange(ranges.filter((_, j) => j !== i))}>
              ×
            </Button>
          </span>
        ))}
      </div>
      <Button className="btn-small" aria-label={t('weekAddRange', { day: name })} onClick={() => onChange([...ranges, nextRange(ranges)])} disabled={ranges.length >= 12}>
        {t('weekAddRangeShort')}
      </Button>
    </div>
  );
}
