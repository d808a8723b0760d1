// "Next ticket": the queue page leaves its URL and its tickets in order in sessionStorage
// (guichet.queueContext); the ticket page goes to the one after the current ticket, or
// back to the queue at the end.
const QUEUE_CONTEXT_KEY = 'guichet.queueContext';

export function nextTicketTarget(currentId: number): string {
  let context: { path?: unknown; ids?: unknown } | null = null;
  try {
    context = JSON.parse(sessionStorage.getItem(QUEUE_CONTEXT_KEY) ?? 'null');
  } catch {
    context = null;
  }
  const path = typeof context?.path === 'string' && context.path.startsWith('/agent') ? context.path : '/agent';
  const ids = Array.isArray(context?.ids) ? context.ids.filter((x): x is number => typeof x === 'number') : [];
  const at = ids.indexOf(currentId);
  const next = at >= 0 ? ids[at + 1] : ids[0];
  return next !== undefined && next !== currentId ? `/agent/tickets/${next}` : path;
}
