// The confirmation after a request is made: its number, where to follow it.
import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import type { Ticket } from '../../../../../common/schemas/tickets.ts';
import { useT } from '../../../app/i18n.tsx';
import { Button } from '../../../ui/Button.tsx';
import { portalMessages } from '../messages.ts';

export function RequestReceived({ ticket, uploadError, onAnother }: { ticket: Ticket; uploadError: string | null; onAnother(): void }) {
  const t = useT(portalMessages);
  const heading = useRef<HTMLHeadingElement>(null);
  // The page changed under the user: move focus (and screen readers) to the news.
  useEffect(() => heading.current?.focus(), []);
  return (
    <div className="portal">
      <div className="panel portal-received" role="status">
        <h1 ref={heading} tabIndex={-1}>
          {t('received', { reference: ticket.reference })}
        </h1>
        <p>{t('receivedBody')}</p>
        {uploadError && <div className="banner banner-warning">{t('uploadFailed', { detail: uploadError })}</div>}
        <div className="portal-actions">
          <Link to={`/portal/tickets/${ticket.id}`} className="btn btn-primary portal-cta">
            {t('viewRequest', { reference: ticket.reference })}
          </Link>
          <Link to="/portal" className="btn portal-cta">
            {t('backToList')}
          </Link>
          <Button className="portal-cta" onClick={onAnother}>
            {t('anotherRequest')}
          </Button>
        </div>
      </div>
    </div>
  );
}
