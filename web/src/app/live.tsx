// Live updates (owned by the live feature): one WebSocket per signed-in tab to
// /api/v1/live. Ticket messages invalidate the matching queries; presence tells who else
// is viewing or typing on a ticket.
import type { ReactNode } from 'react';

export interface Presence {
  connectionId: string;
  userId: number;
  name: string;
  state: 'viewing' | 'typing';
  mode?: 'reply' | 'note';
}

export function LiveProvider({ children }: { children: ReactNode }) {
  return <>{children}</>;
}

/** Others on this ticket now; call setTyping('reply' | 'note' | null) as the composer changes. */
export function usePresence(_ticketId: number): { others: Presence[]; setTyping(mode: 'reply' | 'note' | null): void } {
  return { others: [], setTyping: () => undefined };
}

/** Whether the live connection is up (shown discreetly in the top bar). */
export function useLiveStatus(): 'connecting' | 'online' | 'offline' {
  return 'offline';
}
