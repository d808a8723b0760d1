// Replying to the requester or writing an internal note, with attachments and an optional
// status change. Tells the others on the ticket that we are typing, and asks before
// sending while someone else is replying.
import { useEffect, useId, useImperativeHandle, useRef, useState, type FormEvent, type Ref } from 'react';
import type { Ticket } from '../api.ts';
import { uploadFiles, useTicketAction } from '../api.ts';
import { api } from '../../../app/api-client.ts';
import { usePresence } from '../../../app/live.tsx';
import { useT } from '../../../app/i18n.tsx';
import { common } from '../../../app/messages.ts';
import { Button } from '../../../ui/Button.tsx';
import { ErrorBanner, Notice } from '../../../ui/Feedback.tsx';
import { SelectField, TextArea } from '../../../ui/Field.tsx';
import { messages } from '../messages.ts';
import { FileList } from './FileList.tsx';
import { PresenceLine } from './PresenceLine.tsx';

export type ComposerMode = 'reply' | 'note';
export interface ComposerHandle {
  focus(mode: ComposerMode): void;
  /** Adds text to the message being written (the knowledge panel: an article's link or text, a workaround). */
  insert(text: string): void;
}

const AFTER = ['', 'in_progress', 'pending:requester', 'pending:third_party'] as const;
type After = (typeof AFTER)[number];

interface SendInput {
  body: string;
  mode: ComposerMode;
  after: After;
  files: File[];
}

export function Composer({ ticket, handle }: { ticket: Ticket; handle?: Ref<ComposerHandle> }) {
  const t = useT(messages);
  const c = useT(common);
  const modeName = useId();
  const [mode, setMode] = useState<ComposerMode>('reply');
  const [text, setText] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [after, setAfter] = useState<After>('');
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ text: string; tone: 'success' | 'warning' } | null>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const sendAnyway = useRef<HTMLButtonElement>(null);

  useImperativeHandle(handle, () => ({
    focus(m) {
      setMode(m);
      textarea.current?.focus();
    },
    insert(snippet) {
      // A one-line snippet (a link) follows on the same line; a block of text gets its own paragraph.
      setText((prev) => (prev.trim() ? `${prev.trimEnd()}${snippet.includes('\n') ? '\n\n' : ' '}${snippet}` : snippet));
      setProblem(null);
      textarea.current?.focus();
    },
  }));

  // Presence: typing while the box has text, in the current mode.
  const { others, setTyping } = usePresence(ticket.id);
  const typing = text.trim() ? mode : null;
  const setTypingRef = useRef(setTyping);
  setTypingRef.current = setTyping;
  useEffect(() => setTypingRef.current(typing), [typing]);
  useEffect(() => () => setTypingRef.current(null), []);
  const replying = others.filter((o) => o.state === 'typing' && o.mode === 'reply');

  useEffect(() => {
    if (confirming) sendAnyway.current?.focus();
  }, [confirming]);

  // Files first, then the message naming them: the requester's mail carries the files of
  // the reply it tells about, and a message never goes out without the files it mentions.
  const send = useTicketAction(ticket.id, async (v: SendInput) => {
    const [status, pendingReason] = v.after ? v.after.split(':') : [];
    const attachmentIds = v.files.length ? (await uploadFiles(ticket.id, v.files, v.mode === 'note')).items.map((a) => a.id) : [];
    return api.post<Ticket>(`/tickets/${ticket.id}/replies`, {
      body: v.body,
      internal: v.mode === 'note',
      ...(status ? { status } : {}),
      ...(pendingReason ? { pendingReason } : {}),
      ...(attachmentIds.length ? { attachmentIds } : {}),
    });
  });

  if (ticket.status === 'closed') return <Notice>{t('closedNoReply')}</Notice>;

  function submit(e?: FormEvent) {
    e?.preventDefault();
    setNotice(null);
    if (!text.trim()) {
      setProblem(t('emptyBody'));
      textarea.current?.focus();
      return;
    }
    setProblem(null);
    if (replying.length > 0 && !confirming) {
      setConfirming(true);
      return;
    }
    setConfirming(false);
    const sentMode = mode;
    send.mutate(
      { body: text, mode, after, files },
      {
        onSuccess: () => {
          setText('');
          setFiles([]);
          setAfter('');
          setNotice({ text: sentMode === 'note' ? t('noteAdded') : t('replySent'), tone: 'success' });
        },
      },
    );
  }

  const isNote = mode === 'note';
  return (
    <section className={`panel composer${isNote ? ' composer-note' : ''}`} aria-labelledby="composer-title">
      <h2 id="composer-title">{t('composerTitle')}</h2>
      <form onSubmit={submit} noValidate>
        <fieldset className="composer-modes">
          <legend className="visually-hidden">{t('messageKind')}</legend>
          {(['reply', 'note'] as const).map((m) => (
            <label key={m} className={`composer-mode${mode === m ? ' is-active' : ''}`}>
              <input type="radio" name={modeName} value={m} checked={mode === m} onChange={() => setMode(m)} />
              {m === 'reply' ? t('modeReply') : t('modeNote')}
            </label>
          ))}
        </fieldset>
        <TextArea
          ref={textarea}
          label={isNote ? t('noteLabel') : t('replyLabel')}
          hint={isNote ? t('noteHint') : t('replyHint')}
          error={problem}
          rows={5}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            // Every keystroke renews "typing" (it lapses a few seconds after the last one).
            setTypingRef.current(e.target.value.trim() ? mode : null);
            if (problem) setProblem(null);
          }}
        />
        <FileList files={files} onChange={setFiles} />
        <SelectField label={t('afterSend')} value={after} onChange={(e) => setAfter(e.target.value as After)}>
          <option value="">{t('keepStatus')}</option>
          <option value="in_progress">{c('status_in_progress')}</option>
          <option value="pending:requester">{c('pending_requester')}</option>
          <option value="pending:third_party">{c('pending_third_party')}</option>
        </SelectField>
        {confirming && (
          <div className="banner banner-warning composer-confirm" role="alert">
            <p>{t('alsoReplying', { names: replying.map((o) => o.name).join(', ') })}</p>
            <div className="row">
              <button ref={sendAnyway} type="button" className="btn btn-primary" onClick={() => submit()}>
                {t('sendAnyway')}
              </button>
              <Button onClick={() => setConfirming(false)}>{c('cancel')}</Button>
            </div>
          </div>
        )}
        <ErrorBanner error={send.error} />
        {notice && <Notice tone={notice.tone}>{notice.text}</Notice>}
        <div className="row">
          <Button variant="primary" type="submit" busy={send.isPending} disabled={confirming}>
            {isNote ? t('sendNote') : t('sendReply')}
          </Button>
        </div>
      </form>
      <PresenceLine others={others} />
    </section>
  );
}
