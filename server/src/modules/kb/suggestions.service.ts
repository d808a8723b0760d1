// Articles (and known errors) that may answer a ticket, for the agent working on it; and
// articles that may answer a request the requester is still typing in the portal.
// Relevance comes from the full-text search; the ranking is then nudged towards the
// ticket's category (or a parent or child of it) and the requester's language.
import type { Language } from '../../../../common/enums.ts';
import type { ArticleSuggestion, ArticleSummary, KnownErrorSuggestion, TicketSuggestions } from '../../../../common/schemas/kb.ts';
import type { Deps } from '../../lib/deps.ts';
import type { Actor } from '../../lib/actor.ts';
import { foldAccents, searchWords } from '../../lib/search-terms.ts';
import { notVisible } from '../tickets/ticket-change.ts';
import { findTicketView } from '../tickets/tickets.repo.ts';
import { findKnownErrors } from '../problems/known-errors.ts';
import { articleReaderOf } from './article-visibility.ts';
import { searchArticleIds } from './article-search.repo.ts';
import { articleSummariesByIds } from './articles.service.ts';
import { markdownToText } from './article-markdown.ts';
import { shorten } from './ticket-articles.service.ts';
import * as repo from './ticket-articles.repo.ts';

const TICKET_SUGGESTIONS = 5;
const KNOWN_ERRORS = 3;
/** Ranked candidates read before the boosts reorder them. */
const CANDIDATES = 30;
/** A ticket's words beyond these add little but make the "any word" query slower. */
const MAX_QUERY_WORDS = 30;
const TEXT_MAX = 2_000;
const CATEGORY_BOOST = 1.5;
const LANGUAGE_BOOST = 1.2;

/** The distinct words of a text, in order, at most `max` of them (the title comes first). */
export function queryWords(text: string, max = MAX_QUERY_WORDS): string {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const { word } of searchWords(text)) {
    const key = foldAccents(word);
    if (key.length < 2 || seen.has(key)) continue;
    seen.add(key);
    out.push(word);
    if (out.length === max) break;
  }
  return out.join(' ');
}

/** A category with its ancestors and descendants: articles filed there are "the same subject". */
export function relatedCategories(links: { id: number; parent_id: number | null }[], id: number): Set<number> {
  const parentOf = new Map(links.map((l) => [l.id, l.parent_id]));
  const related = new Set([id]);
  for (let p = parentOf.get(id) ?? null; p !== null && !related.has(p); p = parentOf.get(p) ?? null) related.add(p);
  const below = [id];
  for (let i = 0; i < below.length; i++) {
    for (const l of links) {
      if (l.parent_id === below[i] && !related.has(l.id)) {
        related.add(l.id);
        below.push(l.id);
      }
    }
  }
  return related;
}

/**
 * Search scores differ between back ends and may be negative: each is taken relative to
 * the best one (by rank when they are not all positive), then boosted.
 */
export function boostRanking(
  hits: { id: number; score: number }[],
  boost: (id: number) => { sameCategory: boolean; sameLanguage: boolean },
): { id: number; score: number; sameCategory: boolean }[] {
  const best = Math.max(...hits.map((h) => h.score));
  const allPositive = hits.every((h) => h.score > 0);
  return hits
    .map((h, rank) => {
      const { sameCategory, sameLanguage } = boost(h.id);
      const base = allPositive ? h.score / best : 1 / (rank + 1);
      const score = base * (sameCategory ? CATEGORY_BOOST : 1) * (sameLanguage ? LANGUAGE_BOOST : 1);
      return { id: h.id, score: Math.round(score * 1e4) / 1e4, sameCategory, rank };
    })
    .sort((a, b) => b.score - a.score || a.rank - b.rank)
    .map(({ id, score, sameCategory }) => ({ id, score, sameCategory }));
}

async function relatedCategoriesOf(deps: Deps, categoryId: number | null): Promise<Set<number>> {
  if (categoryId === null) return new Set();
  return relatedCategories(await repo.listCategoryLinks(deps.db), categoryId);
}

function articleUrl(deps: Deps, a: { id: number; audience: string }): string {
  return `${deps.config.publicUrl}${a.audience === 'public' ? '/help/articles' : '/agent/kb'}/${a.id}`;
}

