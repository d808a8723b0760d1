// Creating an API token: a name and an optional expiry. The secret comes back once: it is
// shown with a copy button and a plain warning until the user says they have stored it.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useT } from '../../app/i18n.tsx';
import { Button } from '../../ui/Button.tsx';
import { ErrorBanner } from '../../ui/Feedback.tsx';
import { SelectField, TextField } from '../../ui/Field.tsx';
import { useCreateToken, type CreatedToken } from './api.ts';
import { messages } from './messages.ts';

const EXPIRIES = ['never', '7', '30', '90', '365'] as const;
type Expiry = (typeof EXPIRIES)[number];
const DAY = 86_400_000;

export function NewTokenForm() {
  const t = useT(messages);
  const [name, setName] = useState('');
  const [expiry, setExpiry] = useState<Expiry>('90');
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const create = useCreateToken();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const expiresAt = expiry === 'never' ? undefined : new Date(Date.now() + Number(expiry) * DAY).toISOString();
    const token = await create.mutateAsync({ name: name.trim(), expiresAt }).catch(() => null);
    if (!token) return;
    setCreated(token);
    setName('');
  }

  if (created) return <TokenOnce token={created} onDone={() => setCreated(null)} />;
  return (
    <form onSubmit={submit} className="stack" aria-labelledby="account-new-token">
      <h3 id="account-new-token">{t('newToken')}</h3>
      <div className="grid-2">
        <TextField label={t('tokenName')} hint={t('tokenNameHint')} required maxLength={100} autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} />
        <SelectField label={t('expiry')} value={expiry} onChange={(e) => setExpiry(e.target.value as Expiry)}>
          {EXPIRIES.map((x) => (
            <option key={x} value={x}>
              {t(`expiry_${x}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <ErrorBanner error={create.error} />
      <div>
        <Button variant="primary" type="submit" busy={create.isPending}>
          {t('create')}
        </Button>
      </div>
    </form>
  );
}

function TokenOnce({ token, onDone }: { token: CreatedToken; onDone(): void }) {
  const t = useT(messages);
  const field = useRef<HTMLInputElement>(null);
  const [copy, setCopy] = useState<'copied' | 'failed' | null>(null);
  // Focus lands on the secret, selected: keyboard and screen-reader users meet it first.
  useEffect(() => field.current?.select(), []);

  return (
    <section className="account-token-once" aria-labelledby="account-token-once">
      <h3 id="account-token-once">{t('createdTitle', { name: token.name })}</h3>
      <p className="banner banner-warning">{t('copyNow')}</p>
      <div className="account-inline">
        <TextField ref={field} label={t('tokenValue')} readOnly value={token.token} className="account-secret" onFocus={(e) => e.target.select()} />
        <Button
          onClick={() =>
            // No clipboard outside a secure context (plain http): say so rather than fail silently.
            (navigator.clipboard?.writeText(token.token) ?? Promise.reject(new Error('no clipboard'))).then(
              () => setCopy('copied'),
              () => setCopy('failed'),
            )
          }
        >
          {t('copy')}
        </Button>
      </div>
      <p role="status" className="muted">
        {copy === 'copied' ? t('copied') : copy === 'failed' ? t('copyFailed') : ''}
      </p>
      <Button variant="primary" onClick={onDone}>
        {t('done')}
      </Button>
    </section>
  );
}
