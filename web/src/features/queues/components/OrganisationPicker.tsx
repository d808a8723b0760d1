// The organisation filter: a combobox that searches the organisations as one types (an
// outsourcing firm serves more than a select can list). ARIA 1.2 combobox pattern: arrows
// move through the suggestions, Enter picks, Escape closes; an empty field means any.
import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { useT } from '../../../app/i18n.tsx';
import { useOrganisation, useOrganisationSearch, useRememberOrganisation } from '../api.ts';
import type { Organisation } from '../../../../../common/schemas/organisations.ts';
import { messages } from '../messages.ts';

const DEBOUNCE_MS = 200;

export function OrganisationPicker({ value, onChange }: { value: string | undefined; onChange(v: string): void }) {
  const t = useT(messages);
  const id = useId();
  const listId = `${id}-list`;
  const selected = useOrganisation(value).data;
  const remember = useRememberOrganisation();
  // What the agent is typing; null while the field just shows the chosen organisation.
  const [text, setText] = useState<string | null>(null);
  const [active, setActive] = useState(-1);
  const [query, setQuery] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQuery(text?.trim() ?? ''), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text]);
  const search = useOrganisationSearch(query, text !== null);
  const options = text === null ? [] : (search.data ?? []);
  const isOpen = text !== null && options.length > 0;
  // What was just picked, shown until the URL (a transition) brings the new value.
  const [picked, setPicked] = useState<Organisation | 'none' | null>(null);
  useEffect(() => setPicked(null), [value]);
  const shown = text ?? (picked === 'none' ? '' : (picked?.name ?? selected?.name ?? (value ? `#${value}` : '')));

  const choose = (org: Organisation | null) => {
    if (org) remember(org);
    setPicked(org ?? 'none');
    setText(null);
    setActive(-1);
    onChange(org === null ? '' : String(org.id));
  };
  const leave = () => {
    if (text !== null && text.trim() === '') choose(null);
    else {
      setText(null);
      setActive(-1);
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (text === null) setText(shown);
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (options.length ? (i + step + options.length) % options.length : -1));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (isOpen && active >= 0) choose(options[active]);
      else if (text !== null && text.trim() === '') choose(null);
    } else if (e.key === 'Escape' && text !== null) {
      e.preventDefault();
      setText(null);
      setActive(-1);
    }
  };

  return (
    <div className="field">
      <label htmlFor={id}>{t('organisation')}</label>
      <div className="combobox">
        <input
          id={id}
          type="text"
          role="combobox"
          autoComplete="off"
          spellCheck={false}
          aria-autocomplete="list"
          aria-expanded={isOpen}
          aria-controls={listId}
          aria-activedescendant={isOpen && active >= 0 ? `${listId}-${active}` : undefined}
          aria-describedby={`${id}-hint`}
          placeholder={t('anyOrganisation')}
          value={shown}
          onChange={(e) => {
            setText(e.target.value);
            setActive(-1);
          }}
          onKeyDown={onKeyDown}
          onBlur={leave}
        />
        <ul id={listId} role="listbox" aria-label={t('organisation')} className="combobox-list" hidden={!isOpen}>
          {options.map((o, i) => (
            <li
              key={o.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              // Keep the focus in the field: a click picks before the blur closes the list.
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => choose(o)}
            >
              {o.name}
            </li>
          ))}
        </ul>
      </div>
      <div className="field-hint" id={`${id}-hint`}>
        {t('organisationHint')}
      </div>
      <div className="visually-hidden" role="status">
        {text !== null && query !== '' && !search.isFetching ? t.plural('organisationsFound', options.length) : ''}
      </div>
    </div>
  );
}
