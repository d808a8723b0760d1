// The editor's fields: title, summary, the Markdown text with its preview, category, tags,
// language, audience, organisation and (when editing) a note for the history.
import type { ReactNode } from 'react';
import { useT } from '../../../app/i18n.tsx';
import { categoryOptions } from '../../../app/category-options.ts';
import { useCategoryTree } from '../../../app/shared-queries.ts';
import { SelectField, TextArea, TextField } from '../../../ui/Field.tsx';
import { ARTICLE_AUDIENCES, KB_LANGUAGES, useOrganisations, type ArticleAudience, type Language } from '../api.ts';
import type { ArticleDraft, DraftErrors } from '../article-draft.ts';
import { editorMessages } from '../editor-messages.ts';
import { messages } from '../messages.ts';
import { MarkdownField } from './MarkdownField.tsx';

export function ArticleForm({ value, onChange, errors, withNote, children }: { value: ArticleDraft; onChange(d: ArticleDraft): void; errors: DraftErrors; withNote: boolean; children: ReactNode }) {
  const t = useT(editorMessages);
  const k = useT(messages);
  const tree = useCategoryTree();
  const organisations = useOrganisations();
  const set = <F extends keyof ArticleDraft>(field: F, v: ArticleDraft[F]) => onChange({ ...value, [field]: v });
  // An organisation we cannot list (outside our scope) still shows as chosen.
  const orgs = organisations.data ?? [];
  const unknownOrg = value.organisationId !== null && !orgs.some((o) => o.id === value.organisationId);

  return (
    <div className="kb-editor">
      <div className="kb-editor-main">
        <TextField label={t('title')} value={value.title} error={errors.title} required maxLength={200} lang={value.language} onChange={(e) => set('title', e.target.value)} />
        <TextArea label={t('summary')} hint={t('summaryHint')} value={value.summary} rows={2} maxLength={1000} lang={value.language} onChange={(e) => set('summary', e.target.value)} />
        <MarkdownField value={value.body} error={errors.body ?? null} lang={value.language} onChange={(v) => set('body', v)} />
        {withNote && <TextField label={t('note')} hint={t('noteHint')} value={value.note} maxLength={500} onChange={(e) => set('note', e.target.value)} />}
        {children}
      </div>
      <div className="kb-editor-side panel">
        <SelectField label={t('language')} value={value.language} onChange={(e) => set('language', e.target.value as Language)}>
          {KB_LANGUAGES.map((l) => (
            <option key={l} value={l}>
              {k(`lang_${l}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('audience')} value={value.audience} onChange={(e) => set('audience', e.target.value as ArticleAudience)}>
          {ARTICLE_AUDIENCES.map((a) => (
            <option key={a} value={a}>
              {k(`audience_${a}`)} — {k(`audienceHint_${a}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('category')} value={value.categoryId ?? ''} onChange={(e) => set('categoryId', e.target.value ? Number(e.target.value) : null)}>
          <option value="">{t('noCategory')}</option>
          {categoryOptions(tree.data).map((o) => (
            <option key={o.id} value={o.id}>
              {'\u00a0\u00a0'.repeat(o.depth)}
              {o.path}
            </option>
          ))}
        </SelectField>
        <TextField label={t('tags')} hint={t('tagsHint')} error={errors.tags} value={value.tags} onChange={(e) => set('tags', e.target.value)} />
        <SelectField label={t('organisation')} hint={t('organisationHint')} value={value.organisationId ?? ''} onChange={(e) => set('organisationId', e.target.value ? Number(e.target.value) : null)}>
          <option value="">{t('everyOrganisation')}</option>
          {unknownOrg && <option value={value.organisationId!}>#{value.organisationId}</option>}
          {orgs.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </SelectField>
      </div>
    </div>
  );
}
