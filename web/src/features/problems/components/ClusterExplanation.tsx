// Why the tickets were grouped, in words: "6 tickets from ACME in 3 days share the words
// vpn, connexion, timeout", each shared word with how many tickets have it, how similar
// the texts are, and what else they have in common (category, organisation).
import { useCallback } from 'react';
import { useFormat, useT } from '../../../app/i18n.tsx';
import type { ProblemCandidate } from '../api.ts';
import { clusterMessages } from '../cluster-messages.ts';

/** Words named in the sentence; every shared word is listed with its count below it. */
const SENTENCE_TERMS = 5;

/** A time span in words: hours under two days, days beyond. */
export function useSpan() {
  const t = useT(clusterMessages);
  return useCallback((hours: number) => (hours < 1 ? t('spanUnderHour') : hours < 48 ? t.plural('spanHours', Math.round(hours)) : t.plural('spanDays', Math.round(hours / 24))), [t]);
}

/**
 * The explanation's summary in the reader's language, built from its facts (the server's
 * `summary` is one English sentence): "6 tickets from ACME in 3 days share the words …".
 */
export function useClusterSentence() {
  const t = useT(clusterMessages);
  const span = useSpan();
  return useCallback(
    (candidate: ProblemCandidate) => {
      const e = candidate.explanation;
      const named = e.sharedTerms.slice(0, SENTENCE_TERMS).map((s) => s.term);
      const words = named.join(', ');
      const vars = { span: span(e.spanHours), organisation: candidate.organisationName ?? '', words };
      const from = candidate.organisationName !== null;
      if (named.length === 0) return t.plural(from ? 'whyFromNoWords' : 'whyNoWords', e.ticketCount, vars);
      return t.plural(from ? 'whyFrom' : 'why', e.ticketCount, vars);
    },
    [t, span],
  );
}

export function ClusterExplanation({ candidate }: { candidate: ProblemCandidate }) {
  const t = useT(clusterMessages);
  const f = useFormat();
  const sentence = useClusterSentence();
  const e = candidate.explanation;
  return (
    <div className="cluster-why">
      <p className="cluster-sentence">{sentence(candidate)}</p>
      {e.sharedTerms.length > 0 && (
        <ul className="cluster-terms" aria-label={t('sharedWords')}>
          {e.sharedTerms.map((s) => (
            <li key={s.term} title={t.plural('termIn', s.tickets, { total: e.ticketCount })}>
              <span className="cluster-term">{s.term}</span>{' '}
              <span className="cluster-term-count" aria-hidden="true">
                {f.number(s.tickets)}/{f.number(e.ticketCount)}
              </span>
              <span className="visually-hidden">{t.plural('termIn', s.tickets, { total: e.ticketCount })}</span>
            </li>
          ))}
        </ul>
      )}
      <ul className="cluster-signals">
        <li>{t('meanSimilarity', { pct: Math.round(e.meanSimilarity * 100) })}</li>
        {e.sameCategory && <li>{t('sameCategory')}</li>}
        {e.sameOrganisation && <li>{t('sameOrganisation')}</li>}
        {typeof e.windowDays === 'number' && <li>{t.plural('window', e.windowDays)}</li>}
      </ul>
    </div>
  );
}
