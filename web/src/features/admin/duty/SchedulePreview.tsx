// The next four weeks of a rotation: who is on call, turn by turn, overrides marked.
import { useFormat, useT } from '../../../app/i18n.tsx';
import { common } from '../../../app/messages.ts';
import { EmptyState, ErrorBanner, Spinner } from '../../../ui/Feedback.tsx';
import { messages as admin } from '../messages.ts';
import { useSchedule, type Rotation } from './api.ts';
import { messages } from './oncall-messages.ts';
import { browserZone } from './zones.ts';

export function SchedulePreview({ rotation }: { rotation: Rotation }) {
  const t = useT(messages);
  const a = useT(admin);
  const c = useT(common);
  const f = useFormat();
  const schedule = useSchedule(rotation.id, 28);
  const items = schedule.data ?? [];
  return (
    <section className="panel" aria-labelledby="schedule-heading">
      <h4 id="schedule-heading">{t('scheduleTitle')}</h4>
      <p className="muted">{t('yourZone', { zone: browserZone() })}</p>
      <ErrorBanner error={schedule.error} title={a('loadError')} />
      {schedule.isPending && <Spinner label={c('loading')} />}
      {schedule.data && items.length === 0 && <EmptyState>{t('noSchedule')}</EmptyState>}
      {items.length > 0 && (
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
      )}
    </section>
  );
}
