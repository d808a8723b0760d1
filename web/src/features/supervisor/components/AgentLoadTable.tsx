// Each active agent's open assigned tickets, by priority, sortable by load.
import { useState } from 'react';
import { PRIORITIES } from '../../../../../common/enums.ts';
import { useFormat, useT } from '../../../app/i18n.tsx';
import { EmptyState } from '../../../ui/Feedback.tsx';
import type { AgentLoad } from '../api.ts';
import { messages } from '../messages.ts';

type SortKey = 'name' | 'open' | 'pending';

export function AgentLoadTable({ agents }: { agents: AgentLoad[] }) {
  const t = useT(messages);
  const format = useFormat();
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: 'open', descending: true });
  const sorted = [...agents].sort((a, b) => {
    const d = sort.key === 'name' ? a.name.localeCompare(b.name, t.lang) : a[sort.key] - b[sort.key] || a.name.localeCompare(b.name, t.lang);
    return sort.descending ? -d : d;
  });
  const header = (key: SortKey, label: string, className?: string) => {
    const active = sort.key === key;
    return (
      <th scope="col" className={className} aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : undefined}>
        <button
          type="button"
          className="sort-button"
          title={t('sortBy', { column: label })}
          onClick={() => setSort(active ? { key, descending: !sort.descending } : { key, descending: key !== 'name' })}
        >
          {label}
          <span aria-hidden="true">{active ? (sort.descending ? ' ▼' : ' ▲') : ''}</span>
        </button>
      </th>
    );
  };

  return (
    <section className="panel" aria-labelledby="agents-heading">
      <h2 id="agents-heading">{t('agents')}</h2>
      {agents.length === 0 ? (
        <EmptyState>{t('noAgents')}</EmptyState>
      ) : (
        <div className="supervisor-table-wrap">
          <table className="data agents-table" aria-labelledby="agents-heading">
            <thead>
              <tr>
                {header('name', t('colAgent'))}
                <th scope="col">{t('colGroups')}</th>
                {header('open', t('colLoad'), 'num')}
                {PRIORITIES.map((p) => (
                  <th key={p} scope="col" className="num">
                    {p}
                  </th>
                ))}
                {header('pending', t('colPending'), 'num')}
              </tr>
            </thead>
            <tbody>
              {sorted.map((a) => (
                <tr key={a.id}>
                  <th scope="row">{a.name}</th>
                  <td>{a.groups.map((g) => g.name).join(', ') || '—'}</td>
                  <td className="num">
                    <strong>{format.number(a.open)}</strong>
                  </td>
                  {PRIORITIES.map((p) => (
                    <td key={p} className="num">
                      {format.number(a.byPriority[p])}
                    </td>
                  ))}
                  <td className="num">{format.number(a.pending)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
