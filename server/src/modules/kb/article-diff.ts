// What changed between two versions of an article: title and summary word by word, the
// body line by line with each changed line pair word by word, and the other fields named.
import { diffLines, diffWordsWithSpace, type ChangeObject } from 'diff';
import type { ArticleDiff, DiffPart } from '../../../../common/schemas/kb.ts';

export interface VersionContent {
  version: number;
  title: string;
  summary: string;
  body: string;
  tags: string[];
  categoryId: number | null;
  language: string;
  audience: string;
}

function toParts(changes: ChangeObject<string>[]): DiffPart[] {
  const parts: DiffPart[] = [];
  for (const c of changes) {
    const op = c.added ? 'insert' : c.removed ? 'delete' : 'equal';
    const last = parts[parts.length - 1];
    if (last && last.op === op) last.text += c.value;
    else if (c.value) parts.push({ op, text: c.value });
  }
  return parts;
}

export function diffWordsParts(a: string, b: string): DiffPart[] {
  return toParts(diffWordsWithSpace(a, b));
}

/** Lines; a run of deleted lines followed by inserted ones is refined word by word. */
export function diffBodyParts(a: string, b: string): DiffPart[] {
  const lines = diffLines(a, b);
  const out: ChangeObject<string>[] = [];
  for (let i = 0; i < lines.length; i++) {
    const c = lines[i];
    const next = lines[i + 1];
    if (c.removed && next?.added) {
      out.push(...diffWordsWithSpace(c.value, next.value));
      i++;
    } else out.push(c);
  }
  return toParts(out);
}

export function diffVersions(from: VersionContent, to: VersionContent): ArticleDiff {
  const changed: string[] = [];
  if (from.tags.join('\u0000') !== to.tags.join('\u0000')) changed.push('tags');
  if (from.categoryId !== to.categoryId) changed.push('category');
  if (from.audience !== to.audience) changed.push('audience');
  if (from.language !== to.language) changed.push('language');
  return {
    from: from.version,
    to: to.version,
    title: diffWordsParts(from.title, to.title),
    summary: diffWordsParts(from.summary, to.summary),
    body: diffBodyParts(from.body, to.body),
    changed,
  };
}
