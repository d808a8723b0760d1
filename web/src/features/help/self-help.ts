// One self-help attempt on the portal's new-request page. While the requester types, the
// articles matching their words are suggested (debounced; the title's words first: the server
// keeps the first 30 distinct words), under a random session id per attempt, in which the
// server records the suggestions (the session exists once an article was shown). The attempt ends
// once: solved (an article answered it), submitted (with the ticket), or abandoned (the page
// left, or the app navigated elsewhere, after articles were shown). The server also counts
// an attempt idle for 30 minutes as abandoned, for browsers that never say goodbye.
import { useCallback, useEffect, useRef, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useLocale } from '../../app/i18n.tsx';
import { fetchSuggestions, helpKeys, postDeflection, sendDeflectionOnExit, type ArticleSummary } from './api.ts';
import { randomId } from './visitor.ts';

export const SUGGEST_DELAY_MS = 300;
export const SUGGEST_MIN_CHARS = 3;
const QUERY_MAX = 500;

export type AttemptOutcome = 'open' | 'solved' | 'submitted' | 'abandoned';

/** The words to search for: the title first (it says what matters), then the description. */
export function suggestionText(title: string, description: string): string {
  const t = title.trim().replace(/\s+/g, ' ');
  const d = description.trim().replace(/\s+/g, ' ');
  if (t.length + d.length < SUGGEST_MIN_CHARS) return '';
  const text = [t, d].filter(Boolean).join(' ');
  return text.length <= QUERY_MAX ? text : text.slice(0, QUERY_MAX).replace(/\s+\S*$/, '');
}

function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

export interface SelfHelpAttempt {
  suggestions: ArticleSummary[];
  outcome: AttemptOutcome;
  viewed(articleId: number): void;
  solved(): Promise<void>;
  submitted(ticketId: number): Promise<void>;
  /** A new attempt (another request after one was submitted or solved). */
  restart(): void;
}

export function useSelfHelpAttempt(draft: { title: string; description: string; categoryId: number | null }): SelfHelpAttempt {
  const [session, setSession] = useState(randomId);
  const [outcome, setOutcome] = useState<AttemptOutcome>('open');
  // The same, for the page-exit handlers, which cannot wait for a render.
  const live = useRef({ session, outcome: 'open' as AttemptOutcome, shown: false });

  const q = useDebounced(suggestionText(draft.title, draft.description), SUGGEST_DELAY_MS);
  // The language the requester reads the portal in ranks articles higher (others still show).
  const { lang } = useLocale();
  const params = { q, categoryId: draft.categoryId, language: lang, session };
  const query = useQuery({
    queryKey: helpKeys.suggestions(params),
    enabled: q !== '' && outcome === 'open',
    queryFn: async () => {
      const result = await fetchSuggestions(params);
      const a = live.current;
      if (a.session === params.session && result.items.length > 0) a.shown = true;
      return result.items;
    },
    placeholderData: keepPreviousData,
    staleTime: 60_000,
    retry: false,
  });
  const suggestions = q !== '' && outcome === 'open' ? (query.data ?? []) : [];

  const finish = useCallback((next: AttemptOutcome) => {
    live.current.outcome = next;
    setOutcome(next);
  }, []);

  const restart = useCallback(() => {
    const id = randomId();
    live.current = { session: id, outcome: 'open', shown: false };
    setSession(id);
    setOutcome('open');
  }, []);

  useEffect(() => {
    const leave = () => {
      const a = live.current;
      if (a.outcome !== 'open' || !a.shown) return;
      a.outcome = 'abandoned';
      sendDeflectionOnExit(a.session, { event: 'abandoned' });
    };
    // Back from the browser's page cache: the attempt we called abandoned starts afresh.
    const back = (e: PageTransitionEvent) => {
      if (e.persisted && live.current.outcome === 'abandoned') restart();
    };
    window.addEventListener('pagehide', leave);
    window.addEventListener('pageshow', back);
    return () => {
      window.removeEventListener('pagehide', leave);
      window.removeEventListener('pageshow', back);
      leave(); // the app navigated away from the page
    };
  }, [restart]);

  const viewed = useCallback((articleId: number) => {
    postDeflection(live.current.session, { event: 'viewed', articleId }).catch(() => undefined);
  }, []);

  const solved = useCallback(async () => {
    await postDeflection(live.current.session, { event: 'solved' });
    finish('solved');
  }, [finish]);

  // Never in the way of the request itself: a failure to record is only lost figures.
  const submitted = useCallback(
    async (ticketId: number) => {
      const a = live.current;
      finish('submitted');
      if (a.shown) await postDeflection(a.session, { event: 'submitted', ticketId }).catch(() => undefined);
    },
    [finish],
  );

  return { suggestions, outcome, viewed, solved, submitted, restart };
}
