// Live updates between the server processes and the browsers connected to them. Services
// publish after commit; the live module (WebSocket) subscribes and forwards to each
// browser what its actor may see. On PostgreSQL the bus goes through LISTEN/NOTIFY so
// that every process sharing the database hears every change.
import type { FastifyBaseLogger } from 'fastify';
import type { DbHandle } from '../db/db.ts';

/** A ticket was created or changed: browsers refetch what they show of it. */
export interface TicketLiveMessage {
  type: 'ticket';
  ticketId: number;
  number: number;
  organisationId: number | null;
  requesterId: number;
  groupId: number | null;
  assigneeId: number | null;
  /** Timeline kinds written by the change ('created', 'reply', 'note', 'assignment'…). */
  kinds: string[];
  /** True when everything in the change is internal (hidden from requesters). */
  internal: boolean;
  actorId: number | null;
}

/** An agent viewing or typing on a ticket (collision detection). Expires unless renewed. */
export interface PresenceLiveMessage {
  type: 'presence';
  ticketId: number;
  /** One per browser tab, so that the same agent in two tabs is two presences. */
  connectionId: string;
  userId: number;
  name: string;
  state: 'viewing' | 'typing' | 'left';
  mode?: 'reply' | 'note';
  /** ms since epoch when this presence lapses unless renewed. */
  expiresAt: number;
}

export type LiveMessage = TicketLiveMessage | PresenceLiveMessage;

export interface LiveBus {
  /** Fire and forget: a lost live message costs a browser a refresh, never data. */
  publish(message: LiveMessage): void;
  subscribe(listener: (message: LiveMessage) => void): () => void;
  close(): Promise<void>;
}

/** One process: messages go straight to this process's subscribers. */
export function createLocalBus(): LiveBus {
  const listeners = new Set<(m: LiveMessage) => void>();
  return {
    publish(message) {
      for (const l of listeners) queueMicrotask(() => l(message));
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: async () => listeners.clear(),
  };
}

export function createLiveBus(dbHandle: DbHandle, _logger: FastifyBaseLogger): LiveBus {
  // TODO(live): PostgreSQL LISTEN/NOTIFY fan-out.
  void dbHandle;
  return createLocalBus();
}
