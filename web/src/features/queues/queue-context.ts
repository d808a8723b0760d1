// What the queue leaves for other pages, and the render timing it records.

/** The ticket page reads this for its "next ticket" shortcut. */
export const QUEUE_CONTEXT_KEY = 'guichet.queueContext';

/** Remembers the queue (its URL and its tickets in order) the user opens a ticket from. */
export function rememberQueue(ids: readonly number[]): void {
  const path = window.location.pathname + window.location.search;
  try {
    sessionStorage.setItem(QUEUE_CONTEXT_KEY, JSON.stringify({ path, ids }));
  } catch {
    // Storage full or disabled: "next ticket" is a convenience, opening the ticket is not.
  }
}

// The budget: 50 rows on screen within 100 ms of their data arriving. Marked when a page
// arrives, measured once the rows are in the DOM (see TicketTable's layout effect).
let dataPending = false;

export function markQueueData(): void {
  performance.mark('guichet:queue-data');
  dataPending = true;
}

export function measureQueueRender(): void {
  if (!dataPending) return;
  dataPending = false;
  performance.measure('guichet:queue-render', 'guichet:queue-data');
}
