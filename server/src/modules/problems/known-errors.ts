// Known errors for a ticket: problems whose workaround may help now (status known_error, or
// root_cause_known with a workaround), ranked by how much of their wording the ticket
// shares. Text score: cosine of TF-IDF vectors over French and English stems (see
// lib/search-terms.ts); a problem's title counts twice, its description and root cause
// once. Document frequencies come from the problems and a sample of recent tickets, so the
// helpdesk's everyday words ("problème", "error", "bonjour") weigh little. Below
// MIN_TEXT_SCORE nothing is suggested; the same category and organisation only re-rank.
import type { KnownErrorSuggestion } from '../../../../common/schemas/kb.ts';
import type { Deps } from '../../lib/deps.ts';
import type { Actor, Scope } from '../../lib/actor.ts';
import { foldAccents, indexTerms, stemsOf, STOP_WORDS } from '../../lib/search-terms.ts';
import { problemReference } from './problem-dto.ts';
import * as repo from './problems.repo.ts';

/** Cosine below which a problem is not suggested (tuned on the tests' unrelated pairs). */
export const MIN_TEXT_SCORE = 0.18;
/** At least this many distinct words of the ticket must appear in the problem. */
export const MIN_SHARED_WORDS = 2;
const CATEGORY_BONUS = 0.1;
const ORGANISATION_BONUS = 0.05;
/** Other processes' problem writes show within this long. */
const CORPUS_TTL_MS = 5_000;
const BACKGROUND_TTL_MS = 300_000;
const BACKGROUND_TICKETS = 1_000;

export interface KnownErrorDoc {
  id: number;
  title: string;
  status: string;
  workaround: string;
  organisationId: number | null;
  categoryId: number | null;
  /** Weighted term counts of title ×2, description, root cause. */
  terms: Map<string, number>;
}

export interface Corpus {
  docs: KnownErrorDoc[];
  /** Documents (problems and sampled tickets) holding each stem. */
  df: Map<string, number>;
  n: number;
}

// Words of every ticket that say nothing of its subject, beyond the shared function words
// (a young installation has too few tickets for document frequencies to discount them).
const FILLER_WORDS = new Set(
  ('bonjour merci cordialement svp plus tres depuis quand tout tous toujours encore fois avoir etre fait faire mais aussi comme ' +
    'hello hi thanks thank please regards when every keeps keep since still again after before have has was were from').split(' '),
);
const FILLER_STEMS = new Set([...FILLER_WORDS].flatMap((w) => stemsOf(w)));

function counts(parts: [string | null, number][]): Map<string, number> {
  const m = new Map<string, number>();
  for (const [text, weight] of parts) {
    if (text) for (const s of indexTerms(text)) if (!FILLER_STEMS.has(s)) m.set(s, (m.get(s) ?? 0) + weight);
  }
  return m;
}

export function buildCorpus(rows: Awaited<ReturnType<typeof repo.listKnownErrorRows>>, background: string[]): Corpus {
  const docs = rows.map((r) => ({
    id: r.id,
    title: r.title,
    status: r.status,
    workaround: r.workaround ?? '',
    organisationId: r.organisation_id,
    categoryId: r.category_id,
    terms: counts([
      [r.title, 2],
      [r.description, 1],
      [r.root_cause, 1],
    ]),
  }));
  const df = new Map<string, number>();
  const add = (stems: Iterable<string>) => {
    for (const s of stems) df.set(s, (df.get(s) ?? 0) + 1);
  };
  for (const d of docs) add(d.terms.keys());
  for (const text of background) add(new Set(indexTerms(text)));
  return { docs, df, n: docs.length + background.length };
}

function idf(c: Corpus, stem: string): number {
  return Math.log((c.n + 1) / ((c.df.get(stem) ?? 0) + 0.5)) + 1;
}

function weights(c: Corpus, terms: Map<string, number>): { w: Map<string, number>; norm: number } {
  const w = new Map<string, number>();
  let sq = 0;
  for (const [s, tf] of terms) {
    const v = (1 + Math.log(tf)) * idf(c, s);
    w.set(s, v);
    sq += v * v;
  }
  return { w, norm: Math.sqrt(sq) };
}

/** The ticket's words by stem: sharedTerms shows the reader's own words, not stems. */
function wordsByStem(text: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const match of text.normalize('NFC').matchAll(/[\p{L}\p{N}]+/gu)) {
    const word = match[0].toLowerCase();
    if (word.length > 60 || STOP_WORDS.has(word) || FILLER_WORDS.has(foldAccents(word))) continue;
    for (const s of stemsOf(word)) if (!m.has(s)) m.set(s, word);
  }
  return m;
}

