// The requesters' portal frame: simple, one column, mobile-first.
import { Suspense } from 'react';
import { Link, Navigate, Outlet, useLocation } from 'react-router';
import { useSession } from '../session.tsx';
import { useT } from '../i18n.tsx';
import { common } from '../messages.ts';
import { Spinner } from '../../ui/Feedback.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { UserMenu } from './UserMenu.tsx';

export function PortalLayout() {
  const { me, loading } = useSession();
  const location = useLocation();
  const t = useT(common);
  if (loading) return <Spinner label={t('loading')} />;
  if (!me) return <Navigate to="/login" state={{ from: location.pathname + location.search }} replace />;
  return (
    <div className="portal-shell">
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <header className="topbar">
        <Link to="/portal" className="brand">
          {t('appName')}
        </Link>
        <span className="spacer" />
        <Link to="/help">{t('helpCentre')}</Link>
        <LanguageSwitch />
        <UserMenu />
      </header>
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<Spinner label={t('loading')} />}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}
