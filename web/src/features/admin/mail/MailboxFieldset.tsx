// The inputs of a mailbox: name and address, optional IMAP polling, the defaults given to
// tickets it opens, and whether it is active.
import { categoryOptions } from '../../../app/category-options.ts';
import { useT } from '../../../app/i18n.tsx';
import { SelectField, TextField } from '../../../ui/Field.tsx';
import { messages as admin } from '../messages.ts';
import { useAllOrganisations, useCategoryTree, useGroups } from '../api.ts';
import type { MailboxFields } from './mailbox-fields.ts';
import { messages } from './messages.ts';

export function MailboxFieldset({ fields: f, onChange, hasPassword }: { fields: MailboxFields; onChange(f: MailboxFields): void; hasPassword: boolean | null }) {
  const t = useT(messages);
  const a = useT(admin);
  const set = <K extends keyof MailboxFields>(k: K, v: MailboxFields[K]) => onChange({ ...f, [k]: v });
  return (
    <>
      <div className="grid-2">
        <TextField label={a('name')} required maxLength={200} value={f.name} onChange={(e) => set('name', e.target.value)} />
        <TextField label={t('address')} hint={t('addressHint')} type="email" required value={f.address} onChange={(e) => set('address', e.target.value)} />
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={f.useImap} onChange={(e) => set('useImap', e.target.checked)} /> {t('useImap')}
      </label>
      {f.useImap && <ImapFields fields={f} set={set} hasPassword={hasPassword} />}
      <Defaults fields={f} set={set} />
      <label className="checkbox">
        <input type="checkbox" checked={f.active} onChange={(e) => set('active', e.target.checked)} /> {a('active')}
      </label>
    </>
  );
}

type Setter = <K extends keyof MailboxFields>(k: K, v: MailboxFields[K]) => void;

function ImapFields({ fields: f, set, hasPassword }: { fields: MailboxFields; set: Setter; hasPassword: boolean | null }) {
  const t = useT(messages);
  // null: a new mailbox, nothing stored yet to keep.
  const passwordHint = hasPassword === null ? null : hasPassword ? t('passwordKeep') : t('passwordNone');
  return (
    <fieldset className="admin-fieldset">
      <legend>{t('imapLegend')}</legend>
      <div className="grid-2">
        <TextField label={t('host')} required value={f.host} onChange={(e) => set('host', e.target.value)} />
        <TextField label={t('port')} type="number" min={1} max={65535} required value={f.port} onChange={(e) => set('port', e.target.value)} />
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={f.tls} onChange={(e) => set('tls', e.target.checked)} /> {t('tls')}
      </label>
      <div className="grid-2">
        <TextField label={t('user')} required autoComplete="off" value={f.user} onChange={(e) => set('user', e.target.value)} />
        <TextField label={t('password')} type="password" autoComplete="new-password" hint={passwordHint} value={f.password} onChange={(e) => set('password', e.target.value)} />
      </div>
      <div className="grid-2">
        <TextField label={t('folder')} required value={f.folder} onChange={(e) => set('folder', e.target.value)} />
        <TextField label={t('pollSeconds')} type="number" min={10} max={86400} required value={f.pollSeconds} onChange={(e) => set('pollSeconds', e.target.value)} />
      </div>
      <div className="grid-2">
        <SelectField label={t('processedAction')} hint={t('neverDeleted')} value={f.processedAction} onChange={(e) => set('processedAction', e.target.value === 'flag' ? 'flag' : 'move')}>
          <option value="move">{t('action_move')}</option>
          <option value="flag">{t('action_flag')}</option>
        </SelectField>
        {f.processedAction === 'move' && <TextField label={t('processedFolder')} required value={f.processedFolder} onChange={(e) => set('processedFolder', e.target.value)} />}
      </div>
    </fieldset>
  );
}

function Defaults({ fields: f, set }: { fields: MailboxFields; set: Setter }) {
  const t = useT(messages);
  const groups = useGroups().data ?? [];
  const categories = categoryOptions(useCategoryTree().data);
  const organisations = useAllOrganisations().data ?? [];
  return (
    <fieldset className="admin-fieldset">
      <legend>{t('defaultsLegend')}</legend>
      <SelectField label={t('defaultGroup')} value={f.defaultGroupId} onChange={(e) => set('defaultGroupId', e.target.value)}>
        <option value="">{t('noDefault')}</option>
        {groups.map((g) => (
          <option key={g.id} value={g.id}>
            {g.name}
          </option>
        ))}
      </SelectField>
      <SelectField label={t('defaultCategory')} value={f.defaultCategoryId} onChange={(e) => set('defaultCategoryId', e.target.value)}>
        <option value="">{t('noDefault')}</option>
        {categories.map((o) => (
          <option key={o.id} value={o.id}>
            {o.path}
          </option>
        ))}
      </SelectField>
      <SelectField label={t('defaultOrganisation')} hint={t('defaultOrganisationHint')} value={f.defaultOrganisationId} onChange={(e) => set('defaultOrganisationId', e.target.value)}>
        <option value="">{t('noDefault')}</option>
        {organisations.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </SelectField>
    </fieldset>
  );
}
