// Creating, changing and deleting a mailbox. The IMAP password is write-only: the form
// never shows it, and an empty field keeps the stored one.
import { useState } from 'react';
import { api } from '../../../app/api-client.ts';
import { useFormat, useT } from '../../../app/i18n.tsx';
import { ConfirmDelete } from '../components/ConfirmDelete.tsx';
import { FormFooter } from '../components/FormFooter.tsx';
import { FormStatus } from '../components/FormStatus.tsx';
import { useFormRun } from '../components/useFormRun.ts';
import { useNewForm } from '../components/useNewForm.ts';
import { useMailMutation, type Mailbox } from './api.ts';
import { MailboxFieldset } from './MailboxFieldset.tsx';
import { mailboxBody, mailboxFields, type MailboxFields } from './mailbox-fields.ts';
import { messages } from './messages.ts';

function MailboxForm({ mailbox, submitLabel, run, onDone }: { mailbox: Mailbox | null; submitLabel: string; run(f: MailboxFields): Promise<Mailbox>; onDone(m: Mailbox): void }) {
  const [fields, setFields] = useState(() => mailboxFields(mailbox));
  const { busy, error, submit } = useFormRun(async () => {
    const saved = await run(fields);
    setFields((f) => ({ ...f, password: '' }));
    onDone(saved);
  });

  return (
    <form onSubmit={submit}>
      <MailboxFieldset fields={fields} onChange={setFields} hasPassword={mailbox ? (mailbox.imap?.hasPassword ?? false) : null} />
      <FormFooter error={error} busy={busy} label={submitLabel} />
    </form>
  );
}

export function NewMailbox({ onCreated }: { onCreated(m: Mailbox): void }) {
  const t = useT(messages);
  const created = useNewForm((m: Mailbox) => t('created', { name: m.name }), onCreated);
  const create = useMailMutation((f: MailboxFields) => api.post<Mailbox>('/email/mailboxes', mailboxBody(f)));
  return (
    <section className="panel" aria-labelledby="mailbox-new-heading">
      <h4 id="mailbox-new-heading">{t('newTitle')}</h4>
      <MailboxForm
        key={created.key}
        mailbox={null}
        submitLabel={t('create')}
        run={(f) => {
          created.start();
          return create.mutateAsync(f);
        }}
        onDone={created.finish}
      />
      <FormStatus success={created.done} />
    </section>
  );
}

export function EditMailbox({ mailbox, onDeleted }: { mailbox: Mailbox; onDeleted(): void }) {
  const t = useT(messages);
  const f = useFormat();
  const [saved, setSaved] = useState(false);
  const update = useMailMutation((fields: MailboxFields) => api.patch<Mailbox>(`/email/mailboxes/${mailbox.id}`, mailboxBody(fields)));
  const remove = useMailMutation(() => api.delete(`/email/mailboxes/${mailbox.id}`));
  return (
    <section className="panel stack" aria-labelledby="mailbox-edit-heading">
      <h4 id="mailbox-edit-heading">{t('editTitle', { name: mailbox.name })}</h4>
      {mailbox.imap && (
        <div>
          <p className="muted">{mailbox.lastPolledAt ? t('lastPoll', { date: f.dateTime(mailbox.lastPolledAt) }) : t('lastPollNever')}</p>
          {mailbox.lastPollError && <p className="mail-poll-error">{t('lastPollError', { error: mailbox.lastPollError })}</p>}
        </div>
      )}
      <MailboxForm
        mailbox={mailbox}
        submitLabel={t('save')}
        run={(fields) => {
          setSaved(false);
          return update.mutateAsync(fields);
        }}
        onDone={() => setSaved(true)}
      />
      <FormStatus success={saved ? t('saved') : null} />
      <ConfirmDelete label={t('delete')} confirmLabel={t('confirmDelete', { name: mailbox.name })} hint={t('deleteHint')} run={() => remove.mutateAsync(undefined)} onDone={onDeleted} />
    </section>
  );
}
