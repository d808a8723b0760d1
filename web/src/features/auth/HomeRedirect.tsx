import { Link, Navigate } from 'react-router';
import { isStaff, useSession } from '../../app/session.tsx';
import { useT } from '../../app/i18n.tsx';
import { common } from '../../app/messages.ts';
import { Spinner } from '../../ui/Feedback.tsx';
import { authMessages } from './messages.ts';

/** "/" sends staff to their queues and requesters to the portal. */
export function HomeRedirect() {
  const { me, loading } = useSession();
  const t = useT(common);
  if (loading) return <Spinner label={t('loading')} />;
  if (!me) return <Navigate to="/login" replace />;
  return <Navigate to={isStaff(me) ? '/agent' : '/portal'} replace />;
}

export function NotFoundPage() {
  const t = useT(authMessages);
  const c = useT(common);
  return (
    <div className="panel">
      <h1>{t('notFoundTitle')}</h1>
      <p>{c('notFound')}</p>
      <Link to="/">{t('home')}</Link>
    </div>
  );
}
