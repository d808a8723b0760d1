// Categories: the tree, new top-level categories, and the selected category's actions.
import { useState, type FormEvent } from 'react';
import { api } from '../../../app/api-client.ts';
import { useT } from '../../../app/i18n.tsx';
import { Button } from '../../../ui/Button.tsx';
import { Notice } from '../../../ui/Feedback.tsx';
import { TextField } from '../../../ui/Field.tsx';
import { useAdminMutation, useCategoryTree, type CategoryNode } from '../api.ts';
import { FormStatus } from '../components/FormStatus.tsx';
import { QueryList } from '../components/QueryList.tsx';
import { useSelection } from '../components/useSelection.ts';
import { messages as admin } from '../messages.ts';
import { CategoryTree, flatten } from './CategoryTree.tsx';
import { EditCategory } from './EditCategory.tsx';
import { messages } from './messages.ts';

export function CategoriesTab() {
  const t = useT(messages);
  const tree = useCategoryTree();
  const nodes = tree.data ?? [];
  const { selectedId, selected, select, notice, deleted } = useSelection(flatten(nodes));

  return (
    <section aria-labelledby="categories-heading">
      <h2 id="categories-heading">{t('heading')}</h2>
      {notice && <Notice tone="success">{notice}</Notice>}
      <div className="admin-split">
        <div className="panel">
          <QueryList query={tree} count={nodes.length} empty={t('noCategories')}>
            <CategoryTree nodes={nodes} selectedId={selectedId} onSelect={(n: CategoryNode) => select(n.id)} />
          </QueryList>
        </div>
        <div>
          <NewCategoryForm onCreated={select} />
          {selected ? (
            <EditCategory key={selected.id} category={selected} tree={nodes} onDeleted={() => deleted(t('deleted', { name: selected.name }))} />
          ) : (
            <p className="muted">{t('pickOne')}</p>
          )}
        </div>
      </div>
    </section>
  );
}

function NewCategoryForm({ onCreated }: { onCreated(id: number): void }) {
  const t = useT(messages);
  const a = useT(admin);
  const [name, setName] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const create = useAdminMutation(['categories'], (n: string) => api.post<CategoryNode>('/categories', { name: n, parentId: null }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setDone(null);
    const created = await create.mutateAsync(name).catch(() => null);
    if (!created) return;
    setDone(t('created', { name: created.name }));
    setName('');
    onCreated(created.id);
  }

  return (
    <section className="panel" aria-labelledby="category-new-heading">
      <h3 id="category-new-heading">{t('newTitle')}</h3>
      <form className="admin-inline" onSubmit={submit}>
        <TextField label={a('name')} required value={name} onChange={(e) => setName(e.target.value)} />
        <Button variant="primary" type="submit" busy={create.isPending}>
          {t('create')}
        </Button>
      </form>
      <FormStatus error={create.error} success={done} />
    </section>
  );
}
