// Self-help while a request is typed: the articles that may answer it, each readable in a
// panel over the form (the draft stays as typed), with "This solved my problem" to end the
// attempt there. SelfHelpSolved is the friendly end when an article did it.
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useT } from '../../../app/i18n.tsx';
import { common } from '../../../app/messages.ts';
import { Button } from '../../../ui/Button.tsx';
import { Dialog } from '../../../ui/Dialog.tsx';
import { ErrorBanner, Spinner } from '../../../ui/Feedback.tsx';
import { recordView, useHelpArticle } from '../../help/api.ts';
import type { SelfHelpAttempt } from '../../help/self-help.ts';
import { selfHelpMessages } from '../../help/self-help-messages.ts';
import { ArticleBody } from '../../help/components/ArticleBody.tsx';
import '../../help/help.css';

export function SelfHelpSuggestions({ attempt }: { attempt: SelfHelpAttempt }) {
  const t = useT(selfHelpMessages);
  const c = useT(common);
  const [open, setOpen] = useState<{ id: number; title: string } | null>(null);
  const items = attempt.suggestions;

  return (
    <>
      <p className="visually-hidden" role="status">
        {items.length > 0 ? t('title') : ''}
      </p>
      {items.length > 0 && (
        <section className="self-help" aria-labelledby="self-help-title">
          <h2 id="self-help-title">{t('title')}</h2>
          <p className="self-help-hint">{t('hint')}</p>
          <ul className="self-help-list">
            {items.map((a) => (
              <li key={a.id}>
                <button
                  type="button"
                  className="self-help-open"
                  lang={a.language === t.lang ? undefined : a.language}
                  onClick={() => {
                    setOpen({ id: a.id, title: a.title });
                    attempt.viewed(a.id);
                  }}
                >
                  {a.title}
                </button>
                {a.summary && <p className="self-help-summary">{a.summary}</p>}
              </li>
            ))}
          </ul>
        </section>
      )}
      <Dialog open={open !== null} title={open?.title ?? ''} onClose={() => setOpen(null)} closeLabel={c('close')}>
        {open && <ArticlePanel id={open.id} attempt={attempt} onBack={() => setOpen(null)} />}
      </Dialog>
    </>
  );
}

function ArticlePanel({ id, attempt, onBack }: { id: number; attempt: SelfHelpAttempt; onBack(): void }) {
  const t = useT(selfHelpMessages);
  const c = useT(common);
  const article = useHelpArticle(id);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const counted = useRef(false);
  useEffect(() => {
    if (!article.data || counted.current) return;
    counted.current = true;
    recordView(id);
  }, [article.data, id]);

  async function solved() {
    setBusy(true);
    setError(null);
    try {
      await attempt.solved();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  const a = article.data;
  return (
    <div className="self-help-panel">
      {article.isPending && <Spinner label={c('loading')} />}
      <ErrorBanner error={article.error} title={t('loadError')} />
      {a && (
        <div lang={a.language === t.lang ? undefined : a.language}>
          {a.summary && <p className="help-article-summary">{a.summary}</p>}
          <ArticleBody html={a.bodyHtml} />
        </div>
      )}
      <ErrorBanner error={error} />
      <div className="self-help-actions">
        <Button variant="primary" busy={busy} onClick={() => void solved()} disabled={!a}>
          {t('solved')}
        </Button>
        <Button onClick={onBack}>{t('notSolved')}</Button>
      </div>
    </div>
  );
}

export function SelfHelpSolved({ onAnother }: { onAnother(): void }) {
  const t = useT(selfHelpMessages);
  const heading = useRef<HTMLHeadingElement>(null);
  // The form went away under the user: take focus (and screen readers) to the news.
  useEffect(() => heading.current?.focus(), []);
  return (
    <div className="portal">
      <div className="panel self-help-solved" role="status">
        <h1 ref={heading} tabIndex={-1}>
          {t('solvedTitle')}
        </h1>
        <p>{t('solvedBody')}</p>
        <div className="portal-actions">
          <Link to="/portal" className="btn btn-primary portal-cta">
            {t('backToRequests')}
          </Link>
          <Link to="/help" className="btn portal-cta">
            {t('helpCentre')}
          </Link>
          <Button className="portal-cta" onClick={onAnother}>
            {t('newRequest')}
          </Button>
        </div>
      </div>
    </div>
  );
}
