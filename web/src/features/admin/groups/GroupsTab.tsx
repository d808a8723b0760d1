// Groups: the teams at each tier, their description and members.
import { useState } from 'react';
import { useFormat, useT } from '../../../app/i18n.tsx';
import { common } from '../../../app/messages.ts';
import { Button } from '../../../ui/Button.tsx';
import { useGroups, type Group } from '../api.ts';
import { QueryList } from '../components/QueryList.tsx';
import { messages as admin } from '../messages.ts';
import { EditGroup, NewGroupForm } from './GroupForms.tsx';
import { messages } from './messages.ts';

export function GroupsTab() {
  const t = useT(messages);
  const a = useT(admin);
  const c = useT(common);
  const format = useFormat();
  const groups = useGroups();
  const items = groups.data ?? [];
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [latest, setLatest] = useState<Group | null>(null);
  const fromList = items.find((g) => g.id === selectedId);
  const selected = latest && latest.id === selectedId && (!fromList || latest.updatedAt >= fromList.updatedAt) ? latest : fromList;

  return (
    <section aria-labelledby="groups-heading">
      <h2 id="groups-heading">{t('heading')}</h2>
      <div className="admin-split">
        <div>
          <QueryList query={groups} count={items.length} empty={t('noGroups')}>
            <table className="data admin-table" aria-labelledby="groups-heading">
              <thead>
                <tr>
                  <th scope="col">{t('colName')}</th>
                  <th scope="col">{t('colTier')}</th>
                  <th scope="col" className="num">
                    {t('colMembers')}
                  </th>
                  <th scope="col">
                    <span className="visually-hidden">{a('actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((g) => (
                  <tr key={g.id} className={g.id === selectedId ? 'selected' : undefined}>
                    <td>
                      {g.name}
                      {g.description && <div className="muted">{g.description}</div>}
                    </td>
                    <td>{c('tier', { tier: g.tier })}</td>
                    <td className="num">{format.number(g.members.length)}</td>
                    <td>
                      <Button className="btn-small" aria-label={t('editGroup', { name: g.name })} aria-pressed={g.id === selectedId} onClick={() => setSelectedId(g.id)}>
                        {a('edit')}
                      </Button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </QueryList>
        </div>
        <div>
          <NewGroupForm
            onCreated={(g) => {
              setLatest(g);
              setSelectedId(g.id);
            }}
          />
          {selected ? <EditGroup key={selected.id} group={selected} onChanged={setLatest} /> : <p className="muted">{t('pickOne')}</p>}
        </div>
      </div>
    </section>
  );
}
