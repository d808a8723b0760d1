// My open pages: the tickets I was paged for and have not acknowledged yet, each with an
// Acknowledge button (acknowledging stops the page from going to the next member).
import { useState } from 'react';
import { Link } from 'react-router';
import { useFormat, useT } from '../../../app/i18n.tsx';
import { Button } from '../../../ui/Button.tsx';
import { EmptyState, ErrorBanner, Notice } from '../../../ui/Feedback.tsx';
import { useAcknowledge, type Page } from '../api.ts';
import { messages } from '../messages.ts';

export function MyPages({ pages }: { pages: Page[] }) {
  const t = useT(messages);
  const f = useFormat();
  const ack = useAcknowledge();
  // The page as it was listed: once acknowledged it leaves the list.
  const [acked, setAcked] = useState<Page | null>(null);
  return (
    <section className="panel" aria-labelledby="my-pages-heading">
      <h2 id="my-pages-heading">{t('myPagesTitle')}</h2>
      {acked && <Notice tone="success">{t('acknowledged', { number: String(acked.ticket.number), title: acked.ticket.title })}</Notice>}
      <ErrorBanner error={ack.error} title={t('ackFailed')} />
      {pages.length === 0 ? (
        <EmptyState>{t('noPages')}</EmptyState>
      ) : (
        <table className="data" aria-labelledby="my-pages-heading">
          <thead>
            <tr>
              <th scope="col">{t('colTicket')}</th>
              <th scope="col">{t('colRotation')}</th>
              <th scope="col">{t('colReason')}</th>
              <th scope="col">{t('colSent')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('colActions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {pages.map((p) => (
              <tr key={p.id}>
                <td>
                  <Link to={`/agent/tickets/${p.ticket.id}`}>#{p.ticket.number}</Link> {p.ticket.title}
                </td>
                <td>
                  {p.rotation.name}
                  {p.level > 0 && <span className="oncall-tag">{t('escalated', { level: p.level })}</span>}
                </td>
                <td>{p.reason}</td>
                <td>{f.dateTime(p.sentAt)}</td>
                <td>
                  <Button variant="primary" className="btn-small" busy={ack.isPending && ack.variables === p.id} aria-label={t('ackTicket', { number: String(p.ticket.number) })} onClick={() => {
                      setAcked(null);
                      ack.mutate(p.id, { onSuccess: () => setAcked(p) });
                    }}>
                    {t('acknowledge')}
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
