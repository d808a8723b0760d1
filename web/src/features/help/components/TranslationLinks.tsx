// The same article in the reader's other languages, when it has been translated.
import { Link } from 'react-router';
import { useT } from '../../../app/i18n.tsx';
import type { Article } from '../api.ts';
import { helpMessages } from '../messages.ts';

export function TranslationLinks({ translations }: { translations: Article['translations'] }) {
  const t = useT(helpMessages);
  if (translations.length === 0) return null;
  return (
    <nav className="help-translations" aria-label={t('otherLanguages')}>
      <span aria-hidden="true">{t('otherLanguages')}</span>
      {translations.map((tr) => (
        <Link key={tr.id} to={`/help/articles/${tr.id}`} lang={tr.language} hrefLang={tr.language} className="btn btn-secondary">
          {t(`language_${tr.language}`)}
        </Link>
      ))}
    </nav>
  );
}
