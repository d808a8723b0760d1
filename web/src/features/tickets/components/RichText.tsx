// User text (ticket bodies, replies, notes, email text) shown as text, never as HTML: React
// escapes it, CSS keeps its line breaks, and http(s) addresses become plain links.
import type { ReactNode } from 'react';

const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"'`]+/gi;
// Punctuation that ends a sentence rather than the address.
const TRAILING = /[.,;:!?)\]}]+$/;

function safeHref(candidate: string): string | null {
  try {
    const url = new URL(candidate);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

export function linkify(text: string): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  for (const m of text.matchAll(URL_IN_TEXT)) {
    const raw = m[0].replace(TRAILING, '');
    const href = safeHref(raw);
    if (!href) continue;
    const at = m.index ?? 0;
    if (at > last) out.push(text.slice(last, at));
    out.push(
      <a key={at} href={href} rel="noopener noreferrer nofollow">
        {raw}
      </a>,
    );
    last = at + raw.length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

export function RichText({ text, className }: { text: string; className?: string }) {
  return <div className={`ticket-text${className ? ` ${className}` : ''}`}>{linkify(text)}</div>;
}
