// Every saved version, newest first: pick two to see what changed between them, or restore
// an older one (its text becomes a new version; history is never rewritten).
import { useId, useState } from 'react';
import { useFormat, useT } from '../../../app/i18n.tsx';
import { common } from '../../../app/messages.ts';
import { Button } from '../../../ui/Button.tsx';
import { ErrorBanner, Notice, Spinner } from '../../../ui/Feedback.tsx';
import { restoreVersion, useDiff, useKbMutation, useVersions, type Article } from '../api.ts';
import { articleMessages } from '../article-messages.ts';
import { ArticleStatusBadge } from './ArticleBadges.tsx';
import { DiffView } from './DiffView.tsx';

export function VersionHistory({ article }: { article: Article }) {
  const t = useT(articleMessages);
  const c = useT(common);
  const f = useFormat();
  const name = useId();
  const versions = useVersions(article.id);
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);
  const [pair, setPair] = useState<{ from: number; to: number } | null>(null);
  const [confirming, setConfirming] = useState<number | null>(null);
  const [restored, setRestored] = useState<string | null>(null);
  const diff = useDiff(article.id, pair);
  const restore = useKbMutation((v: number) => restoreVersion(article.id, v));
  // Until chosen: the current version against the one before it.
  const fromV = from ?? Math.max(1, article.version - 1);
  const toV = to ?? article.version;

  function compare() {
    setPair(fromV === toV ? null : { from: Math.min(fromV, toV), to: Math.max(fromV, toV) });
  }

  return (
    <section className="panel" aria-labelledby="kb-history-title">
      <h2 id="kb-history-title">{t('history')}</h2>
      <p className="muted">{t('historyHint')}</p>
      <ErrorBanner error={versions.error} />
      {versions.isPending && <Spinner label={c('loading')} />}
      {versions.data && (
        <div className="kb-table-wrap">
          <table className="data kb-versions" aria-labelledby="kb-history-title">
            <thead>
              <tr>
                <th scope="col">{t('colVersion')}</th>
                <th scope="col">{t('colFrom')}</th>
                <th scope="col">{t('colTo')}</th>
                <th scope="col">{t('colTitle')}</th>
                <th scope="col">{t('colDate')}</th>
                <th scope="col">{t('colNote')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('colActions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {versions.data.map((v) => (
                <tr key={v.version}>
                  <th scope="row">
                    {v.version}
                    {v.version === article.version && <span className="muted"> ({t('current')})</span>}
                    <div>
                      <ArticleStatusBadge status={v.status} />
                    </div>
                  </th>
                  <td>
                    <input type="radio" name={`${name}-from`} checked={fromV === v.version} aria-label={t('fromVersion', { version: v.version })} onChange={() => setFrom(v.version)} />
                  </td>
                  <td>
                    <input type="radio" name={`${name}-to`} checked={toV === v.version} aria-label={t('toVersion', { version: v.version })} onChange={() => setTo(v.version)} />
                  </td>
                  <td>{v.title}</td>
                  <td>
                    {v.authorName ?? t('system')}
                    <div className="kb-date">
                      <time dateTime={v.createdAt}>{f.dateTime(v.createdAt)}</time>
                    </div>
                  </td>
                  <td>{v.note ?? ''}</td>
                  <td>
                    {v.version !== article.version && (
                      <Button
                        className="btn-small"
                        onClick={() => {
                          setRestored(null);
                          setConfirming(v.version);
                        }}
                      >
                        {t('restoreVersionNamed', { version: v.version })}
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {confirming !== null && (
        <div className="banner banner-warning" role="alert">
          <p>{t('restoreConfirm', { version: confirming })}</p>
          <div className="row">
            <Button
              variant="primary"
              busy={restore.isPending}
              onClick={() =>
                restore.mutate(confirming, {
                  onSuccess: (a) => {
                    setRestored(t('restored', { version: confirming, current: a.version }));
                    setConfirming(null);
                    setFrom(null);
                    setTo(null);
                    setPair(null);
                  },
                })
              }
            >
              {t('restoreYes', { version: confirming })}
            </Button>
            <Button onClick={() => setConfirming(null)}>{c('cancel')}</Button>
          </div>
        </div>
      )}
      <ErrorBanner error={restore.error} />
      {restored && <Notice tone="success">{restored}</Notice>}
      {versions.data && versions.data.length > 1 && (
        <div className="row kb-compare">
          <Button onClick={compare} aria-describedby={fromV === toV ? `${name}-same` : undefined}>
            {t('compare')}
          </Button>
          {fromV === toV && (
            <span className="muted" id={`${name}-same`}>
              {t('compareSame')}
            </span>
          )}
        </div>
      )}
      <ErrorBanner error={diff.error} />
      {diff.isFetching && <Spinner label={c('loading')} />}
      {pair && diff.data && <DiffView diff={diff.data} />}
    </section>
  );
}
