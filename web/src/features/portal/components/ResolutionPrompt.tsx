// "Does this solve your problem?": accept (the request closes) or reopen with a reason.
import { useState } from 'react';
import { useT } from '../../../app/i18n.tsx';
import { common } from '../../../app/messages.ts';
import { Button } from '../../../ui/Button.tsx';
import { ErrorBanner } from '../../../ui/Feedback.tsx';
import { TextArea } from '../../../ui/Field.tsx';
import { ticketActions, useTicketAction } from '../api.ts';
import { portalMessages } from '../messages.ts';

// Awaited rather than mutate(…, {onSuccess}): this prompt unmounts as soon as the ticket
// leaves "resolved", and a per-call callback would then never run. Errors show from the
// mutation's own state.
const ignore = () => undefined;

export function ResolutionPrompt({ ticketId, onDone }: { ticketId: number; onDone(kind: 'accepted' | 'reopened'): void }) {
  const t = useT(portalMessages);
  const c = useT(common);
  const [reopening, setReopening] = useState(false);
  const [reason, setReason] = useState('');
  const close = useTicketAction(ticketId, ticketActions.close(ticketId));
  const reopen = useTicketAction(ticketId, ticketActions.reopen(ticketId));
  return (
    <section className="panel portal-solved" aria-labelledby="portal-solved">
      <h2 id="portal-solved">{t('solvedQuestion')}</h2>
      <p className="muted">{t('solvedHint')}</p>
      <ErrorBanner error={close.error ?? reopen.error} />
      {!reopening ? (
        <div className="portal-actions">
          <Button variant="primary" className="portal-cta" busy={close.isPending} onClick={() => close.mutateAsync(undefined).then(() => onDone('accepted'), ignore)}>
            {t('accept')}
          </Button>
          <Button className="portal-cta" onClick={() => setReopening(true)}>
            {t('reopen')}
          </Button>
        </div>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            reopen.mutateAsync(reason.trim()).then(() => onDone('reopened'), ignore);
          }}
        >
          <TextArea label={t('reopenReason')} rows={3} value={reason} autoFocus onChange={(e) => setReason(e.target.value)} />
          <div className="portal-actions">
            <Button variant="primary" type="submit" className="portal-cta" busy={reopen.isPending}>
              {t('reopenConfirm')}
            </Button>
            <Button className="portal-cta" onClick={() => setReopening(false)}>
              {c('cancel')}
            </Button>
          </div>
        </form>
      )}
    </section>
  );
}
