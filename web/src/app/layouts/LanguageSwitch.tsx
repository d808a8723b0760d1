import { useId } from 'react';
import { LANGUAGES, useLocale, useT } from '../i18n.tsx';
import { common } from '../messages.ts';

const NAMES = { en: 'English', fr: 'Français' } as const;

export function LanguageSwitch() {
  const { lang, setLang } = useLocale();
  const t = useT(common);
  const id = useId();
  return (
    <>
      <label htmlFor={id} className="visually-hidden">
        {t('language')}
      </label>
      <select id={id} value={lang} onChange={(e) => setLang(e.target.value as typeof lang)}>
        {LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>
            {NAMES[l]}
          </option>
        ))}
      </select>
    </>
  );
}
