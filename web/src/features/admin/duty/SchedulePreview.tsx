// The next four weeks of a rotation: who is on call, turn by turn, overrides marked.
import { useFormat, useT } from '../../../app/i18n.tsx';
import { QueryList } from '../components/QueryList.tsx';
import { useSchedule, type Rotation } from './api.ts';
import { messages } from './oncall-messages.ts';
import { browserZone } from './zones.ts';

export function SchedulePreview({ rotation }: { rotation: Rotation }) {
  const t = useT(messages);
  const f = useFormat();
  const schedule = useSchedule(rotation.id, 28);
  const items = schedule.data ?? [];
  return (
    <section className="panel" aria-labelledby="schedule-heading">
      <h4 id="schedule-heading">{t('scheduleTitle')}</h4>
      <p className="muted">{t('yourZone', { zone: browserZone() })}</p>
      <QueryList query={schedule} count={items.length} empty={t('noSchedule')}>
        <div className="duty-scroll">
          <table className="data admin-table" aria-labelledby="schedule-heading">
            <thead>
              <tr>
                <th scope="col">{t('colFrom')}</th>
                <th scope="col">{t('colTo')}</th>
                <th scope="col">{t('onCallPerson')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((s) => (
                <tr key={`${s.from}-${s.user.id}`}>
                  <td>{f.dateTime(s.from)}</td>
                  <td>{f.dateTime(s.to)}</td>
                  <td>
                    {s.user.name}
                    {s.override && <span className="duty-tag">{t('override')}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </QueryList>
    </section>
  );
}
