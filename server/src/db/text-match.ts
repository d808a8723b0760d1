// Case- and accent-insensitive "contains" matching for name searches in admin lists, the
// same on both back ends (SQLite's lower() folds ASCII only).
import { sql, type Expression, type RawBuilder } from 'kysely';
import type { Dialect } from './db.ts';

/** A LIKE pattern matching `text` anywhere, with LIKE's wildcards taken literally. */
export function containsPattern(text: string): string {
  return '%' + text.toLowerCase().replace(/[\\%_]/g, (c) => '\\' + c) + '%';
}

/** Lower case without accents, on both dialects (fold_accents is registered in db.ts). */
export function foldedText(dialect: Dialect, text: Expression<string> | string): RawBuilder<string> {
  return dialect === 'postgres' ? sql<string>`lower(unaccent(${text}))` : sql<string>`fold_accents(${text})`;
}

/** `column` contains `text`, ignoring case and accents. */
export function foldedContains(dialect: Dialect, column: Expression<string>, text: string): RawBuilder<boolean> {
  return sql<boolean>`${foldedText(dialect, column)} like ${foldedText(dialect, containsPattern(text))} escape '\\'`;
}
