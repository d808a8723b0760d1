// The agent workspace frame: top bar, the queue navigation on the left, the page.
import { Suspense } from 'react';
import { Link, Navigate, Outlet, useLocation } from 'react-router';
import { isStaff, useSession } from '../session.tsx';
import { useT } from '../i18n.tsx';
import { common } from '../messages.ts';
import { Spinner } from '../../ui/Feedback.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { UserMenu } from './UserMenu.tsx';
import { AgentNav } from '../../features/queues/AgentNav.tsx';
import { useShortcutHelp } from '../shortcuts.tsx';

export function AgentLayout() {
  const { me, loading } = useSession();
  const location = useLocation();
  const t = useT(common);
  const openHelp = useShortcutHelp();
  if (loading) return <Spinner label={t('loading')} />;
  if (!me) return <Navigate to="/login" state={{ from: location.pathname + location.search }} replace />;
  if (!isStaff(me)) return <Navigate to="/portal" replace />;
  return (
    <div className="app-shell">
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <header className="topbar">
        <Link to="/agent" className="brand">
          {t('appName')}
        </Link>
        <span className="spacer" />
        <button type="button" className="btn btn-ghost" onClick={openHelp} aria-label={t('shortcuts')} title={t('shortcuts')}>
          ?
        </button>
        <LanguageSwitch />
        <UserMenu />
      </header>
      <aside className="sidebar">
        <AgentNav />
      </aside>
      <main className="content" id="main" tabIndex={-1}>
        <Suspense fallback={<Spinner label={t('loading')} />}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}
