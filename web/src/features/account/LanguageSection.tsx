// My name and email, and the language I want: stored on my account (the emails I receive
// use it) and applied to this app at once.
import { useState, type FormEvent } from 'react';
import { LANGUAGES, type Language } from '../../../../common/enums.ts';
import { useLocale, useT } from '../../app/i18n.tsx';
import { Button } from '../../ui/Button.tsx';
import { ErrorBanner, Notice } from '../../ui/Feedback.tsx';
import { SelectField } from '../../ui/Field.tsx';
import type { User } from '../../../../common/schemas/users.ts';
import { useSaveLanguage } from './api.ts';
import { messages } from './messages.ts';

export function LanguageSection({ profile }: { profile: User }) {
  const t = useT(messages);
  const { setLang } = useLocale();
  const [language, setLanguage] = useState<Language>(profile.language);
  const save = useSaveLanguage();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const saved = await save.mutateAsync(language).catch(() => null);
    if (saved) setLang(saved.language);
  }

  return (
    <section className="panel" aria-labelledby="account-profile">
      <h2 id="account-profile">{t('profile')}</h2>
      <dl className="account-facts">
        <dt>{t('name')}</dt>
        <dd>{profile.name}</dd>
        <dt>{t('email')}</dt>
        <dd>{profile.email}</dd>
      </dl>
      <p className="muted" id="account-language-hint">
        {t('languageHint')}
      </p>
      <form onSubmit={submit} className="account-inline">
        <SelectField
          label={t('language')}
          aria-describedby="account-language-hint"
          value={language}
          onChange={(e) => {
            setLanguage(e.target.value as Language);
            save.reset();
          }}
        >
          {LANGUAGES.map((l) => (
            <option key={l} value={l}>
              {t(`lang_${l}`)}
            </option>
          ))}
        </SelectField>
        <Button type="submit" busy={save.isPending}>
          {t('saveLanguage')}
        </Button>
      </form>
      <ErrorBanner error={save.error} />
      {save.isSuccess && <Notice tone="success">{t('languageSaved')}</Notice>}
    </section>
  );
}
