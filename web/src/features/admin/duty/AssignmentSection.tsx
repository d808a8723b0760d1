// How each group hands out the tickets routed to it: by hand, in turn, or to the agent with
// the fewest open tickets (only agents on shift, with the category's skill if it needs one).
import { useState } from 'react';
import { api } from '../../../app/api-client.ts';
import { useT } from '../../../app/i18n.tsx';
import { common } from '../../../app/messages.ts';
import { ErrorBanner, Notice } from '../../../ui/Feedback.tsx';
import { useGroups, type Group } from '../api.ts';
import { QueryList } from '../components/QueryList.tsx';
import { ASSIGNMENT_STRATEGIES, useDutyMutation, type AssignmentStrategy } from './api.ts';
import { messages } from './messages.ts';

export function AssignmentSection() {
  const t = useT(messages);
  const c = useT(common);
  const groups = useGroups();
  const items = groups.data ?? [];
  const [notice, setNotice] = useState<string | null>(null);
  const save = useDutyMutation((v: { group: Group; strategy: AssignmentStrategy }) => api.put(`/groups/${v.group.id}/assignment`, { strategy: v.strategy }), ['groups']);

  function change(group: Group, strategy: AssignmentStrategy) {
    setNotice(null);
    save.mutate(
      { group, strategy },
      {
        onSuccess: () => {
          setNotice(t('strategySaved', { group: group.name, strategy: t(`strategy_${strategy}`) }));
        },
      },
    );
  }

  return (
    <section aria-labelledby="assignment-heading">
      <h3 id="assignment-heading">{t('s_assignment')}</h3>
      <dl className="duty-legend">
        {ASSIGNMENT_STRATEGIES.map((s) => (
          <div key={s}>
            <dt>{t(`strategy_${s}`)}</dt>
            <dd>{t(`strategyHint_${s}`)}</dd>
          </div>
        ))}
      </dl>
      {notice && <Notice tone="success">{notice}</Notice>}
      <ErrorBanner error={save.error} />
      <QueryList query={groups} count={items.length} empty={t('noGroups')}>
        <table className="data admin-table" aria-labelledby="assignment-heading">
          <thead>
            <tr>
              <th scope="col">{t('colGroup')}</th>
              <th scope="col">{t('colTier')}</th>
              <th scope="col" className="num">
                {t('colMembers')}
              </th>
              <th scope="col">{t('colStrategy')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((g) => (
              <tr key={g.id}>
                <td>{g.name}</td>
                <td>{c('tier', { tier: g.tier })}</td>
                <td className="num">{g.members.length}</td>
                <td>
                  <select
                    className="duty-select"
                    aria-label={t('strategyFor', { group: g.name })}
                    value={save.isPending && save.variables?.group.id === g.id ? save.variables.strategy : g.assignmentStrategy}
                    disabled={save.isPending}
                    onChange={(e) => change(g, e.target.value as AssignmentStrategy)}
                  >
                    {ASSIGNMENT_STRATEGIES.map((s) => (
                      <option key={s} value={s}>
                        {t(`strategy_${s}`)}
                      </option>
                      ))}
                    </select>
                  </td>
                </tr>
            ))}
          </tbody>
        </table>
      </QueryList>
    </section>
  );
}
