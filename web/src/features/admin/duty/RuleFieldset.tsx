// The inputs of a routing rule: its name, its conditions (every one given must hold; within
// a list, any item), the group it sends tickets to, and whether it is active.
import { CHANNELS } from '../../../../../common/enums.ts';
import { categoryOptions } from '../../../app/category-options.ts';
import { useT } from '../../../app/i18n.tsx';
import { common } from '../../../app/messages.ts';
import { TextField } from '../../../ui/Field.tsx';
import { useAllOrganisations, useCategoryTree } from '../api.ts';
import { useMailboxes } from '../mail/api.ts';
import { messages as admin } from '../messages.ts';
import { GroupSelect } from './GroupSelect.tsx';
import { messages } from './messages.ts';
import { PickList } from './PickList.tsx';
import type { RuleFields } from './rule-fields.ts';

export function RuleFieldset({ fields: f, onChange }: { fields: RuleFields; onChange(f: RuleFields): void }) {
  const t = useT(messages);
  const a = useT(admin);
  const c = useT(common);
  const mailboxes = useMailboxes().data ?? [];
  const categories = categoryOptions(useCategoryTree().data);
  const organisations = useAllOrganisations().data ?? [];
  const set = <K extends keyof RuleFields>(k: K, v: RuleFields[K]) => onChange({ ...f, [k]: v });
  return (
    <>
      <TextField label={a('name')} required maxLength={200} value={f.name} onChange={(e) => set('name', e.target.value)} />
      <fieldset className="admin-fieldset">
        <legend>{t('conditions')}</legend>
        <p className="field-hint">{t('conditionsHint')}</p>
        <fieldset className="admin-fieldset">
          <legend>{t('channels')}</legend>
          <div className="duty-checks">
            {CHANNELS.map((ch) => (
              <label key={ch} className="checkbox">
                <input type="checkbox" checked={f.channels.includes(ch)} onChange={(e) => set('channels', e.target.checked ? [...f.channels, ch] : f.channels.filter((x) => x !== ch))} />{' '}
                {c(`channel_${ch}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <PickList legend={t('mailboxes')} options={mailboxes.map((m) => ({ id: m.id, label: `${m.name} <${m.address}>` }))} value={f.mailboxIds} onChange={(v) => set('mailboxIds', v)} />
        <PickList legend={t('categories')} hint={t('categoriesHint')} options={categories.map((o) => ({ id: o.id, label: o.path }))} value={f.categoryIds} onChange={(v) => set('categoryIds', v)} />
        <PickList legend={t('organisations')} options={organisations.map((o) => ({ id: o.id, label: o.name }))} value={f.organisationIds} onChange={(v) => set('organisationIds', v)} />
        <TextField label={t('keywords')} hint={t('keywordsHint')} value={f.keywords} onChange={(e) => set('keywords', e.target.value)} />
      </fieldset>
      <GroupSelect label={t('targetGroup')} emptyLabel={t('choose')} required value={f.groupId} onChange={(v) => set('groupId', v)} />
      <label className="checkbox">
        <input type="checkbox" checked={f.isActive} onChange={(e) => set('isActive', e.target.checked)} /> {a('active')}
      </label>
    </>
  );
}
