// One long text of a problem (root cause, workaround): shown as written, or edited in place.
// Saving an empty text clears it, which the server refuses while the status needs it.
import { useId, useState, type FormEvent } from 'react';
import { useT } from '../../../app/i18n.tsx';
import { common } from '../../../app/messages.ts';
import { Button } from '../../../ui/Button.tsx';
import { ErrorBanner } from '../../../ui/Feedback.tsx';
import { TextArea } from '../../../ui/Field.tsx';
import { useUpdateProblem, type Problem } from '../api.ts';
import { messages } from '../messages.ts';

interface Props {
  problem: Problem;
  field: 'rootCause' | 'workaround';
  label: string;
  empty: string;
  hint: string;
  locked: boolean;
  tag?: string;
}

export function TextBlockEditor({ problem, field, label, empty, hint, locked, tag }: Props) {
  const t = useT(messages);
  const c = useT(common);
  const headingId = useId();
  const value = problem[field];
  const update = useUpdateProblem(problem.id);
  const [draft, setDraft] = useState<string | null>(null);

  function submit(e: FormEvent) {
    e.preventDefault();
    const text = (draft ?? '').trim();
    update.mutate({ [field]: text || null }, { onSuccess: () => setDraft(null) });
  }

  return (
    <div className="problem-block" data-field={field}>
      <div className="problem-block-head">
        <h3 id={headingId}>{label}</h3>
        {tag && <span className="problem-tag">{tag}</span>}
        {draft === null && !locked && (
          <Button className="btn-small" onClick={() => setDraft(value ?? '')} aria-label={t(`${value ? 'edit' : 'add'}_${field}`)}>
            {value ? c('edit') : t('add')}
          </Button>
        )}
      </div>
      {draft === null ? (
        value ? <p className="problem-text">{value}</p> : <p className="muted">{empty}</p>
      ) : (
        <form onSubmit={submit} aria-labelledby={headingId}>
          <TextArea label={label} hint={hint} value={draft} onChange={(e) => setDraft(e.target.value)} rows={5} autoFocus />
          <ErrorBanner error={update.error} />
          <div className="row">
            <Button variant="primary" type="submit" busy={update.isPending}>
              {t(`save_${field}`)}
            </Button>
            <Button
              onClick={() => {
                setDraft(null);
                update.reset();
              }}
            >
              {c('cancel')}
            </Button>
          </div>
        </form>
      )}
    </div>
  );
}
