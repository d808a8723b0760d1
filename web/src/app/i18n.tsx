// French and English, both complete: each feature defines its messages with
// defineMessages(), whose type makes a missing French (or English) string a compile error.
// Dates and numbers go through Intl in the chosen language.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

export const LANGUAGES = ['en', 'fr'] as const;
export type Lang = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'guichet.lang';

export type Messages<K extends string> = Record<K, string>;
export interface Catalog<K extends string> {
  en: Messages<K>;
  fr: Messages<K>;
}

/** English defines the keys; French must translate every one of them, and nothing else. */
export function defineMessages<const E extends Record<string, string>>(catalog: { en: E; fr: { [K in keyof E]: string } }): Catalog<keyof E & string> {
  return catalog as Catalog<keyof E & string>;
}

export function pickLanguage(candidates: readonly string[]): Lang {
  for (const c of candidates) {
    const base = c.toLowerCase().split('-')[0];
    if ((LANGUAGES as readonly string[]).includes(base)) return base as Lang;
  }
  return 'en';
}

function initialLanguage(): Lang {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (stored === 'en' || stored === 'fr') return stored;
  return pickLanguage(navigator.languages ?? [navigator.language]);
}

interface LocaleContext {
  lang: Lang;
  setLang(lang: Lang): void;
}
const Ctx = createContext<LocaleContext | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLanguage);
  const setLang = useCallback((l: Lang) => {
    localStorage.setItem(STORAGE_KEY, l);
    setLangState(l);
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const value = useMemo(() => ({ lang, setLang }), [lang, setLang]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useLocale(): LocaleContext {
  const ctx = useContext(Ctx);
  if (!ctx) throw new Error('useLocale outside I18nProvider');
  return ctx;
}

export type Vars = Record<string, string | number>;

/** "{count} tickets" with vars { count: 3 } → "3 tickets" (numbers formatted for the language). */
export function interpolate(template: string, vars: Vars | undefined, lang: Lang): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = vars[name];
    if (v === undefined) return whole;
    return typeof v === 'number' ? formatNumber(v, lang) : v;
  });
}

/**
 * t('key', vars). For counts, define 'key_one' and 'key_other' and call
 * t.plural('key', n): the form is chosen by Intl.PluralRules (French 0 and 1 are singular).
 */
export function useT<K extends string>(catalog: Catalog<K>) {
  const { lang } = useLocale();
  return useMemo(() => {
    const messages = catalog[lang];
    const rules = new Intl.PluralRules(lang);
    const t = (key: K, vars?: Vars) => interpolate(messages[key] ?? key, vars, lang);
    const plural = (base: string, count: number, vars?: Vars) => {
      const key = `${base}_${rules.select(count) === 'one' ? 'one' : 'other'}` as K;
      return interpolate(messages[key] ?? key, { count, ...vars }, lang);
    };
    return Object.assign(t, { plural, lang });
  }, [catalog, lang]);
}

const LOCALES: Record<Lang, string> = { en: 'en-GB', fr: 'fr-FR' };

// Building an Intl formatter costs ~0.3 ms: a table of 50 rows would spend a third of its
// render budget on it. One of each per language, built on first use.
function cached<T>(make: (locale: string) => T): (lang: Lang) => T {
  const byLang = new Map<Lang, T>();
  return (lang) => {
    let f = byLang.get(lang);
    if (!f) byLang.set(lang, (f = make(LOCALES[lang])));
    return f;
  };
}
const numberFormat = cached((l) => new Intl.NumberFormat(l));
const dateTimeFormat = cached((l) => new Intl.DateTimeFormat(l, { dateStyle: 'medium', timeStyle: 'short' }));
const dateFormat = cached((l) => new Intl.DateTimeFormat(l, { dateStyle: 'medium' }));
const relativeFormat = cached((l) => new Intl.RelativeTimeFormat(l, { numeric: 'auto' }));

export function formatNumber(n: number, lang: Lang): string {
  return numberFormat(lang).format(n);
}

export function formatDateTime(iso: string, lang: Lang): string {
  return dateTimeFormat(lang).format(new Date(iso));
}

export function formatDate(iso: string, lang: Lang): string {
  return dateFormat(lang).format(new Date(iso));
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 31_536_000],
  ['month', 2_592_000],
  ['week', 604_800],
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
];

/** "3 hours ago", "in 20 minutes": the largest unit that fits. */
export function formatRelative(iso: string, lang: Lang, now = Date.now()): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const rtf = relativeFormat(lang);
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return rtf.format(Math.round(seconds / size), unit);
  }
  return rtf.format(seconds, 'second');
}

/** Formatting helpers bound to the current language. */
export function useFormat() {
  const { lang } = useLocale();
  return useMemo(
    () => ({
      number: (n: number) => formatNumber(n, lang),
      dateTime: (iso: string) => formatDateTime(iso, lang),
      date: (iso: string) => formatDate(iso, lang),
      relative: (iso: string) => formatRelative(iso, lang),
    }),
    [lang],
  );
}
