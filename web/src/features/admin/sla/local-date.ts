// Dates and numbers of this section in the page's language, with the locales the rest of the
// app formats with (English is British: "Monday 8 March 2027 at 09:00").
const LOCALES: Record<string, string> = { en: 'en-GB', fr: 'fr-FR' };
export const intlLocale = (lang: string): string => LOCALES[lang] ?? lang;

/** A calendar date ("2027-05-01", no time, no zone) in words, the same day whatever the browser's zone. */
export function localDateText(date: string, lang: string, style: 'weekday' | 'medium' = 'medium'): string {
  const [y, m, d] = date.split('-').map(Number);
  const options: Intl.DateTimeFormatOptions = style === 'weekday' ? { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' } : { dateStyle: 'medium' };
  return new Intl.DateTimeFormat(intlLocale(lang), { ...options, timeZone: 'UTC' }).format(Date.UTC(y, m - 1, d));
}
