// The changes between two versions. Added text is an <ins>, underlined, removed text a <del>,
// struck through; each also says "added:" / "removed:" to screen readers, so nothing
// relies on colour.
import { useT } from '../../../app/i18n.tsx';
import type { ArticleDiff } from '../api.ts';
import { articleMessages } from '../article-messages.ts';

type Part = ArticleDiff['body'][number];
const FIELDS = ['tags', 'category', 'audience', 'language', 'organisation'] as const;

export function DiffView({ diff }: { diff: ArticleDiff }) {
  const t = useT(articleMessages);
  const other = diff.changed.map((name) => ((FIELDS as readonly string[]).includes(name) ? t(`field_${name as (typeof FIELDS)[number]}`) : name));
  return (
    <section className="kb-diff" aria-labelledby="kb-diff-title">
      <h3 id="kb-diff-title">{t('diffTitle', { from: diff.from, to: diff.to })}</h3>
      <p className="muted">{t('diffLegend')}</p>
      <DiffField label={t('diffTitleField')} parts={diff.title} />
      <DiffField label={t('diffSummaryField')} parts={diff.summary} />
      <DiffField label={t('diffBodyField')} parts={diff.body} block />
      {other.length > 0 && <p>{t('diffOther', { fields: other.join(', ') })}</p>}
    </section>
  );
}

function DiffField({ label, parts, block }: { label: string; parts: Part[]; block?: boolean }) {
  const t = useT(articleMessages);
  const changed = parts.some((p) => p.op !== 'equal');
  return (
    <div className="kb-diff-field">
      <h4>{label}</h4>
      {changed ? (
        <div className={`kb-diff-text${block ? ' kb-diff-block' : ''}`}>
          {parts.map((p, i) =>
            p.op === 'equal' ? (
              <span key={i}>{p.text}</span>
            ) : p.op === 'insert' ? (
              <ins key={i}>
                <span className="visually-hidden">[{t('inserted')} </span>
                {p.text}
                <span className="visually-hidden"> {t('endChange')}]</span>
              </ins>
            ) : (
              <del key={i}>
                <span className="visually-hidden">[{t('deleted')} </span>
                {p.text}
                <span className="visually-hidden"> {t('endChange')}]</span>
              </del>
            ),
          )}
        </div>
      ) : (
        <p className="muted">{t('diffNoChange')}</p>
      )}
    </div>
  );
}
