// "New problem": a title, a description, optionally the incidents to link and the owner
// group. Once created, the page goes to the new problem.
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useT } from '../../../app/i18n.tsx';
import { common } from '../../../app/messages.ts';
import { Button } from '../../../ui/Button.tsx';
import { Dialog } from '../../../ui/Dialog.tsx';
import { ErrorBanner } from '../../../ui/Feedback.tsx';
import { TextArea, TextField } from '../../../ui/Field.tsx';
import { useCreateProblem } from '../api.ts';
import { messages } from '../messages.ts';
import { parseTicketRefs } from '../ticket-refs.ts';
import { OwnerGroupSelect } from './OwnerGroupSelect.tsx';

export function NewProblemDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const t = useT(messages);
  const c = useT(common);
  return (
    <Dialog open={open} title={t('newProblem')} onClose={onClose} closeLabel={c('close')}>
      <NewProblemForm onCancel={onClose} />
    </Dialog>
  );
}

function NewProblemForm({ onCancel }: { onCancel(): void }) {
  const t = useT(messages);
  const c = useT(common);
  const navigate = useNavigate();
  const create = useCreateProblem();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [incidents, setIncidents] = useState('');
  const [ownerGroupId, setOwnerGroupId] = useState('');
  const refs = parseTicketRefs(incidents);
  const refsError = refs.invalid.length ? t('badTicketRefs', { refs: refs.invalid.join(', ') }) : null;

  function submit(e: FormEvent) {
    e.preventDefault();
    if (refsError) return;
    create.mutate(
      {
        title: title.trim(),
        description: description.trim(),
        ...(refs.ids.length ? { incidentIds: refs.ids } : {}),
        ...(ownerGroupId ? { ownerGroupId: Number(ownerGroupId) } : {}),
      },
      { onSuccess: (p) => navigate(`/agent/problems/${p.id}`, { state: { created: true } }) },
    );
  }

  return (
    <form onSubmit={submit}>
      <TextField label={t('fieldTitle')} value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={200} autoFocus />
      <TextArea label={t('fieldDescription')} hint={t('descriptionHint')} value={description} onChange={(e) => setDescription(e.target.value)} required />
      <TextField label={t('fieldIncidents')} hint={t('incidentsHint')} error={refsError} value={incidents} onChange={(e) => setIncidents(e.target.value)} />
      <OwnerGroupSelect value={ownerGroupId} onChange={setOwnerGroupId} />
      <ErrorBanner error={create.error} />
      <div className="row">
        <Button variant="primary" type="submit" busy={create.isPending} disabled={!title.trim() || !description.trim()}>
          {t('createProblem')}
        </Button>
        <Button onClick={onCancel}>{c('cancel')}</Button>
      </div>
    </form>
  );
}
