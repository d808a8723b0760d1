// Changes to an existing article: content edits (each a new version, guarded by the version
// the editor started from), workflow moves, reviews and restoring an old version. Editing a
// published article keeps it published: the new version is live at once (review happens
// through POST …/review and the stale list, not by unpublishing).
import type { Deps } from '../../lib/deps.ts';
import type { Trx } from '../../db/db.ts';
import { isSupervisor, type Actor } from '../../lib/actor.ts';
import { isoNow } from '../../lib/clock.ts';
import { recordAudit } from '../../lib/audit.ts';
import { isUniqueViolation } from '../../lib/db-errors.ts';
import { Conflict, Forbidden, NotFound } from '../../lib/errors.ts';
import type { Article, ArticleStatus, UpdateArticleInput } from '../../../../common/schemas/kb.ts';
import { articleReaderOf, canReadArticle } from './article-visibility.ts';
import { ARTICLE_MOVES, describeMoves, moveRole } from './article-status.ts';
import { assertCategory, assertOrganisation, loadArticle, normaliseTags, notVisible } from './articles.service.ts';
import * as repo from './articles.repo.ts';

type Locked = NonNullable<Awaited<ReturnType<typeof repo.lockArticle>>>;

/** The article locked for a change, if the actor sees it. */
async function lockVisible(trx: Trx, deps: Deps, actor: Actor, id: number): Promise<Locked> {
  const row = await repo.lockArticle(trx, deps.dialect, id);
  if (!row || !canReadArticle(articleReaderOf(actor), row)) throw notVisible(id);
  return row;
}

const userIdOf = (actor: Actor) => (actor.userId > 0 ? actor.userId : null);

function contentOf(row: Locked): repo.ArticleContent {
  return {
    title: row.title,
    summary: row.summary,
    body: row.body,
    tags: JSON.parse(row.tags) as string[],
    category_id: row.category_id,
    language: row.language,
    audience: row.audience,
  };
}

/**
 * Writes new content as the next version: the row, tags, search index and snapshot. Returns
 * the names of the fields that changed (none: nothing written).
 */
