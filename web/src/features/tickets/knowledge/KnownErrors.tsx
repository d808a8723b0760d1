// Known errors (problems with a workaround) matching the ticket: the workaround can be
// copied into the reply; the problem opens on its own page.
import { Link } from 'react-router';
import { useT } from '../../../app/i18n.tsx';
import { RichText } from '../components/RichText.tsx';
import type { KnownErrorSuggestion } from './api.ts';
import { knowledgeMessages } from './messages.ts';

export function KnownErrors({ items, onCopy }: { items: KnownErrorSuggestion[]; onCopy(k: KnownErrorSuggestion): void }) {
  const t = useT(knowledgeMessages);
  if (items.length === 0) return <p className="muted">{t('knownErrorsNone')}</p>;
  return (
    <ul className="kn-list">
      {items.map((k) => (
        <li key={k.problemId} className="kn-item">
          <p className="kn-item-title">
            <Link to={`/agent/problems/${k.problemId}`}>
              {k.reference} · {k.title}
            </Link>
          </p>
          <p className="kn-workaround-label">{t('workaround')}</p>
          <RichText text={k.workaround} className="kn-workaround" />
          {k.sharedTerms.length > 0 && <p className="muted kn-summary">{t('sharedTerms', { terms: k.sharedTerms.join(', ') })}</p>}
          <button type="button" className="btn btn-small" onClick={() => onCopy(k)}>
            {t('copyWorkaround')}
            <span className="visually-hidden">{t('copyWorkaroundRest', { reference: k.reference })}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
