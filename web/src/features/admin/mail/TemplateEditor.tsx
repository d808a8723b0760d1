// One template: subject, plain text and optional HTML with the placeholders it may use; a
// preview rendered by the server with example values; save; back to the built-in default.
import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import type { UpdateTemplateInput } from '../../../../../common/schemas/email.ts';
import { api } from '../../../app/api-client.ts';
import { useT } from '../../../app/i18n.tsx';
import { Button } from '../../../ui/Button.tsx';
import { TextArea, TextField } from '../../../ui/Field.tsx';
import { RichText } from '../../tickets/components/RichText.tsx';
import { SandboxedHtml } from '../../tickets/email/SandboxedHtml.tsx';
import { FormStatus } from '../components/FormStatus.tsx';
import { useMailMutation, type Template } from './api.ts';
import { messages } from './messages.ts';

interface Rendered {
  subject: string;
  text: string;
  html: string | null;
}

export function TemplateEditor({ template, onEdit, onReset }: { template: Template; onEdit(): void; onReset(): void }) {
  const t = useT(messages);
  const [subject, setSubject] = useState(template.subject);
  const [text, setText] = useState(template.text);
  const [html, setHtml] = useState(template.html ?? '');
  const [saved, setSaved] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const path = `/email/templates/${template.kind}/${template.language}`;
  const draft = (): UpdateTemplateInput => ({ subject, text, html: html.trim() ? html : null });
  const save = useMailMutation((body: UpdateTemplateInput) => api.put<Template>(path, body));
  const reset = useMailMutation(() => api.delete(path));
  const preview = useMutation({ mutationFn: (body: UpdateTemplateInput) => api.post<Rendered>(`${path}/preview`, body) });
  const edit = (apply: () => void) => {
    apply();
    setSaved(false);
    onEdit();
  };

  function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    save.mutate(draft(), { onSuccess: () => setSaved(true) });
  }

  return (
    <div className="mail-template">
      <form className="panel stack" onSubmit={submit} aria-labelledby="template-edit-heading">
        <h4 id="template-edit-heading">
          {t(`kind_${template.kind}`)} · {t(`lang_${template.language}`)}{' '}
          <span className={`badge ${template.customised ? 'badge-new' : 'badge-status'}`}>{template.customised ? t('isCustomised') : t('isDefault')}</span>
        </h4>
        <Placeholders names={template.placeholders} />
        <TextField label={t('subject')} required maxLength={500} value={subject} onChange={(e) => edit(() => setSubject(e.target.value))} />
        <TextArea label={t('text')} className="mono" required rows={10} value={text} onChange={(e) => edit(() => setText(e.target.value))} />
        <TextArea label={t('html')} className="mono" hint={t('htmlHint')} rows={6} value={html} onChange={(e) => edit(() => setHtml(e.target.value))} />
        <FormStatus error={save.error ?? preview.error ?? reset.error} success={saved ? t('templateSaved') : null} />
        <div className="admin-form-actions">
          <Button variant="primary" type="submit" busy={save.isPending}>
            {t('saveTemplate')}
          </Button>
          <Button onClick={() => preview.mutate(draft())} busy={preview.isPending}>
            {t('preview')}
          </Button>
          {template.customised &&
            (confirming ? (
              <Button variant="danger" busy={reset.isPending} onClick={() => reset.mutate(undefined, { onSuccess: onReset })}>
                {t('confirmReset')}
              </Button>
            ) : (
              <Button onClick={() => setConfirming(true)}>{t('reset')}</Button>
            ))}
        </div>
      </form>
      {preview.data && <Preview rendered={preview.data} />}
    </div>
  );
}

function Placeholders({ names }: { names: string[] }) {
  const t = useT(messages);
  return (
    <div>
      <p id="template-placeholders" className="muted">
        {t('placeholders')}
      </p>
      {names.length === 0 ? (
        <p className="muted">{t('noPlaceholders')}</p>
      ) : (
        <ul className="mail-placeholders" aria-labelledby="template-placeholders">
          {names.map((n) => (
            <li key={n}>
              <code>{`{{${n}}}`}</code>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Preview({ rendered }: { rendered: Rendered }) {
  const t = useT(messages);
  return (
    <section className="panel stack" aria-labelledby="template-preview-heading">
      <h4 id="template-preview-heading">{t('previewTitle')}</h4>
      <p className="mail-preview-subject">{rendered.subject}</p>
      <RichText text={rendered.text} className="mail-text" />
      {rendered.html && <SandboxedHtml html={rendered.html} title={t('previewFrame')} />}
    </section>
  );
}
