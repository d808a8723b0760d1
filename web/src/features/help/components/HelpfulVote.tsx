// "Was this helpful? Yes / No", with an optional comment after a No. One vote per reader:
// signed-in readers by their account, visitors by the random id their browser keeps (voting
// again changes the vote).
import { useId, useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useSession } from '../../../app/session.tsx';
import { useT } from '../../../app/i18n.tsx';
import { Button } from '../../../ui/Button.tsx';
import { ErrorBanner, Notice } from '../../../ui/Feedback.tsx';
import { helpKeys, sendFeedback, type Article, type FeedbackResult } from '../api.ts';
import { helpMessages } from '../messages.ts';
import { visitorId } from '../visitor.ts';

type Step = 'ask' | 'thanked' | 'comment' | 'commented';
const COMMENT_MAX = 2_000;

export function HelpfulVote({ article }: { article: Article }) {
  const t = useT(helpMessages);
  const { me } = useSession();
  const client = useQueryClient();
  const commentId = useId();
  const [step, setStep] = useState<Step>('ask');
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState<'yes' | 'no' | 'comment' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [helpful, setHelpful] = useState(article.stats.helpful);

  async function vote(isHelpful: boolean, text?: string) {
    setBusy(text !== undefined ? 'comment' : isHelpful ? 'yes' : 'no');
    setError(null);
    try {
      const result = await sendFeedback(article.id, { helpful: isHelpful, ...(text && { comment: text }), ...(!me && { visitorId: visitorId() }) });
      setHelpful(result.helpful);
      client.setQueryData<Article>(helpKeys.article(article.id), (a) => (a ? { ...a, stats: { ...a.stats, ...countsOf(result) } } : a));
      setStep(text !== undefined ? 'commented' : isHelpful ? 'thanked' : 'comment');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  }

  function submitComment(e: FormEvent) {
    e.preventDefault();
    void vote(false, comment.trim());
  }

  return (
    <section className="panel help-feedback" aria-labelledby="help-feedback-title">
      <h2 id="help-feedback-title">{t('helpfulQuestion')}</h2>
      <ErrorBanner error={error} />
      {(step === 'ask' || step === 'thanked') && (
        <div className="help-vote-buttons">
          <Button onClick={() => void vote(true)} busy={busy === 'yes'}>
            {t('yes')}
          </Button>
          <Button onClick={() => void vote(false)} busy={busy === 'no'}>
            {t('no')}
          </Button>
        </div>
      )}
      {step === 'thanked' && <Notice tone="success">{t('voteSaved')}</Notice>}
      {step === 'comment' && (
        <form onSubmit={submitComment} className="help-comment">
          <Notice tone="success">{t('voteSaved')}</Notice>
          <label htmlFor={commentId}>{t('commentLabel')}</label>
          <textarea id={commentId} rows={3} maxLength={COMMENT_MAX} value={comment} onChange={(e) => setComment(e.target.value)} />
          <Button type="submit" variant="primary" busy={busy === 'comment'} disabled={!comment.trim()}>
            {t('sendComment')}
          </Button>
        </form>
      )}
      {step === 'commented' && <Notice tone="success">{t('commentSent')}</Notice>}
      {helpful > 0 && <p className="muted help-tally">{t.plural('helpfulTally', helpful)}</p>}
    </section>
  );
}

const countsOf = (r: FeedbackResult) => ({ helpful: r.helpful, notHelpful: r.notHelpful });
