import { Link, useNavigate } from 'react-router';
import { isStaff, useSession } from '../session.tsx';
import { useT } from '../i18n.tsx';
import { common } from '../messages.ts';
import { useLiveStatus } from '../live.tsx';

export function UserMenu() {
  const { me, signOut } = useSession();
  const t = useT(common);
  const navigate = useNavigate();
  const live = useLiveStatus();
  if (!me) return null;
  return (
    <>
      <span className={`live-status live-${live}`} title={live === 'online' ? t('liveOnline') : t('liveOffline')}>
        <span aria-hidden="true">●</span>
        <span className="visually-hidden">{live === 'online' ? t('liveOnline') : t('liveOffline')}</span>
      </span>
      <span>{me.name}</span>
      <Link to={isStaff(me) ? '/agent/account' : '/portal/account'}>{t('myAccount')}</Link>
      <button
        type="button"
        className="btn btn-ghost"
        onClick={async () => {
          await signOut();
          navigate('/login');
        }}
      >
        {t('signOut')}
      </button>
    </>
  );
}
