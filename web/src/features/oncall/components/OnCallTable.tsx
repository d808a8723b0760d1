// Who is on call now in each rotation, until when, and whether the rotation pages now (it
// does not while its calendar is open: the shifts cover business hours).
import { useFormat, useT } from '../../../app/i18n.tsx';
import { EmptyState } from '../../../ui/Feedback.tsx';
import type { OncallNow } from '../api.ts';
import { messages } from '../messages.ts';

export function OnCallTable({ rows, meId }: { rows: OncallNow['onCall']; meId: number }) {
  const t = useT(messages);
  const f = useFormat();
  return (
    <section className="panel" aria-labelledby="on-call-heading">
      <h2 id="on-call-heading">{t('onCallTitle')}</h2>
      {rows.length === 0 ? (
        <EmptyState>{t('noRotation')}</EmptyState>
      ) : (
        <table className="data" aria-labelledby="on-call-heading">
          <thead>
            <tr>
              <th scope="col">{t('colRotation')}</th>
              <th scope="col">{t('colGroup')}</th>
              <th scope="col">{t('colOnCall')}</th>
              <th scope="col">{t('colUntil')}</th>
              <th scope="col">{t('colPaging')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.rotation.id} className={r.user.id === meId ? 'oncall-me' : undefined}>
                <td>{r.rotation.name}</td>
                <td>{r.group?.name ?? <span className="muted">{t('everyGroup')}</span>}</td>
                <td>
                  {r.user.name}
                  {r.user.id === meId && <span className="oncall-you">{t('you')}</span>}
                  {r.override && <span className="oncall-tag">{t('override')}</span>}
                </td>
                <td>{f.dateTime(r.until)}</td>
                <td>{r.active ? <strong className="oncall-active">{t('pagingNow')}</strong> : <span className="muted">{t('notPaging')}</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
