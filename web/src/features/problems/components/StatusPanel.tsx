// Moving the problem along: the steps open from its status (root cause known, known error,
// close, reopen), each with an optional note, and "Resolve problem", which has its own
// dialog. A step the server refuses shows its reason.
import { useState } from 'react';
import { useT } from '../../../app/i18n.tsx';
import { Button } from '../../../ui/Button.tsx';
import { ErrorBanner } from '../../../ui/Feedback.tsx';
import { TextField } from '../../../ui/Field.tsx';
import { useTransition, type Problem, type ProblemStatus, type ResolveOutcome } from '../api.ts';
import { messages } from '../messages.ts';
import { canResolve, nextSteps } from '../problem-status.ts';
import { ProblemStatusBadge } from './ProblemStatusBadge.tsx';
import { ResolveDialog } from './ResolveDialog.tsx';

const STEP_LABEL = {
  open: 'step_reopen',
  root_cause_known: 'step_root_cause_known',
  known_error: 'step_known_error',
  resolved: 'resolveProblem',
  closed: 'step_closed',
} as const satisfies Record<ProblemStatus, string>;

export function StatusPanel({ problem, onResolved }: { problem: Problem; onResolved(outcome: ResolveOutcome): void }) {
  const t = useT(messages);
  const move = useTransition(problem.id);
  const [note, setNote] = useState('');
  const [resolving, setResolving] = useState(false);
  const steps = nextSteps(problem);

  function go(to: ProblemStatus) {
    move.mutate({ to, ...(note.trim() ? { note: note.trim() } : {}) }, { onSuccess: () => setNote('') });
  }

  return (
    <section className="panel" aria-labelledby="problem-status-title">
      <h2 id="problem-status-title">{t('statusTitle')}</h2>
      <p>
        <ProblemStatusBadge status={problem.status} />
      </p>
      <p className="muted">{t(`statusHelp_${problem.status}`)}</p>
      {steps.length > 0 && (
        <>
          <TextField label={t('stepNote')} hint={t('stepNoteHint')} value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} />
          <div className="problem-steps">
            {steps.map((to) => (
              <Button key={to} onClick={() => go(to)} busy={move.isPending && move.variables?.to === to}>
                {t(STEP_LABEL[to])}
              </Button>
            ))}
          </div>
        </>
      )}
      {canResolve(problem) && (
        <Button variant="primary" className="problem-resolve" onClick={() => setResolving(true)}>
          {t('resolveProblem')}
        </Button>
      )}
      <ErrorBanner error={move.error} title={t('stepRefused')} />
      <ResolveDialog problem={problem} open={resolving} onClose={() => setResolving(false)} onResolved={onResolved} />
    </section>
  );
}
