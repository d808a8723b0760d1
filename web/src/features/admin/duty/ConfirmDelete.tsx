// Deleting in two steps: the first button asks, the second (named after the item) deletes.
import { useState } from 'react';
import { useT } from '../../../app/i18n.tsx';
import { common } from '../../../app/messages.ts';
import { Button } from '../../../ui/Button.tsx';
import { FormStatus } from '../components/FormStatus.tsx';

export function ConfirmDelete({ label, confirmLabel, hint, run, onDone }: { label: string; confirmLabel: string; hint?: string; run(): Promise<unknown>; onDone(): void }) {
  const c = useT(common);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  async function remove() {
    setBusy(true);
    setError(null);
    try {
      await run();
      onDone();
    } catch (err) {
      setError(err);
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  }
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
          <Button onClick={() => setConfirming(true)}>{label}</Button>
        )}
      </div>
      {hint && <p className="muted">{hint}</p>}
      <FormStatus error={error} />
    </div>
  );
}
