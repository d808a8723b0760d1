// The pairwise and grouping steps of clustering.ts, on one organisation's unit vectors.
// Rows are positions in the block; `categories` is indexed by input position (v.rows[r]);
// `wordShare` gives each term's share of a word (½ for each of a word's French and English
// stems), so that "words in common" counts words, not stems.

/** Unit vectors of one organisation's tickets, in compressed rows (terms sorted). */
export interface BlockVectors {
  rows: number[]; // input indices
  start: Int32Array;
  terms: Int32Array;
  weights: Float32Array;
}

export interface Edges {
  a: number[];
  b: number[];
  sim: number[];
}

/** A cluster of rows: its summed vectors (the centroid, unnormalised) and known category. */
export interface FoundGroup {
  rows: number[];
  sum: Map<number, number>;
  norm2: number;
  category: number | null;
  /** Cosine similarity of a row to the centroid. */
  similarity(r: number): number;
}

export const categoriesAgree = (x: number | null, y: number | null) => x === null || y === null || x === y;

function rowDot(v: BlockVectors, r: number, sum: Map<number, number>): number {
  let s = 0;
  for (let p = v.start[r]; p < v.start[r + 1]; p++) s += v.weights[p] * (sum.get(v.terms[p]) ?? 0);
  return s;
}

function addRow(v: BlockVectors, r: number, g: { sum: Map<number, number>; norm2: number }): void {
  g.norm2 += 1 + 2 * rowDot(v, r, g.sum);
  for (let p = v.start[r]; p < v.start[r + 1]; p++) g.sum.set(v.terms[p], (g.sum.get(v.terms[p]) ?? 0) + v.weights[p]);
}

export interface PairRule {
  threshold: number;
  /** Words two tickets must have in common: one shared phrase ("mot de passe enregistré") is not enough. */
  minSharedWords: number;
}

/**
 * Pairs at cosine ≥ threshold with enough words in common (categories agreeing), through an
 * inverted index of the terms held by two tickets or more: each row accumulates its dot
 * products (and words in common) with earlier rows.
 */
export function similarPairs(v: BlockVectors, categories: (number | null)[], blockDf: Int32Array, rule: PairRule, vocabulary: number, wordShare: Float32Array): { edges: Edges; compared: number } {
  const n = v.rows.length;
  // Postings: for each indexed term, the rows holding it with their weights, in row order.
  const head = new Int32Array(vocabulary + 1);
  for (let p = 0; p < v.terms.length; p++) if (blockDf[v.terms[p]] > 1) head[v.terms[p] + 1]++;
  for (let t = 0; t < vocabulary; t++) head[t + 1] += head[t];
  const fill = head.slice(0, vocabulary);
  const postRow = new Int32Array(head[vocabulary]);
  const postWeight = new Float32Array(head[vocabulary]);
  for (let r = 0; r < n; r++) {
    for (let p = v.start[r]; p < v.start[r + 1]; p++) {
      const t = v.terms[p];
      if (blockDf[t] <= 1) continue;
      postRow[fill[t]] = r;
      postWeight[fill[t]++] = v.weights[p];
    }
  }
  const acc = new Float64Array(n);
  const shared = new Float64Array(n);
  const touched = new Int32Array(n);
  const edges: Edges = { a: [], b: [], sim: [] };
  let compared = 0;
  for (let r = 0; r < n; r++) {
    let nt = 0;
    for (let p = v.start[r]; p < v.start[r + 1]; p++) {
      const t = v.terms[p];
      if (blockDf[t] <= 1) continue;
      const w = v.weights[p];
      for (let q = head[t]; q < head[t + 1]; q++) {
        const other = postRow[q];
        if (other >= r) break;
        if (acc[other] === 0) touched[nt++] = other;
        acc[other] += w * postWeight[q];
        shared[other] += wordShare[t];
      }
    }
    compared += nt;
    const cat = categories[v.rows[r]];
    for (let k = 0; k < nt; k++) {
      const other = touched[k];
      const s = acc[other];
      acc[other] = 0;
      const sh = shared[other];
      shared[other] = 0;
      if (s >= rule.threshold && sh >= rule.minSharedWords - 1e-6 && categoriesAgree(cat, categories[v.rows[other]])) {
        edges.a.push(other);
        edges.b.push(r);
        edges.sim.push(s);
      }
    }
  }
  return { edges, compared };
}

interface Building {
  sum: Map<number, number>;
  norm2: number;
  category: number | null;
  size: number;
}

function dot(x: Map<number, number>, y: Map<number, number>): number {
  if (x.size > y.size) [x, y] = [y, x];
  let s = 0;
  for (const [t, w] of x) s += w * (y.get(t) ?? 0);
  return s;
}

function found(v: BlockVectors, rows: number[], b: { sum: Map<number, number>; norm2: number; category: number | null }): FoundGroup {
  const g: FoundGroup = {
    rows,
    sum: b.sum,
    norm2: b.norm2,
    category: b.category,
    similarity: (r) => Math.min(1, Math.max(0, rowDot(v, r, g.sum) / Math.sqrt(g.norm2))),
  };
  return g;
}

