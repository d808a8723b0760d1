// Live updates (owned by the live feature): one WebSocket per signed-in tab to
// /api/v1/live. Ticket messages invalidate the matching queries; presence tells who else
// is viewing or typing on a ticket.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, useSyncExternalStore, type ReactNode } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { LivePresence, TypingMode } from '../../../common/live.ts';
import { useSession } from './session.tsx';
import { queryKeys } from './query-keys.ts';
import { LiveConnection, type LiveStatus } from './live-connection.ts';

export type Presence = LivePresence;

const Ctx = createContext<LiveConnection | null>(null);
const NOBODY: Presence[] = [];
const noop = () => undefined;
/** Changes arriving together (a bulk action) cost one refetch per query, not one each. */
const BATCH_MS = 200;

function liveUrl(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/v1/live`;
}

function invalidator(queryClient: QueryClient) {
  const pending = new Set<number>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    timer = undefined;
    for (const key of [queryKeys.tickets, queryKeys.counts, queryKeys.supervisor]) void queryClient.invalidateQueries({ queryKey: key });
    for (const id of pending) {
      void queryClient.invalidateQueries({ queryKey: queryKeys.ticket(id) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.timeline(id) });
    }
    pending.clear();
  };
  return {
    ticket(id: number) {
      pending.add(id);
      timer ??= setTimeout(flush, BATCH_MS);
    },
    cancel: () => clearTimeout(timer),
  };
}

export function LiveProvider({ children }: { children: ReactNode }) {
  const { me } = useSession();
  const queryClient = useQueryClient();
  const [connection, setConnection] = useState<LiveConnection | null>(null);
  const userId = me?.id;

  useEffect(() => {
    if (userId === undefined) return;
    const refresh = invalidator(queryClient);
    const c = new LiveConnection(liveUrl(), {
      onTicket: refresh.ticket,
      // Messages were missed while away: everything shown may be stale.
      onResync: () => void queryClient.invalidateQueries(),
      // Active queries refetch, meet the 401 and take the session-expired path.
      onSignedOut: () => void queryClient.invalidateQueries(),
    });
    setConnection(c);
    return () => {
      refresh.cancel();
      c.close();
      setConnection(null);
    };
  }, [userId, queryClient]);

  return <Ctx.Provider value={connection}>{children}</Ctx.Provider>;
}

/**
 * Others on this ticket now (watched while mounted). Call setTyping(mode) on every
 * keystroke in the composer (null when it is emptied or sent): the typing state lapses
 * TYPING_IDLE_MS after the last call with a mode.
 */
export function usePresence(ticketId: number): { others: Presence[]; setTyping(mode: 'reply' | 'note' | null): void } {
  const connection = useContext(Ctx);
  const subscribe = useCallback((listener: () => void) => connection?.onPresence(ticketId, listener) ?? noop, [connection, ticketId]);
  const others = useSyncExternalStore(subscribe, () => connection?.getPresence(ticketId) ?? NOBODY);
  useEffect(() => (connection && ticketId > 0 ? connection.watch(ticketId) : undefined), [connection, ticketId]);
  const setTyping = useCallback((mode: TypingMode | null) => connection?.setTyping(ticketId, mode), [connection, ticketId]);
  return useMemo(() => ({ others, setTyping }), [others, setTyping]);
}

/** Whether the live connection is up (shown discreetly in the top bar). */
export function useLiveStatus(): LiveStatus {
  const connection = useContext(Ctx);
  const subscribe = useCallback((listener: () => void) => connection?.onStatus(listener) ?? noop, [connection]);
  return useSyncExternalStore(subscribe, () => connection?.getStatus() ?? 'offline');
}
