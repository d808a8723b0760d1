// Recurring-incident detection, the algorithm (pure: no database, no clock). Tickets that
// say the same thing are grouped, within one organisation (clients never mix) and one
// category (an uncategorised ticket may join any), and each group is explained.
//
// 1. Terms: the stems of title and description (search-terms.ts, French and English), each
//    present term weighted by its IDF, more when it is in the title; one unit vector per
//    ticket. Presence, not counts: a ticket repeating its subject in title and text must not
//    make "same subject, different trouble" look alike. Terms in more than maxTermShare of an
//    organisation's tickets are dropped there ("bonjour", "merci", everyday nouns), and so are
//    terms only one of its tickets holds (names, numbers, typos): they can match nothing, and
//    counting them would make a ticket less similar to its twin the more it says besides.
// 2. Pairs (cluster-pairs.ts): an inverted index per organisation; each ticket accumulates
//    its dot products with earlier tickets through the postings of its terms (a sparse
//    product: only tickets sharing an informative term are ever compared, never all pairs).
//    A pair counts at cosine ≥ threshold with minSharedWords words in common: short tickets
//    sharing one phrase ("mot de passe enregistré", a device's model name) are alike by cosine
//    yet report different troubles; an incident's tickets share several things (what, how,
//    when, the error code, the place).
// 3. Groups: pairs, most similar first, merge groups whose centroids stay similar
//    (≥ linkThreshold) and whose known categories agree, so that a chain of loosely related
//    tickets cannot glue two incidents together. Groups of minSize or more are clusters; the
//    clusters of one incident found in pieces merge (centroids ≥ mergeThreshold). Then each
//    remaining ticket joins the cluster whose centroid is closest, at ≥ attachThreshold with
//    attachMinWords words of the cluster's core: a ticket worded differently (other language,
//    synonyms, typos) still finds its incident, yet noise tickets never start a cluster.
import { searchWords, stemsOf, STOP_WORDS } from '../../lib/search-terms.ts';
import { explainCluster, type ClusterExplanation } from './cluster-explanation.ts';
import { attachRows, groupRows, mergeGroups, similarPairs, type BlockVectors } from './cluster-pairs.ts';

export interface ClusterInput {
  id: number;
  title: string;
  description: string;
  categoryId: number | null;
  organisationId: number | null;
  createdAt: string;
}

export interface ClusterOptions {
  /** Cosine similarity for two tickets to start or grow a group. */
  threshold: number;
  /** Words (not stems) two tickets must have in common for that. */
  minSharedWords: number;
  /** Cosine similarity of two groups' centroids for them to merge while grouping. */
  linkThreshold: number;
  /** Cosine similarity of two clusters' centroids for them to merge afterwards. */
  mergeThreshold: number;
  /** Cosine similarity of a ticket to a cluster's centroid for it to join afterwards… */
  attachThreshold: number;
  /** …with this many words of the cluster's core (terms half its tickets hold). */
  attachMinWords: number;
  minSize: number;
  /** Weight of a term found in the title, relative to one found only in the description. */
  titleWeight: number;
  /** A term in more than this share of an organisation's tickets is ignored there… */
  maxTermShare: number;
  /** …unless it is in fewer tickets than this (small organisations keep their words). */
  minCommonTickets: number;
}

// Chosen by the sweep of bench/clustering.bench.ts (--sweep) on generated data with planted
// incidents (planted-incidents.ts: 5 seeds × 3,000 noise tickets, 15 incidents, 4 clients):
// the best mean pairwise F1 among the settings whose worst seed keeps precision ≥ 0.9
// (a wrong proposal costs a supervisor's time; a missed ticket is found by the next run).
// The sweep's table is in bench/RESULTS.md (clustering).
export const DEFAULT_CLUSTER_OPTIONS: ClusterOptions = {
  threshold: 0.6,
  minSharedWords: 4.5,
  linkThreshold: 0.6,
  mergeThreshold: 0.4,
  attachThreshold: 0.3,
  attachMinWords: 3,
  minSize: 3,
  titleWeight: 1.5,
  maxTermShare: 0.05,
  minCommonTickets: 50,
};

export interface ClusterMember {
  id: number;
  /** Index in the input array. */
  index: number;
  /** Cosine similarity to the cluster's centroid, 0..1. */
  similarity: number;
}

