// Tickets and articles: a draft article from a resolved ticket's resolution record (one
// click), and the articles agents link in replies or mark as having helped. Each change is
// a ticket change too, so the timeline shows it (internal 'article' events) and it is audited.
import type { Language } from '../../../../common/enums.ts';
import type { Article, ArticleTicketRelation } from '../../../../common/schemas/kb.ts';
import type { TicketRow } from '../../db/schema.ts';
import type { Deps } from '../../lib/deps.ts';
import type { Actor } from '../../lib/actor.ts';
import { Conflict, NotFound, Unprocessable } from '../../lib/errors.ts';
import { changeTicketIn, notVisible, publishTicketChange, type TicketChange } from '../tickets/ticket-change.ts';
import { findTicketView } from '../tickets/tickets.repo.ts';
import { createArticleIn, getArticle } from './articles.service.ts';
import * as repo from './ticket-articles.repo.ts';

const HEADINGS: Record<Language, { symptoms: string; diagnosis: string; actions: string; result: string }> = {
  en: { symptoms: 'Symptoms', diagnosis: 'Diagnosis', actions: 'Actions', result: 'Result' },
  fr: { symptoms: 'Symptômes', diagnosis: 'Diagnostic', actions: 'Actions', result: 'Résultat' },
};
const SUMMARY_MAX = 280;

/** Cuts a text at a word boundary, with an ellipsis when something was left out. */
export function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s.,;:!?-]+$/, '')}…`;
}

/**
 * The draft's fields, from the resolution record only: the requester's description, name
 * and messages stay out of it (they may hold personal data the record does not).
 */
export function draftFromResolution(t: Pick<TicketRow, 'title' | 'category_id' | 'resolution_symptoms' | 'resolution_diagnosis' | 'resolution_actions' | 'resolution_result'>, language: Language) {
  const h = HEADINGS[language];
  const section = (heading: string, text: string | null) => `## ${heading}\n\n${(text ?? '').trim()}\n`;
  const body = [
    section(h.symptoms, t.resolution_symptoms),
    section(h.diagnosis, t.resolution_diagnosis),
    section(h.actions, t.resolution_actions),
    section(h.result, t.resolution_result),
  ].join('\n');
  return {
    title: t.title,
    summary: shorten(t.resolution_symptoms ?? '', SUMMARY_MAX),
    body,
    language,
    audience: 'internal' as const,
    status: 'draft' as const,
    categoryId: t.category_id,
    tags: [],
  };
}

/** The article's language: the acting agent's preference. */
function languageOf(actor: Actor): Language {
  return actor.language === 'fr' ? 'fr' : 'en';
}

/**
 * Drafts an internal article from a resolved (or closed) ticket, linked both ways. A ticket
 * gives one draft: asking again returns the article already drafted, while it exists.
 */
export async function draftArticleFromTicket(deps: Deps, actor: Actor, ticketId: number): Promise<{ article: Article; created: boolean }> {
  const { articleId, created, change } = await deps.db.transaction().execute(async (trx) => {
    let articleId: number | undefined;
    let created = false;
    // The ticket row is locked first: two clicks at once still give one draft.
    const change = await changeTicketIn(trx, deps, actor, ticketId, 'ticket.article', async (c) => {
      articleId = await repo.findSourceArticleId(trx, ticketId);
      if (articleId !== undefined) return;
      if (c.row.status !== 'resolved' && c.row.status !== 'closed') {
        throw new Conflict(`Ticket ${ticketId} is ${c.row.status.replace('_', ' ')}: an article is drafted from a resolved or closed ticket's resolution record.`, {
          ticketStatus: c.row.status,
        });
      }
      const draft = draftFromResolution(c.row, languageOf(actor));
      // createArticleIn records the 'source' link as well.
      articleId = await createArticleIn(trx, deps, actor, { ...draft, sourceTicketId: ticketId });
      c.events.push({ kind: 'article', internal: true, data: { articleId, title: draft.title, relation: 'source' } });
      created = true;
    });
    return { articleId: articleId!, created, change };
  });
  publishIfChanged(deps, change, actor);
  return { article: await getArticle(deps, actor, articleId), created };
}

export async function listTicketArticles(deps: Deps, actor: Actor, ticketId: number) {
  await requireVisibleTicket(deps, actor, ticketId);
  return { items: groupLinks(await repo.listLinks(deps.db, ticketId)) };
}

