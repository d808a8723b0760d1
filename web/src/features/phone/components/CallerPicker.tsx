// Finding the caller by name or email, or creating them inline with their email.
import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { User } from '../../../../../common/schemas/users.ts';
import { api } from '../../../app/api-client.ts';
import { useT } from '../../../app/i18n.tsx';
import { ErrorBanner } from '../../../ui/Feedback.tsx';
import { TextField } from '../../../ui/Field.tsx';
import { phoneMessages } from '../messages.ts';

export type Caller = { kind: 'existing'; id: number; name: string; email: string } | { kind: 'new'; email: string; name: string } | null;

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setV(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return v;
}

export function CallerPicker({ value, onChange, error }: { value: Caller; onChange(c: Caller): void; error?: string | null }) {
  const t = useT(phoneMessages);
  const [q, setQ] = useState('');
  const query = useDebounced(q.trim(), 250);
  const people = useQuery({
    queryKey: ['agent', 'callers', query],
    enabled: query.length >= 2 && value?.kind !== 'existing',
    queryFn: async () => (await api.get<{ items: User[] }>('/users', { q: query, limit: 8 })).items.filter((u) => u.isActive),
  });

  if (value?.kind === 'existing') {
    return (
      <div className="caller-chosen">
        <p>{t('chosen', { name: value.name, email: value.email })}</p>
        <button type="button" className="btn" onClick={() => onChange(null)}>
          {t('change')}
        </button>
      </div>
    );
  }

  if (value?.kind === 'new') {
    return (
      <div className="stack">
        <div className="grid-2">
          <TextField label={t('email')} type="email" autoComplete="off" required error={error} value={value.email} onChange={(e) => onChange({ ...value, email: e.target.value })} />
          <TextField label={t('name')} autoComplete="off" value={value.name} onChange={(e) => onChange({ ...value, name: e.target.value })} />
        </div>
        <button type="button" className="btn" onClick={() => onChange(null)}>
          {t('searchInstead')}
        </button>
      </div>
    );
  }

  const results = people.data ?? [];
  return (
    <div className="stack">
      <TextField label={t('search')} hint={t('searchHint')} type="search" autoComplete="off" error={error} value={q} onChange={(e) => setQ(e.target.value)} />
      <div aria-live="polite">
        {people.isFetching && <p className="muted">{t('searching')}</p>}
        {people.isSuccess && !people.isFetching && results.length === 0 && <p className="muted">{t('noMatch')}</p>}
      </div>
      <ErrorBanner error={people.error} />
      {results.length > 0 && (
        <ul className="caller-results" aria-label={t('results')}>
          {results.map((u) => (
            <li key={u.id}>
              <button type="button" className="btn" onClick={() => onChange({ kind: 'existing', id: u.id, name: u.name, email: u.email })}>
                <strong>{u.name}</strong> <span className="muted">{u.email}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <button type="button" className="btn" onClick={() => onChange({ kind: 'new', email: q.includes('@') ? q.trim() : '', name: q.includes('@') ? '' : q.trim() })}>
        {t('newCaller')}
      </button>
    </div>
  );
}
