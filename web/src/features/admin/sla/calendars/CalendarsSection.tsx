// Calendars: the list (zone, hours at a glance, public holidays, what uses each), then the
// one chosen in the URL: its form, its holidays and the due-time check; or a new one.
import { Link, useNavigate, useParams } from 'react-router';
import { useT } from '../../../../app/i18n.tsx';
import { EmptyState } from '../../../../ui/Feedback.tsx';
import { QueryList } from '../../components/QueryList.tsx';
import { weekdayNames, weekSummary } from '../../components/week-hours.ts';
import { messages as admin } from '../../messages.ts';
import { useCalendars, type Calendar } from '../api.ts';
import { messages } from '../messages.ts';
import { BusinessTimeCheck } from './BusinessTimeCheck.tsx';
import { EditCalendar, NewCalendar } from './CalendarForms.tsx';
import { HolidaysPanel } from './HolidaysPanel.tsx';

const BASE = '/agent/admin/service-levels/calendars';

export function CalendarsSection() {
  const t = useT(messages);
  const navigate = useNavigate();
  const { id } = useParams();
  const calendars = useCalendars();
  const items = calendars.data ?? [];
  const selected = items.find((cal) => String(cal.id) === id);

  return (
    <section aria-labelledby="calendars-heading">
      <div className="sla-section-head">
        <h3 id="calendars-heading">{t('s_calendars')}</h3>
        <Link className="btn btn-secondary" to={`${BASE}/new`} aria-current={id === 'new' ? 'page' : undefined}>
          {t('newCalendar')}
        </Link>
      </div>
      <QueryList query={calendars} count={items.length} empty={t('noCalendars')}>
        <CalendarTable items={items} selectedId={selected?.id ?? null} />
      </QueryList>

      {id === 'new' && <NewCalendar onCreated={(cal) => navigate(`${BASE}/${cal.id}`)} />}
      {selected && (
        <div className="sla-detail" key={selected.id}>
          <EditCalendar calendar={selected} onDeleted={() => navigate(BASE)} />
          <div className="stack">
            <HolidaysPanel calendar={selected} />
            <BusinessTimeCheck calendar={selected} />
          </div>
        </div>
      )}
      {id !== undefined && id !== 'new' && calendars.data && !selected && <EmptyState>{t('calendarGone')}</EmptyState>}
      {id === undefined && items.length > 0 && <p className="muted">{t('pickCalendar')}</p>}
    </section>
  );
}

function CalendarTable({ items, selectedId }: { items: Calendar[]; selectedId: number | null }) {
  const t = useT(messages);
  const a = useT(admin);
  const names = weekdayNames(t.lang, 'short');
  return (
    <table className="data admin-table" aria-labelledby="calendars-heading">
      <thead>
        <tr>
          <th scope="col">{a('name')}</th>
          <th scope="col">{t('timeZone')}</th>
          <th scope="col">{t('colHours')}</th>
          <th scope="col">{t('colHolidays')}</th>
          <th scope="col">{t('colUsedBy')}</th>
          <th scope="col">
            <span className="visually-hidden">{a('actions')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {items.map((cal) => {
          const lines = cal.is24x7 ? [t('always')] : weekSummary(cal.hours, names);
          return (
            <tr key={cal.id} className={cal.id === selectedId ? 'selected' : undefined}>
              <td>{cal.name}</td>
              <td>{cal.timeZone}</td>
              <td>{lines.length > 0 ? lines.map((l) => <div key={l}>{l}</div>) : <span className="muted">{t('neverOpen')}</span>}</td>
              <td>{cal.holidayCountry ? [cal.holidayCountry, cal.holidayRegion].filter(Boolean).join('-') : <span className="muted">—</span>}</td>
              <td>
                {t.plural('policies', cal.usedBy.policies)}
                {cal.usedBy.rotations > 0 && <div>{t.plural('rotations', cal.usedBy.rotations)}</div>}
              </td>
              <td>
                <Link className="btn btn-secondary btn-small" to={`${BASE}/${cal.id}`} aria-label={t('editCalendar', { name: cal.name })} aria-current={cal.id === selectedId ? 'page' : undefined}>
                  {a('edit')}
                </Link>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
