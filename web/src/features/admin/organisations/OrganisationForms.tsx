// Creating an organisation; renaming one and adding or removing its email domains.
import { useState, type FormEvent } from 'react';
import { api } from '../../../app/api-client.ts';
import { useT } from '../../../app/i18n.tsx';
import { Button } from '../../../ui/Button.tsx';
import { TextField } from '../../../ui/Field.tsx';
import { useAdminMutation, type Organisation } from '../api.ts';
import { FormStatus } from '../components/FormStatus.tsx';
import { messages as admin } from '../messages.ts';
import { messages } from './messages.ts';

const splitDomains = (s: string) => s.split(/[\s,;]+/).filter(Boolean);

export function NewOrganisationForm({ onCreated }: { onCreated(o: Organisation): void }) {
  const t = useT(messages);
  const a = useT(admin);
  const [name, setName] = useState('');
  const [domains, setDomains] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const create = useAdminMutation(['organisations'], (body: { name: string; domains: string[] }) => api.post<Organisation>('/organisations', body));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setDone(null);
    const o = await create.mutateAsync({ name, domains: splitDomains(domains) }).catch(() => null);
    if (!o) return;
    setDone(t('created', { name: o.name }));
    setName('');
    setDomains('');
    onCreated(o);
  }

  return (
    <section className="panel" aria-labelledby="org-new-heading">
      <h3 id="org-new-heading">{t('newTitle')}</h3>
      <form onSubmit={submit}>
        <TextField label={a('name')} required value={name} onChange={(e) => setName(e.target.value)} />
        <TextField label={t('domains')} hint={t('domainsHint')} value={domains} onChange={(e) => setDomains(e.target.value)} />
        <FormStatus error={create.error} success={done} />
        <Button variant="primary" type="submit" busy={create.isPending}>
          {t('create')}
        </Button>
      </form>
    </section>
  );
}

export function EditOrganisation({ organisation, onChanged }: { organisation: Organisation; onChanged(o: Organisation): void }) {
  const t = useT(messages);
  const a = useT(admin);
  const [name, setName] = useState(organisation.name);
  const [domain, setDomain] = useState('');
  const [renamed, setRenamed] = useState(false);
  const [domainsSaved, setDomainsSaved] = useState(false);
  const patch = (body: { name?: string; domains?: string[] }) => api.patch<Organisation>(`/organisations/${organisation.id}`, body);
  const rename = useAdminMutation(['organisations', 'users'], patch);
  const setDomains = useAdminMutation(['organisations'], patch);

  async function submitName(e: FormEvent) {
    e.preventDefault();
    setRenamed(false);
    const o = await rename.mutateAsync({ name }).catch(() => null);
    if (o) {
      setRenamed(true);
      onChanged(o);
    }
  }

  async function changeDomains(domains: string[]) {
    setDomainsSaved(false);
    const o = await setDomains.mutateAsync({ domains }).catch(() => null);
    if (!o) return false;
    setDomainsSaved(true);
    onChanged(o);
    return true;
  }

  async function submitDomain(e: FormEvent) {
    e.preventDefault();
    if (await changeDomains([...organisation.domains, ...splitDomains(domain)])) setDomain('');
  }

  return (
    <section className="panel stack" aria-labelledby="org-edit-heading">
      <h3 id="org-edit-heading">{t('editTitle', { name: organisation.name })}</h3>
      <form onSubmit={submitName} className="admin-inline">
        <TextField label={a('name')} required value={name} onChange={(e) => setName(e.target.value)} />
        <Button type="submit" busy={rename.isPending}>
          {t('rename')}
        </Button>
      </form>
      <FormStatus error={rename.error} success={renamed ? t('renamed') : null} />
      <h4 id="org-domains-heading">{t('domainList', { name: organisation.name })}</h4>
      {organisation.domains.length === 0 ? (
        <p className="muted">{t('noDomains')}</p>
      ) : (
        <ul className="admin-chips" aria-labelledby="org-domains-heading">
          {organisation.domains.map((d) => (
            <li key={d}>
              {d}
              <Button variant="ghost" aria-label={t('removeDomain', { domain: d })} title={t('removeDomain', { domain: d })} onClick={() => void changeDomains(organisation.domains.filter((x) => x !== d))}>
                ×
              </Button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={submitDomain} className="admin-inline">
        <TextField label={t('domain')} required value={domain} onChange={(e) => setDomain(e.target.value)} placeholder="acme.example" />
        <Button type="submit" busy={setDomains.isPending}>
          {t('addDomain')}
        </Button>
      </form>
      <FormStatus error={setDomains.error} success={domainsSaved ? t('domainsSaved') : null} />
    </section>
  );
}
