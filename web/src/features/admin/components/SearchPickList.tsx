// Choosing several items among hundreds (organisations, say): a search box narrows a list of
// checkboxes, and the chosen ones stay visible above it as removable chips whatever the
// search. Plain checkboxes and buttons: the keyboard and screen readers need nothing more.
import { useDeferredValue, useId, useMemo, useState } from 'react';
import { useT } from '../../../app/i18n.tsx';
import { Button } from '../../../ui/Button.tsx';
import { messages } from './search-pick-messages.ts';

export interface PickOption {
  id: number;
  label: string;
}

/** Rendering thousands of checkboxes is slow and useless: past this, the search narrows. */
const SHOWN_MAX = 100;

/** Case- and accent-insensitive, so "ecole" finds "École". */
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

export function SearchPickList({ legend, hint, options, value, onChange }: { legend: string; hint?: string; options: readonly PickOption[]; value: readonly number[]; onChange(ids: number[]): void }) {
  const t = useT(messages);
  const hintId = useId();
  const searchId = useId();
  const [q, setQ] = useState('');
  const query = fold(useDeferredValue(q).trim());
  const byId = useMemo(() => new Map(options.map((o) => [o.id, o])), [options]);
  const matches = useMemo(() => (query ? options.filter((o) => fold(o.label).includes(query)) : options), [options, query]);
  const shown = matches.slice(0, SHOWN_MAX);
  const chosen = new Set(value);
  const toggle = (id: number, on: boolean) => onChange(on ? [...value, id] : value.filter((v) => v !== id));

  return (
    <fieldset className="admin-fieldset search-pick" aria-describedby={hint ? hintId : undefined}>
      <legend>{legend}</legend>
      {hint && (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      )}
      {value.length > 0 ? (
        <div className="search-pick-chosen">
          <ul className="admin-chips" aria-label={t('chosen', { count: value.length })}>
            {value.map((id) => {
              const label = byId.get(id)?.label ?? `#${id}`;
              return (
                <li key={id}>
                  {label}
                  <Button variant="ghost" aria-label={t('remove', { name: label })} onClick={() => toggle(id, false)}>
                    ×
                  </Button>
                </li>
              );
            })}
          </ul>
          <Button className="btn-small" onClick={() => onChange([])}>
            {t('clear')}
          </Button>
        </div>
      ) : (
        <p className="muted">{t('noneChosen')}</p>
      )}
      <div className="field">
        <label htmlFor={searchId}>{t('find', { list: legend })}</label>
        <input id={searchId} type="search" autoComplete="off" value={q} onChange={(e) => setQ(e.target.value)} />
      </div>
      <ul className="search-pick-options">
        {shown.map((o) => (
          <li key={o.id}>
            <label className="checkbox">
              <input type="checkbox" checked={chosen.has(o.id)} onChange={(e) => toggle(o.id, e.target.checked)} />
              {o.label}
            </label>
          </li>
        ))}
      </ul>
      <p className="muted" role="status">
        {matches.length === 0 && query ? t('noMatch', { q: q.trim() }) : matches.length > shown.length ? t('showing', { shown: shown.length, total: matches.length }) : ''}
      </p>
    </fieldset>
  );
}
