// The satisfaction survey of a resolved or closed request: 1–5 and a comment; once saved,
// a thank-you and the rating, which can be changed.
import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Satisfaction } from '../../../../../common/schemas/satisfaction.ts';
import { useT } from '../../../app/i18n.tsx';
import { common } from '../../../app/messages.ts';
import { Button } from '../../../ui/Button.tsx';
import { ErrorBanner, Notice, Spinner } from '../../../ui/Feedback.tsx';
import { TextArea } from '../../../ui/Field.tsx';
import { portalKeys, ticketActions, useSatisfaction } from '../api.ts';
import { portalMessages } from '../messages.ts';
import { StarRating, Stars } from './StarRating.tsx';

const COMMENT_MAX = 2000;

export function SatisfactionSurvey({ ticketId, canRate }: { ticketId: number; canRate: boolean }) {
  const t = useT(portalMessages);
  const c = useT(common);
  const saved = useSatisfaction(ticketId, true);
  const [editing, setEditing] = useState(false);
  const [thanked, setThanked] = useState(false);

  if (saved.isPending) return <Spinner label={c('loading')} />;
  const rating = saved.data ?? null;
  if (!rating && !canRate) return null;
  return (
    <section className="panel" aria-labelledby="portal-survey">
      <h2 id="portal-survey">{t('surveyTitle')}</h2>
      <ErrorBanner error={saved.error} />
      {rating && !editing ? (
        <div className="stack">
          {thanked && <Notice tone="success">{t('surveyThanks')}</Notice>}
          <p>
            {t('surveyYourRating')} <Stars score={rating.score} />
          </p>
          {rating.comment && <p className="portal-msg-body">{rating.comment}</p>}
          {canRate && (
            <Button className="portal-cta" onClick={() => setEditing(true)}>
              {t('surveyChange')}
            </Button>
          )}
        </div>
      ) : (
        <SurveyForm
          ticketId={ticketId}
          initial={rating}
          onSaved={() => {
            setEditing(false);
            setThanked(true);
          }}
          onCancel={rating ? () => setEditing(false) : undefined}
        />
      )}
    </section>
  );
}

function SurveyForm({ ticketId, initial, onSaved, onCancel }: { ticketId: number; initial: Satisfaction | null; onSaved(): void; onCancel?: () => void }) {
  const t = useT(portalMessages);
  const c = useT(common);
  const qc = useQueryClient();
  const [score, setScore] = useState<number | null>(initial?.score ?? null);
  const [comment, setComment] = useState(initial?.comment ?? '');
  const [missing, setMissing] = useState(false);
  const save = useMutation({
    mutationFn: ticketActions.rate(ticketId),
    onSuccess: (rating) => {
      qc.setQueryData(portalKeys.satisfaction(ticketId), rating);
      onSaved();
    },
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    if (score === null) return setMissing(true);
    setMissing(false);
    save.mutate({ score, comment: comment.trim() });
  }

  return (
    <form onSubmit={submit} noValidate>
      <ErrorBanner error={save.error} />
      <StarRating legend={t('surveyLegend')} value={score} onChange={setScore} error={missing ? t('surveyPick') : null} />
      <TextArea label={t('surveyComment')} rows={3} maxLength={COMMENT_MAX} value={comment} onChange={(e) => setComment(e.target.value)} />
      <div className="portal-actions">
        <Button variant="primary" type="submit" className="portal-cta" busy={save.isPending}>
          {t('surveySubmit')}
        </Button>
        {onCancel && (
          <Button className="portal-cta" onClick={onCancel}>
            {c('cancel')}
          </Button>
        )}
      </div>
    </form>
  );
}
