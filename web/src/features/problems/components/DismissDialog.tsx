// Dismissing a detected cluster, with an optional reason kept in its history.
import { useState, type FormEvent } from 'react';
import { useT } from '../../../app/i18n.tsx';
import { common } from '../../../app/messages.ts';
import { Button } from '../../../ui/Button.tsx';
import { Dialog } from '../../../ui/Dialog.tsx';
import { ErrorBanner } from '../../../ui/Feedback.tsx';
import { TextArea } from '../../../ui/Field.tsx';
import { useDismissCandidate, type ProblemCandidate } from '../api.ts';
import { clusterMessages } from '../cluster-messages.ts';

export function DismissDialog({ candidate, open, onClose }: { candidate: ProblemCandidate; open: boolean; onClose(): void }) {
  const t = useT(clusterMessages);
  const c = useT(common);
  return (
    <Dialog open={open} title={t('dismissTitle', { title: candidate.title })} onClose={onClose} closeLabel={c('close')}>
      <DismissForm candidate={candidate} onDone={onClose} />
    </Dialog>
  );
}

function DismissForm({ candidate, onDone }: { candidate: ProblemCandidate; onDone(): void }) {
  const t = useT(clusterMessages);
  const c = useT(common);
  const dismiss = useDismissCandidate();
  const [reason, setReason] = useState('');
  function submit(e: FormEvent) {
    e.preventDefault();
    dismiss.mutate({ id: candidate.id, reason: reason.trim() || undefined }, { onSuccess: onDone });
  }
  return (
    <form onSubmit={submit}>
      <p>{t('dismissIntro')}</p>
      <TextArea label={t('dismissReason')} hint={t('dismissReasonHint')} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={2000} rows={3} autoFocus />
      <ErrorBanner error={dismiss.error} />
      <div className="row">
        <Button variant="danger" type="submit" busy={dismiss.isPending}>
          {t('dismiss')}
        </Button>
        <Button onClick={onDone}>{c('cancel')}</Button>
      </div>
    </form>
  );
}
