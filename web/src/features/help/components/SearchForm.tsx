// The help centre's search box. The query lives in the URL (?q=), so results can be shared
// and the back button works.
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useT } from '../../../app/i18n.tsx';
import { helpMessages } from '../messages.ts';

export function SearchForm({ query, onSearch }: { query: string; onSearch(q: string): void }) {
  const t = useT(helpMessages);
  const id = useId();
  const [text, setText] = useState(query);
  useEffect(() => setText(query), [query]);
  function submit(e: FormEvent) {
    e.preventDefault();
    onSearch(text.trim());
  }
  return (
    <form role="search" className="help-search" onSubmit={submit}>
      <label htmlFor={id} className="visually-hidden">
        {t('searchLabel')}
      </label>
      <input
        id={id}
        type="search"
        name="q"
        value={text}
        maxLength={500}
        autoComplete="off"
        placeholder={t('searchHint')}
        onChange={(e) => setText(e.target.value)}
      />
      <button type="submit" className="btn btn-primary">
        {t('searchButton')}
      </button>
    </form>
  );
}
