// Organisations: search, create, rename, and add or remove email domains.
import { useDeferredValue, useState } from 'react';
import { useT } from '../../../app/i18n.tsx';
import { Button } from '../../../ui/Button.tsx';
import { TextField } from '../../../ui/Field.tsx';
import { useOrganisations, type Organisation } from '../api.ts';
import { QueryList } from '../components/QueryList.tsx';
import { messages as admin } from '../messages.ts';
import { messages } from './messages.ts';
import { EditOrganisation, NewOrganisationForm } from './OrganisationForms.tsx';

export function OrganisationsTab() {
  const t = useT(messages);
  const a = useT(admin);
  const [q, setQ] = useState('');
  const list = useOrganisations(useDeferredValue(q.trim()));
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const [selectedId, setSelectedId] = useState<number | null>(null);
  // The selected organisation as last saved, until the list catches up.
  const [latest, setLatest] = useState<Organisation | null>(null);
  const fromList = items.find((o) => o.id === selectedId);
  const selected = latest && latest.id === selectedId && (!fromList || latest.updatedAt > fromList.updatedAt) ? latest : fromList;

  return (
    <section aria-labelledby="orgs-heading">
      <h2 id="orgs-heading">{t('heading')}</h2>
      <div className="admin-split">
        <div>
          <div className="admin-toolbar">
            <TextField label={a('searchLabel')} type="search" hint={t('searchHint')} value={q} onChange={(e) => setQ(e.target.value)} />
          </div>
          <QueryList query={list} count={items.length} empty={t('noOrgs')}>
            <table className="data admin-table" aria-labelledby="orgs-heading">
              <thead>
                <tr>
                  <th scope="col">{t('colName')}</th>
                  <th scope="col">{t('colDomains')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{a('actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((o) => (
                  <tr key={o.id} className={o.id === selectedId ? 'selected' : undefined}>
                    <td>{o.name}</td>
                    <td>{o.domains.join(', ') || '—'}</td>
                    <td>
                      <Button className="btn-small" aria-label={t('editOrg', { name: o.name })} aria-pressed={o.id === selectedId} onClick={() => setSelectedId(o.id)}>
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
          <NewOrganisationForm
            onCreated={(o) => {
              setLatest(o);
              setSelectedId(o.id);
            }}
          />
          {selected ? <EditOrganisation key={selected.id} organisation={selected} onChanged={setLatest} /> : <p className="muted">{t('pickOne')}</p>}
        </div>
      </div>
    </section>
  );
}
