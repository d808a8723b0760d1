// The live hub of one process: its WebSocket connections, the bus messages it forwards to
// each (only what that actor may see), and presence on tickets for collision detection.
// Presence lives on the bus, not here: each process keeps a copy fed by the same
// messages, renewed by heartbeats, so a process can stop or start at any time. When this
// process may have missed messages (its LISTEN came back after a loss), its browsers are
// told to resync and every process re-announces its presences (a roll call).
import crypto from 'node:crypto';
import type { RawData, WebSocket } from 'ws';
import { PRESENCE_TTL_MS, type LiveServerMessage, type TypingMode } from '../../../../common/live.ts';
import { liveClientMessage } from '../../../../common/schemas/live.ts';
import { isStaff, scopeAllows, type Actor } from '../../lib/actor.ts';
import type { Deps } from '../../lib/deps.ts';
import type { LiveMessage, PresenceLiveMessage, TicketLiveMessage } from '../../lib/live-bus.ts';
import { actorFromSession, actorFromToken } from '../auth/auth.service.ts';
import { findTicketAudience } from './live.repo.ts';
import { PresenceTable } from './presence-table.ts';

/** How the connection was authenticated, to check again that it still is. */
export interface LiveCredential {
  kind: 'session' | 'token';
  secret: string;
}

interface Watch {
  state: 'viewing' | 'typing';
  mode?: TypingMode;
}

interface Connection {
  id: string;
  socket: WebSocket;
  actor: Actor;
  credential: LiveCredential;
  watching: Map<number, Watch>;
  isAlive: boolean;
  rate: { since: number; count: number };
}

const KEEPALIVE_MS = 30_000;
const SWEEP_MS = 5_000;
const MAX_WATCHED = 20;
const MAX_MESSAGES_PER_10S = 60;
/** A browser that stops reading must not make the server hold its messages forever. */
const MAX_BUFFERED_BYTES = 1_000_000;
/** After a gap, presences heard before it lapse this soon unless the roll call renews them. */
const ROLL_CALL_GRACE_MS = 2_000;

export interface LiveHub {
  attach(socket: WebSocket, actor: Actor, credential: LiveCredential): void;
  close(): Promise<void>;
}

