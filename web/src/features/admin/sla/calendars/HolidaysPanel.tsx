// A calendar's holidays for one year: those entered by hand or imported (which can be
// deleted) and the country's public holidays computed by rule; a form adds one.
import { useState, type FormEvent } from 'react';
import { api } from '../../../../app/api-client.ts';
import { useT } from '../../../../app/i18n.tsx';
import { common } from '../../../../app/messages.ts';
import { Button } from '../../../../ui/Button.tsx';
import { SelectField, TextField } from '../../../../ui/Field.tsx';
import { FormStatus } from '../../components/FormStatus.tsx';
import { QueryList } from '../../components/QueryList.tsx';
import { messages as admin } from '../../messages.ts';
import { useHolidays, useSlaMutation, type Calendar, type Holiday } from '../api.ts';
import { localDateText } from '../local-date.ts';
import { messages } from '../messages.ts';
import { HolidayImport } from './HolidayImport.tsx';

export function HolidaysPanel({ calendar }: { calendar: Calendar }) {
  const t = useT(messages);
  const a = useT(admin);
  const c = useT(common);
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const holidays = useHolidays(calendar.id, year);
  const items = holidays.data?.items ?? [];
  const remove = useSlaMutation((h: Holiday) => api.delete(`/calendars/${calendar.id}/holidays/${h.id}`));
  const years = Array.from({ length: 7 }, (_, i) => thisYear - 2 + i);

  return (
    <section className="panel" aria-labelledby="holidays-heading">
      <h4 id="holidays-heading">{t('holidaysTitle')}</h4>
      {calendar.is24x7 && <p className="muted">{t('holidays24x7')}</p>}
      <div className="admin-toolbar">
        <SelectField label={t('year')} value={year} onChange={(e) => setYear(Number(e.target.value))}>
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </SelectField>
      </div>
      <QueryList query={holidays} count={items.length} empty={t('noHolidays', { year: String(year) })}>
        <table className="data admin-table" aria-label={t('holidaysOf', { year: String(year) })}>
          <thead>
            <tr>
              <th scope="col">{t('colDate')}</th>
              <th scope="col">{a('name')}</th>
              <th scope="col">{t('colSource')}</th>
              <th scope="col">
                <span className="visually-hidden">{a('actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((h) => (
              <tr key={`${h.source}-${h.id ?? ''}-${h.date}-${h.name}`}>
                <td>{localDateText(h.date, t.lang, 'weekday')}</td>
                <td>{h.name}</td>
                <td>
                  {t(`source_${h.source}`)}
                  {h.recursYearly && <div className="muted">{t('everyYear')}</div>}
                </td>
                <td>
                  {h.id !== null && (
                    <Button className="btn-small" aria-label={t('deleteHoliday', { name: h.name, date: h.date })} busy={remove.isPending && remove.variables?.id === h.id} onClick={() => remove.mutate(h)}>
                      {c('delete')}
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </QueryList>
      <FormStatus error={remove.error} />
      <AddHoliday calendarId={calendar.id} />
      <HolidayImport calendarId={calendar.id} />
    </section>
  );
}

function AddHoliday({ calendarId }: { calendarId: number }) {
  const t = useT(messages);
  const a = useT(admin);
  const [date, setDate] = useState('');
  const [name, setName] = useState('');
  const [recurs, setRecurs] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const add = useSlaMutation(() => api.post<Holiday>(`/calendars/${calendarId}/holidays`, { date, name, recursYearly: recurs }));

  function submit(e: FormEvent) {
    e.preventDefault();
    setDone(null);
    add.mutate(undefined, {
      onSuccess: (h) => {
        setDone(t('holidayAdded', { name: h.name, date: h.date }));
        setDate('');
        setName('');
        setRecurs(false);
      },
    });
  }

  return (
    <form onSubmit={submit} aria-labelledby="holiday-add-heading" className="sla-subform">
      <h5 id="holiday-add-heading">{t('addHoliday')}</h5>
      <div className="admin-inline">
        <TextField label={t('colDate')} type="date" required value={date} onChange={(e) => setDate(e.target.value)} />
        <TextField label={a('name')} required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={recurs} onChange={(e) => setRecurs(e.target.checked)} /> {t('recursYearly')}
      </label>
      <FormStatus error={add.error} success={done} />
      <Button type="submit" busy={add.isPending}>
        {t('addHoliday')}
      </Button>
    </form>
  );
}