export interface Cluster {
  organisationId: number | null;
  /** The category the members share (uncategorised members aside), or null. */
  categoryId: number | null;
  /** Most typical first. */
  members: ClusterMember[];
  /** The most typical ticket's title. */
  suggestedTitle: string;
  /** Stems of the top shared terms, sorted: recognises the cluster again on a later run. */
  signature: string[];
  explanation: ClusterExplanation;
}

export interface ClusteringStats {
  tickets: number;
  organisations: number;
  terms: number;
  /** Pairs of tickets whose dot product was accumulated (they share an informative term). */
  comparedPairs: number;
  edges: number;
  attached: number;
  clusters: number;
  ms: { terms: number; pairs: number; groups: number; total: number };
}

/** Term ids of texts, with a per-run cache of each word's stems (stemming dominates otherwise). */
export class TermDictionary {
  readonly stems: string[] = [];
  /** Per term: 1 / the number of stems of the word it came from (a word counts once). */
  readonly share: number[] = [];
  private readonly ids = new Map<string, number>();
  private readonly wordTerms = new Map<string, number[]>();

  /** The terms of one word: the stems indexTerms gives it, minus one-character ones. */
  termsOfWord(word: string): number[] {
    // Looked up as written first: most words repeat with the same case, and lower-casing
    // every occurrence costs more than the lookup.
    let terms = this.wordTerms.get(word);
    if (terms) return terms;
    const lower = word.toLowerCase();
    terms = this.wordTerms.get(lower);
    if (!terms) {
      terms = [];
      if (word.length <= 60 && !STOP_WORDS.has(lower)) {
        const stems = stemsOf(lower).filter((s) => s.length > 1);
        for (const s of stems) terms.push(this.idOf(s, 1 / stems.length));
      }
      this.wordTerms.set(lower, terms);
    }
    this.wordTerms.set(word, terms);
    return terms;
  }

  termsOf(text: string, out: number[] = []): number[] {
    for (const { word } of searchWords(text)) for (const t of this.termsOfWord(word)) out.push(t);
    return out;
  }

  /** Each term of a text, in order, without building arrays. */
  visitTerms(text: string, visit: (term: number) => void): void {
    for (const { word } of searchWords(text)) for (const t of this.termsOfWord(word)) visit(t);
  }

  private idOf(stem: string, share: number): number {
    let id = this.ids.get(stem);
    if (id === undefined) {
      id = this.stems.length;
      this.ids.set(stem, id);
      this.stems.push(stem);
      this.share.push(share);
    }
    return id;
  }
}

/** A ticket's distinct terms, sorted, and which of them are in its title. */
interface Bag {
  terms: Int32Array;
  inTitle: Uint8Array;
}

/** Builds bags with one scratch mark per term (term ids grow as texts are read). */
function bagMaker(dict: TermDictionary) {
  const seenIn: number[] = []; // term → last ticket that held it (index + 1)
  const inTitleOf: number[] = []; // term → 1 when that ticket's title held it
  let ticket = 0;
  let terms: number[] = [];
  const visitTitle = (id: number) => {
    if (seenIn[id] !== ticket) {
      seenIn[id] = ticket;
      terms.push(id);
    }
    inTitleOf[id] = ticket;
  };
  const visitText = (id: number) => {
    if (seenIn[id] !== ticket) {
      seenIn[id] = ticket;
      terms.push(id);
    }
  };
  return (t: ClusterInput): Bag => {
    ticket++;
    terms = [];
    dict.visitTerms(t.title, visitTitle);
    dict.visitTerms(t.description, visitText);
    const sorted = Int32Array.from(terms).sort();
    return { terms: sorted, inTitle: Uint8Array.from(sorted, (id) => (inTitleOf[id] === ticket ? 1 : 0)) };
  };
}

function vectorsOf(rows: number[], bags: Bag[], idf: Float64Array, blockDf: Int32Array, maxDf: number, titleWeight: number): BlockVectors {
  const start = new Int32Array(rows.length + 1);
  for (let r = 0; r < rows.length; r++) {
    let n = 0;
    for (const t of bags[rows[r]].terms) if (blockDf[t] <= maxDf && blockDf[t] > 1) n++;
    start[r + 1] = start[r] + n;
  }
  const terms = new Int32Array(start[rows.length]);
  const weights = new Float32Array(start[rows.length]);
  for (let r = 0; r < rows.length; r++) {
    const bag = bags[rows[r]];
    let p = start[r];
    let norm = 0;
    for (let k = 0; k < bag.terms.length; k++) {
      const t = bag.terms[k];
      if (blockDf[t] > maxDf || blockDf[t] === 1) continue;
      const w = idf[t] * (bag.inTitle[k] ? titleWeight : 1);
      terms[p] = t;
      weights[p++] = w;
      norm += w * w;
    }
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let q = start[r]; q < p; q++) weights[q] *= inv;
  }
  return { rows, start, terms, weights };
}

