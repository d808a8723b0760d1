// Answering the support team. On a resolved request a reply reopens it (the server does).
import { useState, type FormEvent } from 'react';
import { useT } from '../../../app/i18n.tsx';
import { Button } from '../../../ui/Button.tsx';
import { ErrorBanner, Notice } from '../../../ui/Feedback.tsx';
import { TextArea } from '../../../ui/Field.tsx';
import { ticketActions, useTicketAction } from '../api.ts';
import { portalMessages } from '../messages.ts';

export function ReplyBox({ ticketId, reopens }: { ticketId: number; reopens: boolean }) {
  const t = useT(portalMessages);
  const [body, setBody] = useState('');
  const [missing, setMissing] = useState(false);
  const reply = useTicketAction(ticketId, ticketActions.reply(ticketId));

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!body.trim()) return setMissing(true);
    setMissing(false);
    reply.mutate(body.trim(), { onSuccess: () => setBody('') });
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
        <Button variant="primary" type="submit" busy={reply.isPending} className="portal-wide">
          {t('send')}
        </Button>
      </form>
    </section>
  );
}