/** Published articles (internal and public) and known errors that match a ticket's text. */
export async function suggestForTicket(deps: Deps, actor: Actor, ticketId: number): Promise<TicketSuggestions> {
  const ticket = await findTicketView(deps.db, actor.scope, ticketId);
  if (!ticket) throw notVisible(ticketId);
  const fullText = `${ticket.title}\n${ticket.description}`;
  const text = queryWords(fullText);
  const [linked, categories, requesterLanguage, problemIds] = await Promise.all([
    repo.linkedArticleIds(deps.db, ticketId),
    relatedCategoriesOf(deps, ticket.category_id),
    repo.userLanguage(deps.db, ticket.requester_id),
    repo.problemIdsOfTicket(deps.db, ticketId),
  ]);
  const hits = text
    ? await searchArticleIds(deps.db, deps.dialect, articleReaderOf(actor), { text, mode: 'any', statuses: ['published'], limit: CANDIDATES + linked.size })
    : [];
  const fresh = hits.filter((h) => !linked.has(h.id));
  const rows = new Map((await repo.findArticlesForSuggestion(deps.db, fresh.map((h) => h.id))).map((r) => [r.id, r]));
  const ranked = boostRanking(
    fresh.filter((h) => rows.has(h.id)),
    (id) => {
      const a = rows.get(id)!;
      return { sameCategory: a.category_id !== null && categories.has(a.category_id), sameLanguage: a.language === requesterLanguage };
    },
  ).slice(0, TICKET_SUGGESTIONS);
  const articles: ArticleSuggestion[] = ranked.map((h) => {
    const a = rows.get(h.id)!;
    return {
      id: a.id,
      title: a.title,
      summary: a.summary,
      language: a.language as Language,
      audience: a.audience as ArticleSuggestion['audience'],
      categoryId: a.category_id,
      url: articleUrl(deps, a),
      text: shortenText(`${a.title}\n\n${markdownToText(a.body)}`),
      score: h.score,
      sameCategory: h.sameCategory,
    };
  });
  const knownErrors: KnownErrorSuggestion[] = text
    ? await findKnownErrors(deps, actor, { text: fullText, categoryId: ticket.category_id, organisationId: ticket.organisation_id, excludeProblemIds: problemIds, limit: KNOWN_ERRORS })
    : [];
  return { articles, knownErrors };
}

/** Keeps paragraphs whole when it can: text for pasting into a reply. */
function shortenText(text: string): string {
  const trimmed = text.trim();
  if (trimmed.length <= TEXT_MAX) return trimmed;
  const cut = trimmed.slice(0, TEXT_MAX - 1);
  const paragraph = cut.lastIndexOf('\n\n');
  return paragraph > TEXT_MAX / 2 ? `${cut.slice(0, paragraph)}\n\n…` : shorten(trimmed, TEXT_MAX);
}

export interface SelfHelpQuery {
  q: string;
  categoryId?: number;
  language?: Language;
  limit: number;
}

/**
 * Published public articles the reader may see for what they are typing (the last word as a
 * prefix). The category and language they chose rank articles higher, without hiding others.
 */
export async function suggestForRequest(deps: Deps, actor: Actor | null, q: SelfHelpQuery): Promise<ArticleSummary[]> {
  const text = queryWords(q.q);
  if (!text) return [];
  const hits = await searchArticleIds(deps.db, deps.dialect, articleReaderOf(actor), {
    text,
    mode: 'any',
    // A query ending in a letter or digit is a word still being typed.
    prefixLast: /[\p{L}\p{N}]$/u.test(q.q),
    statuses: ['published'],
    audience: 'public',
    limit: Math.max(q.limit * 4, 20),
  });
  if (hits.length === 0) return [];
  const categories = await relatedCategoriesOf(deps, q.categoryId ?? null);
  const language = q.language ?? actor?.language;
  const summaries = new Map((await articleSummariesByIds(deps, hits.map((h) => h.id))).map((s) => [s.id, s]));
  const ranked = boostRanking(
    hits.filter((h) => summaries.has(h.id)),
    (id) => {
      const s = summaries.get(id)!;
      return { sameCategory: s.categoryId !== null && categories.has(s.categoryId), sameLanguage: s.language === language };
    },
  ).slice(0, q.limit);
  return ranked.map((h) => ({ ...summaries.get(h.id)!, score: h.score }));
}