export interface ClusteringResult {
  clusters: Cluster[];
  stats: ClusteringStats;
}

export function findClusters(input: ClusterInput[], options: Partial<ClusterOptions> = {}): ClusteringResult {
  const steps = clusterSteps(input, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The same, letting the event loop run between steps (every few thousand tickets and after
 * each organisation): a server keeps answering requests while a large window is clustered.
 */
export async function findClustersYielding(input: ClusterInput[], options: Partial<ClusterOptions> = {}): Promise<ClusteringResult> {
  const steps = clusterSteps(input, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const TICKETS_PER_STEP = 2000;

function* clusterSteps(input: ClusterInput[], options: Partial<ClusterOptions>): Generator<void, ClusteringResult> {
  const o = { ...DEFAULT_CLUSTER_OPTIONS, ...options };
  const t0 = performance.now();
  const dict = new TermDictionary();
  const bagOf = bagMaker(dict);
  const bags: Bag[] = [];
  for (const t of input) {
    bags.push(bagOf(t));
    if (bags.length % TICKETS_PER_STEP === 0) yield;
  }
  const vocabulary = dict.stems.length;
  const df = new Int32Array(vocabulary);
  for (const b of bags) for (const t of b.terms) df[t]++;
  const idf = Float64Array.from(df, (d) => Math.log((1 + input.length) / (1 + d)) + 1);
  const categories = input.map((t) => t.categoryId);
  const wordShare = Float32Array.from(dict.share);

  const blocks = new Map<number | null, number[]>();
  input.forEach((t, i) => {
    const rows = blocks.get(t.organisationId);
    if (rows) rows.push(i);
    else blocks.set(t.organisationId, [i]);
  });
  const t1 = performance.now();

  const clusters: Cluster[] = [];
  const blockDf = new Int32Array(vocabulary);
  let compared = 0;
  let edgeCount = 0;
  let attached = 0;
  let pairMs = 0;
  for (const [organisationId, rows] of blocks) {
    const tp = performance.now();
    for (const r of rows) for (const t of bags[r].terms) blockDf[t]++;
    const v = vectorsOf(rows, bags, idf, blockDf, Math.max(o.minCommonTickets, o.maxTermShare * rows.length), o.titleWeight);
    const { edges, compared: c } = similarPairs(v, categories, blockDf, { threshold: o.threshold, minSharedWords: o.minSharedWords }, vocabulary, wordShare);
    compared += c;
    edgeCount += edges.sim.length;
    pairMs += performance.now() - tp;
    const groups = mergeGroups(groupRows(v, categories, edges, o.linkThreshold, o.minSize), o.mergeThreshold);
    attached += attachRows(v, categories, groups, o.attachThreshold, wordShare, o.attachMinWords);
    for (const g of groups) {
      const members = g.rows
        .map((r) => ({ id: input[v.rows[r]].id, index: v.rows[r], similarity: g.similarity(r) }))
        .sort((a, b) => b.similarity - a.similarity || a.id - b.id);
      const { explanation, signature } = explainCluster(dict, input, members, g.sum, g.category);
      clusters.push({ organisationId, categoryId: g.category, members, suggestedTitle: input[members[0].index].title, signature, explanation });
    }
    for (const r of rows) for (const t of bags[r].terms) blockDf[t] = 0;
    yield;
  }
  clusters.sort((x, y) => y.members.length - x.members.length || x.members[0].id - y.members[0].id);
  const t2 = performance.now();
  return {
    clusters,
    stats: {
      tickets: input.length,
      organisations: blocks.size,
      terms: vocabulary,
      comparedPairs: compared,
      edges: edgeCount,
      attached,
      clusters: clusters.length,
      ms: { terms: t1 - t0, pairs: pairMs, groups: t2 - t1 - pairMs, total: t2 - t0 },
    },
  };
}
