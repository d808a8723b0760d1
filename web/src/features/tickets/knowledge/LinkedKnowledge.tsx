// The articles linked to the ticket (with how: drafted from it, linked, helped) and the
// problems it belongs to, with their workaround.
import { Link } from 'react-router';
import { useT } from '../../../app/i18n.tsx';
import { RichText } from '../components/RichText.tsx';
import type { TicketArticle, TicketProblem } from './api.ts';
import { knowledgeMessages } from './messages.ts';

export function LinkedArticles({ items, busy, onHelped, onUnlink }: { items: TicketArticle[]; busy: boolean; onHelped(a: TicketArticle): void; onUnlink(a: TicketArticle): void }) {
  const t = useT(knowledgeMessages);
  if (items.length === 0) return <p className="muted">{t('linkedArticlesNone')}</p>;
  return (
    <ul className="kn-list">
      {items.map((a) => (
        <li key={a.articleId} className="kn-item">
          <p className="kn-item-title">
            <Link to={`/agent/kb/${a.articleId}`} lang={a.language}>
              {a.title}
            </Link>{' '}
            <span className="kn-status">({t(`astatus_${a.status}`)})</span>
          </p>
          <p className="kn-relations">
            {a.relations.map((r) => t(`relation_${r}`)).join(' · ')}
            {a.relations.includes('linked') && !a.relations.includes('helped') && (
              <>
                {' '}
                <button type="button" className="btn btn-small" disabled={busy} onClick={() => onHelped(a)}>
                  {t('helped')}
                  <span className="visually-hidden">{t('helpedRest', { title: a.title })}</span>
                </button>
              </>
            )}
            {a.relations.some((r) => r !== 'source') && (
              <>
                {' '}
                <button type="button" className="btn btn-ghost btn-small" disabled={busy} onClick={() => onUnlink(a)}>
                  {t('unlink')}
                  <span className="visually-hidden">{t('unlinkRest', { title: a.title })}</span>
                </button>
              </>
            )}
          </p>
        </li>
      ))}
    </ul>
  );
}

export function LinkedProblems({ items }: { items: TicketProblem[] }) {
  const t = useT(knowledgeMessages);
  if (items.length === 0) return <p className="muted">{t('linkedProblemsNone')}</p>;
  return (
    <ul className="kn-list">
      {items.map((p) => (
        <li key={p.id} className="kn-item">
          <p className="kn-item-title">
            <Link to={`/agent/problems/${p.id}`}>
              {p.reference} · {p.title}
            </Link>
          </p>
          <p className="muted kn-summary">
            {t(`pstatus_${p.status}`)} · {t.plural('openIncidents', p.openIncidentCount)}
          </p>
          {p.workaround && (
            <>
              <p className="kn-workaround-label">{t('workaround')}</p>
              <RichText text={p.workaround} className="kn-workaround" />
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
