// The workflow buttons the reader may use (submit, publish, send back, archive, restore to
// draft) with an optional note, and "Mark as reviewed" for supervisors and admins.
import { useState } from 'react';
import { useT } from '../../../app/i18n.tsx';
import { hasRole, useMe } from '../../../app/session.tsx';
import { Button } from '../../../ui/Button.tsx';
import { ErrorBanner, Notice } from '../../../ui/Feedback.tsx';
import { TextField } from '../../../ui/Field.tsx';
import { reviewArticle, transitionArticle, useKbMutation, type Article } from '../api.ts';
import { articleMessages } from '../article-messages.ts';
import { ACTION_TARGET, workflowActions, type WorkflowAction } from '../workflow.ts';
import { ArticleStatusBadge } from './ArticleBadges.tsx';

export function ArticleWorkflow({ article }: { article: Article }) {
  const t = useT(articleMessages);
  const me = useMe();
  const supervisor = hasRole(me, 'supervisor') || hasRole(me, 'admin');
  const [note, setNote] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const move = useKbMutation((action: WorkflowAction) => transitionArticle(article.id, ACTION_TARGET[action], note.trim() || undefined));
  const review = useKbMutation(() => reviewArticle(article.id));
  const actions = workflowActions(article.status, supervisor);
  const busy = move.isPending || review.isPending;

  function run(action: WorkflowAction) {
    setDone(null);
    review.reset();
    move.mutate(action, {
      onSuccess: (a) => {
        setNote('');
        setDone(t(`transitioned_${a.status}`));
      },
    });
  }

  return (
    <section className="panel" aria-labelledby="kb-workflow-title">
      <h2 id="kb-workflow-title">{t('workflow')}</h2>
      <p>
        {t('status')} <ArticleStatusBadge status={article.status} />
      </p>
      {actions.length > 0 && (
        <>
          <TextField label={t('workflowNote')} value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
          <div className="row">
            {actions.map((a) => (
              <Button key={a} variant={a === 'publish' || a === 'submitForReview' ? 'primary' : 'secondary'} disabled={busy} onClick={() => run(a)}>
                {t(a)}
              </Button>
            ))}
          </div>
        </>
      )}
      {supervisor && article.status === 'published' && (
        <div className="kb-review">
          <Button
            disabled={busy}
            aria-describedby="kb-review-hint"
            onClick={() => {
              setDone(null);
              move.reset();
              review.mutate(undefined, { onSuccess: () => setDone(t('reviewed')) });
            }}
          >
            {t('markReviewed')}
          </Button>
          <p className="muted" id="kb-review-hint">
            {t('markReviewedHint')}
          </p>
        </div>
      )}
      <ErrorBanner error={move.error ?? review.error} />
      {done && <Notice tone="success">{done}</Notice>}
    </section>
  );
}
