// Why a cluster's tickets were grouped, in words a supervisor can check: the terms most of
// them share (shown as the words people typed, not stems), how many tickets have each, the
// time span, how similar they are, and whether category and organisation agree.
import { searchWords } from '../../lib/search-terms.ts';
import type { ClusterInput, ClusterMember, TermDictionary } from './clustering.ts';

export interface ClusterExplanation {
  sharedTerms: { term: string; tickets: number }[];
  ticketCount: number;
  firstAt: string;
  lastAt: string;
  spanHours: number;
  meanSimilarity: number;
  /** Every ticket is in the same (known) category. */
  sameCategory: boolean;
  /** Always true: clusters never cross organisations. */
  sameOrganisation: boolean;
  summary: string;
}

const MAX_SHARED_TERMS = 6;
const SIGNATURE_TERMS = 5;
const round2 = (n: number) => Math.round(n * 100) / 100;

/** "3 hours", "2.5 days". */
export function spanText(hours: number): string {
  if (hours < 1) return 'less than an hour';
  if (hours < 48) return `${Math.round(hours)} hour${Math.round(hours) === 1 ? '' : 's'}`;
  return `${Math.round(hours / 2.4) / 10} days`;
}

function quoteList(words: string[]): string {
  const q = words.map((w) => `“${w}”`);
  return q.length <= 1 ? q.join('') : `${q.slice(0, -1).join(', ')} and ${q[q.length - 1]}`;
}

export function summarise(e: Omit<ClusterExplanation, 'summary'>): string {
  const terms = e.sharedTerms.slice(0, 3).map((t) => t.term);
  const what = terms.length ? `share ${quoteList(terms)}` : 'are worded alike';
  const category = e.sameCategory ? ', same category' : '';
  return `${e.ticketCount} incidents over ${spanText(e.spanHours)} ${what} (mean similarity ${e.meanSimilarity.toFixed(2)})${category}, same organisation.`;
}

export function explainCluster(
  dict: TermDictionary,
  input: ClusterInput[],
  members: ClusterMember[],
  centroid: Map<number, number>,
  categoryId: number | null,
): { explanation: ClusterExplanation; signature: string[] } {
  // How many members hold each informative term, and how each term was written.
  const holders = new Map<number, number>();
  const forms = new Map<number, Map<string, number>>();
  for (const m of members) {
    const t = input[m.index];
    const seen = new Set<number>();
    for (const { word } of searchWords(`${t.title}\n${t.description}`)) {
      for (const term of dict.termsOfWord(word)) {
        if (!centroid.has(term)) continue;
        let f = forms.get(term);
        if (!f) forms.set(term, (f = new Map()));
        f.set(word, (f.get(word) ?? 0) + 1);
        if (!seen.has(term)) {
          seen.add(term);
          holders.set(term, (holders.get(term) ?? 0) + 1);
        }
      }
    }
  }
  const ranked = [...holders.entries()]
    .filter(([, n]) => n >= 2)
    .sort((a, b) => b[1] - a[1] || centroid.get(b[0])! - centroid.get(a[0])! || a[0] - b[0]);
  const minHolders = Math.max(2, Math.ceil(members.length * 0.3));
  const shared: { term: string; stem: string; tickets: number }[] = [];
  const labels = new Set<string>();
  for (const [term, n] of ranked) {
    if (shared.length >= MAX_SHARED_TERMS || (n < minHolders && shared.length >= 3)) break;
    // The commonest spelling; "imprimante" has a French and an English stem: show it once.
    const label = [...forms.get(term)!.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0];
    if (labels.has(label.toLowerCase())) continue;
    labels.add(label.toLowerCase());
    shared.push({ term: label, stem: dict.stems[term], tickets: n });
  }

  const times = members.map((m) => input[m.index].createdAt).sort();
  const spanHours = (Date.parse(times[times.length - 1]) - Date.parse(times[0])) / 3_600_000;
  const base = {
    sharedTerms: shared.map(({ term, tickets }) => ({ term, tickets })),
    ticketCount: members.length,
    firstAt: times[0],
    lastAt: times[times.length - 1],
    spanHours: Math.round(spanHours * 10) / 10,
    meanSimilarity: round2(members.reduce((s, m) => s + m.similarity, 0) / members.length),
    sameCategory: categoryId !== null && members.every((m) => input[m.index].categoryId === categoryId),
    sameOrganisation: true,
  };
  const signature = shared.slice(0, SIGNATURE_TERMS).map((s) => s.stem).sort();
  return { explanation: { ...base, summary: summarise(base) }, signature };
}