export interface RankInput {
  text: string;
  categoryId: number | null;
  organisationId: number | null;
  excludeProblemIds?: number[];
  limit: number;
}

/** Pure ranking over a corpus (unit-testable); `visible` filters by the reader's scope. */
export function rankKnownErrors(c: Corpus, t: RankInput, visible: (d: KnownErrorDoc) => boolean): KnownErrorSuggestion[] {
  const query = weights(c, counts([[t.text, 1]]));
  if (query.norm === 0) return [];
  const words = wordsByStem(t.text);
  const excluded = new Set(t.excludeProblemIds ?? []);
  const out: (KnownErrorSuggestion & { textScore: number })[] = [];
  for (const d of c.docs) {
    if (excluded.has(d.id) || !visible(d)) continue;
    const doc = weights(c, d.terms);
    let dot = 0;
    const shared = new Map<string, number>(); // word → its contribution
    for (const [s, qw] of query.w) {
      const dw = doc.w.get(s);
      if (dw === undefined) continue;
      dot += qw * dw;
      const word = words.get(s) ?? s;
      shared.set(word, (shared.get(word) ?? 0) + qw * dw);
    }
    const textScore = doc.norm === 0 ? 0 : dot / (query.norm * doc.norm);
    if (textScore < MIN_TEXT_SCORE || shared.size < Math.min(MIN_SHARED_WORDS, words.size)) continue;
    const bonus =
      (t.categoryId !== null && t.categoryId === d.categoryId ? CATEGORY_BONUS : 0) +
      (t.organisationId !== null && t.organisationId === d.organisationId ? ORGANISATION_BONUS : 0);
    out.push({
      problemId: d.id,
      reference: problemReference(d.id),
      title: d.title,
      status: d.status,
      workaround: d.workaround,
      score: Math.round((textScore + bonus) * 1000) / 1000,
      textScore,
      sharedTerms: [...shared].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([w]) => w),
    });
  }
  out.sort((a, b) => b.score - a.score || b.textScore - a.textScore || a.problemId - b.problemId);
  return out.slice(0, t.limit).map(({ textScore: _t, ...s }) => s);
}

/** Whether a staff scope sees a problem (one without an organisation is for those who see them all). */
export function scopeSeesProblem(scope: Scope, organisationId: number | null): boolean {
  if (scope.kind === 'all') return true;
  return scope.kind === 'organisations' && organisationId !== null && scope.organisationIds.includes(organisationId);
}

// ---- per-process cache, per database handle ----
let problemWrites = 0;
/** Problem writes in this process make the next read rebuild the corpus. */
export function forgetKnownErrors(): void {
  problemWrites++;
}

interface Cached<T> {
  until: number;
  version: number;
  value: Promise<T>;
}
const corpora = new WeakMap<object, Cached<Corpus>>();
const backgrounds = new WeakMap<object, Cached<string[]>>();

function cached<T>(map: WeakMap<object, Cached<T>>, key: object, ttlMs: number, version: number, build: () => Promise<T>): Promise<T> {
  const now = Date.now();
  const hit = map.get(key);
  if (hit && hit.until > now && hit.version === version) return hit.value;
  const value = build();
  map.set(key, { until: now + ttlMs, version, value });
  value.catch(() => map.delete(key));
  return value;
}

async function corpusOf(deps: Deps): Promise<Corpus> {
  const version = problemWrites;
  return cached(corpora, deps.db, CORPUS_TTL_MS, version, async () => {
    const background = await cached(backgrounds, deps.db, BACKGROUND_TTL_MS, 0, async () =>
      (await repo.recentTicketTexts(deps.db, BACKGROUND_TICKETS)).map((r) => `${r.title}\n${r.description}`),
    );
    return buildCorpus(await repo.listKnownErrorRows(deps.db), background);
  });
}

/** Known errors that may explain a ticket's text, best first, among the problems the actor sees. */
export async function findKnownErrors(
  deps: Deps,
  actor: Actor,
  t: { text: string; categoryId: number | null; organisationId: number | null; excludeProblemIds?: number[]; limit: number },
): Promise<KnownErrorSuggestion[]> {
  if (actor.scope.kind === 'requester' || t.limit <= 0 || !t.text.trim()) return [];
  const corpus = await corpusOf(deps);
  return rankKnownErrors(corpus, t, (d) => scopeSeesProblem(actor.scope, d.organisationId));
}
