// The problem list's filters: which problems (open ones by default, every one, or one
// status) and a text search. Both live in the address, so a filtered list can be shared.
import type { FormEvent } from 'react';
import { useT } from '../../../app/i18n.tsx';
import { common } from '../../../app/messages.ts';
import { SelectField, TextField } from '../../../ui/Field.tsx';
import { messages } from '../messages.ts';
import { PROBLEM_STATUSES } from '../problem-status.ts';

export interface ListState {
  show: string;
  q: string;
}

export function ProblemFilters({ state, onChange }: { state: ListState; onChange(next: ListState): void }) {
  const t = useT(messages);
  const c = useT(common);
  const search = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    onChange({ ...state, q: String(new FormData(e.currentTarget).get('q') ?? '').trim() });
  };
  return (
    <section className="panel problems-filters" aria-label={t('filters')}>
      <form className="problems-search" role="search" onSubmit={search}>
        <TextField key={state.q} name="q" type="search" label={t('searchLabel')} hint={t('searchHint')} defaultValue={state.q} maxLength={200} />
        <button type="submit" className="btn btn-secondary">
          {c('search')}
        </button>
      </form>
      <SelectField label={t('show')} value={state.show} onChange={(e) => onChange({ ...state, show: e.target.value })}>
        <option value="open">{t('showOpen')}</option>
        <option value="all">{t('showAll')}</option>
        {PROBLEM_STATUSES.map((s) => (
          <option key={s} value={s}>
            {t(`status_${s}`)}
          </option>
        ))}
      </SelectField>
    </section>
  );
}
