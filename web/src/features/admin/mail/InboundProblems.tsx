// Incoming mail that did not become a ticket or a reply: messages that failed (with the
// reason) and messages held by the per-sender limit, each with Retry and its original.
import { useState } from 'react';
import { api } from '../../../app/api-client.ts';
import { useFormat, useT } from '../../../app/i18n.tsx';
import { Button } from '../../../ui/Button.tsx';
import { ErrorBanner, Notice } from '../../../ui/Feedback.tsx';
import { OriginalMessageButton } from '../../tickets/email/OriginalMessage.tsx';
import { QueryList } from '../components/QueryList.tsx';
import { messages as admin } from '../messages.ts';
import { useInboundProblems, useMailMutation, type InboundSummary } from './api.ts';
import { messages } from './messages.ts';

export function InboundProblems() {
  const t = useT(messages);
  return (
    <section aria-labelledby="inbound-heading" className="stack">
      <h3 id="inbound-heading">{t('s_inbound')}</h3>
      <InboundList status="failed" />
      <InboundList status="held" />
    </section>
  );
}

function InboundList({ status }: { status: 'failed' | 'held' }) {
  const t = useT(messages);
  const a = useT(admin);
  const f = useFormat();
  const list = useInboundProblems(status);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const [result, setResult] = useState<{ tone: 'success' | 'warning'; text: string } | null>(null);
  const retry = useMailMutation((id: number) => api.post<Partial<InboundSummary>>(`/email/inbound/${id}/retry`));
  const headingId = `inbound-${status}-heading`;

  function outcome(r: Partial<InboundSummary> | undefined): { tone: 'success' | 'warning'; text: string } {
    if (r?.status === 'failed' || r?.status === 'held') return { tone: 'warning', text: t('retriedStill', { reason: r.error ?? reason(r) }) };
    if (r?.ticket) return { tone: 'success', text: t('retriedTicket', { number: String(r.ticket.number) }) };
    return { tone: 'success', text: t('retried') };
  }
  const reason = (m: Partial<InboundSummary>) => m.error ?? (m.outcome === 'held_rate_limit' || m.status === 'held' ? t('heldRateLimit') : '—');

  return (
    <section className="panel" aria-labelledby={headingId}>
      <h4 id={headingId}>{status === 'failed' ? t('failedTitle') : t('heldTitle')}</h4>
      <p className="muted">{status === 'failed' ? t('failedIntro') : t('heldIntro')}</p>
      {result && <Notice tone={result.tone}>{result.text}</Notice>}
      <ErrorBanner error={retry.error} />
      <QueryList query={list} count={items.length} empty={status === 'failed' ? t('noFailed') : t('noHeld')}>
        <table className="data admin-table" aria-labelledby={headingId}>
          <thead>
            <tr>
              <th scope="col">{t('colReceived')}</th>
              <th scope="col">{t('colFrom')}</th>
              <th scope="col">{t('colSubject')}</th>
              <th scope="col">{t('colReason')}</th>
              <th scope="col" className="num">
                {t('colAttempts')}
              </th>
              <th scope="col">
                <span className="visually-hidden">{a('actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((m) => {
              const received = f.dateTime(m.receivedAt);
              return (
                <tr key={m.id}>
                  <td>
                    <time dateTime={m.receivedAt}>{received}</time>
                  </td>
                  <td>{m.from ?? t('unknownSender')}</td>
                  <td>{m.subject || t('noSubject')}</td>
                  <td>{reason(m)}</td>
                  <td className="num">{f.number(m.attempts)}</td>
                  <td>
                    <div className="mail-actions">
                      <Button
                        className="btn-small"
                        aria-label={t('retryOne', { from: m.from ?? t('unknownSender'), date: received })}
                        busy={retry.isPending && retry.variables === m.id}
                        onClick={() => {
                          setResult(null);
                          retry.mutate(m.id, { onSuccess: (r) => setResult(outcome(r)) });
                        }}
                      >
                        {t('retry')}
                      </Button>
                      <OriginalMessageButton inboundId={m.id} label={t('original')} />
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </QueryList>
    </section>
  );
}
