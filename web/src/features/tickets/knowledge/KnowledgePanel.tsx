// The ticket page's knowledge panel: suggested articles and known errors for this ticket
// (insertable into the reply), the articles and problems linked to it, and, once resolved,
// "Create article from this ticket".
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useT } from '../../../app/i18n.tsx';
import { common } from '../../../app/messages.ts';
import { Button } from '../../../ui/Button.tsx';
import { ErrorBanner, Spinner } from '../../../ui/Feedback.tsx';
import type { Ticket } from '../api.ts';
import { useDraftFromTicket, useLinkArticle, useSuggestions, useTicketArticles, useTicketProblems, useUnlinkArticle, type ArticleSuggestion } from './api.ts';
import { KnownErrors } from './KnownErrors.tsx';
import { LinkedArticles, LinkedProblems } from './LinkedKnowledge.tsx';
import { knowledgeMessages } from './messages.ts';
import { absoluteUrl, SuggestedArticles } from './SuggestedArticles.tsx';
import './knowledge.css';

export function KnowledgePanel({ ticket, onInsert }: { ticket: Ticket; onInsert(text: string): void }) {
  const t = useT(knowledgeMessages);
  const c = useT(common);
  const navigate = useNavigate();
  const suggestions = useSuggestions(ticket.id);
  const articles = useTicketArticles(ticket.id);
  const problems = useTicketProblems(ticket.id);
  const link = useLinkArticle(ticket.id);
  const unlink = useUnlinkArticle(ticket.id);
  const draft = useDraftFromTicket(ticket.id);
  const [done, setDone] = useState<string | null>(null);
  const linked = articles.data ?? [];
  const source = linked.find((a) => a.relations.includes('source'));
  const finished = ticket.status === 'resolved' || ticket.status === 'closed';
  const canReply = ticket.status !== 'closed';

  function insert(a: ArticleSuggestion, what: 'link' | 'text') {
    setDone(null);
    onInsert(what === 'link' ? absoluteUrl(a.url) : a.text);
    link.mutate({ articleId: a.id, relation: 'linked' }, { onSuccess: () => setDone(t('inserted')) });
  }

  function helped(articleId: number, title: string) {
    setDone(null);
    link.mutate({ articleId, relation: 'helped' }, { onSuccess: () => setDone(t('markedHelped', { title })) });
  }

  return (
    <section className="panel knowledge-panel" aria-labelledby="kn-title">
      <h2 id="kn-title">{t('title')}</h2>
      {finished &&
        (source ? (
          <p>
            <Link to={`/agent/kb/${source.articleId}`}>{t('openDraft')}</Link>
          </p>
        ) : (
          <div className="kn-create">
            <Button variant="primary" busy={draft.isPending} aria-describedby="kn-create-hint" onClick={() => draft.mutate(undefined, { onSuccess: (a) => navigate(`/agent/kb/${a.id}/edit`) })}>
              {t('createArticle')}
            </Button>
            <p className="muted" id="kn-create-hint">
              {t('createArticleHint')}
            </p>
            <ErrorBanner error={draft.error} />
          </div>
        ))}
      <ErrorBanner error={link.error ?? unlink.error} />
      <p className="kn-done" role="status">
        {done}
      </p>

      <h3>{t('suggested')}</h3>
      <ErrorBanner error={suggestions.error} />
      {suggestions.isPending && <Spinner label={c('loading')} />}
      {suggestions.data && (
        <SuggestedArticles
          items={suggestions.data.articles}
          linked={linked}
          busy={link.isPending || !canReply}
          onInsert={insert}
          onHelped={(a) => helped(a.id, a.title)}
        />
      )}

      <h3>{t('knownErrors')}</h3>
      {suggestions.data && (
        <KnownErrors
          items={suggestions.data.knownErrors}
          onCopy={(k) => {
            onInsert(k.workaround);
            setDone(t('copied'));
          }}
        />
      )}

      <h3>{t('linkedArticles')}</h3>
      <ErrorBanner error={articles.error} />
      {articles.data && <LinkedArticles items={linked} busy={link.isPending || unlink.isPending} onHelped={(a) => helped(a.articleId, a.title)} onUnlink={(a) => unlink.mutate({ articleId: a.articleId })} />}

      <h3>{t('linkedProblems')}</h3>
      <ErrorBanner error={problems.error} />
      {problems.data && <LinkedProblems items={problems.data} />}
    </section>
  );
}
