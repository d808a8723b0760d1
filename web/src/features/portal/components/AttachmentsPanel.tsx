// The ticket's files (download links) and, while it is not closed, adding more.
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../app/query-keys.ts';
import { useFormat, useT } from '../../../app/i18n.tsx';
import { common } from '../../../app/messages.ts';
import { Button } from '../../../ui/Button.tsx';
import { EmptyState, ErrorBanner, Notice, Spinner } from '../../../ui/Feedback.tsx';
import { MAX_FILES_PER_UPLOAD, ticketActions, useAttachments, useTicketAction } from '../api.ts';
import { portalMessages } from '../messages.ts';
import { FilePicker } from './FilePicker.tsx';

export function AttachmentsPanel({ ticketId, canAdd }: { ticketId: number; canAdd: boolean }) {
  const t = useT(portalMessages);
  const c = useT(common);
  const f = useFormat();
  const qc = useQueryClient();
  const list = useAttachments(ticketId);
  const [files, setFiles] = useState<File[]>([]);
  const upload = useTicketAction(ticketId, ticketActions.upload(ticketId));
  const tooMany = files.length > MAX_FILES_PER_UPLOAD;
  return (
    <section className="panel" aria-labelledby="portal-attachments">
      <h2 id="portal-attachments">{t('attachments')}</h2>
      <ErrorBanner error={list.error} />
      {list.isPending ? (
        <Spinner label={c('loading')} />
      ) : list.data && list.data.length > 0 ? (
        <ul className="portal-files">
          {list.data.map((a) => (
            <li key={a.id}>
              <a href={a.url} className="portal-file-name" download={a.filename}>
                {a.filename}
              </a>{' '}
              <span className="muted">{t('sizeKb', { size: f.number(Math.ceil(a.size / 1024)) })}</span>
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState>{t('noAttachments')}</EmptyState>
      )}
      {canAdd && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (files.length === 0 || tooMany) return;
            upload.mutate(files, {
              onSuccess: () => {
                setFiles([]);
                return qc.invalidateQueries({ queryKey: queryKeys.timeline(ticketId) });
              },
            });
          }}
        >
          <ErrorBanner error={upload.error} />
          {upload.isSuccess && files.length === 0 && <Notice tone="success">{t('uploaded')}</Notice>}
          <FilePicker label={t('addFiles')} files={files} onChange={setFiles} error={tooMany ? t('tooManyFiles', { max: MAX_FILES_PER_UPLOAD }) : null} />
          {files.length > 0 && (
            <Button type="submit" busy={upload.isPending} className="portal-wide">
              {t('upload')}
            </Button>
          )}
        </form>
      )}
    </section>
  );
}
