// One category: rename, add a sub-category, move, (de)activate, delete.
import { useState, type FormEvent } from 'react';
import { api } from '../../../app/api-client.ts';
import { useT } from '../../../app/i18n.tsx';
import { Button } from '../../../ui/Button.tsx';
import { SelectField, TextField } from '../../../ui/Field.tsx';
import { useAdminMutation, type CategoryNode } from '../api.ts';
import { FormStatus } from '../components/FormStatus.tsx';
import { messages as admin } from '../messages.ts';
import { flatten } from './CategoryTree.tsx';
import { messages } from './messages.ts';

interface Outcome {
  error?: unknown;
  success?: string;
}

export function EditCategory({ category, tree, onDeleted }: { category: CategoryNode; tree: CategoryNode[]; onDeleted(): void }) {
  const t = useT(messages);
  const a = useT(admin);
  const [name, setName] = useState(category.name);
  const [child, setChild] = useState('');
  const [parent, setParent] = useState(category.parentId === null ? '' : String(category.parentId));
  const [confirming, setConfirming] = useState(false);
  const [outcome, setOutcome] = useState<{ form: string } & Outcome>({ form: '' });
  const mutation = useAdminMutation(['categories'], (run: () => Promise<unknown>) => run());
  // Moving under itself or a descendant is refused by the server; not offered here.
  const subtree = new Set(flatten([category]).map((n) => n.id));
  const parents = flatten(tree).filter((n) => !subtree.has(n.id));
  const patch = (body: Record<string, unknown>) => () => api.patch(`/categories/${category.id}`, body);

  async function act(form: string, run: () => Promise<unknown>, success: string) {
    setOutcome({ form });
    try {
      await mutation.mutateAsync(run);
      setOutcome({ form, success });
      return true;
    } catch (error) {
      setOutcome({ form, error });
      return false;
    }
  }
  const status = (form: string) => (outcome.form === form ? <FormStatus error={outcome.error} success={outcome.success} /> : null);
  const onSubmit = (form: string, run: () => Promise<unknown>, success: string, after?: () => void) => async (e: FormEvent) => {
    e.preventDefault();
    if ((await act(form, run, success)) && after) after();
  };

  return (
    <section className="panel stack" aria-labelledby="category-edit-heading">
      <h3 id="category-edit-heading">{t('editTitle', { path: category.path })}</h3>
      <form className="admin-inline" onSubmit={onSubmit('rename', patch({ name }), t('renamed'))}>
        <TextField label={a('name')} required value={name} onChange={(e) => setName(e.target.value)} />
        <Button type="submit">{t('rename')}</Button>
      </form>
      {status('rename')}
      <form
        className="admin-inline"
        onSubmit={onSubmit('child', () => api.post('/categories', { name: child, parentId: category.id }), t('childCreated', { name: child }), () => setChild(''))}
      >
        <TextField label={t('childName')} required value={child} onChange={(e) => setChild(e.target.value)} />
        <Button type="submit">{t('addChild')}</Button>
      </form>
      {status('child')}
      <form className="admin-inline" onSubmit={onSubmit('move', patch({ parentId: parent === '' ? null : Number(parent) }), t('moved'))}>
        <SelectField label={t('parent')} value={parent} onChange={(e) => setParent(e.target.value)}>
          <option value="">{t('topLevel')}</option>
          {parents.map((p) => (
            <option key={p.id} value={p.id}>
              {p.path}
            </option>
          ))}
        </SelectField>
        <Button type="submit">{t('move')}</Button>
      </form>
      {status('move')}
      <div className="admin-form-actions">
        <Button
          onClick={() => void act('active', patch({ isActive: !category.isActive }), category.isActive ? t('deactivated') : t('activated'))}
          aria-describedby="category-active-hint"
        >
          {category.isActive ? t('deactivate') : t('activate')}
        </Button>
        {confirming ? (
          <Button variant="danger" onClick={() => void act('delete', () => api.delete(`/categories/${category.id}`), t('deleted', { name: category.name })).then((ok) => ok && onDeleted())}>
            {t('confirmDelete', { name: category.name })}
          </Button>
        ) : (
          <Button onClick={() => setConfirming(true)} aria-describedby="category-delete-hint">
            {t('delete')}
          </Button>
        )}
      </div>
      <p className="muted" id="category-active-hint">
        {t('activeHint')}
      </p>
      <p className="muted" id="category-delete-hint">
        {t('deleteHint')}
      </p>
      {status('active')}
      {status('delete')}
    </section>
  );
}
