// The help centre's frame, open to everyone: the app name, the language, and either "Sign in"
// or the user's menu with the way back to the portal (requesters) or the workspace (staff).
import { Suspense } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { isStaff, useSession } from '../../app/session.tsx';
import { useT } from '../../app/i18n.tsx';
import { common } from '../../app/messages.ts';
import { Spinner } from '../../ui/Feedback.tsx';
import { LanguageSwitch } from '../../app/layouts/LanguageSwitch.tsx';
import { UserMenu } from '../../app/layouts/UserMenu.tsx';
import { helpMessages } from './messages.ts';
import './help.css';

export function HelpLayout() {
  const { me, loading } = useSession();
  const location = useLocation();
  const c = useT(common);
  const t = useT(helpMessages);
  return (
    <div className="portal-shell help-shell">
      <a className="skip-link" href="#main">
        {c('skipToContent')}
      </a>
      <header className="topbar">
        <Link to="/help" className="brand">
          {c('appName')} <span className="help-brand-sub">{c('helpCentre')}</span>
        </Link>
        <span className="spacer" />
        {me && (
          <Link to={isStaff(me) ? '/agent' : '/portal'} className="help-topbar-link">
            {t(isStaff(me) ? 'workspace' : 'myRequests')}
          </Link>
        )}
        <LanguageSwitch />
        {me ? (
          <UserMenu />
        ) : (
          !loading && (
            <Link to="/login" state={{ from: location.pathname + location.search }} className="help-topbar-link">
              {t('signIn')}
            </Link>
          )
        )}
      </header>
      <main id="main" tabIndex={-1}>
        {loading ? (
          <Spinner label={c('loading')} />
        ) : (
          <Suspense fallback={<Spinner label={c('loading')} />}>
            <Outlet />
          </Suspense>
        )}
      </main>
    </div>
  );
}
