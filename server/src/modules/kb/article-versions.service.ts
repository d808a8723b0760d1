// An article's history: its versions, one version in full, and the difference between two.
import type { Deps } from '../../lib/deps.ts';
import type { Actor } from '../../lib/actor.ts';
import { NotFound } from '../../lib/errors.ts';
import type { Language } from '../../../../common/enums.ts';
import type { ArticleAudience, ArticleDiff, ArticleStatus, ArticleVersion } from '../../../../common/schemas/kb.ts';
import { articleReaderOf, canReadArticle } from './article-visibility.ts';
import { diffVersions } from './article-diff.ts';
import { notVisible } from './articles.service.ts';
import * as repo from './articles.repo.ts';

async function assertVisible(deps: Deps, actor: Actor, id: number) {
  const row = await repo.findArticleRow(deps.db, id);
  if (!row || !canReadArticle(articleReaderOf(actor), row)) throw notVisible(id);
  return row;
}

function toVersion(v: repo.VersionRow): ArticleVersion {
  return {
    version: v.version,
    title: v.title,
    status: v.status as ArticleStatus,
    authorName: v.author_name,
    note: v.note,
    createdAt: v.created_at,
    summary: v.summary,
    body: v.body,
    tags: JSON.parse(v.tags) as string[],
    categoryId: v.category_id,
    language: v.language as Language,
    audience: v.audience as ArticleAudience,
  };
}

export async function listArticleVersions(deps: Deps, actor: Actor, id: number) {
  await assertVisible(deps, actor, id);
  const rows = await repo.listVersions(deps.db, id);
  return {
    items: rows.map((v) => ({ version: v.version, title: v.title, status: v.status as ArticleStatus, authorName: v.author_name, note: v.note, createdAt: v.created_at })),
  };
}

async function versionOrFail(deps: Deps, id: number, version: number, current: number): Promise<ArticleVersion> {
  const v = await repo.findVersion(deps.db, id, version);
  if (!v) throw new NotFound(`Article ${id} has no version ${version} (its versions run from 1 to ${current}).`);
  return toVersion(v);
}

export async function getArticleVersion(deps: Deps, actor: Actor, id: number, version: number): Promise<ArticleVersion> {
  const row = await assertVisible(deps, actor, id);
  return versionOrFail(deps, id, version, row.version);
}

export async function diffArticleVersions(deps: Deps, actor: Actor, id: number, from: number, to: number): Promise<ArticleDiff> {
  const row = await assertVisible(deps, actor, id);
  const [a, b] = await Promise.all([versionOrFail(deps, id, from, row.version), versionOrFail(deps, id, to, row.version)]);
  return diffVersions({ ...a, version: from }, { ...b, version: to });
}
