// "Show the original": one inbound message as it arrived: its headers, the whole text
// (quoted history included), the sanitised HTML in a sandbox, the attachments' names and
// the raw .eml to download.
import { useState } from 'react';
import { useFormat, useT } from '../../../app/i18n.tsx';
import { common } from '../../../app/messages.ts';
import { Button } from '../../../ui/Button.tsx';
import { Dialog } from '../../../ui/Dialog.tsx';
import { ErrorBanner, Spinner } from '../../../ui/Feedback.tsx';
import { RichText } from '../components/RichText.tsx';
import { rawMessageUrl, useInboundDetail, type InboundDetail } from './api.ts';
import { emailMessages } from './messages.ts';
import { SandboxedHtml } from './SandboxedHtml.tsx';
import './email.css';

export function OriginalMessageButton({ inboundId, label, className }: { inboundId: number; label?: string; className?: string }) {
  const t = useT(emailMessages);
  const c = useT(common);
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button className={className ?? 'btn-small'} onClick={() => setOpen(true)} aria-haspopup="dialog">
        {label ?? t('showOriginal')}
      </Button>
      <Dialog open={open} title={t('originalTitle')} onClose={() => setOpen(false)} closeLabel={c('close')}>
        <OriginalMessage id={inboundId} />
      </Dialog>
    </>
  );
}

function OriginalMessage({ id }: { id: number }) {
  const c = useT(common);
  const detail = useInboundDetail(id, true);
  return (
    <div className="mail-original">
      {detail.isPending && <Spinner label={c('loading')} />}
      <ErrorBanner error={detail.error} />
      {detail.data && <MessageBody message={detail.data} />}
    </div>
  );
}

function headerDate(m: InboundDetail): string {
  const raw = m.headers.find((h) => h.name.toLowerCase() === 'date')?.value;
  return raw && !Number.isNaN(Date.parse(raw)) ? new Date(raw).toISOString() : m.receivedAt;
}

function MessageBody({ message: m }: { message: InboundDetail }) {
  const t = useT(emailMessages);
  const f = useFormat();
  const date = headerDate(m);
  const rows: [string, string][] = [
    [t('h_from'), m.from ?? ''],
    [t('h_to'), m.to.join(', ')],
    ...(m.cc.length > 0 ? ([[t('h_cc'), m.cc.join(', ')]] as [string, string][]) : []),
    [t('h_date'), f.dateTime(date)],
    [t('h_subject'), m.subject || t('noSubject')],
  ];
  return (
    <>
      <dl className="mail-headers">
        {rows.map(([name, value]) => (
          <div key={name}>
            <dt>{name}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <h3>{t('textPart')}</h3>
      {m.text ? <RichText text={m.text} className="mail-text" /> : <p className="muted">{t('noText')}</p>}
      {m.html && (
        <>
          <h3>{t('htmlPart')}</h3>
          <SandboxedHtml html={m.html} title={t('htmlFrame')} />
        </>
      )}
      {m.attachments.length > 0 && (
        <>
          <h3>{t('attachments')}</h3>
          <ul className="mail-attachments">
            {m.attachments.map((a, i) => (
              <li key={i}>
                {a.attachmentId !== null ? <a href={`/api/v1/attachments/${a.attachmentId}/content`}>{a.filename}</a> : a.filename}{' '}
                <span className="muted">{t('fileInfo', { type: a.contentType, size: Math.max(1, Math.ceil(a.size / 1024)) })}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      <p>
        <a href={rawMessageUrl(m.id)} download={`message-${m.id}.eml`}>
          {t('downloadRaw')}
        </a>
      </p>
    </>
  );
}
