// My API tokens: what each is called, when it was made, last used and expires; revoking one
// asks first, since whatever uses it stops working at once.
import { useState } from 'react';
import { useFormat, useT } from '../../app/i18n.tsx';
import { common } from '../../app/messages.ts';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { EmptyState, ErrorBanner, Notice, Spinner } from '../../ui/Feedback.tsx';
import { useRevokeToken, useTokens, type ApiToken } from './api.ts';
import { messages } from './messages.ts';
import { NewTokenForm } from './NewTokenForm.tsx';

export function TokensSection() {
  const t = useT(messages);
  const c = useT(common);
  const format = useFormat();
  const tokens = useTokens();
  const revoke = useRevokeToken();
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const [revoked, setRevoked] = useState<string | null>(null);

  const expires = (tok: ApiToken) => {
    if (!tok.expiresAt) return t('never');
    return Date.parse(tok.expiresAt) <= Date.now() ? t('expired', { date: format.dateTime(tok.expiresAt) }) : format.dateTime(tok.expiresAt);
  };

  async function confirmRevoke() {
    if (!revoking) return;
    const done = await revoke.mutateAsync(revoking.id).then(
      () => true,
      () => false,
    );
    if (!done) return;
    setRevoked(revoking.name);
    setRevoking(null);
  }

  return (
    <section className="panel" aria-labelledby="account-tokens">
      <h2 id="account-tokens">{t('tokens')}</h2>
      <p className="muted">{t('tokensIntro')}</p>
      {revoked && <Notice tone="success">{t('revoked', { name: revoked })}</Notice>}
      {tokens.isPending ? (
        <Spinner label={c('loading')} />
      ) : tokens.error ? (
        <ErrorBanner error={tokens.error} />
      ) : tokens.data.length === 0 ? (
        <EmptyState>{t('noTokens')}</EmptyState>
      ) : (
        <table className="data" aria-labelledby="account-tokens">
          <thead>
            <tr>
              <th scope="col">{t('colName')}</th>
              <th scope="col">{t('colPrefix')}</th>
              <th scope="col">{t('colCreated')}</th>
              <th scope="col">{t('colLastUsed')}</th>
              <th scope="col">{t('colExpires')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('revoke')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tokens.data.map((tok) => (
              <tr key={tok.id}>
                <td>{tok.name}</td>
                <td>
                  <code>{tok.prefix}…</code>
                </td>
                <td>{format.dateTime(tok.createdAt)}</td>
                <td>{tok.lastUsedAt ? format.dateTime(tok.lastUsedAt) : <span className="muted">{t('neverUsed')}</span>}</td>
                <td>{expires(tok)}</td>
                <td>
                  <Button className="btn-small" aria-label={t('revokeToken', { name: tok.name })} onClick={() => (revoke.reset(), setRevoking(tok))}>
                    {t('revoke')}
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <NewTokenForm />
      <Dialog open={revoking !== null} title={revoking ? t('revokeTitle', { name: revoking.name }) : ''} onClose={() => setRevoking(null)} closeLabel={c('close')}>
        <div className="stack">
          <p>{t('revokeExplain')}</p>
          <ErrorBanner error={revoke.error} />
          <div className="account-actions">
            <Button variant="danger" busy={revoke.isPending} onClick={() => void confirmRevoke()}>
              {t('revokeConfirm')}
            </Button>
            <Button onClick={() => setRevoking(null)}>{c('cancel')}</Button>
          </div>
        </div>
      </Dialog>
    </section>
  );
}
