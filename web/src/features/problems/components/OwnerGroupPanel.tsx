// The group that owns the problem (works on its root cause and fix).
import { useState } from 'react';
import { useT } from '../../../app/i18n.tsx';
import { common } from '../../../app/messages.ts';
import { Button } from '../../../ui/Button.tsx';
import { ErrorBanner, Notice } from '../../../ui/Feedback.tsx';
import { useUpdateProblem, type Problem } from '../api.ts';
import { messages } from '../messages.ts';
import { OwnerGroupSelect } from './OwnerGroupSelect.tsx';

export function OwnerGroupPanel({ problem }: { problem: Problem }) {
  const t = useT(messages);
  const c = useT(common);
  const update = useUpdateProblem(problem.id);
  const current = problem.ownerGroupId === null ? '' : String(problem.ownerGroupId);
  const [value, setValue] = useState(current);
  const locked = problem.status === 'closed';
  return (
    <section className="panel" aria-labelledby="problem-owner-title">
      <h2 id="problem-owner-title">{t('ownerTitle')}</h2>
      {locked ? (
        <p>{problem.ownerGroupName ?? <span className="muted">{t('noOwner')}</span>}</p>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            update.mutate({ ownerGroupId: value ? Number(value) : null });
          }}
        >
          <OwnerGroupSelect
            value={value}
            onChange={(v) => {
              setValue(v);
              update.reset();
            }}
          />
          {update.isSuccess && <Notice tone="success">{t('ownerSaved')}</Notice>}
          <ErrorBanner error={update.error} />
          <Button type="submit" busy={update.isPending} disabled={value === current}>
            {c('save')}
          </Button>
        </form>
      )}
    </section>
  );
}
