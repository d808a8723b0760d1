// Creating a user, or changing one: name, email, password, roles, organisation, manager
// flag, language, the organisations an agent or supervisor serves, and (when editing)
// whether the account is active.
import { useState, type FormEvent } from 'react';
import { LANGUAGES, ROLES, type Language } from '../../../../../common/enums.ts';
import { api } from '../../../app/api-client.ts';
import { useT } from '../../../app/i18n.tsx';
import { Button } from '../../../ui/Button.tsx';
import { SelectField, TextField } from '../../../ui/Field.tsx';
import { useAdminMutation, useAllOrganisations, type Role, type User } from '../api.ts';
import { FormStatus } from '../components/FormStatus.tsx';
import { SearchPickList } from '../components/SearchPickList.tsx';
import { messages } from './messages.ts';

/** 'domain': let the server place the user by their email domain (creation only). */
type OrgChoice = 'domain' | 'none' | `${number}`;

/** Agents and supervisors may be limited to some organisations; an admin serves them all. */
export const servesSome = (roles: readonly Role[]) => !roles.includes('admin') && (roles.includes('agent') || roles.includes('supervisor'));

export function UserForm({ user, onSaved }: { user?: User; onSaved(user: User, created: boolean): void }) {
  const t = useT(messages);
  const organisations = useAllOrganisations().data ?? [];
  const [name, setName] = useState(user?.name ?? '');
  const [email, setEmail] = useState(user?.email ?? '');
  const [password, setPassword] = useState('');
  const [roles, setRoles] = useState<Role[]>(user?.roles ?? ['requester']);
  const [org, setOrg] = useState<OrgChoice>(user ? (user.organisationId === null ? 'none' : `${user.organisationId}`) : 'domain');
  const [isOrgManager, setIsOrgManager] = useState(user?.isOrgManager ?? false);
  const [language, setLanguage] = useState<Language>(user?.language ?? 'en');
  const [isActive, setIsActive] = useState(user?.isActive ?? true);
  const [served, setServed] = useState<number[]>(user?.servedOrganisationIds ?? []);
  const save = useAdminMutation(['users', 'staff'], (body: Record<string, unknown>) =>
    user ? api.patch<User>(`/users/${user.id}`, body) : api.post<User>('/users', body),
  );

  async function submit(e: FormEvent) {
    e.preventDefault();
    const organisationId = org === 'domain' ? undefined : org === 'none' ? null : Number(org);
    const body: Record<string, unknown> = { name, email, roles, organisationId, isOrgManager, language };
    if (password) body.password = password;
    if (user) body.isActive = isActive;
    // Left out otherwise: the server drops what the new roles no longer allow.
    if (servesSome(roles)) body.servedOrganisationIds = served;
    const saved = await save.mutateAsync(body).catch(() => null);
    if (saved) onSaved(saved, !user);
  }

  const toggleRole = (role: Role, on: boolean) => setRoles((prev) => (on ? [...prev, role] : prev.filter((r) => r !== role)));

  return (
    <form onSubmit={submit} className="stack">
      <div className="grid-2">
        <TextField label={t('name')} required value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />
        <TextField label={t('email')} type="email" required value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="off" />
      </div>
      <TextField
        label={t('password')}
        type="password"
        autoComplete="new-password"
        hint={user ? t('passwordEditHint') : t('passwordCreateHint')}
        value={password}
        onChange={(e) => setPassword(e.target.value)}
      />
      <fieldset className="admin-fieldset">
        <legend>{t('roles')}</legend>
        {ROLES.map((role) => (
          <label key={role} className="checkbox">
            <input type="checkbox" checked={roles.includes(role)} onChange={(e) => toggleRole(role, e.target.checked)} />
            {t(`role_${role}`)}
          </label>
        ))}
      </fieldset>
      {servesSome(roles) && (
        <SearchPickList
          legend={t('served')}
          hint={t('servedHint')}
          options={organisations.map((o) => ({ id: o.id, label: o.name }))}
          value={served}
          onChange={setServed}
        />
      )}
      <div className="grid-2">
        <SelectField label={t('organisation')} value={org} onChange={(e) => setOrg(e.target.value as OrgChoice)}>
          {!user && <option value="domain">{t('orgFromDomain')}</option>}
          <option value="none">{t('noOrganisation')}</option>
          {organisations.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('language')} value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
          {LANGUAGES.map((l) => (
            <option key={l} value={l}>
              {t(`lang_${l}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={isOrgManager} onChange={(e) => setIsOrgManager(e.target.checked)} />
        {t('orgManager')}
      </label>
      {user && (
        <label className="checkbox">
          <input type="checkbox" checked={isActive} onChange={(e) => setIsActive(e.target.checked)} />
          {t('isActive')}
        </label>
      )}
      <FormStatus error={save.error} />
      <div className="admin-form-actions">
        <Button variant="primary" type="submit" busy={save.isPending}>
          {user ? t('save') : t('create')}
        </Button>
      </div>
    </form>
  );
}
