// On duty: who is on duty and who is on call now, and my open pages to acknowledge. Opened
// from a page email with ?ack=<pageId>, it first asks to acknowledge that page.
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useFormat, useT } from '../../app/i18n.tsx';
import { common } from '../../app/messages.ts';
import { useMe } from '../../app/session.tsx';
import { Button } from '../../ui/Button.tsx';
import { ErrorBanner, Spinner } from '../../ui/Feedback.tsx';
import { useOncallNow, useOpenPages } from './api.ts';
import { AckFromLink } from './components/AckFromLink.tsx';
import { MyPages } from './components/MyPages.tsx';
import { OnCallTable } from './components/OnCallTable.tsx';
import { OnDutyTable } from './components/OnDutyTable.tsx';
import { messages } from './messages.ts';
import './oncall.css';

const pageIdOf = (v: string | null) => (v && /^\d{1,10}$/.test(v) && Number(v) > 0 ? Number(v) : null);

export function OnDutyPage() {
  const t = useT(messages);
  const c = useT(common);
  const f = useFormat();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  // Read once: the parameter leaves the address when the panel closes.
  const [ackId, setAckId] = useState(() => pageIdOf(params.get('ack')));
  const now = useOncallNow();
  const pages = useOpenPages();
  const mine = (pages.data ?? []).filter((p) => p.user.id === me.id);
  const refreshing = now.isFetching || pages.isFetching;

  function closeAck() {
    setAckId(null);
    const next = new URLSearchParams(params);
    next.delete('ack');
    setParams(next, { replace: true });
  }

  return (
    <div className="oncall">
      <div className="oncall-head">
        <h1>{t('title')}</h1>
        {now.data && <p className="muted">{t('updatedAt', { time: f.dateTime(now.data.at) })}</p>}
        <Button busy={refreshing} onClick={() => void Promise.all([now.refetch(), pages.refetch()])}>
          {t('refresh')}
        </Button>
      </div>
      <p className="muted">{t('intro')}</p>
      {params.get('ack') !== null && ackId === null && <ErrorBanner error={t('badAckLink')} />}
      {ackId !== null && <AckFromLink pageId={ackId} page={pages.data?.find((p) => p.id === ackId)} onClose={closeAck} />}
      <ErrorBanner error={pages.error} title={t('loadError')} />
      {pages.data && <MyPages pages={mine} />}
      <ErrorBanner error={now.error} title={t('loadError')} />
      {(now.isPending || pages.isPending) && <Spinner label={c('loading')} />}
      {now.data && (
        <>
          <OnCallTable rows={now.data.onCall} meId={me.id} />
          <OnDutyTable rows={now.data.onDuty} meId={me.id} />
        </>
      )}
    </div>
  );
}
