// Users: search by name or email and role; create; edit roles, organisation and status.
import { useDeferredValue, useState } from 'react';
import { ROLES } from '../../../../../common/enums.ts';
import { useT } from '../../../app/i18n.tsx';
import { common } from '../../../app/messages.ts';
import { Button } from '../../../ui/Button.tsx';
import { Dialog } from '../../../ui/Dialog.tsx';
import { Notice } from '../../../ui/Feedback.tsx';
import { SelectField, TextField } from '../../../ui/Field.tsx';
import { useAllOrganisations, useUsers, type Role, type User } from '../api.ts';
import { QueryList } from '../components/QueryList.tsx';
import { messages as admin } from '../messages.ts';
import { messages } from './messages.ts';
import { servesSome, UserForm } from './UserForm.tsx';

export function UsersTab() {
  const t = useT(messages);
  const a = useT(admin);
  const c = useT(common);
  const [q, setQ] = useState('');
  const [role, setRole] = useState<Role | ''>('');
  const filters = { q: useDeferredValue(q.trim()), role };
  const users = useUsers(filters);
  const orgNames = new Map((useAllOrganisations().data ?? []).map((o) => [o.id, o.name]));
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const items = users.data?.pages.flatMap((p) => p.items) ?? [];

  /** Whom a staff member serves: all organisations, or the first few by name. */
  function servedText(u: User): string {
    if (!u.roles.includes('admin') && !servesSome(u.roles)) return '—';
    if (u.servedOrganisationIds.length === 0) return t('allOrganisations');
    const names = u.servedOrganisationIds.map((id) => orgNames.get(id) ?? `#${id}`);
    return names.length <= 3 ? names.join(', ') : t('andMore', { names: names.slice(0, 2).join(', '), count: names.length - 2 });
  }

  return (
    <section aria-labelledby="users-heading">
      <h2 id="users-heading">{t('heading')}</h2>
      <div className="admin-toolbar">
        <TextField label={a('searchLabel')} type="search" hint={t('searchHint')} value={q} onChange={(e) => setQ(e.target.value)} />
        <SelectField label={t('roleFilter')} value={role} onChange={(e) => setRole(e.target.value as Role | '')}>
          <option value="">{t('anyRole')}</option>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`role_${r}`)}
            </option>
          ))}
        </SelectField>
        <span className="spacer" />
        <Button variant="primary" onClick={() => setEditing('new')}>
          {t('newUser')}
        </Button>
      </div>
      {notice && <Notice tone="success">{notice}</Notice>}
      <QueryList query={users} count={items.length} empty={t('noUsers')}>
        <table className="data admin-table" aria-labelledby="users-heading">
          <thead>
            <tr>
              <th scope="col">{t('colName')}</th>
              <th scope="col">{t('colEmail')}</th>
              <th scope="col">{t('colRoles')}</th>
              <th scope="col">{t('colOrganisation')}</th>
              <th scope="col">{t('colServes')}</th>
              <th scope="col">{t('colStatus')}</th>
              <th scope="col">
                <span className="visually-hidden">{a('actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((u) => (
              <tr key={u.id}>
                <td>{u.name}</td>
                <td>{u.email}</td>
                <td>{u.roles.map((r) => t(`role_${r}`)).join(', ')}</td>
                <td>{u.organisationId === null ? '—' : (orgNames.get(u.organisationId) ?? `#${u.organisationId}`)}</td>
                <td>{servedText(u)}</td>
                <td>{u.isActive ? a('active') : <span className="muted">{a('inactive')}</span>}</td>
                <td>
                  <Button className="btn-small" onClick={() => setEditing(u)} aria-label={t('editUser', { name: u.name })}>
                    {a('edit')}
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </QueryList>
      <Dialog
        open={editing !== null}
        title={editing === 'new' ? t('createTitle') : editing ? t('editTitle', { name: editing.name }) : ''}
        onClose={() => setEditing(null)}
        closeLabel={c('close')}
      >
        {editing !== null && (
          <UserForm
            key={editing === 'new' ? 'new' : editing.id}
            user={editing === 'new' ? undefined : editing}
            onSaved={(saved, created) => {
              setNotice(created ? t('created', { name: saved.name }) : t('updated', { name: saved.name }));
              setEditing(null);
            }}
          />
        )}
      </Dialog>
    </section>
  );
}
