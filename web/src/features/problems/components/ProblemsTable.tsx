// The problem list: reference, title, status, owner group, incidents (open / total) and the
// last change.
import { Link } from 'react-router';
import { useFormat, useT } from '../../../app/i18n.tsx';
import type { ProblemSummary } from '../api.ts';
import { messages } from '../messages.ts';
import { ProblemStatusBadge } from './ProblemStatusBadge.tsx';

export function ProblemsTable({ items }: { items: ProblemSummary[] }) {
  const t = useT(messages);
  const f = useFormat();
  return (
    <div className="problems-table-wrap">
      <table className="data problems-table">
        <caption className="visually-hidden">{t('tableCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('colReference')}</th>
            <th scope="col">{t('colTitle')}</th>
            <th scope="col">{t('colStatus')}</th>
            <th scope="col">{t('colOwner')}</th>
            <th scope="col" className="num">
              {t('colIncidents')}
            </th>
            <th scope="col">{t('colUpdated')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((p) => (
            <tr key={p.id}>
              <td className="problems-ref">{p.reference}</td>
              <td className="problems-title">
                <Link to={`/agent/problems/${p.id}`}>{p.title}</Link>
              </td>
              <td>
                <ProblemStatusBadge status={p.status} />
              </td>
              <td>{p.ownerGroupName ?? <span className="muted">{t('noOwner')}</span>}</td>
              <td className="num" title={t('incidentsOpenOfTotal', { open: p.openIncidentCount, total: p.incidentCount })}>
                <span aria-hidden="true">
                  {f.number(p.openIncidentCount)} / {f.number(p.incidentCount)}
                </span>
                <span className="visually-hidden">{t('incidentsOpenOfTotal', { open: p.openIncidentCount, total: p.incidentCount })}</span>
              </td>
              <td className="problems-updated">
                <time dateTime={p.updatedAt} title={f.dateTime(p.updatedAt)}>
                  {f.relative(p.updatedAt)}
                </time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
