// What is known about the cause: the root cause, and the workaround that makes the problem
// a known error (agents are shown it on matching new tickets). Once resolved, the
// resolution note shared with the requesters.
import { useT } from '../../../app/i18n.tsx';
import type { Problem } from '../api.ts';
import { messages } from '../messages.ts';
import { TextBlockEditor } from './TextBlockEditor.tsx';

export function AnalysisPanel({ problem }: { problem: Problem }) {
  const t = useT(messages);
  const locked = problem.status === 'closed';
  return (
    <section className="panel" aria-labelledby="problem-analysis-title">
      <h2 id="problem-analysis-title">{t('analysis')}</h2>
      <TextBlockEditor problem={problem} field="rootCause" label={t('rootCause')} empty={t('rootCauseUnknown')} hint={t('rootCauseHint')} locked={locked} />
      <TextBlockEditor
        problem={problem}
        field="workaround"
        label={t('workaround')}
        empty={t('noWorkaround')}
        hint={t('workaroundHint')}
        locked={locked}
        tag={problem.workaround ? t('knownErrorTag') : undefined}
      />
      {problem.resolution && (
        <div className="problem-block">
          <h3>{t('resolution')}</h3>
          <p className="problem-text">{problem.resolution}</p>
        </div>
      )}
    </section>
  );
}