/** An agent linked the article in a reply, or marked it as having helped. Idempotent. */
export async function linkArticle(deps: Deps, actor: Actor, ticketId: number, input: { articleId: number; relation: 'linked' | 'helped' }) {
  await requireVisibleTicket(deps, actor, ticketId);
  const article = await visibleArticle(deps, actor, input.articleId);
  const change = await deps.db.transaction().execute((trx) =>
    changeTicketIn(trx, deps, actor, ticketId, 'ticket.article', async (c) => {
      const added = await repo.insertLink(trx, { ...input, ticketId, userId: actorUserId(actor), at: c.at });
      if (added) c.events.push({ kind: 'article', internal: true, data: { articleId: article.id, title: article.title, relation: input.relation } });
    }),
  );
  publishIfChanged(deps, change, actor);
  return { items: groupLinks(await repo.listLinks(deps.db, ticketId)) };
}

/** Removes a 'linked' or 'helped' link (both when no relation is named); the source link stays. */
export async function unlinkArticle(deps: Deps, actor: Actor, ticketId: number, articleId: number, relation: ArticleTicketRelation | undefined) {
  if (relation === 'source') {
    throw new Unprocessable('The source link records which ticket the article was drafted from and cannot be removed; remove "linked" or "helped".');
  }
  await requireVisibleTicket(deps, actor, ticketId);
  const relations: ArticleTicketRelation[] = relation ? [relation] : ['linked', 'helped'];
  const change = await deps.db.transaction().execute((trx) =>
    changeTicketIn(trx, deps, actor, ticketId, 'ticket.article', async (c) => {
      const title = (await repo.listLinks(trx, ticketId)).find((l) => l.article_id === articleId)?.title;
      const removed = await repo.deleteLinks(trx, ticketId, articleId, relations);
      if (removed.length === 0) {
        throw new NotFound(`Article ${articleId} is not ${relation ? `"${relation}"` : 'linked'} on ticket ${ticketId}.`);
      }
      for (const r of removed) c.events.push({ kind: 'article', internal: true, data: { articleId, title: title ?? null, relation: r, removed: true } });
    }),
  );
  publishIfChanged(deps, change, actor);
}

/** The tickets an article is linked to, one entry per ticket with all its relations. */
export async function listArticleTickets(deps: Deps, actor: Actor, articleId: number) {
  await getArticle(deps, actor, articleId); // 404 when the article is not the reader's to see
  const rows = await repo.listTicketsOfArticle(deps.db, actor.scope, articleId);
  const byTicket = new Map<number, { ticketId: number; number: number; title: string; status: string; relations: ArticleTicketRelation[]; linkedAt: string }>();
  for (const r of rows) {
    const entry = byTicket.get(r.id);
    if (entry) entry.relations.push(r.relation as ArticleTicketRelation);
    else byTicket.set(r.id, { ticketId: r.id, number: r.number, title: r.title, status: r.status, relations: [r.relation as ArticleTicketRelation], linkedAt: r.created_at });
  }
  return { items: [...byTicket.values()] };
}

async function requireVisibleTicket(deps: Deps, actor: Actor, ticketId: number) {
  const ticket = await findTicketView(deps.db, actor.scope, ticketId);
  if (!ticket) throw notVisible(ticketId);
  return ticket;
}

async function visibleArticle(deps: Deps, actor: Actor, articleId: number): Promise<Article> {
  try {
    return await getArticle(deps, actor, articleId);
  } catch (err) {
    // An article the agent cannot see is bad input here, not a missing route target.
    if (err instanceof NotFound) throw new Unprocessable(`Article ${articleId} does not exist or is not visible to you.`);
    throw err;
  }
}

/** One entry per article, with every relation it has to the ticket; first link time. */
function groupLinks(rows: repo.ArticleLinkRow[]) {
  const byArticle = new Map<number, { articleId: number; title: string; language: Language; audience: Article['audience']; status: Article['status']; relations: ArticleTicketRelation[]; linkedAt: string }>();
  for (const r of rows) {
    const entry = byArticle.get(r.article_id);
    if (entry) entry.relations.push(r.relation as ArticleTicketRelation);
    else
      byArticle.set(r.article_id, {
        articleId: r.article_id,
        title: r.title,
        language: r.language as Language,
        audience: r.audience as Article['audience'],
        status: r.status as Article['status'],
        relations: [r.relation as ArticleTicketRelation],
        linkedAt: r.created_at,
      });
  }
  return [...byArticle.values()];
}

const actorUserId = (actor: Actor) => (actor.userId > 0 ? actor.userId : null);

function publishIfChanged(deps: Deps, change: TicketChange | undefined, actor: Actor) {
  if (change) publishTicketChange(deps, change.row, change.events, actor);
}
