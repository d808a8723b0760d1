// Moving the ticket along: start work, wait (with the reason), and once resolved, reopen
// or close. Resolving has its own panel, since it needs the resolution record.
import { useState } from 'react';
import type { PendingReason } from '../../../../../common/enums.ts';
import type { Ticket } from '../api.ts';
import { useTicketAction } from '../api.ts';
import { api } from '../../../app/api-client.ts';
import { useT } from '../../../app/i18n.tsx';
import { common } from '../../../app/messages.ts';
import { Button } from '../../../ui/Button.tsx';
import { ErrorBanner } from '../../../ui/Feedback.tsx';
import { SelectField, TextField } from '../../../ui/Field.tsx';
import { messages } from '../messages.ts';

type Action = { kind: 'status'; status: 'in_progress' | 'pending'; pendingReason?: PendingReason } | { kind: 'reopen'; reason?: string } | { kind: 'close' };

export function StatusActions({ ticket }: { ticket: Ticket }) {
  const t = useT(messages);
  const c = useT(common);
  const [reason, setReason] = useState<PendingReason>(ticket.pendingReason ?? 'requester');
  const [reopenReason, setReopenReason] = useState('');
  const act = useTicketAction(ticket.id, (a: Action) => {
    if (a.kind === 'status') return api.patch<Ticket>(`/tickets/${ticket.id}`, { status: a.status, ...(a.pendingReason ? { pendingReason: a.pendingReason } : {}) });
    if (a.kind === 'reopen') return api.post<Ticket>(`/tickets/${ticket.id}/reopen`, a.reason ? { reason: a.reason } : {});
    return api.post<Ticket>(`/tickets/${ticket.id}/close`, {});
  });
  const open = ['new', 'assigned', 'in_progress', 'pending'].includes(ticket.status);
  const pendingChanged = ticket.status !== 'pending' || ticket.pendingReason !== reason;

  return (
    <section className="panel" aria-labelledby="ticket-status-title">
      <h2 id="ticket-status-title">{t('statusActions')}</h2>
      {ticket.status === 'closed' && <p className="muted">{t('closedFinal')}</p>}
      {open && (
        <div className="stack">
          {ticket.status !== 'in_progress' && (
            <Button onClick={() => act.mutate({ kind: 'status', status: 'in_progress' })} busy={act.isPending}>
              {t('startWork')}
            </Button>
          )}
          <div className="status-pending">
            <SelectField label={t('pendingReason')} value={reason} onChange={(e) => setReason(e.target.value as PendingReason)}>
              <option value="requester">{c('pending_requester')}</option>
              <option value="third_party">{c('pending_third_party')}</option>
            </SelectField>
            <Button onClick={() => act.mutate({ kind: 'status', status: 'pending', pendingReason: reason })} busy={act.isPending} disabled={!pendingChanged}>
              {t('setPending')}
            </Button>
          </div>
        </div>
      )}
      {ticket.status === 'resolved' && (
        <div className="stack">
          <TextField label={t('reopenReason')} value={reopenReason} onChange={(e) => setReopenReason(e.target.value)} />
          <div className="row">
            <Button onClick={() => act.mutate({ kind: 'reopen', reason: reopenReason.trim() || undefined }, { onSuccess: () => setReopenReason('') })} busy={act.isPending}>
              {t('reopen')}
            </Button>
            <Button variant="primary" onClick={() => act.mutate({ kind: 'close' })} busy={act.isPending}>
              {t('close')}
            </Button>
          </div>
        </div>
      )}
      <ErrorBanner error={act.error} />
    </section>
  );
}
