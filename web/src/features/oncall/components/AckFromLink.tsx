// The link in a page email (/agent/on-duty?ack=<pageId>): asks first, so that opening the
// link (or a mail scanner fetching it) never acknowledges by itself, then shows the result.
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useFormat, useT } from '../../../app/i18n.tsx';
import { Button } from '../../../ui/Button.tsx';
import { ErrorBanner, Notice } from '../../../ui/Feedback.tsx';
import { useAcknowledge, type Page } from '../api.ts';
import { messages } from '../messages.ts';

export function AckFromLink({ pageId, page, onClose }: { pageId: number; page: Page | undefined; onClose(): void }) {
  const t = useT(messages);
  const f = useFormat();
  const ack = useAcknowledge();
  const heading = useRef<HTMLHeadingElement>(null);
  // Kept once acknowledged: the page then leaves the open list.
  const [acked, setAcked] = useState<Page | null>(null);
  useEffect(() => heading.current?.focus(), []);
  const shown = acked ?? page;

  return (
    <section className="panel oncall-ack" aria-labelledby="ack-link-heading">
      <h2 id="ack-link-heading" ref={heading} tabIndex={-1}>
        {t('ackLinkTitle')}
      </h2>
      {shown ? (
        <p>
          {t('ackLinkPage', { rotation: shown.rotation.name, sent: f.dateTime(shown.sentAt) })}{' '}
          <Link to={`/agent/tickets/${shown.ticket.id}`}>
            #{shown.ticket.number} {shown.ticket.title}
          </Link>
        </p>
      ) : (
        <p>{t('ackLinkUnknown', { id: String(pageId) })}</p>
      )}
      {acked ? (
        <Notice tone="success">
          {t('acknowledged', { number: String(acked.ticket.number), title: acked.ticket.title })}
          {acked.ackedAt && acked.ackedBy && <> {t('ackedBy', { name: acked.ackedBy.name, time: f.dateTime(acked.ackedAt) })}</>}
        </Notice>
      ) : ack.isSuccess ? (
        <Notice tone="success">{t('acknowledgedId', { id: String(pageId) })}</Notice>
      ) : (
        <ErrorBanner error={ack.error} title={t('ackFailed')} />
      )}
      <div className="admin-form-actions">
        {!ack.isSuccess && !ack.error && (
          <Button variant="primary" busy={ack.isPending} onClick={() => ack.mutate(pageId, { onSuccess: (res) => setAcked(isPage(res) ? res : (page ?? null)) })}>
            {t('ackConfirm')}
          </Button>
        )}
        <Button onClick={onClose}>{ack.isSuccess || ack.error ? t('close') : t('notNow')}</Button>
      </div>
    </section>
  );
}

const isPage = (x: unknown): x is Page => typeof x === 'object' && x !== null && 'ticket' in x && 'rotation' in x;
