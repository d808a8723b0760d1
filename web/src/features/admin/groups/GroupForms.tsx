// Creating a group; changing its name, tier and description; adding and removing members.
import { useState } from 'react';
import { TIERS } from '../../../../../common/enums.ts';
import { api } from '../../../app/api-client.ts';
import { useT } from '../../../app/i18n.tsx';
import { common } from '../../../app/messages.ts';
import { Button } from '../../../ui/Button.tsx';
import { SelectField, TextArea, TextField } from '../../../ui/Field.tsx';
import { useAdminMutation, useStaff, type Group } from '../api.ts';
import { FormFooter } from '../components/FormFooter.tsx';
import { FormStatus } from '../components/FormStatus.tsx';
import { useFormRun } from '../components/useFormRun.ts';
import { useNewForm } from '../components/useNewForm.ts';
import { messages as admin } from '../messages.ts';
import { messages } from './messages.ts';

interface GroupFields {
  name: string;
  tier: number;
  description: string;
}

function GroupFieldsForm({ initial, submitLabel, run, onDone }: { initial: GroupFields; submitLabel: string; run(f: GroupFields): Promise<Group>; onDone(g: Group): void }) {
  const t = useT(messages);
  const a = useT(admin);
  const c = useT(common);
  const [f, setF] = useState(initial);
  const { busy, error, submit } = useFormRun(async () => onDone(await run(f)));

  return (
    <form onSubmit={submit}>
      <div className="grid-2">
        <TextField label={a('name')} required value={f.name} onChange={(e) => setF({ ...f, name: e.target.value })} />
        <SelectField label={t('tier')} hint={t('tierHint')} value={f.tier} onChange={(e) => setF({ ...f, tier: Number(e.target.value) })}>
          {TIERS.map((tier) => (
            <option key={tier} value={tier}>
              {c('tier', { tier })}
            </option>
          ))}
        </SelectField>
      </div>
      <TextArea label={a('description')} value={f.description} onChange={(e) => setF({ ...f, description: e.target.value })} rows={2} />
      <FormFooter error={error} busy={busy} label={submitLabel} />
    </form>
  );
}

export function NewGroupForm({ onCreated }: { onCreated(g: Group): void }) {
  const t = useT(messages);
  const created = useNewForm((g: Group) => t('created', { name: g.name }), onCreated);
  const create = useAdminMutation(['groups'], (f: GroupFields) => api.post<Group>('/groups', f));
  return (
    <section className="panel" aria-labelledby="group-new-heading">
      <h3 id="group-new-heading">{t('newTitle')}</h3>
      <GroupFieldsForm
        key={created.key}
        initial={{ name: '', tier: 1, description: '' }}
        submitLabel={t('create')}
        run={(f) => create.mutateAsync(f)}
        onDone={created.finish}
      />
      <FormStatus success={created.done} />
    </section>
  );
}

export function EditGroup({ group, onChanged }: { group: Group; onChanged(g: Group): void }) {
  const t = useT(messages);
  const [saved, setSaved] = useState(false);
  const update = useAdminMutation(['groups'], (f: GroupFields) => api.patch<Group>(`/groups/${group.id}`, f));
  return (
    <section className="panel stack" aria-labelledby="group-edit-heading">
      <h3 id="group-edit-heading">{t('editTitle', { name: group.name })}</h3>
      <GroupFieldsForm
        initial={{ name: group.name, tier: group.tier, description: group.description }}
        submitLabel={t('save')}
        run={(f) => {
          setSaved(false);
          return update.mutateAsync(f);
        }}
        onDone={(g) => {
          setSaved(true);
          onChanged(g);
        }}
      />
      <FormStatus success={saved ? t('saved') : null} />
      <GroupMembers group={group} onChanged={onChanged} />
    </section>
  );
}

function GroupMembers({ group, onChanged }: { group: Group; onChanged(g: Group): void }) {
  const t = useT(messages);
  const staff = useStaff().data ?? [];
  const [pick, setPick] = useState('');
  const [saved, setSaved] = useState(false);
  const setMembers = useAdminMutation(['groups', 'users', 'staff'], (userIds: number[]) => api.put<Group>(`/groups/${group.id}/members`, { userIds }));
  const memberIds = group.members.map((m) => m.id);
  const candidates = staff.filter((u) => !memberIds.includes(u.id));

  async function change(userIds: number[]) {
    setSaved(false);
    const g = await setMembers.mutateAsync(userIds).catch(() => null);
    if (!g) return;
    setSaved(true);
    setPick('');
    onChanged(g);
  }

  return (
    <div className="stack">
      <h4 id="group-members-heading">{t('membersOf', { name: group.name })}</h4>
      {group.members.length === 0 ? (
        <p className="muted">{t('noMembers')}</p>
      ) : (
        <ul className="admin-chips" aria-labelledby="group-members-heading">
          {group.members.map((m) => (
            <li key={m.id}>
              {m.name}
              <Button variant="ghost" aria-label={t('removeMember', { name: m.name })} title={t('removeMember', { name: m.name })} onClick={() => void change(memberIds.filter((id) => id !== m.id))}>
                ×
              </Button>
            </li>
          ))}
        </ul>
      )}
      <form
        className="admin-inline"
        onSubmit={(e) => {
          e.preventDefault();
          if (pick) void change([...memberIds, Number(pick)]);
        }}
      >
        <SelectField label={t('member')} value={pick} onChange={(e) => setPick(e.target.value)}>
          <option value="">{t('chooseMember')}</option>
          {candidates.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name} ({u.email})
            </option>
          ))}
        </SelectField>
        <Button type="submit" disabled={!pick} busy={setMembers.isPending}>
          {t('addMember')}
        </Button>
      </form>
      <FormStatus error={setMembers.error} success={saved ? t('membersSaved') : null} />
    </div>
  );
}
