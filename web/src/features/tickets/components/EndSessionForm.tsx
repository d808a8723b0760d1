// Ending a remote session now, with what was done.
import { useState, type FormEvent } from 'react';
import type { RemoteSession } from '../api.ts';
import { useTicketAction } from '../api.ts';
import { api } from '../../../app/api-client.ts';
import { useT } from '../../../app/i18n.tsx';
import { Button } from '../../../ui/Button.tsx';
import { ErrorBanner } from '../../../ui/Feedback.tsx';
import { TextArea } from '../../../ui/Field.tsx';
import { panelMessages } from '../panel-messages.ts';

export function EndSessionForm({ ticketId, session }: { ticketId: number; session: RemoteSession }) {
  const t = useT(panelMessages);
  const [summary, setSummary] = useState(session.summary ?? '');
  const end = useTicketAction(ticketId, (body: Record<string, unknown>) => api.patch<RemoteSession>(`/tickets/${ticketId}/remote-sessions/${session.id}`, body));

  function submit(e: FormEvent) {
    e.preventDefault();
    end.mutate({ endedAt: new Date().toISOString(), ...(summary.trim() && summary.trim() !== session.summary ? { summary: summary.trim() } : {}) });
  }

  return (
    <form onSubmit={submit} noValidate className="remote-end">
      <TextArea label={t('rs_endSummary')} rows={2} maxLength={10_000} value={summary} onChange={(e) => setSummary(e.target.value)} />
      <ErrorBanner error={end.error} />
      <Button type="submit" busy={end.isPending}>
        {t('rs_end')}
      </Button>
    </form>
  );
}
