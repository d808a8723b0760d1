// Deleting in two steps: the first button asks, the second (named after the item) deletes;
// the hint under them (what deleting does, or why it may be refused) describes the first.
import { useId, useState } from 'react';
import { useT } from '../../../app/i18n.tsx';
import { common } from '../../../app/messages.ts';
import { Button } from '../../../ui/Button.tsx';
import { FormStatus } from './FormStatus.tsx';
import { useFormRun } from './useFormRun.ts';

export function ConfirmDelete({ label, confirmLabel, hint, run, onDone }: { label: string; confirmLabel: string; hint?: string; run(): Promise<unknown>; onDone(): void }) {
  const c = useT(common);
  const hintId = useId();
  const [confirming, setConfirming] = useState(false);
  // A refusal (in use, say) is shown under the first button again.
  const { busy, error, submit: remove } = useFormRun(() =>
    run().then(onDone, (err: unknown) => {
      setConfirming(false);
      throw err;
    }),
  );
  return (
    <div className="stack">
      <div className="admin-form-actions">
        {confirming ? (
          <>
            <Button variant="danger" busy={busy} onClick={() => void remove()}>
              {confirmLabel}
            </Button>
            <Button onClick={() => setConfirming(false)}>{c('cancel')}</Button>
          </>
        ) : (
          <Button onClick={() => setConfirming(true)} aria-describedby={hint ? hintId : undefined}>
            {label}
          </Button>
        )}
      </div>
      {hint && (
        <p className="muted" id={hintId}>
          {hint}
        </p>
      )}
      <FormStatus error={error} />
    </div>
  );
}
