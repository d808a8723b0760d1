// Ranking known errors against a ticket's text, pure. Text score: cosine of TF-IDF vectors
// over French and English stems (lib/search-terms.ts); a problem's title counts twice, its
// description and root cause once. Document frequencies come from the problems and a
// sample of recent tickets, so the helpdesk's everyday words weigh little. Below
// MIN_TEXT_SCORE, or with fewer than MIN_SHARED_WORDS words in common, nothing is
// suggested; the same category and organisation only re-rank what passed.
import type { KnownErrorSuggestion } from '../../../../common/schemas/kb.ts';
import { foldAccents, searchWords, stemsOf, STOP_WORDS } from '../../lib/search-terms.ts';
import { problemReference } from './problem-dto.ts';

/** Cosine below which a problem is not suggested (tuned on the tests' unrelated pairs). */
export const MIN_TEXT_SCORE = 0.18;
/** At least this many distinct words of the ticket must appear in the problem (fewer if the text is shorter). */
export const MIN_SHARED_WORDS = 2;
const CATEGORY_BONUS = 0.1;
const ORGANISATION_BONUS = 0.05;

// Words of every ticket that say nothing of its subject, beyond the shared function words
// (a young installation has too few tickets for document frequencies to discount them).
const FILLER_WORDS = new Set(
  ('bonjour merci cordialement svp plus tres depuis quand tout tous toujours encore fois avoir etre fait faire mais aussi comme ' +
    'hello hi thanks thank please regards when every keeps keep since still again after before have has was were from').split(' '),
);

// Snowball stemming costs tens of µs a word and vocabularies repeat: remember the stems.
const stemMemo = new Map<string, string[]>();
function stemsOfWord(lower: string): string[] {
  let stems = stemMemo.get(lower);
  if (!stems) {
    if (stemMemo.size >= 50_000) stemMemo.clear();
    stems = stemsOf(lower);
    stemMemo.set(lower, stems);
  }
  return stems;
}

/** The words of a text that may tell its subject, lower-cased, with their stems. */
function wordsOf(text: string): { word: string; stems: string[] }[] {
  const out = [];
  for (const { word } of searchWords(text)) {
    const lower = word.toLowerCase();
    if (lower.length > 60 || STOP_WORDS.has(lower) || FILLER_WORDS.has(foldAccents(lower))) continue;
    out.push({ word: lower, stems: stemsOfWord(lower) });
  }
  return out;
}

function counts(parts: [string | null, number][]): Map<string, number> {
  const m = new Map<string, number>();
  for (const [text, weight] of parts) {
    if (text) for (const w of wordsOf(text)) for (const s of w.stems) m.set(s, (m.get(s) ?? 0) + weight);
  }
  return m;
}

export interface KnownErrorRow {
  id: number;
  title: string;
  description: string;
  root_cause: string | null;
  workaround: string | null;
  status: string;
  organisation_id: number | null;
  category_id: number | null;
}

export interface KnownErrorDoc {
  id: number;
  title: string;
  status: string;
  workaround: string;
  organisationId: number | null;
  categoryId: number | null;
  /** stem → weight */
  weights: Map<string, number>;
  norm: number;
}

export interface Corpus {
  docs: KnownErrorDoc[];
  /** Documents (problems and sampled tickets) holding each stem. */
  df: Map<string, number>;
  n: number;
  /** stem → the problems holding it, with its weight there. */
  postings: Map<string, { doc: number; w: number }[]>;
}

function idf(df: Map<string, number>, n: number, stem: string): number {
  return Math.log((n + 1) / ((df.get(stem) ?? 0) + 0.5)) + 1;
}

const weightOf = (tf: number, idfValue: number) => (1 + Math.log(tf)) * idfValue;

/** Document frequencies of a sample of tickets: computed once per sample, not per corpus. */
export interface Background {
  df: Map<string, number>;
  n: number;
}

export function backgroundOf(texts: string[]): Background {
  const df = new Map<string, number>();
  for (const text of texts) for (const s of new Set(wordsOf(text).flatMap((w) => w.stems))) df.set(s, (df.get(s) ?? 0) + 1);
  return { df, n: texts.length };
}

export function buildCorpus(rows: KnownErrorRow[], background: Background): Corpus {
  const terms = rows.map((r) =>
    counts([
      [r.title, 2],
      [r.description, 1],
      [r.root_cause, 1],
    ]),
  );
  const df = new Map(background.df);
  for (const t of terms) for (const s of t.keys()) df.set(s, (df.get(s) ?? 0) + 1);
  const n = rows.length + background.n;
  const postings = new Map<string, { doc: number; w: number }[]>();
  const docs = rows.map((r, i) => {
    let sq = 0;
    const weights = new Map<string, number>();
    for (const [s, tf] of terms[i]) {
      const w = weightOf(tf, idf(df, n, s));
      weights.set(s, w);
      sq += w * w;
      let list = postings.get(s);
      if (!list) postings.set(s, (list = []));
      list.push({ doc: i, w });
    }
    return { id: r.id, title: r.title, status: r.status, workaround: r.workaround ?? '', organisationId: r.organisation_id, categoryId: r.category_id, weights, norm: Math.sqrt(sq) };
  });
  return { docs, df, n, postings };
}

export interface RankInput {
  text: string;
  categoryId: number | null;
  organisationId: number | null;
  excludeProblemIds?: number[];
  limit: number;
}

/** Best first; `visible` says whether the reader may see a problem. */
export function rankKnownErrors(c: Corpus, t: RankInput, visible: (d: KnownErrorDoc) => boolean): KnownErrorSuggestion[] {
  const words = wordsOf(t.text);
  const wordOfStem = new Map<string, string>();
  for (const w of words) for (const s of w.stems) if (!wordOfStem.has(s)) wordOfStem.set(s, w.word);
  const tfs = new Map<string, number>();
  for (const w of words) for (const s of w.stems) tfs.set(s, (tfs.get(s) ?? 0) + 1);
  const query = new Map<string, number>();
  let qsq = 0;
  for (const [s, tf] of tfs) {
    const w = weightOf(tf, idf(c.df, c.n, s));
    query.set(s, w);
    qsq += w * w;
  }
  if (qsq === 0) return [];
  // Accumulate over the postings of the query's stems only: problems sharing nothing cost nothing.
  const dots = new Float64Array(c.docs.length);
  for (const [s, qw] of query) for (const p of c.postings.get(s) ?? []) dots[p.doc] += qw * p.w;
  const excluded = new Set(t.excludeProblemIds ?? []);
  const distinctWords = new Set(words.map((w) => w.word)).size;
  const qnorm = Math.sqrt(qsq);
  const out: (KnownErrorSuggestion & { textScore: number })[] = [];
  for (let i = 0; i < dots.length; i++) {
    if (dots[i] === 0) continue;
    const d = c.docs[i];
    const textScore = dots[i] / (qnorm * d.norm);
    if (textScore < MIN_TEXT_SCORE || excluded.has(d.id) || !visible(d)) continue;
    // The reader's words behind the score (a word's French and English stems count once).
    const shared = new Map<string, number>();
    for (const [s, qw] of query) {
      const dw = d.weights.get(s);
      if (dw === undefined) continue;
      const word = wordOfStem.get(s) ?? s;
      shared.set(word, (shared.get(word) ?? 0) + qw * dw);
    }
    if (shared.size < Math.min(MIN_SHARED_WORDS, distinctWords)) continue;
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
