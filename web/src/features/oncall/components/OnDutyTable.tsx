// Agents on duty now: their groups and when their shift (or extra duty) ends.
import { useFormat, useT } from '../../../app/i18n.tsx';
import { common } from '../../../app/messages.ts';
import { EmptyState } from '../../../ui/Feedback.tsx';
import type { OncallNow } from '../api.ts';
import { messages } from '../messages.ts';

export function OnDutyTable({ rows, meId }: { rows: OncallNow['onDuty']; meId: number }) {
  const t = useT(messages);
  const c = useT(common);
  const f = useFormat();
  const sorted = [...rows].sort((a, b) => a.user.name.localeCompare(b.user.name));
  return (
    <section className="panel" aria-labelledby="on-duty-heading">
      <h2 id="on-duty-heading">{t('onDutyTitle')}</h2>
      {sorted.length === 0 ? (
        <EmptyState>{t('nobodyOnDuty')}</EmptyState>
      ) : (
        <table className="data" aria-labelledby="on-duty-heading">
          <thead>
            <tr>
              <th scope="col">{t('colAgent')}</th>
              <th scope="col">{t('colGroups')}</th>
              <th scope="col">{t('colUntil')}</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((d) => (
              <tr key={d.user.id} className={d.user.id === meId ? 'oncall-me' : undefined}>
                <td>
                  {d.user.name}
                  {d.user.id === meId && <span className="oncall-you">{t('you')}</span>}
                </td>
                <td>{d.groups.length ? d.groups.map((g) => `${g.name} (${c('tier', { tier: g.tier })})`).join(', ') : <span className="muted">{t('noGroup')}</span>}</td>
                <td>
                  {d.until ? f.dateTime(d.until) : <span className="muted">{t('noPattern')}</span>}
                  {d.source === 'override' && <span className="oncall-tag">{t('extraDuty')}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
