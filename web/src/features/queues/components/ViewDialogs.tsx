// Saving the queue as a named view, renaming or sharing it, deleting it.
import { useState, type FormEvent } from 'react';
import { useT } from '../../../app/i18n.tsx';
import { common } from '../../../app/messages.ts';
import { hasRole, useMe } from '../../../app/session.tsx';
import { Button } from '../../../ui/Button.tsx';
import { Dialog } from '../../../ui/Dialog.tsx';
import { ErrorBanner } from '../../../ui/Feedback.tsx';
import { TextField } from '../../../ui/Field.tsx';
import { useCreateView, useDeleteView, useUpdateView, type SavedView } from '../api.ts';
import { messages } from '../messages.ts';
import type { QueueState } from '../queue-state.ts';

interface FormProps {
  open: boolean;
  onClose(): void;
  /** The view to rename or (un)share; without it, a new view of `state`. */
  view?: SavedView;
  state: QueueState;
  onSaved(view: SavedView): void;
}

export function ViewFormDialog({ open, onClose, view, state, onSaved }: FormProps) {
  const t = useT(messages);
  const tc = useT(common);
  return (
    <Dialog open={open} onClose={onClose} title={view ? t('editView') : t('saveAsView')} closeLabel={tc('close')}>
      <ViewForm view={view} state={state} onCancel={onClose} onSaved={onSaved} />
    </Dialog>
  );
}

function ViewForm({ view, state, onCancel, onSaved }: Omit<FormProps, 'open' | 'onClose'> & { onCancel(): void }) {
  const t = useT(messages);
  const tc = useT(common);
  const me = useMe();
  const mayShare = hasRole(me, 'supervisor') || hasRole(me, 'admin');
  const [name, setName] = useState(view?.name ?? '');
  const [isShared, setShared] = useState(view?.isShared ?? false);
  const create = useCreateView();
  const update = useUpdateView();
  const pending = create.isPending || update.isPending;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const saved = view ? await update.mutateAsync({ id: view.id, name, isShared }) : await create.mutateAsync({ name, isShared, ...state });
    onSaved(saved);
  };

  return (
    <form className="stack" onSubmit={(e) => void submit(e).catch(() => undefined)}>
      <ErrorBanner error={create.error ?? update.error} />
      <TextField label={t('viewName')} value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} autoFocus />
      {mayShare && (
        <div>
          <label className="checkbox">
            <input type="checkbox" checked={isShared} onChange={(e) => setShared(e.target.checked)} aria-describedby="view-shared-hint" />
            {t('viewShared')}
          </label>
          <p className="field-hint" id="view-shared-hint">
            {t('viewSharedHint')}
          </p>
        </div>
      )}
      <div className="row">
        <Button type="submit" variant="primary" busy={pending}>
          {tc('save')}
        </Button>
        <Button onClick={onCancel}>{tc('cancel')}</Button>
      </div>
    </form>
  );
}

export function DeleteViewDialog({ open, onClose, view, onDeleted }: { open: boolean; onClose(): void; view: SavedView; onDeleted(): void }) {
  const t = useT(messages);
  const tc = useT(common);
  const remove = useDeleteView();
  const confirm = () => remove.mutateAsync(view.id).then(onDeleted, () => undefined);
  return (
    <Dialog open={open} onClose={onClose} title={t('deleteView')} closeLabel={tc('close')}>
      <div className="stack">
        <ErrorBanner error={remove.error} />
        <p>{t('deleteConfirm', { name: view.name })}</p>
        <div className="row">
          <Button variant="danger" busy={remove.isPending} onClick={() => void confirm()}>
            {tc('delete')}
          </Button>
          <Button onClick={onClose}>{tc('cancel')}</Button>
        </div>
      </div>
    </Dialog>
  );
}
