// One breakdown of the open backlog: a table of numbers, with a bar per row as decoration.
import { useId, type ReactNode } from 'react';
import { useFormat, useT } from '../../../app/i18n.tsx';
import { messages } from '../messages.ts';

export interface BacklogRow {
  key: string;
  label: ReactNode;
  open: number;
  unassigned?: number;
}

export function BacklogTable({ title, labelHeader, rows, total }: { title: string; labelHeader: string; rows: BacklogRow[]; total: number }) {
  const t = useT(messages);
  const format = useFormat();
  const id = useId();
  const percent = new Intl.NumberFormat(t.lang === 'fr' ? 'fr-FR' : 'en-GB', { style: 'percent' });
  const withUnassigned = rows.some((r) => r.unassigned !== undefined);
  return (
    <section className="panel backlog-panel" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      <table className="data backlog-table" aria-labelledby={id}>
        <thead>
          <tr>
            <th scope="col">{labelHeader}</th>
            <th scope="col" className="num">
              {t('colOpen')}
            </th>
            {withUnassigned && (
              <th scope="col" className="num">
                {t('colUnassigned')}
              </th>
            )}
            <th scope="col" className="backlog-share">
              {t('colShare')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const share = total > 0 ? r.open / total : 0;
            return (
              <tr key={r.key}>
                <th scope="row">{r.label}</th>
                <td className="num">{format.number(r.open)}</td>
                {withUnassigned && <td className="num">{format.number(r.unassigned ?? 0)}</td>}
                <td className="backlog-share">
                  <div className="backlog-share-inner">
                    <span className="backlog-bar" aria-hidden="true">
                      <span style={{ width: `${share * 100}%` }} />
                    </span>
                    <span className="backlog-pct">{percent.format(share)}</span>
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
