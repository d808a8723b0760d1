// The editor's working copy of an article, its checks (the server checks again) and the
// body sent to the server.
import type { Article, ArticleAudience, CreateArticleInput, Language } from './api.ts';

export interface ArticleDraft {
  title: string;
  summary: string;
  body: string;
  categoryId: number | null;
  /** As typed: comma-separated. */
  tags: string;
  language: Language;
  audience: ArticleAudience;
  organisationId: number | null;
  note: string;
}

export type DraftErrors = Partial<Record<'title' | 'body' | 'tags', string>>;
export type DraftProblem = { field: keyof DraftErrors; kind: 'required' } | { field: 'tags'; kind: 'tooMany' } | { field: 'tags'; kind: 'tooLong'; tag: string };

const MAX_TAGS = 20;
const MAX_TAG = 40;

export function draftOf(a: Article | undefined, language: Language): ArticleDraft {
  return {
    title: a?.title ?? '',
    summary: a?.summary ?? '',
    body: a?.body ?? '',
    categoryId: a?.categoryId ?? null,
    tags: a?.tags.join(', ') ?? '',
    language: a?.language ?? language,
    audience: a?.audience ?? 'internal',
    organisationId: a?.organisationId ?? null,
    note: '',
  };
}

/** Lower-cased, trimmed, without repeats or empties. */
export function parseTags(raw: string): string[] {
  return [...new Set(raw.split(',').map((t) => t.trim().toLowerCase()).filter(Boolean))];
}

export function checkDraft(d: ArticleDraft): DraftProblem[] {
  const out: DraftProblem[] = [];
  if (!d.title.trim()) out.push({ field: 'title', kind: 'required' });
  if (!d.body.trim()) out.push({ field: 'body', kind: 'required' });
  const tags = parseTags(d.tags);
  if (tags.length > MAX_TAGS) out.push({ field: 'tags', kind: 'tooMany' });
  const long = tags.find((t) => t.length > MAX_TAG);
  if (long) out.push({ field: 'tags', kind: 'tooLong', tag: long });
  return out;
}

/** The fields both creating and editing send. */
export function fieldsOf(d: ArticleDraft): Omit<CreateArticleInput, 'status' | 'translationOf'> {
  return {
    title: d.title.trim(),
    summary: d.summary.trim(),
    body: d.body,
    categoryId: d.categoryId,
    tags: parseTags(d.tags),
    language: d.language,
    audience: d.audience,
    organisationId: d.organisationId,
  };
}
