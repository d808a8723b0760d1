// The live WebSocket protocol (/api/v1/live), shared by the server and the web app (no zod
// here: the web bundle imports it). The client messages' schema is in schemas/live.ts.

export type TypingMode = 'reply' | 'note';

/** Browser → server. `watch` is re-sent every PRESENCE_HEARTBEAT_MS while the ticket stays open. */
export type LiveClientMessage =
  | { type: 'watch'; ticketId: number }
  | { type: 'unwatch'; ticketId: number }
  | { type: 'typing'; ticketId: number; mode: TypingMode | null };

/** Someone else on a ticket (another tab of the same agent counts: one per connection). */
export interface LivePresence {
  connectionId: string;
  userId: number;
  name: string;
  state: 'viewing' | 'typing';
  mode?: TypingMode;
}

/**
 * Server → browser. `kinds` is empty for requesters (it could reveal internal work).
 * `resync`: the server may have missed changes (its link to the other processes was down);
 * everything shown may be stale, as after the browser's own reconnection.
 */
export type LiveServerMessage =
  | { type: 'ticket'; ticketId: number; number: number; kinds: string[] }
  | { type: 'presence'; ticketId: number; others: LivePresence[] }
  | { type: 'resync' };

/** A presence lapses this long after its last heartbeat (a tab closed without a goodbye). */
export const PRESENCE_TTL_MS = 40_000;
export const PRESENCE_HEARTBEAT_MS = 15_000;
/** A typing state lapses this long after the last keystroke. */
export const TYPING_IDLE_MS = 5_000;
/** Largest message a browser may send, in bytes. */
export const LIVE_MAX_CLIENT_MESSAGE = 1024;
