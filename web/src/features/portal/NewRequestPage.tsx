// Making a request: broken or needed (incident or service request), subject, description,
// category, files. The files are uploaded once the ticket exists; then a clear confirmation
// with the ticket number. While the requester types, matching help articles are suggested
// (self-help): one may solve the problem before sending.
import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import type { TicketType } from '../../../../common/enums.ts';
import type { Ticket } from '../../../../common/schemas/tickets.ts';
import { ApiError } from '../../app/api-client.ts';
import { useT } from '../../app/i18n.tsx';
import { queryKeys } from '../../app/query-keys.ts';
import { Button } from '../../ui/Button.tsx';
import { ErrorBanner } from '../../ui/Feedback.tsx';
import { TextArea, TextField } from '../../ui/Field.tsx';
import { createRequest, MAX_FILES_PER_UPLOAD, uploadFiles } from './api.ts';
import { portalMessages } from './messages.ts';
import { CategorySelect } from './components/CategorySelect.tsx';
import { FilePicker } from './components/FilePicker.tsx';
import { RequestKindChoice } from './components/RequestKindChoice.tsx';
import { RequestReceived } from './components/RequestReceived.tsx';
import { SelfHelpSolved, SelfHelpSuggestions } from './components/SelfHelpSuggestions.tsx';
import { useSelfHelpAttempt } from '../help/self-help.ts';
import './portal.css';

type Errors = Partial<Record<'title' | 'description' | 'files', string>>;

export function NewRequestPage() {
  const t = useT(portalMessages);
  const qc = useQueryClient();
  const [type, setType] = useState<TicketType>('incident');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [category, setCategory] = useState<number | null>(null);
  const [files, setFiles] = useState<File[]>([]);
  const [errors, setErrors] = useState<Errors>({});
  const [serverError, setServerError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ ticket: Ticket; uploadError: string | null } | null>(null);
  const titleRef = useRef<HTMLInputElement>(null);
  const descriptionRef = useRef<HTMLTextAreaElement>(null);
  const selfHelp = useSelfHelpAttempt({ title, description, categoryId: category });

  function validate(): Errors {
    const e: Errors = {};
    if (!title.trim()) e.title = t('required');
    if (!description.trim()) e.description = t('required');
    if (files.length > MAX_FILES_PER_UPLOAD) e.files = t('tooManyFiles', { max: MAX_FILES_PER_UPLOAD });
    return e;
  }

  // A field's message goes as soon as the user works on it.
  const clearError = (field: keyof Errors) => setErrors(({ [field]: _gone, ...rest }) => rest);

  function reset() {
    setType('incident');
    setTitle('');
    setDescription('');
    setCategory(null);
    setFiles([]);
    setErrors({});
    setDone(null);
    selfHelp.restart();
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found = validate();
    setErrors(found);
    setServerError(null);
    if (found.title) return titleRef.current?.focus();
    if (found.description) return descriptionRef.current?.focus();
    if (found.files) return;
    setBusy(true);
    try {
      const ticket = await createRequest({ type, title: title.trim(), description: description.trim(), ...(category !== null && { category }) });
      await selfHelp.submitted(ticket.id);
      let uploadError: string | null = null;
      try {
        if (files.length > 0) await uploadFiles(ticket.id, files);
      } catch (err) {
        // The request exists: confirm it anyway, and say what happened to the files.
        uploadError = err instanceof ApiError ? err.detail : String(err);
      }
      await qc.invalidateQueries({ queryKey: queryKeys.tickets });
      setDone({ ticket, uploadError });
    } catch (err) {
      setServerError(err);
    } finally {
      setBusy(false);
    }
  }

  if (selfHelp.outcome === 'solved') return <SelfHelpSolved onAnother={reset} />;
  if (done) return <RequestReceived ticket={done.ticket} uploadError={done.uploadError} onAnother={reset} />;

  const hasErrors = Object.keys(errors).length > 0;
  return (
    <div className="portal">
      <p className="portal-back">
        <Link to="/portal">{t('backToList')}</Link>
      </p>
      <h1>{t('newTitle')}</h1>
      <p className="muted">{t('newIntro')}</p>
      {hasErrors && (
        <div className="banner banner-error" role="alert">
          {t('fixErrors')}
        </div>
      )}
      <ErrorBanner error={serverError} />
      <form className="panel portal-form" onSubmit={submit} noValidate>
        <RequestKindChoice value={type} onChange={setType} />
        <TextField
          ref={titleRef}
          label={t('fieldTitle')}
          hint={t('fieldTitleHint')}
          error={errors.title}
          name="title"
          required
          maxLength={200}
          autoComplete="off"
          value={title}
          onChange={(e) => {
            setTitle(e.target.value);
            clearError('title');
          }}
        />
        <TextArea
          ref={descriptionRef}
          label={t('fieldDescription')}
          hint={t('fieldDescriptionHint')}
          error={errors.description}
          name="description"
          required
          rows={7}
          value={description}
          onChange={(e) => {
            setDescription(e.target.value);
            clearError('description');
          }}
        />
        <SelfHelpSuggestions attempt={selfHelp} />
        <CategorySelect value={category} onChange={setCategory} />
        <FilePicker
          label={t('fieldAttachments')}
          files={files}
          onChange={(next) => {
            setFiles(next);
            clearError('files');
          }}
          error={errors.files}
        />
        <Button variant="primary" type="submit" busy={busy} className="portal-wide">
          {t('submit')}
        </Button>
      </form>
    </div>
  );
}
