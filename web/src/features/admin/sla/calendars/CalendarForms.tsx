// Creating, changing and deleting a calendar: name, time zone, 24/7 or weekly hours, and the
// country (and region) whose public holidays apply by rule.
import { useId, useState } from 'react';
import { api } from '../../../../app/api-client.ts';
import { useT } from '../../../../app/i18n.tsx';
import { TextField } from '../../../../ui/Field.tsx';
import { ConfirmDelete } from '../../components/ConfirmDelete.tsx';
import { FormFooter } from '../../components/FormFooter.tsx';
import { FormStatus } from '../../components/FormStatus.tsx';
import { useFormRun } from '../../components/useFormRun.ts';
import { editableWeek, weekHoursBody, type EditableWeek } from '../../components/week-hours.ts';
import { WeekHoursEditor } from '../../components/WeekHoursEditor.tsx';
import { messages as admin } from '../../messages.ts';
import { useSlaMutation, type Calendar } from '../api.ts';
import { intlLocale } from '../local-date.ts';
import { messages } from '../messages.ts';
import { timeZoneNames } from './zoned-time.ts';

interface CalendarFields {
  name: string;
  timeZone: string;
  is24x7: boolean;
  week: EditableWeek;
  holidayCountry: string;
  holidayRegion: string;
}

function fieldsOf(cal: Calendar | null): CalendarFields {
  return {
    name: cal?.name ?? '',
    timeZone: cal?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC',
    is24x7: cal?.is24x7 ?? false,
    week: editableWeek(cal?.hours),
    holidayCountry: cal?.holidayCountry ?? '',
    holidayRegion: cal?.holidayRegion ?? '',
  };
}

function bodyOf(f: CalendarFields) {
  const country = f.holidayCountry.trim();
  return {
    name: f.name,
    timeZone: f.timeZone.trim(),
    is24x7: f.is24x7,
    hours: weekHoursBody(f.week),
    holidayCountry: country || null,
    holidayRegion: country && f.holidayRegion.trim() ? f.holidayRegion.trim() : null,
  };
}

function CalendarForm({ calendar, submitLabel, run, onDone }: { calendar: Calendar | null; submitLabel: string; run(body: ReturnType<typeof bodyOf>): Promise<Calendar>; onDone(c: Calendar): void }) {
  const t = useT(messages);
  const a = useT(admin);
  const zonesId = useId();
  const [f, setF] = useState(() => fieldsOf(calendar));
  const set = <K extends keyof CalendarFields>(k: K, v: CalendarFields[K]) => setF((prev) => ({ ...prev, [k]: v }));
  const { busy, error, submit } = useFormRun(async () => onDone(await run(bodyOf(f))));

  return (
    <form onSubmit={submit}>
      <div className="grid-2">
        <TextField label={a('name')} required maxLength={200} value={f.name} onChange={(e) => set('name', e.target.value)} />
        <TextField label={t('timeZone')} hint={t('timeZoneHint')} required list={zonesId} autoComplete="off" spellCheck={false} value={f.timeZone} onChange={(e) => set('timeZone', e.target.value)} />
        <datalist id={zonesId}>
          {timeZoneNames().map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
      </div>
      <label className="checkbox">
        <input type="checkbox" role="switch" checked={f.is24x7} onChange={(e) => set('is24x7', e.target.checked)} /> {t('is24x7')}
      </label>
      {f.is24x7 ? <p className="muted">{t('is24x7Hint')}</p> : <WeekHoursEditor week={f.week} words={messages} onChange={(week) => set('week', week)} />}
      <fieldset className="admin-fieldset">
        <legend>{t('publicHolidays')}</legend>
        <div className="grid-2">
          <TextField label={t('holidayCountry')} hint={countryHint(f.holidayCountry, t.lang) ?? t('holidayCountryHint')} maxLength={2} autoComplete="off" value={f.holidayCountry} onChange={(e) => set('holidayCountry', e.target.value.toUpperCase())} />
          <TextField label={t('holidayRegion')} hint={t('holidayRegionHint')} maxLength={10} autoComplete="off" disabled={!f.holidayCountry.trim()} value={f.holidayRegion} onChange={(e) => set('holidayRegion', e.target.value)} />
        </div>
      </fieldset>
      <FormFooter error={error} busy={busy} label={submitLabel} />
    </form>
  );
}

/** "FR" → "France", in the page's language, once two letters are typed. */
function countryHint(code: string, lang: string): string | null {
  if (!/^[A-Z]{2}$/.test(code)) return null;
  try {
    const name = new Intl.DisplayNames([intlLocale(lang)], { type: 'region' }).of(code);
    return name && name !== code ? name : null;
  } catch {
    return null;
  }
}

export function NewCalendar({ onCreated }: { onCreated(c: Calendar): void }) {
  const t = useT(messages);
  const create = useSlaMutation((body: ReturnType<typeof bodyOf>) => api.post<Calendar>('/calendars', body));
  return (
    <section className="panel sla-form" aria-labelledby="calendar-new-heading">
      <h4 id="calendar-new-heading">{t('newCalendar')}</h4>
      <CalendarForm calendar={null} submitLabel={t('createCalendar')} run={(b) => create.mutateAsync(b)} onDone={onCreated} />
    </section>
  );
}

export function EditCalendar({ calendar, onDeleted }: { calendar: Calendar; onDeleted(): void }) {
  const t = useT(messages);
  const [saved, setSaved] = useState(false);
  const update = useSlaMutation((body: ReturnType<typeof bodyOf>) => api.patch<Calendar>(`/calendars/${calendar.id}`, body));
  const remove = useSlaMutation(() => api.delete(`/calendars/${calendar.id}`));
  const inUse = calendar.usedBy.policies + calendar.usedBy.rotations > 0;
  return (
    <section className="panel sla-form stack" aria-labelledby="calendar-edit-heading">
      <h4 id="calendar-edit-heading">{t('calendarTitle', { name: calendar.name })}</h4>
      <CalendarForm
        calendar={calendar}
        submitLabel={t('saveCalendar')}
        run={(b) => {
          setSaved(false);
          return update.mutateAsync(b);
        }}
        onDone={() => setSaved(true)}
      />
      <FormStatus success={saved ? t('calendarSaved') : null} />
      <ConfirmDelete label={t('deleteCalendar')} confirmLabel={t('confirmDeleteCalendar', { name: calendar.name })} hint={inUse ? t('deleteCalendarInUse') : t('deleteCalendarHint')} run={() => remove.mutateAsync(undefined)} onDone={onDeleted} />
    </section>
  );
}
