// A 1–5 rating: real radio buttons with spoken labels ("4 out of 5: satisfied"), drawn as
// stars. Each transparent radio covers its star, so a tap or click lands on the radio.
import { useId } from 'react';
import { useT } from '../../../app/i18n.tsx';
import { portalMessages } from '../messages.ts';

const SCORES = [1, 2, 3, 4, 5] as const;

export function StarRating({ value, onChange, legend, error }: { value: number | null; onChange(score: number): void; legend: string; error?: string | null }) {
  const t = useT(portalMessages);
  const name = useId();
  return (
    <fieldset className={`portal-stars${error ? ' field-invalid' : ''}`} aria-describedby={error ? `${name}-error` : undefined}>
      <legend>{legend}</legend>
      <div className="portal-stars-row">
        {SCORES.map((s) => (
          <label key={s} className={`portal-star${value !== null && s <= value ? ' is-on' : ''}`}>
            <input type="radio" name={name} value={s} checked={value === s} onChange={() => onChange(s)} />
            <span aria-hidden="true">★</span>
            <span className="visually-hidden">{t(`score_${s}`)}</span>
          </label>
        ))}
      </div>
      <p className="portal-stars-caption" aria-hidden="true">
        {value !== null ? t(`score_${value as 1}`) : '\u00a0'}
      </p>
      {error && (
        <div className="field-error" id={`${name}-error`}>
          {error}
        </div>
      )}
    </fieldset>
  );
}

/** The stars of a saved score, read out as text. */
export function Stars({ score }: { score: number }) {
  const t = useT(portalMessages);
  return (
    <span className="portal-stars-static">
      <span aria-hidden="true">
        {'★'.repeat(score)}
        <span className="portal-star-off">{'★'.repeat(5 - score)}</span>
      </span>{' '}
      {t(`score_${score as 1}`)}
    </span>
  );
}
