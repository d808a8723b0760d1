// Notification templates: pick a kind and a language (kept in the URL, so a reload shows the
// same one), then edit, preview, save or go back to the built-in text.
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useT } from '../../../app/i18n.tsx';
import { common } from '../../../app/messages.ts';
import { SelectField } from '../../../ui/Field.tsx';
import { ErrorBanner, Notice, Spinner } from '../../../ui/Feedback.tsx';
import { messages as admin } from '../messages.ts';
import { TEMPLATE_KINDS, useTemplate, type Language, type TemplateKind } from './api.ts';
import { messages } from './messages.ts';
import { TemplateEditor } from './TemplateEditor.tsx';

const LANGS: readonly Language[] = ['en', 'fr'];

export function TemplatesSection() {
  const t = useT(messages);
  const a = useT(admin);
  const c = useT(common);
  const [params, setParams] = useSearchParams();
  const kindParam = params.get('kind') as TemplateKind | null;
  const langParam = params.get('lang') as Language | null;
  const kind = kindParam && TEMPLATE_KINDS.includes(kindParam) ? kindParam : TEMPLATE_KINDS[0];
  const language = langParam && LANGS.includes(langParam) ? langParam : t.lang;
  const template = useTemplate(kind, language);
  // Bumped after a reset (once the default is fetched), so the editor starts again from it.
  const [resets, setResets] = useState(0);
  const [resetDone, setResetDone] = useState(false);
  const choose = (k: TemplateKind, l: Language) => {
    setResetDone(false);
    setParams({ kind: k, lang: l }, { replace: true });
  };

  return (
    <section aria-labelledby="templates-heading">
      <h3 id="templates-heading">{t('s_templates')}</h3>
      <p className="muted">{t('templatesIntro')}</p>
      <div className="mail-template-picker">
        <SelectField label={t('kind')} value={kind} onChange={(e) => choose(e.target.value as TemplateKind, language)}>
          {TEMPLATE_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`kind_${k}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('language')} value={language} onChange={(e) => choose(kind, e.target.value as Language)}>
          {LANGS.map((l) => (
            <option key={l} value={l}>
              {t(`lang_${l}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <ErrorBanner error={template.error} title={a('loadError')} />
      {template.isPending && <Spinner label={c('loading')} />}
      {resetDone && <Notice tone="success">{t('templateReset')}</Notice>}
      {template.data && (
        <TemplateEditor
          key={`${kind}-${language}-${resets}`}
          template={template.data}
          onEdit={() => setResetDone(false)}
          onReset={() => {
            setResets((n) => n + 1);
            setResetDone(true);
          }}
        />
      )}
    </section>
  );
}
