// Policies: the list (the default marked, the calendar, the P1 targets at a glance, the
// contracts using each), then the one chosen in the URL, or a new one.
import { Link, useNavigate, useParams } from 'react-router';
import { useT } from '../../../../app/i18n.tsx';
import { EmptyState } from '../../../../ui/Feedback.tsx';
import { QueryList } from '../../components/QueryList.tsx';
import { messages as admin } from '../../messages.ts';
import { usePolicies, type SlaPolicy } from '../api.ts';
import { intlLocale } from '../local-date.ts';
import { formatMinutes } from './durations.ts';
import { messages } from './messages.ts';
import { EditPolicy, NewPolicy } from './PolicyForms.tsx';

const BASE = '/agent/admin/service-levels/policies';

export function PoliciesSection() {
  const t = useT(messages);
  const navigate = useNavigate();
  const { id } = useParams();
  const policies = usePolicies();
  const items = policies.data ?? [];
  const selected = items.find((p) => String(p.id) === id);

  return (
    <section aria-labelledby="policies-heading">
      <div className="sla-section-head">
        <h3 id="policies-heading">{t('heading')}</h3>
        <Link className="btn btn-secondary" to={`${BASE}/new`} aria-current={id === 'new' ? 'page' : undefined}>
          {t('newPolicy')}
        </Link>
      </div>
      <QueryList query={policies} count={items.length} empty={t('noPolicies')}>
        <PolicyTable items={items} selectedId={selected?.id ?? null} />
      </QueryList>
      {id === 'new' && <NewPolicy onCreated={(p) => navigate(`${BASE}/${p.id}`)} />}
      {selected && <EditPolicy key={selected.id} policy={selected} onDeleted={() => navigate(BASE)} />}
      {id !== undefined && id !== 'new' && policies.data && !selected && <EmptyState>{t('policyGone')}</EmptyState>}
      {id === undefined && items.length > 0 && <p className="muted">{t('pickPolicy')}</p>}
    </section>
  );
}

function PolicyTable({ items, selectedId }: { items: SlaPolicy[]; selectedId: number | null }) {
  const t = useT(messages);
  const a = useT(admin);
  const duration = (m: number) => formatMinutes(m, t.lang);
  return (
    <table className="data admin-table" aria-labelledby="policies-heading">
      <thead>
        <tr>
          <th scope="col">{a('name')}</th>
          <th scope="col">{t('calendar')}</th>
          <th scope="col">{t('colP1')}</th>
          <th scope="col" className="num">
            {t('colWarn')}
          </th>
          <th scope="col" className="num">
            {t('colContracts')}
          </th>
          <th scope="col">
            <span className="visually-hidden">{a('actions')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {items.map((p) => {
          const p1 = p.targets['1'];
          return (
            <tr key={p.id} className={p.id === selectedId ? 'selected' : undefined}>
              <td>
                {p.name}
                {p.isDefault && <span className="sla-badge-default">{t('default')}</span>}
                {p.description && <div className="muted">{p.description}</div>}
              </td>
              <td>{p.calendar.name}</td>
              <td>{p1 ? t('p1Summary', { first: duration(p1.firstResponse), resolution: duration(p1.resolution) }) : '—'}</td>
              <td className="num">{new Intl.NumberFormat(intlLocale(t.lang), { style: 'percent' }).format(p.warnPercent / 100)}</td>
              <td className="num">{p.contracts}</td>
              <td>
                <Link className="btn btn-secondary btn-small" to={`${BASE}/${p.id}`} aria-label={t('editPolicy', { name: p.name })} aria-current={p.id === selectedId ? 'page' : undefined}>
                  {a('edit')}
                </Link>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
