// "Resolve problem": the resolution note, and whether the linked open incidents are resolved
// with it (on by default: each requester gets the note as their ticket's resolution).
import { useId, useState, type FormEvent } from 'react';
import { useT } from '../../../app/i18n.tsx';
import { common } from '../../../app/messages.ts';
import { Button } from '../../../ui/Button.tsx';
import { Dialog } from '../../../ui/Dialog.tsx';
import { ErrorBanner } from '../../../ui/Feedback.tsx';
import { TextArea } from '../../../ui/Field.tsx';
import { useResolveProblem, type Problem, type ResolveOutcome } from '../api.ts';
import { messages } from '../messages.ts';

interface Props {
  problem: Problem;
  open: boolean;
  onClose(): void;
  onResolved(outcome: ResolveOutcome): void;
}

export function ResolveDialog({ problem, open, onClose, onResolved }: Props) {
  const t = useT(messages);
  const c = useT(common);
  return (
    <Dialog open={open} title={t('resolveTitle', { reference: problem.reference })} onClose={onClose} closeLabel={c('close')}>
      <ResolveForm
        problem={problem}
        onCancel={onClose}
        onResolved={(o) => {
          onClose();
          onResolved(o);
        }}
      />
    </Dialog>
  );
}

function ResolveForm({ problem, onCancel, onResolved }: { problem: Problem; onCancel(): void; onResolved(o: ResolveOutcome): void }) {
  const t = useT(messages);
  const c = useT(common);
  const checkboxId = useId();
  const resolve = useResolveProblem(problem.id);
  const [resolution, setResolution] = useState(problem.workaround ?? '');
  const [withIncidents, setWithIncidents] = useState(true);
  const openCount = problem.openIncidentCount;

  function submit(e: FormEvent) {
    e.preventDefault();
    resolve.mutate({ resolution: resolution.trim(), resolveIncidents: openCount > 0 && withIncidents }, { onSuccess: onResolved });
  }

  return (
    <form onSubmit={submit}>
      <TextArea label={t('resolutionNote')} hint={t('resolutionNoteHint')} value={resolution} onChange={(e) => setResolution(e.target.value)} required rows={6} autoFocus />
      {openCount > 0 ? (
        <div className="checkbox">
          <input id={checkboxId} type="checkbox" checked={withIncidents} onChange={(e) => setWithIncidents(e.target.checked)} />
          <label htmlFor={checkboxId}>{t.plural('resolveIncidentsToo', openCount)}</label>
        </div>
      ) : (
        <p className="muted">{t('noOpenIncidents')}</p>
      )}
      <p className="muted" aria-live="polite">
        {openCount > 0 && withIncidents ? t.plural('resolveSummaryWith', openCount) : t('resolveSummaryAlone')}
      </p>
      <ErrorBanner error={resolve.error} />
      <div className="row">
        <Button variant="primary" type="submit" busy={resolve.isPending} disabled={!resolution.trim()}>
          {t('resolveProblem')}
        </Button>
        <Button onClick={onCancel}>{c('cancel')}</Button>
      </div>
    </form>
  );
}
