// Words and stems for full-text search, shared by ticket search, the knowledge base, known
// errors and incident clustering. French and English stems come from @orama/stemmers
// (Snowball algorithms, the ones PostgreSQL's french_stem/english_stem use), so that SQLite,
// which has no French stemmer, finds what PostgreSQL finds: "imprimantes" and "imprimer"
// both become "imprim"; accents are stripped after stemming ("réseaux" → "reseau").
import { stemmer as frenchStem } from '@orama/stemmers/french';
import { stemmer as englishStem } from '@orama/stemmers/english';

export interface SearchWord {
  word: string;
  /** Typed with a trailing * (or the word being typed): match as a prefix. */
  prefix: boolean;
}

// The commonest French and English function words (PostgreSQL's stemmers drop theirs).
export const STOP_WORDS = new Set(
  ('le la les l un une des de du d et ou à au aux en dans sur pour par avec ne pas que qui est sont ce cette ces il elle ' +
    'je j nous vous ils on se sa son ses mon ma mes the a an of to and or in on at for is are be it this that with my not')
    .split(' '),
);

/** The words of a query, function words dropped unless nothing else is left. */
export function searchWords(text: string): SearchWord[] {
  const all = [...text.normalize('NFC').matchAll(/([\p{L}\p{N}]+)(\*)?/gu)].map((m) => ({ word: m[1], prefix: m[2] === '*' }));
  // "mot de passe": requiring "de" walks one of the longest lists in the index for nothing.
  const meaningful = all.filter((w) => !STOP_WORDS.has(w.word.toLowerCase()));
  return meaningful.length ? meaningful : all;
}

/** Lower case, accents removed ("Réseau" → "reseau"). */
export function foldAccents(word: string): string {
  return word.toLowerCase().normalize('NFD').replace(/\p{M}+/gu, '');
}

/** The French and English stems of one word, accents removed; one entry when they agree. */
export function stemsOf(word: string): string[] {
  const lower = word.toLowerCase();
  // Snowball wants the accents (they change the French suffixes); strip them afterwards.
  const fr = foldAccents(frenchStem(lower));
  const en = foldAccents(englishStem(lower));
  return fr === en ? [fr] : [fr, en];
}

/** Every stem of a text, function words dropped, in order (repeats kept: they weigh in ranking). */
export function indexTerms(text: string): string[] {
  const out: string[] = [];
  for (const m of text.normalize('NFC').matchAll(/[\p{L}\p{N}]+/gu)) {
    const w = m[0];
    if (w.length > 60 || STOP_WORDS.has(w.toLowerCase())) continue;
    out.push(...stemsOf(w));
  }
  return out;
}

/**
 * A query on stemmed FTS5 columns (see indexTerms): each word matches either of its stems;
 * mode "all" requires every word, "any" ranks by how many match. A prefix word matches its
 * folded form as a prefix as well, as the box does while someone types.
 */
export function stemmedFtsQuery(text: string, opts: { mode: 'all' | 'any'; prefixLast?: boolean }): string {
  const words = searchWords(text);
  const groups = words.map((w, i) => {
    const prefix = w.prefix || (opts.prefixLast === true && i === words.length - 1);
    const options = new Set(stemsOf(w.word).map((s) => `"${s}"`));
    if (prefix) options.add(`"${foldAccents(w.word)}"*`);
    return options.size === 1 ? [...options][0] : `(${[...options].join(' OR ')})`;
  });
  return groups.join(opts.mode === 'all' ? ' AND ' : ' OR ');
}

/** The same words as a PostgreSQL tsquery for to_tsquery(config, …): "&" or "|", ":*" for a prefix. */
export function tsQueryText(text: string, opts: { mode: 'all' | 'any'; prefixLast?: boolean }): string {
  const words = searchWords(text);
  return words
    .map((w, i) => `'${w.word.replace(/'/g, '')}'${w.prefix || (opts.prefixLast === true && i === words.length - 1) ? ':*' : ''}`)
    .join(opts.mode === 'all' ? ' & ' : ' | ');
}
