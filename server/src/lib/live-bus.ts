// Live updates between the server processes and the browsers connected to them. Services
// publish after commit; the live module (WebSocket) subscribes and forwards to each
// browser what its actor may see. On PostgreSQL the bus goes through LISTEN/NOTIFY so
// that every process sharing the database hears every change.
import type { FastifyBaseLogger } from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
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

/** After a gap in a process's hearing: every process re-announces its connections' presences. */
export interface RollCallLiveMessage {
  type: 'roll-call';
}

export type LiveMessage = TicketLiveMessage | PresenceLiveMessage | RollCallLiveMessage;
const MESSAGE_TYPES = new Set<string>(['ticket', 'presence', 'roll-call'] satisfies LiveMessage['type'][]);

export interface LiveBus {
  /** Fire and forget: a lost live message costs a browser a refresh, never data. */
  publish(message: LiveMessage): void;
  /**
   * `onGap` runs when this process may have missed messages (its LISTEN connection came
   * back after a loss): whatever its subscribers built from the messages may be stale.
   */
  subscribe(listener: (message: LiveMessage) => void, onGap?: () => void): () => void;
  /** Resolves once messages published from now on reach this process's subscribers. */
  listening(): Promise<void>;
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
    listening: async () => undefined,
    close: async () => listeners.clear(),
  };
}

export const LIVE_CHANNEL = 'guichet_live';
/** NOTIFY payloads must stay under 8000 bytes; ours are a few hundred. */
const MAX_PAYLOAD = 7000;

/** The bus for a database: LISTEN/NOTIFY on PostgreSQL, in-process on SQLite. */
export function createLiveBus(dbHandle: DbHandle, logger: FastifyBaseLogger, opts: { databaseUrl?: string } = {}): LiveBus {
  if (dbHandle.dialect !== 'postgres') return createLocalBus();
  if (!opts.databaseUrl) throw new Error('The PostgreSQL live bus needs the database URL for its LISTEN connection.');
  return createPgBus(dbHandle, logger, opts.databaseUrl);
}

/**
 * Every process publishes with NOTIFY through its pool and hears every message (its own
 * included) on one dedicated LISTEN connection, so that delivery is the same whichever
 * process made the change. The connection opens with the first subscriber, closes with
 * the last, and is reopened with backoff when it drops.
 */
function createPgBus(dbHandle: DbHandle, logger: FastifyBaseLogger, databaseUrl: string): LiveBus {
  const listeners = new Set<(m: LiveMessage) => void>();
  const gapListeners = new Set<() => void>();
  let client: pg.Client | undefined;
  let ready: Promise<void> | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let failures = 0;
  /** Notifications were sent while nobody here listened: tell the subscribers once back. */
  let missed = false;
  let closed = false;

  const deliver = (payload: string | undefined) => {
    let message: LiveMessage;
    try {
      message = JSON.parse(payload ?? '');
    } catch {
      return logger.warn('live bus: unreadable notification dropped');
    }
    if (!MESSAGE_TYPES.has(message?.type)) return;
    for (const l of listeners) notify(() => l(message));
  };
  const notify = (fn: () => void) => {
    try {
      fn();
    } catch (err) {
      logger.error({ err }, 'live bus: subscriber failed');
    }
  };

  const wanted = () => !closed && listeners.size > 0;

  const connect = (): Promise<void> => {
    // Named after the process, so that an operator (or a test) can tell whose LISTEN it is.
    const c = new pg.Client({ connectionString: databaseUrl, application_name: `guichet live ${process.pid}` });
    client = c;
    c.on('notification', (n) => n.channel === LIVE_CHANNEL && deliver(n.payload));
    const lost = (err?: Error) => {
      if (client !== c) return; // already replaced or closed on purpose
      client = undefined;
      ready = undefined;
      c.end().catch(() => undefined);
      if (!wanted()) return;
      missed = true;
      const delay = Math.min(30_000, 250 * 2 ** failures++);
      logger.warn({ err: err?.message, retryInMs: delay }, 'live bus: LISTEN connection lost; browsers miss updates until it is back');
      retryTimer = setTimeout(() => {
        retryTimer = undefined;
        if (wanted()) ready = connect();
      }, delay);
      retryTimer.unref();
    };
    c.on('error', lost);
    c.on('end', () => lost());
    return c
      .connect()
      .then(() => c.query(`listen ${LIVE_CHANNEL}`))
      .then(
        () => {
          failures = 0;
          if (!missed || client !== c) return;
          missed = false;
          logger.info('live bus: LISTEN connection back; browsers resynchronise');
          for (const l of gapListeners) notify(l);
        },
        (err) => lost(err),
      );
  };

  const disconnect = async () => {
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = undefined;
    const c = client;
    client = undefined;
    ready = undefined;
    missed = false;
    await c?.end().catch(() => undefined);
  };

  return {
    publish(message) {
      const payload = JSON.stringify(message);
      if (Buffer.byteLength(payload) > MAX_PAYLOAD) return logger.error({ type: message.type }, 'live bus: message too large, dropped');
      sql`select pg_notify(${LIVE_CHANNEL}, ${payload})`
        .execute(dbHandle.db)
        .catch((err: Error) => logger.warn({ err: err.message }, 'live bus: NOTIFY failed'));
    },
    subscribe(listener, onGap) {
      listeners.add(listener);
      if (onGap) gapListeners.add(onGap);
      if (!client && !retryTimer && !closed) ready = connect();
      return () => {
        listeners.delete(listener);
        if (onGap) gapListeners.delete(onGap);
        if (listeners.size === 0) void disconnect();
      };
    },
    async listening() {
      // Waits through reconnections: resolves when a LISTEN is in place (or nobody listens).
      while (wanted()) {
        if (ready) await ready;
        if (client && !retryTimer) return;
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async close() {
      closed = true;
      listeners.clear();
      gapListeners.clear();
      await disconnect();
    },
  };
}
