// Contracts: which policy each client organisation is served under, and when. The list can
// be narrowed to one organisation (?organisation=ID, kept in the links); the contract
// chosen in the URL is edited below it.
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useT } from '../../../../app/i18n.tsx';
import { EmptyState } from '../../../../ui/Feedback.tsx';
import { SelectField } from '../../../../ui/Field.tsx';
import { useAllOrganisations } from '../../api.ts';
import { QueryList } from '../../components/QueryList.tsx';
import { messages as admin } from '../../messages.ts';
import { useContracts, type Contract } from '../api.ts';
import { localDateText } from '../local-date.ts';
import { EditContract, NewContract } from './ContractForms.tsx';
import { messages } from './messages.ts';

const BASE = '/agent/admin/service-levels/contracts';

export function ContractsSection() {
  const t = useT(messages);
  const navigate = useNavigate();
  const { id } = useParams();
  const [search, setSearch] = useSearchParams();
  const organisationId = Number(search.get('organisation')) || null;
  const organisations = useAllOrganisations().data ?? [];
  const contracts = useContracts(organisationId);
  const items = contracts.data ?? [];
  const selected = items.find((k) => String(k.id) === id);
  const suffix = organisationId ? `?organisation=${organisationId}` : '';

  return (
    <section aria-labelledby="contracts-heading">
      <div className="sla-section-head">
        <h3 id="contracts-heading">{t('heading')}</h3>
        <Link className="btn btn-secondary" to={`${BASE}/new${suffix}`} aria-current={id === 'new' ? 'page' : undefined}>
          {t('newContract')}
        </Link>
      </div>
      <div className="admin-toolbar">
        <SelectField label={t('organisationFilter')} value={organisationId ?? ''} onChange={(e) => setSearch(e.target.value ? { organisation: e.target.value } : {})}>
          <option value="">{t('allOrganisations')}</option>
          {organisations.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </SelectField>
      </div>
      <QueryList query={contracts} count={items.length} empty={organisationId ? t('noContractsHere') : t('noContracts')}>
        <ContractTable items={items} selectedId={selected?.id ?? null} suffix={suffix} />
      </QueryList>
      {id === 'new' && <NewContract organisationId={organisationId} onCreated={(k) => navigate(`${BASE}/${k.id}${suffix}`)} />}
      {selected && <EditContract key={selected.id} contract={selected} onDeleted={() => navigate(`${BASE}${suffix}`)} />}
      {id !== undefined && id !== 'new' && contracts.data && !selected && <EmptyState>{t('contractGone')}</EmptyState>}
    </section>
  );
}

function ContractTable({ items, selectedId, suffix }: { items: Contract[]; selectedId: number | null; suffix: string }) {
  const t = useT(messages);
  const a = useT(admin);
  return (
    <table className="data admin-table" aria-labelledby="contracts-heading">
      <thead>
        <tr>
          <th scope="col">{t('organisation')}</th>
          <th scope="col">{a('name')}</th>
          <th scope="col">{t('policy')}</th>
          <th scope="col">{t('period')}</th>
          <th scope="col">
            <span className="visually-hidden">{a('actions')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {items.map((k) => (
          <tr key={k.id} className={k.id === selectedId ? 'selected' : undefined}>
            <td>{k.organisation.name}</td>
            <td>
              {k.name}
              {k.active ? <span className="sla-badge-active">{t('inForce')}</span> : <span className="sla-badge-ended">{t('notInForce')}</span>}
            </td>
            <td>{k.policy.name}</td>
            <td>
              <Period contract={k} />
            </td>
            <td>
              <Link className="btn btn-secondary btn-small" to={`${BASE}/${k.id}${suffix}`} aria-label={t('editContract', { name: k.name, organisation: k.organisation.name })} aria-current={k.id === selectedId ? 'page' : undefined}>
                {a('edit')}
              </Link>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Period({ contract: k }: { contract: Contract }) {
  const t = useT(messages);
  const d = (date: string) => localDateText(date, t.lang);
  if (k.startsOn && k.endsOn) return <>{t('fromTo', { from: d(k.startsOn), to: d(k.endsOn) })}</>;
  if (k.startsOn) return <>{t('fromOn', { from: d(k.startsOn) })}</>;
  if (k.endsOn) return <>{t('until', { to: d(k.endsOn) })}</>;
  return <span className="muted">{t('openEnded')}</span>;
}