/** Centroid-linkage merging of the edges, most similar first; the groups of minSize or more. */
export function groupRows(v: BlockVectors, categories: (number | null)[], edges: Edges, linkThreshold: number, minSize: number): FoundGroup[] {
  const n = v.rows.length;
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const root = (r: number): number => {
    while (parent[r] !== r) r = parent[r] = parent[parent[r]];
    return r;
  };
  const groups = new Map<number, Building>();
  const groupOf = (r: number): Building => {
    let g = groups.get(r);
    if (!g) {
      g = { sum: new Map(), norm2: 0, category: categories[v.rows[r]], size: 1 };
      addRow(v, r, g);
      groups.set(r, g);
    }
    return g;
  };
  const order = Array.from(edges.sim.keys()).sort((x, y) => edges.sim[y] - edges.sim[x]);
  for (const e of order) {
    const ra = root(edges.a[e]);
    const rb = root(edges.b[e]);
    if (ra === rb) continue;
    const ga = groupOf(ra);
    const gb = groupOf(rb);
    if (!categoriesAgree(ga.category, gb.category)) continue;
    const d = ga.size === 1 && gb.size === 1 ? edges.sim[e] : dot(ga.sum, gb.sum);
    if (d / Math.sqrt(ga.norm2 * gb.norm2) < linkThreshold) continue;
    const [big, small, rBig, rSmall] = ga.size >= gb.size ? [ga, gb, ra, rb] : [gb, ga, rb, ra];
    for (const [t, w] of small.sum) big.sum.set(t, (big.sum.get(t) ?? 0) + w);
    big.norm2 += small.norm2 + 2 * d;
    big.size += small.size;
    big.category ??= small.category;
    parent[rSmall] = rBig;
    groups.delete(rSmall);
  }
  const members = new Map<number, number[]>();
  for (let r = 0; r < n; r++) {
    const rt = root(r);
    if ((groups.get(rt)?.size ?? 0) < minSize) continue;
    const list = members.get(rt);
    if (list) list.push(r);
    else members.set(rt, [r]);
  }
  return [...members].map(([rt, rows]) => found(v, rows, groups.get(rt)!));
}

/** The terms at least half the rows hold. */
function coreSet(v: BlockVectors, rows: number[]): Set<number> {
  const holders = new Map<number, number>();
  for (const r of rows) for (let p = v.start[r]; p < v.start[r + 1]; p++) holders.set(v.terms[p], (holders.get(v.terms[p]) ?? 0) + 1);
  const core = new Set<number>();
  for (const [t, h] of holders) if (2 * h >= rows.length) core.add(t);
  return core;
}

/**
 * Rows in no cluster join the cluster whose centroid (as it stood before any joined) is the
 * closest, if at least attachThreshold, sharing minWords words with the cluster's core (the
 * terms half its tickets hold), categories agreeing. Returns how many joined.
 */
export function attachRows(v: BlockVectors, categories: (number | null)[], groups: FoundGroup[], attachThreshold: number, wordShare: Float32Array, minWords: number): number {
  if (groups.length === 0) return 0;
  const n = v.rows.length;
  const inGroup = new Uint8Array(n);
  for (const g of groups) for (const r of g.rows) inGroup[r] = 1;
  // Centroids, normalised, in an inverted index: term → (group, weight, held by half its rows).
  const index = new Map<number, { g: number; w: number; core: boolean }[]>();
  groups.forEach((g, gi) => {
    const inv = 1 / Math.sqrt(g.norm2);
    const core = coreSet(v, g.rows);
    for (const [t, w] of g.sum) {
      const entry = { g: gi, w: w * inv, core: core.has(t) };
      const list = index.get(t);
      if (list) list.push(entry);
      else index.set(t, [entry]);
    }
  });
  const acc = new Float64Array(groups.length);
  const words = new Float64Array(groups.length);
  const joins: { r: number; g: number }[] = [];
  for (let r = 0; r < n; r++) {
    if (inGroup[r]) continue;
    acc.fill(0);
    words.fill(0);
    for (let p = v.start[r]; p < v.start[r + 1]; p++) {
      const list = index.get(v.terms[p]);
      if (!list) continue;
      for (const { g, w, core } of list) {
        acc[g] += v.weights[p] * w;
        if (core) words[g] += wordShare[v.terms[p]];
      }
    }
    let best = -1;
    for (let gi = 0; gi < groups.length; gi++) {
      if (acc[gi] >= attachThreshold && words[gi] >= minWords - 1e-6 && (best < 0 || acc[gi] > acc[best]) && categoriesAgree(groups[gi].category, categories[v.rows[r]])) best = gi;
    }
    if (best >= 0) joins.push({ r, g: best });
  }
  let joined = 0;
  for (const { r, g } of joins) {
    const group = groups[g];
    const cat = categories[v.rows[r]];
    if (!categoriesAgree(group.category, cat)) continue; // another join set the category meanwhile
    addRow(v, r, group);
    group.rows.push(r);
    group.category ??= cat;
    joined++;
  }
  return joined;
}

/** Clusters of one incident found in pieces merge when their centroids are similar enough (most similar first). */
export function mergeGroups(groups: FoundGroup[], mergeThreshold: number): FoundGroup[] {
  const alive = [...groups];
  for (;;) {
    let best: [number, number, number] | undefined;
    for (let i = 0; i < alive.length; i++) {
      for (let j = i + 1; j < alive.length; j++) {
        if (!categoriesAgree(alive[i].category, alive[j].category)) continue;
        const c = dot(alive[i].sum, alive[j].sum) / Math.sqrt(alive[i].norm2 * alive[j].norm2);
        if (c >= mergeThreshold && (!best || c > best[2])) best = [i, j, c];
      }
    }
    if (!best) return alive;
    const [i, j] = best;
    const a = alive[i];
    const b = alive[j];
    const d = dot(a.sum, b.sum);
    for (const [t, w] of b.sum) a.sum.set(t, (a.sum.get(t) ?? 0) + w);
    a.norm2 += b.norm2 + 2 * d;
    a.rows.push(...b.rows);
    a.category ??= b.category;
    alive.splice(j, 1);
  }
}
