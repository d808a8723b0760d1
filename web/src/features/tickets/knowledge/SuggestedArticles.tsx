// Published articles matching the ticket: open one, insert its link or its text into the
// reply (recorded as 'linked'), or record that it helped.
import { Link } from 'react-router';
import { useT } from '../../../app/i18n.tsx';
import type { ArticleSuggestion, TicketArticle } from './api.ts';
import { knowledgeMessages } from './messages.ts';

/** What the requester gets in a reply: an address that works outside the app too. */
export function absoluteUrl(url: string): string {
  return url.startsWith('/') ? `${window.location.origin}${url}` : url;
}

export function SuggestedArticles({
  items,
  linked,
  busy,
  onInsert,
  onHelped,
}: {
  items: ArticleSuggestion[];
  linked: TicketArticle[];
  busy: boolean;
  onInsert(a: ArticleSuggestion, what: 'link' | 'text'): void;
  onHelped(a: ArticleSuggestion): void;
}) {
  const t = useT(knowledgeMessages);
  if (items.length === 0) return <p className="muted">{t('suggestedNone')}</p>;
  return (
    <ul className="kn-list">
      {items.map((a) => {
        const helped = linked.some((l) => l.articleId === a.id && l.relations.includes('helped'));
        return (
          <li key={a.id} className="kn-item">
            <p className="kn-item-title">
              <Link to={`/agent/kb/${a.id}`} lang={a.language}>
                {a.title}
              </Link>
            </p>
            <p className="kn-badges">
              {a.sameCategory && <span className="badge kn-badge">{t('sameCategory')}</span>}
              <span className={`badge kn-badge kn-${a.audience}`}>{a.audience === 'public' ? t('publicArticle') : t('internalArticle')}</span>
            </p>
            {a.summary && (
              <p className="muted kn-summary" lang={a.language}>
                {a.summary}
              </p>
            )}
            <div className="row kn-actions">
              <button type="button" className="btn btn-small" disabled={busy} onClick={() => onInsert(a, 'link')}>
                {t('insertLink')}
                <span className="visually-hidden">{t('insertLinkRest', { title: a.title })}</span>
              </button>
              <button type="button" className="btn btn-small" disabled={busy} onClick={() => onInsert(a, 'text')}>
                {t('insertText')}
                <span className="visually-hidden">{t('insertTextRest', { title: a.title })}</span>
              </button>
              <button type="button" className="btn btn-small" disabled={busy || helped} aria-pressed={helped} onClick={() => onHelped(a)}>
                {helped && <span aria-hidden="true">✓ </span>}
                {t('helped')}
                <span className="visually-hidden">{t('helpedRest', { title: a.title })}</span>
              </button>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
