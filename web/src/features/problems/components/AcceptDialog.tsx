// Accepting a detected cluster: the title, description and owner group of the problem it
// becomes (the suggestion, adjustable). The problem is created with the cluster's
// incidents linked, and the page goes to it.
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useT } from '../../../app/i18n.tsx';
import { common } from '../../../app/messages.ts';
import { Button } from '../../../ui/Button.tsx';
import { Dialog } from '../../../ui/Dialog.tsx';
import { ErrorBanner } from '../../../ui/Feedback.tsx';
import { TextArea, TextField } from '../../../ui/Field.tsx';
import { useAcceptCandidate, type ProblemCandidate } from '../api.ts';
import { clusterMessages } from '../cluster-messages.ts';
import { messages } from '../messages.ts';
import { useClusterSentence } from './ClusterExplanation.tsx';
import { OwnerGroupSelect } from './OwnerGroupSelect.tsx';

export function AcceptDialog({ candidate, open, onClose }: { candidate: ProblemCandidate; open: boolean; onClose(): void }) {
  const t = useT(clusterMessages);
  const c = useT(common);
  return (
    <Dialog open={open} title={t('acceptTitle')} onClose={onClose} closeLabel={c('close')}>
      <AcceptForm candidate={candidate} onCancel={onClose} />
    </Dialog>
  );
}

function AcceptForm({ candidate, onCancel }: { candidate: ProblemCandidate; onCancel(): void }) {
  const t = useT(clusterMessages);
  const p = useT(messages);
  const c = useT(common);
  const navigate = useNavigate();
  const accept = useAcceptCandidate();
  const [title, setTitle] = useState(candidate.title);
  const sentence = useClusterSentence();
  const [description, setDescription] = useState(() => sentence(candidate));
  const [ownerGroupId, setOwnerGroupId] = useState('');

  function submit(e: FormEvent) {
    e.preventDefault();
    const changes = {
      title: title.trim(),
      ...(description.trim() ? { description: description.trim() } : {}),
      ...(ownerGroupId ? { ownerGroupId: Number(ownerGroupId) } : {}),
    };
    // Not mutate's onSuccess: the refreshed list drops this card (and that callback) first.
    accept
      .mutateAsync({ id: candidate.id, changes })
      .then((problem) => navigate(`/agent/problems/${problem.id}`, { state: { fromCandidate: true } }))
      .catch(() => undefined); // shown from accept.error
  }

  return (
    <form onSubmit={submit}>
      <p>{t.plural('acceptIntro', candidate.ticketCount)}</p>
      <TextField label={p('fieldTitle')} value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={200} autoFocus />
      <TextArea label={p('fieldDescription')} hint={t('acceptDescriptionHint')} value={description} onChange={(e) => setDescription(e.target.value)} rows={5} />
      <OwnerGroupSelect value={ownerGroupId} onChange={setOwnerGroupId} />
      <ErrorBanner error={accept.error} />
      <div className="row">
        <Button variant="primary" type="submit" busy={accept.isPending} disabled={!title.trim()}>
          {t('acceptCreate')}
        </Button>
        <Button onClick={onCancel}>{c('cancel')}</Button>
      </div>
    </form>
  );
}
