// My account, for everyone signed in (agents under /agent, requesters under /portal): my
// language and my API tokens.
import { useT } from '../../app/i18n.tsx';
import { common } from '../../app/messages.ts';
import { ErrorBanner, Spinner } from '../../ui/Feedback.tsx';
import { useProfile } from './api.ts';
import { LanguageSection } from './LanguageSection.tsx';
import { messages } from './messages.ts';
import { TokensSection } from './TokensSection.tsx';
import './account.css';

export function AccountPage() {
  const t = useT(messages);
  const c = useT(common);
  const profile = useProfile();
  return (
    <div className="account">
      <h1>{t('title')}</h1>
      {profile.isPending ? <Spinner label={c('loading')} /> : profile.error ? <ErrorBanner error={profile.error} /> : <LanguageSection profile={profile.data} />}
      <TokensSection />
    </div>
  );
}
