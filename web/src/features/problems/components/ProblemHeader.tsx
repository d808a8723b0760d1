// The problem at a glance: reference, title, status, owner group, category, who opened it
// and when; its description below. "Edit" turns title and description into a form.
import { useState, type FormEvent } from 'react';
import { useFormat, useT } from '../../../app/i18n.tsx';
import { common } from '../../../app/messages.ts';
import { Button } from '../../../ui/Button.tsx';
import { ErrorBanner } from '../../../ui/Feedback.tsx';
import { TextArea, TextField } from '../../../ui/Field.tsx';
import { useUpdateProblem, type Problem } from '../api.ts';
import { messages } from '../messages.ts';
import { ProblemStatusBadge } from './ProblemStatusBadge.tsx';

export function ProblemHeader({ problem }: { problem: Problem }) {
  const t = useT(messages);
  const c = useT(common);
  const f = useFormat();
  const [editing, setEditing] = useState(false);
  return (
    <header className="panel problem-header">
      {editing ? (
        <DetailsForm problem={problem} onDone={() => setEditing(false)} />
      ) : (
        <>
          <div className="problem-title-row">
            <h1>
              <span className="problem-ref">{problem.reference}</span> {problem.title}
            </h1>
            {problem.status !== 'closed' && (
              <Button className="btn-small" onClick={() => setEditing(true)} aria-label={t('editDetails')}>
                {c('edit')}
              </Button>
            )}
          </div>
          <dl className="problem-facts">
            <div>
              <dt>{t('colStatus')}</dt>
              <dd>
                <ProblemStatusBadge status={problem.status} />
              </dd>
            </div>
            <div>
              <dt>{t('colOwner')}</dt>
              <dd>{problem.ownerGroupName ?? <span className="muted">{t('noOwner')}</span>}</dd>
            </div>
            {problem.categoryName && (
              <div>
                <dt>{t('category')}</dt>
                <dd>{problem.categoryName}</dd>
              </div>
            )}
            <div>
              <dt>{t('opened')}</dt>
              <dd>
                <time dateTime={problem.createdAt}>{f.dateTime(problem.createdAt)}</time>
                {problem.createdByName && ` · ${problem.createdByName}`}
              </dd>
            </div>
            {problem.resolvedAt && (
              <div>
                <dt>{t('resolvedAt')}</dt>
                <dd>
                  <time dateTime={problem.resolvedAt}>{f.dateTime(problem.resolvedAt)}</time>
                </dd>
              </div>
            )}
            {problem.closedAt && (
              <div>
                <dt>{t('closedAt')}</dt>
                <dd>
                  <time dateTime={problem.closedAt}>{f.dateTime(problem.closedAt)}</time>
                </dd>
              </div>
            )}
          </dl>
          <h2 className="visually-hidden">{t('fieldDescription')}</h2>
          <p className="problem-text">{problem.description}</p>
        </>
      )}
    </header>
  );
}

function DetailsForm({ problem, onDone }: { problem: Problem; onDone(): void }) {
  const t = useT(messages);
  const c = useT(common);
  const update = useUpdateProblem(problem.id);
  const [title, setTitle] = useState(problem.title);
  const [description, setDescription] = useState(problem.description);
  function submit(e: FormEvent) {
    e.preventDefault();
    update.mutate({ title: title.trim(), description: description.trim() }, { onSuccess: onDone });
  }
  return (
    <form onSubmit={submit} aria-label={t('editDetails')}>
      <h1 className="problem-ref">{problem.reference}</h1>
      <TextField label={t('fieldTitle')} value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={200} autoFocus />
      <TextArea label={t('fieldDescription')} value={description} onChange={(e) => setDescription(e.target.value)} required rows={6} />
      <ErrorBanner error={update.error} />
      <div className="row">
        <Button variant="primary" type="submit" busy={update.isPending} disabled={!title.trim() || !description.trim()}>
          {c('save')}
        </Button>
        <Button onClick={onDone}>{c('cancel')}</Button>
      </div>
    </form>
  );
}
