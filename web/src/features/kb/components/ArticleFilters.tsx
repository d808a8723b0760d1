// Search box (debounced: the list follows as one types) and one choice per filter.
import { useEffect, useRef, useState } from 'react';
import { useT } from '../../../app/i18n.tsx';
import { categoryOptions } from '../../../app/category-options.ts';
import { useCategoryTree } from '../../../app/shared-queries.ts';
import { SelectField, TextField } from '../../../ui/Field.tsx';
import { ARTICLE_AUDIENCES, ARTICLE_STATUSES, KB_LANGUAGES } from '../api.ts';
import type { ListState } from '../list-state.ts';
import { messages } from '../messages.ts';

const DEBOUNCE_MS = 300;
type Filters = ListState['filters'];

export function ArticleFilters({ filters, showStatus, onChange }: { filters: Filters; showStatus: boolean; onChange(next: Filters): void }) {
  const t = useT(messages);
  const tree = useCategoryTree();
  const [text, setText] = useState(filters.q ?? '');
  const latest = useRef({ filters, onChange });
  latest.current = { filters, onChange };

  // The address changed from elsewhere (Clear filters, Back): show its text.
  const [seen, setSeen] = useState(filters.q ?? '');
  if ((filters.q ?? '') !== seen) {
    setSeen(filters.q ?? '');
    setText(filters.q ?? '');
  }

  useEffect(() => {
    const q = text.trim();
    if (q === (latest.current.filters.q ?? '')) return;
    const timer = setTimeout(() => latest.current.onChange({ ...latest.current.filters, q: q || undefined }), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text]);

  const set = (key: keyof Filters) => (value: string) => onChange({ ...filters, [key]: value || undefined });

  return (
    <section className="panel kb-filters" aria-label={t('filters')}>
      <div role="search">
        <TextField type="search" label={t('searchLabel')} hint={t('searchHint')} value={text} maxLength={500} onChange={(e) => setText(e.target.value)} />
      </div>
      <div className="kb-filter-grid">
        {showStatus && (
          <SelectField label={t('status')} value={filters.status ?? ''} onChange={(e) => set('status')(e.target.value)}>
            <option value="">{t('anyStatus')}</option>
            {ARTICLE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status_${s}`)}
              </option>
            ))}
          </SelectField>
        )}
        <SelectField label={t('audience')} value={filters.audience ?? ''} onChange={(e) => set('audience')(e.target.value)}>
          <option value="">{t('anyAudience')}</option>
          {ARTICLE_AUDIENCES.map((a) => (
            <option key={a} value={a}>
              {t(`audience_${a}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('language')} value={filters.language ?? ''} onChange={(e) => set('language')(e.target.value)}>
          <option value="">{t('anyLanguage')}</option>
          {KB_LANGUAGES.map((l) => (
            <option key={l} value={l}>
              {t(`lang_${l}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('category')} value={filters.categoryId ?? ''} onChange={(e) => set('categoryId')(e.target.value)}>
          <option value="">{t('anyCategory')}</option>
          {categoryOptions(tree.data).map((o) => (
            <option key={o.id} value={o.id}>
              {'\u00a0\u00a0'.repeat(o.depth)}
              {o.path}
            </option>
          ))}
        </SelectField>
        <TagFilter value={filters.tag} onChange={set('tag')} />
      </div>
    </section>
  );
}

/** The tag filter applies when the field is left or Enter is pressed, not at each key. */
function TagFilter({ value, onChange }: { value: string | undefined; onChange(v: string): void }) {
  const t = useT(messages);
  const commit = (v: string) => {
    const tag = v.trim().toLowerCase();
    if (tag !== (value ?? '')) onChange(tag);
  };
  return (
    <TextField
      key={value ?? ''}
      label={t('tag')}
      hint={t('tagHint')}
      defaultValue={value ?? ''}
      maxLength={40}
      onBlur={(e) => commit(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit(e.currentTarget.value);
      }}
    />
  );
}
