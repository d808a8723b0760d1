// The opaque cursor of a list page: where the previous page ended, as base64url JSON.
// Keyset pages carry the last row's sort value and id; ranked searches an offset.
import { ValidationError } from './errors.ts';

export interface PageCursor {
  v?: string; // sort value of the last row
  i?: number; // id of the last row
  o?: number; // offset, for ranked search
}

export function encodeCursor(c: PageCursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

/** A cursor handed back by a client: checked, since it is input like any other. */
export function decodeCursor(s: string | undefined): PageCursor | undefined {
  if (!s) return undefined;
  try {
    const c = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as PageCursor;
    if (typeof c !== 'object' || c === null) throw new Error();
    if (c.o !== undefined && (!Number.isInteger(c.o) || c.o < 0)) throw new Error();
    if (c.i !== undefined && (!Number.isInteger(c.i) || typeof c.v !== 'string')) throw new Error();
    return c;
  } catch {
    throw new ValidationError('cursor is not valid: pass back the nextCursor of a previous page unchanged.');
  }
}
