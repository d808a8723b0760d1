// Random ids made in the browser: the anonymous reader's visitor id (one vote per reader)
// and each self-help attempt's session id. crypto.getRandomValues works on plain http too,
// where crypto.randomUUID does not.
const VISITOR_KEY = 'guichet.visitor';

export function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** This browser's visitor id, made once and kept (a fresh one if storage is refused). */
export function visitorId(): string {
  try {
    const kept = localStorage.getItem(VISITOR_KEY);
    if (kept && /^[0-9a-f]{32}$/.test(kept)) return kept;
    const made = randomId();
    localStorage.setItem(VISITOR_KEY, made);
    return made;
  } catch {
    return randomId();
  }
}
