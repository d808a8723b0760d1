// Answering the support team, with files if need be (a screenshot of the error, most
// often). On a resolved request a reply reopens it (the server does).
import { useState, type FormEvent } from 'react';
import { useT } from '../../../app/i18n.tsx';
import { Button } from '../../../ui/Button.tsx';
import { ErrorBanner, Notice } from '../../../ui/Feedback.tsx';
import { TextArea } from '../../../ui/Field.tsx';
import { MAX_FILES_PER_UPLOAD, ticketActions, useTicketAction } from '../api.ts';
import { portalMessages } from '../messages.ts';
import { FilePicker } from './FilePicker.tsx';

export function ReplyBox({ ticketId, reopens }: { ticketId: number; reopens: boolean }) {
  const t = useT(portalMessages);
  const [body, setBody] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [missing, setMissing] = useState(false);
  const reply = useTicketAction(ticketId, ticketActions.reply(ticketId));
  const tooMany = files.length > MAX_FILES_PER_UPLOAD;

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!body.trim()) return setMissing(true);
    setMissing(false);
    if (tooMany) return;
    // On any error (the upload included) the text and the files stay, to send again.
    reply.mutate(
      { body: body.trim(), files },
      {
        onSuccess: () => {
          setBody('');
          setFiles([]);
        },
      },
    );
  }

  return (
    <section className="panel" aria-labelledby="portal-reply">
      <h2 id="portal-reply">{t('replyTitle')}</h2>
      <form onSubmit={submit} noValidate>
        <ErrorBanner error={reply.error} />
        {reply.isSuccess && !body && <Notice tone="success">{t('sent')}</Notice>}
        <TextArea
          label={t('replyLabel')}
          hint={reopens ? t('replyReopens') : undefined}
          error={missing ? t('required') : null}
          required
          rows={4}
          value={body}
          onChange={(e) => setBody(e.target.value)}
        />
        <FilePicker label={t('replyFiles')} files={files} onChange={setFiles} error={tooMany ? t('tooManyFiles', { max: MAX_FILES_PER_UPLOAD }) : null} />
        <Button variant="primary" type="submit" busy={reply.isPending} className="portal-wide">
          {t('send')}
        </Button>
      </form>
    </section>
  );
}