export function createLiveHub(deps: Deps): LiveHub {
  const connections = new Map<string, Connection>();
  const table = new PresenceTable();
  const now = () => deps.clock.now().getTime();

  const send = (c: Connection, message: LiveServerMessage) => {
    if (c.socket.readyState !== c.socket.OPEN) return;
    if (c.socket.bufferedAmount > MAX_BUFFERED_BYTES) return c.socket.terminate();
    c.socket.send(JSON.stringify(message));
  };
  const sendPresence = (c: Connection, ticketId: number) => send(c, { type: 'presence', ticketId, others: table.others(ticketId, c.id, now()) });
  const publishPresence = (c: Connection, ticketId: number, state: PresenceLiveMessage['state'], mode?: TypingMode) =>
    deps.live.publish({
      type: 'presence',
      ticketId,
      connectionId: c.id,
      userId: c.actor.userId,
      name: c.actor.name.slice(0, 200),
      state,
      ...(state === 'typing' && mode ? { mode } : {}),
      expiresAt: now() + PRESENCE_TTL_MS,
    });

  const onTicket = (m: TicketLiveMessage) => {
    for (const c of connections.values()) {
      if (!scopeAllows(c.actor.scope, m.organisationId, m.requesterId)) continue;
      const staff = isStaff(c.actor.roles);
      if (m.internal && !staff) continue;
      send(c, { type: 'ticket', ticketId: m.ticketId, number: m.number, kinds: staff ? m.kinds : [] });
    }
  };

  const onPresence = (m: PresenceLiveMessage) => {
    const { changed, isNew } = table.apply(m, now());
    if (!changed) return;
    const isRemote = !connections.has(m.connectionId);
    for (const c of connections.values()) {
      const watch = c.watching.get(m.ticketId);
      if (!watch || c.id === m.connectionId) continue;
      sendPresence(c, m.ticketId);
      // A newcomer from another process has not heard of those here yet: they say hello.
      if (isNew && isRemote) publishPresence(c, m.ticketId, watch.state, watch.mode);
    }
  };

  const onRollCall = () => {
    for (const c of connections.values()) for (const [ticketId, watch] of c.watching) publishPresence(c, ticketId, watch.state, watch.mode);
  };

  const onGap = () => {
    table.expireBy(now() + ROLL_CALL_GRACE_MS);
    for (const c of connections.values()) send(c, { type: 'resync' });
    deps.live.publish({ type: 'roll-call' });
  };

  const onMessage = (m: LiveMessage) => (m.type === 'ticket' ? onTicket(m) : m.type === 'presence' ? onPresence(m) : onRollCall());
  const unsubscribe = deps.live.subscribe(onMessage, onGap);

  const maySee = async (actor: Actor, ticketId: number) => {
    const audience = await findTicketAudience(deps.db, ticketId);
    return !!audience && scopeAllows(actor.scope, audience.organisationId, audience.requesterId);
  };

  const isFlooding = (c: Connection) => {
    const t = now();
    if (t - c.rate.since > 10_000) c.rate = { since: t, count: 0 };
    return ++c.rate.count > MAX_MESSAGES_PER_10S;
  };

  const onClientMessage = async (c: Connection, raw: RawData, isBinary: boolean) => {
    if (isBinary) return c.socket.close(1003, 'Text messages only');
    if (isFlooding(c)) return c.socket.close(1008, 'Too many messages');
    let parsed;
    try {
      parsed = liveClientMessage.safeParse(JSON.parse(raw.toString()));
    } catch {
      parsed = undefined;
    }
    if (!parsed?.success) return c.socket.close(1008, 'Invalid message');
    // Presence is among staff only: requesters' watch and typing are ignored.
    if (!isStaff(c.actor.roles)) return;
    const m = parsed.data;
    if (m.type === 'unwatch') {
      if (c.watching.delete(m.ticketId)) publishPresence(c, m.ticketId, 'left');
      return;
    }
    if (!c.watching.has(m.ticketId)) {
      if (m.type === 'typing' || c.watching.size >= MAX_WATCHED) return;
      if (!(await maySee(c.actor, m.ticketId)) || !connections.has(c.id)) return;
      if (!c.watching.has(m.ticketId)) c.watching.set(m.ticketId, { state: 'viewing' });
    }
    const watch = c.watching.get(m.ticketId)!;
    if (m.type === 'typing') {
      watch.state = m.mode ? 'typing' : 'viewing';
      watch.mode = m.mode ?? undefined;
    }
    publishPresence(c, m.ticketId, watch.state, watch.mode);
    if (m.type === 'watch') sendPresence(c, m.ticketId);
  };

  const detach = (c: Connection) => {
    if (!connections.delete(c.id)) return;
    for (const ticketId of c.watching.keys()) publishPresence(c, ticketId, 'left');
    c.watching.clear();
  };

  const reauthenticate = (c: Connection) =>
    c.credential.kind === 'session' ? actorFromSession(deps, c.credential.secret) : actorFromToken(deps, c.credential.secret);

  // Dead sockets are dropped, and a connection whose session ended (signed out, revoked,
  // deactivated) is closed; roles and scope changes apply from here on.
  const keepalive = setInterval(() => {
    for (const c of connections.values()) {
      if (!c.isAlive) {
        c.socket.terminate();
        continue;
      }
      c.isAlive = false;
      c.socket.ping();
      reauthenticate(c).then(
        (actor) => (actor ? (c.actor = actor) : c.socket.close(4401, 'Signed out')),
        (err) => deps.logger.warn({ err }, 'live: could not check a connection'),
      );
    }
  }, KEEPALIVE_MS);
  const sweep = setInterval(() => {
    for (const ticketId of table.sweep(now())) for (const c of connections.values()) if (c.watching.has(ticketId)) sendPresence(c, ticketId);
  }, SWEEP_MS);
  keepalive.unref();
  sweep.unref();

  return {
    attach(socket, actor, credential) {
      const c: Connection = { id: crypto.randomUUID(), socket, actor, credential, watching: new Map(), isAlive: true, rate: { since: now(), count: 0 } };
      connections.set(c.id, c);
      socket.on('pong', () => (c.isAlive = true));
      socket.on('message', (raw, isBinary) => {
        onClientMessage(c, raw, isBinary).catch((err) => {
          deps.logger.error({ err }, 'live: message handling failed');
          socket.close(1011, 'Server error');
        });
      });
      socket.on('close', () => detach(c));
    },
    async close() {
      clearInterval(keepalive);
      clearInterval(sweep);
      for (const c of [...connections.values()]) {
        detach(c);
        c.socket.close(1001, 'Server shutting down');
      }
      unsubscribe();
      table.clear();
    },
  };
}
