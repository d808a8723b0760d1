import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { isStaff, useSession } from '../../app/session.tsx';
import { useT } from '../../app/i18n.tsx';
import { common } from '../../app/messages.ts';
import { Button } from '../../ui/Button.tsx';
import { TextField } from '../../ui/Field.tsx';
import { ErrorBanner, Notice } from '../../ui/Feedback.tsx';
import { LanguageSwitch } from '../../app/layouts/LanguageSwitch.tsx';
import { authMessages } from './messages.ts';

export function LoginPage() {
  const t = useT(authMessages);
  const c = useT(common);
  const { me, expired, signIn } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from;
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const emailRef = useRef<HTMLInputElement>(null);
  useEffect(() => emailRef.current?.focus(), []);

  if (me) return <Navigate to={from ?? (isStaff(me) ? '/agent' : '/portal')} replace />;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const user = await signIn(email, password);
      navigate(from ?? (isStaff(user) ? '/agent' : '/portal'), { replace: true });
    } catch (err) {
      setError(err);
      setPassword('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="login" id="main">
      <div className="panel login-panel">
        <div className="row" style={{ justifyContent: 'space-between' }}>
          <h1>{t('title')}</h1>
          <LanguageSwitch />
        </div>
        {expired && <Notice tone="warning">{t('expired')}</Notice>}
        <ErrorBanner error={error} />
        <form onSubmit={submit} noValidate={false}>
          <TextField ref={emailRef} label={t('email')} type="email" name="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
          <TextField label={t('password')} type="password" name="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
          <Button variant="primary" type="submit" busy={busy}>
            {t('submit')}
          </Button>
        </form>
        <p>
          <Link to="/help">{c('helpCentre')}</Link>
        </p>
      </div>
    </main>
  );
}
