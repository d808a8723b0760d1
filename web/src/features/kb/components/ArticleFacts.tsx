// An article's details beside its text: audience, language with its translations (and
// "Translate to …", which drafts the translation from this text and opens its editor),
// category, organisation, tags, where it came from, who wrote it and when.
import { Link, useNavigate } from 'react-router';
import { useFormat, useT } from '../../../app/i18n.tsx';
import { Button } from '../../../ui/Button.tsx';
import { ErrorBanner } from '../../../ui/Feedback.tsx';
import { createArticle, KB_LANGUAGES, useKbMutation, useOrganisations, type Article, type Language } from '../api.ts';
import { articleMessages } from '../article-messages.ts';
import { messages } from '../messages.ts';
import { ArticleStatusBadge, AudienceBadge } from './ArticleBadges.tsx';

export function ArticleFacts({ article }: { article: Article }) {
  const t = useT(articleMessages);
  const k = useT(messages);
  const f = useFormat();
  const navigate = useNavigate();
  const organisations = useOrganisations();
  const orgName = article.organisationId === null ? null : organisations.data?.find((o) => o.id === article.organisationId)?.name;
  const missing = KB_LANGUAGES.filter((l) => l !== article.language && !article.translations.some((x) => x.language === l));
  const translate = useKbMutation((language: Language) =>
    createArticle({
      translationOf: article.id,
      language,
      title: article.title,
      summary: article.summary,
      body: article.body,
      audience: article.audience,
      categoryId: article.categoryId,
      tags: article.tags,
      organisationId: article.organisationId,
    }),
  );

  return (
    <section className="panel" aria-labelledby="kb-facts-title">
      <h2 id="kb-facts-title">{t('details')}</h2>
      <dl className="kb-facts">
        <div>
          <dt>{t('audience')}</dt>
          <dd>
            <AudienceBadge audience={article.audience} /> <span className="muted">{k(`audienceHint_${article.audience}`)}</span>
          </dd>
        </div>
        <div>
          <dt>{t('language')}</dt>
          <dd>{k(`lang_${article.language}`)}</dd>
        </div>
        <div>
          <dt>{t('translations')}</dt>
          <dd>
            {article.translations.length === 0 ? (
              <span className="muted">{t('noTranslation')}</span>
            ) : (
              <ul className="kb-plain-list">
                {article.translations.map((x) => (
                  <li key={x.id}>
                    <Link to={`/agent/kb/${x.id}`} lang={x.language} hrefLang={x.language}>
                      {x.title}
                    </Link>{' '}
                    <span className="muted">({k(`lang_${x.language}`)})</span> <ArticleStatusBadge status={x.status} />
                  </li>
                ))}
              </ul>
            )}
            {missing.map((l) => (
              <div key={l} className="kb-translate">
                <Button busy={translate.isPending} aria-describedby={`kb-translate-${l}`} onClick={() => translate.mutate(l, { onSuccess: (a) => navigate(`/agent/kb/${a.id}/edit`) })}>
                  {t('translateTo', { language: k(`lang_${l}`) })}
                </Button>
                <p className="muted" id={`kb-translate-${l}`}>
                  {t('translateHint', { language: k(`lang_${l}`) })}
                </p>
              </div>
            ))}
            <ErrorBanner error={translate.error} />
          </dd>
        </div>
        <div>
          <dt>{t('category')}</dt>
          <dd>{article.categoryName ?? <span className="muted">{k('noCategory')}</span>}</dd>
        </div>
        <div>
          <dt>{t('organisation')}</dt>
          <dd>{article.organisationId === null ? t('everyOrganisation') : (orgName ?? t('onlyOrganisation', { id: article.organisationId }))}</dd>
        </div>
        <div>
          <dt>{t('tags')}</dt>
          <dd>
            {article.tags.length === 0 ? (
              <span className="muted">{t('noTags')}</span>
            ) : (
              <ul className="kb-tags">
                {article.tags.map((tag) => (
                  <li key={tag}>
                    <Link to={{ pathname: '/agent/kb', search: new URLSearchParams({ tag }).toString() }}>{tag}</Link>
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </div>
        {article.sourceTicketId !== null && (
          <div>
            <dt>{t('sourceTicket')}</dt>
            <dd>
              <Link to={`/agent/tickets/${article.sourceTicketId}`}>#{article.sourceTicketNumber ?? article.sourceTicketId}</Link>
            </dd>
          </div>
        )}
        <div>
          <dt>{t('author')}</dt>
          <dd>{article.authorName ?? t('system')}</dd>
        </div>
        <div>
          <dt>{t('updated')}</dt>
          <dd>
            <time dateTime={article.updatedAt}>{f.dateTime(article.updatedAt)}</time>
          </dd>
        </div>
        <div>
          <dt>{t('published')}</dt>
          <dd>{article.publishedAt ? <time dateTime={article.publishedAt}>{f.dateTime(article.publishedAt)}</time> : t('notPublished')}</dd>
        </div>
      </dl>
    </section>
  );
}
