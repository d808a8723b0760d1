// Mail that gave up after its retries (relay down, address refused…), with the last error,
// and Retry to queue it again.
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../../app/api-client.ts';
import { useFormat, useT } from '../../../app/i18n.tsx';
import { Button } from '../../../ui/Button.tsx';
import { ErrorBanner, Notice } from '../../../ui/Feedback.tsx';
import { QueryList } from '../components/QueryList.tsx';
import { messages as admin } from '../messages.ts';
import { useMailMutation, useOutboundFailures } from './api.ts';
import { messages } from './messages.ts';

export function OutboundFailures() {
  const t = useT(messages);
  const a = useT(admin);
  const f = useFormat();
  const list = useOutboundFailures();
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const [done, setDone] = useState(false);
  const retry = useMailMutation((id: number) => api.post(`/email/outbound/${id}/retry`));

  return (
    <section aria-labelledby="outbound-heading">
      <h3 id="outbound-heading">{t('outboundTitle')}</h3>
      <p className="muted">{t('outboundIntro')}</p>
      {done && <Notice tone="success">{t('resent')}</Notice>}
      <ErrorBanner error={retry.error} />
      <QueryList query={list} count={items.length} empty={t('noOutbound')}>
        <table className="data admin-table" aria-labelledby="outbound-heading">
          <thead>
            <tr>
              <th scope="col">{t('colCreated')}</th>
              <th scope="col">{t('colTicket')}</th>
              <th scope="col">{t('colTo')}</th>
              <th scope="col">{t('colSubject')}</th>
              <th scope="col">{t('colError')}</th>
              <th scope="col" className="num">
                {t('colAttempts')}
              </th>
              <th scope="col">
                <span className="visually-hidden">{a('actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((m) => (
              <tr key={m.id}>
                <td>
                  <time dateTime={m.createdAt}>{f.dateTime(m.createdAt)}</time>
                </td>
                <td>{m.ticket ? <Link to={`/agent/tickets/${m.ticket.id}`}>#{m.ticket.number}</Link> : '—'}</td>
                <td>{[...m.to, ...m.cc].join(', ')}</td>
                <td>{m.subject}</td>
                <td>{m.lastError ?? '—'}</td>
                <td className="num">{f.number(m.attempts)}</td>
                <td>
                  <Button
                    className="btn-small"
                    aria-label={t('retrySend', { to: m.to.join(', '), subject: m.subject })}
                    busy={retry.isPending && retry.variables === m.id}
                    onClick={() => {
                      setDone(false);
                      retry.mutate(m.id, { onSuccess: () => setDone(true) });
                    }}
                  >
                    {t('retry')}
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </QueryList>
    </section>
  );
}