async function saveVersion(trx: Trx, deps: Deps, actor: Actor, row: Locked, next: repo.ArticleContent & { organisation_id: number | null }, note: string | null, at: string) {
  const before = { ...contentOf(row), organisation_id: row.organisation_id };
  const changed = (Object.keys(next) as (keyof typeof next)[]).filter((k) => JSON.stringify(next[k]) !== JSON.stringify(before[k]));
  if (changed.length === 0) return changed;
  if (next.language !== row.language) {
    const taken = await repo.findLanguageInGroup(trx, row.translation_group, next.language);
    if (taken) throw new Conflict(`Article ${row.id} already has a "${next.language}" translation: article ${taken.id} ("${taken.title}").`, { articleId: taken.id });
  }
  const version = row.version + 1;
  try {
    await repo.updateArticle(trx, row.id, {
      title: next.title,
      summary: next.summary,
      body: next.body,
      tags: JSON.stringify(next.tags),
      category_id: next.category_id,
      language: next.language,
      audience: next.audience,
      organisation_id: next.organisation_id,
      version,
      updated_by_id: userIdOf(actor),
      updated_at: at,
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new Conflict(`A "${next.language}" translation of article ${row.id} was just created.`);
    throw err;
  }
  if (changed.includes('tags')) await repo.replaceTags(trx, row.id, next.tags);
  if (changed.some((f) => f === 'title' || f === 'summary' || f === 'body' || f === 'tags')) await repo.syncSearchIndex(trx, deps.dialect, row.id, next);
  await repo.insertVersion(trx, { ...next, article_id: row.id, version, status: row.status, author_id: userIdOf(actor), note, at });
  return changed;
}

export async function updateArticle(deps: Deps, actor: Actor, id: number, input: UpdateArticleInput): Promise<Article> {
  const at = isoNow(deps.clock);
  return deps.db.transaction().execute(async (trx) => {
    const row = await lockVisible(trx, deps, actor, id);
    if (input.expectedVersion !== undefined && input.expectedVersion !== row.version) {
      const by = await repo.versionAuthorName(trx, id, row.version);
      throw new Conflict(
        `Article ${id} is at version ${row.version}, saved by ${by ?? 'someone'} at ${row.updated_at}; your edit started from version ${input.expectedVersion}. Reload it and apply your changes again.`,
        { currentVersion: row.version, savedBy: by },
      );
    }
    if (input.categoryId !== undefined) await assertCategory(trx, input.categoryId);
    if (input.organisationId !== undefined) await assertOrganisation(trx, actor, input.organisationId);
    const current = contentOf(row);
    const changed = await saveVersion(
      trx,
      deps,
      actor,
      row,
      {
        title: input.title ?? current.title,
        summary: input.summary ?? current.summary,
        body: input.body ?? current.body,
        tags: input.tags === undefined ? current.tags : normaliseTags(input.tags),
        category_id: input.categoryId === undefined ? current.category_id : input.categoryId,
        language: input.language ?? current.language,
        audience: input.audience ?? current.audience,
        organisation_id: input.organisationId === undefined ? row.organisation_id : input.organisationId,
      },
      input.note || null,
      at,
    );
    if (changed.length > 0) {
      await recordAudit(trx, actor, at, {
        action: 'kb_article.update',
        entityType: 'kb_article',
        entityId: id,
        organisationId: input.organisationId === undefined ? row.organisation_id : input.organisationId,
        data: { version: row.version + 1, changed, note: input.note },
      });
    }
    return loadArticle(trx, articleReaderOf(actor), id);
  });
}

export async function transitionArticle(deps: Deps, actor: Actor, id: number, to: ArticleStatus, note?: string): Promise<Article> {
  const at = isoNow(deps.clock);
  return deps.db.transaction().execute(async (trx) => {
    const row = await lockVisible(trx, deps, actor, id);
    const from = row.status as ArticleStatus;
    const role = moveRole(from, to);
    if (!role) {
      const moves = describeMoves(from);
      throw new Conflict(`Article ${id} is ${from}; it cannot move to ${to}. From ${from} it can move to: ${moves || 'nothing'}.`, { currentStatus: from, allowed: Object.keys(ARTICLE_MOVES[from]) });
    }
    if (role === 'supervisor' && !isSupervisor(actor)) {
      throw new Forbidden(`Moving an article from ${from} to ${to} is for a supervisor or admin: they publish, send back and archive articles.`);
    }
    const uid = userIdOf(actor);
    await repo.updateArticle(trx, id, {
      status: to,
      updated_by_id: uid,
      updated_at: at,
      ...(to === 'published' && { published_at: at, reviewed_at: at, reviewed_by_id: uid, archived_at: null }),
      ...(to === 'archived' && { archived_at: at }),
      ...(to === 'draft' && { archived_at: null }),
    });
    await recordAudit(trx, actor, at, {
      action: 'kb_article.transition',
      entityType: 'kb_article',
      entityId: id,
      organisationId: row.organisation_id,
      data: { from, to, version: row.version, note },
    });
    return loadArticle(trx, articleReaderOf(actor), id);
  });
}

/** A supervisor confirms a published article is still right: it leaves the stale list. */
export async function reviewArticle(deps: Deps, actor: Actor, id: number): Promise<Article> {
  const at = isoNow(deps.clock);
  return deps.db.transaction().execute(async (trx) => {
    const row = await lockVisible(trx, deps, actor, id);
    if (row.status !== 'published') throw new Conflict(`Article ${id} is ${row.status}; only a published article is reviewed (publishing it counts as a review).`);
    await repo.updateArticle(trx, id, { reviewed_at: at, reviewed_by_id: userIdOf(actor) });
    await recordAudit(trx, actor, at, { action: 'kb_article.review', entityType: 'kb_article', entityId: id, organisationId: row.organisation_id, data: { version: row.version } });
    return loadArticle(trx, articleReaderOf(actor), id);
  });
}

/** Makes an old version's content the next version ("Restored from version N"). */
export async function restoreArticle(deps: Deps, actor: Actor, id: number, version: number): Promise<Article> {
  const at = isoNow(deps.clock);
  return deps.db.transaction().execute(async (trx) => {
    const row = await lockVisible(trx, deps, actor, id);
    const old = await repo.findVersion(trx, id, version);
    if (!old) throw new NotFound(`Article ${id} has no version ${version} (its current version is ${row.version}).`);
    // The category may have been deleted since: the restored article then has none.
    const category = old.category_id === null ? null : await trx.selectFrom('categories').select('id').where('id', '=', old.category_id).executeTakeFirst();
    const note = `Restored from version ${version}`;
    const changed = await saveVersion(
      trx,
      deps,
      actor,
      row,
      {
        title: old.title,
        summary: old.summary,
        body: old.body,
        tags: JSON.parse(old.tags) as string[],
        category_id: category ? category.id : null,
        language: old.language,
        audience: old.audience,
        organisation_id: row.organisation_id,
      },
      note,
      at,
    );
    if (changed.length > 0) {
      await recordAudit(trx, actor, at, {
        action: 'kb_article.restore',
        entityType: 'kb_article',
        entityId: id,
        organisationId: row.organisation_id,
        data: { from: version, version: row.version + 1, changed },
      });
    }
    return loadArticle(trx, articleReaderOf(actor), id);
  });
}
