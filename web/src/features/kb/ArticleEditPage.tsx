// /agent/kb/new and /agent/kb/:id/edit — writing an article. Creating makes a draft; saving
// an edit sends the version the editor started from, so that someone else's newer save is
// met with a clear choice (load theirs, or keep mine) instead of being overwritten.
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ApiError } from '../../app/api-client.ts';
import { useT } from '../../app/i18n.tsx';
import { common } from '../../app/messages.ts';
import { Button } from '../../ui/Button.tsx';
import { ErrorBanner, Notice, Spinner } from '../../ui/Feedback.tsx';
import { createArticle, updateArticle, useArticle, useKbMutation, type Article, type ArticleVersionSummary } from './api.ts';
import { checkDraft, draftOf, fieldsOf, type ArticleDraft, type DraftErrors, type DraftProblem } from './article-draft.ts';
import { ArticleForm } from './components/ArticleForm.tsx';
import { SaveConflict, type Conflict } from './components/SaveConflict.tsx';
import { editorMessages } from './editor-messages.ts';
import './kb.css';

export function ArticleEditPage() {
  const t = useT(editorMessages);
  const c = useT(common);
  const param = useParams().id;
  const id = Number(param);
  const isNew = param === undefined;
  const valid = isNew || (Number.isInteger(id) && id > 0);
  const article = useArticle(isNew || !valid ? 0 : id, !isNew && valid);
  if (isNew) return <Editor key="new" />;
  if (!valid) return <Notice tone="warning">{t('notFound')}</Notice>;
  if (article.isPending) return <Spinner label={c('loading')} />;
  if (article.error) {
    return article.error instanceof ApiError && article.error.status === 404 ? <Notice tone="warning">{t('notFound')}</Notice> : <ErrorBanner error={article.error} />;
  }
  return <Editor key={id} article={article.data} />;
}

function Editor({ article }: { article?: Article }) {
  const t = useT(editorMessages);
  const navigate = useNavigate();
  const [draft, setDraft] = useState<ArticleDraft>(() => draftOf(article, t.lang));
  // The version this editing started from (moves on after "Load their version").
  const [base, setBase] = useState(article?.version ?? 0);
  const [errors, setErrors] = useState<DraftErrors>({});
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const save = useKbMutation(async (expectedVersion: number) => {
    const fields = fieldsOf(draft);
    if (!article) return createArticle(fields);
    return updateArticle(article.id, { ...fields, ...(draft.note.trim() ? { note: draft.note.trim() } : {}), expectedVersion });
  });

  function message(p: DraftProblem): string {
    if (p.kind === 'required') return t('required');
    if (p.kind === 'tooMany') return t('tooManyTags');
    return t('tagTooLong', { tag: p.tag });
  }

  function submit(e?: FormEvent, expectedVersion = base) {
    e?.preventDefault();
    const problems = checkDraft(draft);
    setErrors(Object.fromEntries(problems.map((p) => [p.field, message(p)])));
    if (problems.length) return;
    save.mutate(expectedVersion, {
      onSuccess: (saved) => {
        setConflict(null);
        navigate(`/agent/kb/${saved.id}`, { state: { saved: saved.version } });
      },
      onError: (err) => {
        if (article && err instanceof ApiError && err.status === 409) void loadConflict(article.id);
      },
    });
  }

  async function loadConflict(articleId: number) {
    const [current, versions] = await Promise.all([
      api.get<Article>(`/kb/articles/${articleId}`),
      api.get<{ items: ArticleVersionSummary[] }>(`/kb/articles/${articleId}/versions`).catch(() => ({ items: [] })),
    ]);
    const latest = versions.items.find((v) => v.version === current.version) ?? null;
    setConflict({ current, latest });
    save.reset();
  }

  function reloadTheirs() {
    if (!conflict) return;
    setDraft(draftOf(conflict.current, t.lang));
    setBase(conflict.current.version);
    setConflict(null);
  }

  const title = article ? t('editTitle', { title: article.title }) : t('newTitle');
  return (
    <div className="kb-edit-page">
      <h1>{title}</h1>
      {article && <p className="muted">{t('editing', { version: base })}</p>}
      <form onSubmit={submit} noValidate aria-label={title}>
        <ArticleForm value={draft} onChange={setDraft} errors={errors} withNote={!!article}>
          {Object.keys(errors).length > 0 && <ErrorBanner error={t('fixErrors')} />}
          {conflict && <SaveConflict conflict={conflict} busy={save.isPending} onReload={reloadTheirs} onKeepMine={() => submit(undefined, conflict.current.version)} />}
          {!conflict && <ErrorBanner error={save.error} />}
          <div className="row">
            <Button variant="primary" type="submit" busy={save.isPending} disabled={!!conflict}>
              {article ? t('save') : t('create')}
            </Button>
            <Link className="btn btn-secondary" to={article ? `/agent/kb/${article.id}` : '/agent/kb'}>
              {t('cancel')}
            </Link>
          </div>
        </ArticleForm>
      </form>
    </div>
  );
}
