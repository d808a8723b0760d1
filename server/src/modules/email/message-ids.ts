// Message-IDs as we store and compare them: without angle brackets, trimmed, case kept
// (the local part is case-sensitive in theory; the domain rarely differs in practice).
import crypto from 'node:crypto';

/** "<a@b>" → "a@b"; anything that is not an id → null. */
export function normalizeMessageId(value: string | undefined | null): string | null {
  if (!value) return null;
  const m = /<([^<>\s]+)>/.exec(value) ?? /^\s*([^<>\s]+@[^<>\s]+)\s*$/.exec(value);
  return m ? m[1].slice(0, 900) : null;
}

/** Every id in a References / In-Reply-To value (mailparser gives a string or a list). */
export function messageIdList(value: string | string[] | undefined | null): string[] {
  if (!value) return [];
  const text = Array.isArray(value) ? value.join(' ') : value;
  const ids = [...text.matchAll(/<([^<>\s]+)>/g)].map((m) => m[1]);
  if (ids.length) return ids;
  return text.split(/\s+/).filter((s) => /^[^<>\s]+@[^<>\s]+$/.test(s));
}

/** The raw header block (before the first empty line), unfolded, at most 256 KB read. */
export function headerBlock(raw: Buffer): string {
  const limit = Math.min(raw.length, 256 * 1024);
  let end = raw.indexOf('\r\n\r\n');
  if (end < 0 || end > limit) end = raw.indexOf('\n\n');
  if (end < 0 || end > limit) end = limit;
  return raw.subarray(0, end).toString('latin1').replace(/\r?\n[ \t]+/g, ' ');
}

/** One header's first value from a header block (name case-insensitive). */
export function headerValue(block: string, name: string): string | null {
  const re = new RegExp(`^${name}[ \\t]*:[ \\t]*(.*)$`, 'im');
  const m = re.exec(block);
  return m ? m[1].trim() : null;
}

/**
 * The identity a stored message is deduplicated by: its Message-ID, or for a message
 * without one a digest of its bytes (the same bytes delivered twice are the same message).
 */
export function messageIdentity(raw: Buffer): string {
  return normalizeMessageId(headerValue(headerBlock(raw), 'Message-ID')) ?? `${crypto.createHash('sha256').update(raw).digest('hex')}@no-message-id.guichet`;
}

/** "Re: [#1042] Printer" → 1042; the last tag wins when a subject carries several. */
export function subjectTicketNumber(subject: string | undefined | null): number | null {
  if (!subject) return null;
  const tags = [...subject.matchAll(/\[#(\d{1,9})\]/g)];
  return tags.length ? Number(tags[tags.length - 1][1]) : null;
}

/** "support+1042@example.com" → 1042 (the reply address of ticket #1042's mail). */
export function addressTicketNumber(address: string): number | null {
  const m = /^[^+@]+\+(\d{1,9})@/.exec(address);
  return m ? Number(m[1]) : null;
}
