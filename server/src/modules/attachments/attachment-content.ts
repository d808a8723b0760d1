// Pure rules for what goes in and out of attachment storage: file names, content types and
// the response headers of a download. No I/O here, so all of it is unit-tested.

const FALLBACK_NAME = 'attachment';
export const MAX_FILENAME_LENGTH = 255;

// C0/C1 controls and DEL, lone surrogates (not encodable in a header), and the
// bidirectional overrides used to disguise an extension ("invoice\u202Efdp.exe" shows as
// "invoiceexe.pdf").
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]|\p{Cs}/gu;

/** The last path segment of a client's file name, without controls, capped at 255 characters (Unicode kept). */
export function sanitizeFilename(raw: string | undefined): string {
  const base = (raw ?? '').normalize('NFC').split(/[/\\]/).pop() ?? '';
  const name = base.replace(UNSAFE_CHARS, '').trim();
  if (name === '' || name === '.' || name === '..') return FALLBACK_NAME;
  const chars = Array.from(name); // code points: never split a surrogate pair
  if (chars.length <= MAX_FILENAME_LENGTH) return name;
  // Too long: shorten the stem and keep a plausible extension.
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? Array.from(name.slice(dot)) : [];
  const keepExt = ext.length > 1 && ext.length <= 16 ? ext : [];
  return chars.slice(0, MAX_FILENAME_LENGTH - keepExt.length).join('').trimEnd() + keepExt.join('');
}

const OCTET_STREAM = 'application/octet-stream';
const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,63}$/;

/** A declared type reduced to a lower-case "type/subtype", or octet-stream when malformed. */
export function normalizeContentType(declared: string | undefined): string {
  const bare = (declared ?? '').split(';')[0].trim().toLowerCase();
  return MEDIA_TYPE.test(bare) ? bare : OCTET_STREAM;
}

/** Image types a browser may show inline: raster formats that carry no script. */
export const INLINE_IMAGE_TYPES: ReadonlySet<string> = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

const startsWith = (head: Uint8Array, bytes: number[], at = 0) => bytes.every((b, i) => head[at + i] === b);
const ascii = (s: string) => Array.from(s, (c) => c.charCodeAt(0));

/** The type that the first bytes prove, for the few formats with an unambiguous signature. */
export function sniffContentType(head: Uint8Array): string | null {
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(head, ascii('GIF87a')) || startsWith(head, ascii('GIF89a'))) return 'image/gif';
  if (startsWith(head, ascii('RIFF')) && startsWith(head, ascii('WEBP'), 8)) return 'image/webp';
  if (startsWith(head, ascii('%PDF-'))) return 'application/pdf';
  return null;
}

/** Bytes of a file's start that sniffContentType looks at. */
export const SNIFF_BYTES = 16;

/**
 * The type to store. The client's declaration is a hint: a proven signature wins, and a
 * claim to be an inline-safe image that the bytes do not back is dropped.
 */
export function chooseContentType(declared: string | undefined, head: Uint8Array): string {
  const sniffed = sniffContentType(head);
  if (sniffed) return sniffed;
  const type = normalizeContentType(declared);
  return INLINE_IMAGE_TYPES.has(type) ? OCTET_STREAM : type;
}

// Anything a browser could run or render as a document on our origin: HTML, XML (and
// every +xml such as SVG, XHTML, RSS), scripts, style sheets, WebAssembly, Flash,
// multipart streams.
const ACTIVE_CONTENT = /html|xml|script|svg|xsl|css|wasm|flash|cache-manifest|^multipart\//;

/** The Content-Type a download is served with: the stored one unless it is active content. */
export function servedContentType(stored: string): string {
  const type = normalizeContentType(stored);
  return ACTIVE_CONTENT.test(type) ? OCTET_STREAM : type;
}

/** RFC 6266 Content-Disposition with an ASCII fallback and the exact UTF-8 name (RFC 8187). */
export function contentDisposition(disposition: 'inline' | 'attachment', filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]|["\\%]/gu, '_');
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
  return `${disposition}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

export function etagOf(sha256: string): string {
  return `"${sha256}"`;
}

/** Whether an If-None-Match header matches this entity tag (weak comparison, RFC 9110). */
export function ifNoneMatchHits(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}

/** The headers of a download, minus Content-Length (taken from the file itself). */
export function downloadHeaders(a: { filename: string; contentType: string; sha256: string }, wantsInline: boolean): Record<string, string> {
  const type = servedContentType(a.contentType);
  const inline = wantsInline && INLINE_IMAGE_TYPES.has(type);
  return {
    'content-type': type,
    'content-disposition': contentDisposition(inline ? 'inline' : 'attachment', a.filename),
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; sandbox",
    'cache-control': 'private, no-cache',
    etag: etagOf(a.sha256),
  };
}
