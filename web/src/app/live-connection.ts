// One WebSocket to /api/v1/live for a signed-in tab, kept up with backoff. It knows which
// tickets this tab watches (and whether it types on them), re-announces them after every
// reconnection and heartbeat, and keeps the presence lists the server sends.
import type { LiveClientMessage, LivePresence, LiveServerMessage, TypingMode } from '../../../common/live.ts';
import { PRESENCE_HEARTBEAT_MS, TYPING_IDLE_MS } from '../../../common/live.ts';

export type LiveStatus = 'connecting' | 'online' | 'offline';

interface Watch {
  count: number;
  mode: TypingMode | null;
  idleTimer?: ReturnType<typeof setTimeout>;
}

export interface LiveHandlers {
  onTicket(ticketId: number): void;
  /** Back after a gap (this tab's connection, or the server's own, was down): whatever changed meanwhile was not heard. */
  onResync(): void;
  /** The server closed the connection because the session ended. */
  onSignedOut(): void;
}

const EMPTY: LivePresence[] = [];
const MAX_BACKOFF_MS = 30_000;

export class LiveConnection {
  private socket?: WebSocket;
  private status: LiveStatus = 'connecting';
  private attempts = 0;
  private hasBeenOnline = false;
  private stopped = false;
  private retryTimer?: ReturnType<typeof setTimeout>;
  private heartbeat?: ReturnType<typeof setInterval>;
  private readonly watches = new Map<number, Watch>();
  private readonly presence = new Map<number, LivePresence[]>();
  private readonly statusListeners = new Set<() => void>();
  private readonly presenceListeners = new Map<number, Set<() => void>>();

  constructor(
    private readonly url: string,
    private readonly handlers: LiveHandlers,
  ) {
    this.open();
  }

  getStatus = (): LiveStatus => this.status;
  onStatus = (listener: () => void) => {
    this.statusListeners.add(listener);
    return () => void this.statusListeners.delete(listener);
  };
  getPresence = (ticketId: number): LivePresence[] => this.presence.get(ticketId) ?? EMPTY;
  onPresence = (ticketId: number, listener: () => void) => {
    let set = this.presenceListeners.get(ticketId);
    if (!set) this.presenceListeners.set(ticketId, (set = new Set()));
    set.add(listener);
    return () => void set.delete(listener);
  };

  /** This tab shows a ticket until the returned function is called. */
  watch(ticketId: number): () => void {
    const existing = this.watches.get(ticketId);
    if (existing) existing.count++;
    else {
      this.watches.set(ticketId, { count: 1, mode: null });
      this.send({ type: 'watch', ticketId });
    }
    return () => {
      const w = this.watches.get(ticketId);
      if (!w || --w.count > 0) return;
      clearTimeout(w.idleTimer);
      this.watches.delete(ticketId);
      this.send({ type: 'unwatch', ticketId });
      this.setPresence(ticketId, EMPTY);
    };
  }

  /** Call on every keystroke with the composer's mode; the state lapses when typing stops. */
  setTyping(ticketId: number, mode: TypingMode | null): void {
    const w = this.watches.get(ticketId);
    if (!w) return;
    clearTimeout(w.idleTimer);
    if (mode) w.idleTimer = setTimeout(() => this.setTyping(ticketId, null), TYPING_IDLE_MS);
    if (w.mode === mode) return;
    w.mode = mode;
    this.send({ type: 'typing', ticketId, mode });
  }

  close(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearInterval(this.heartbeat);
    for (const w of this.watches.values()) clearTimeout(w.idleTimer);
    this.socket?.close(1000);
    this.socket = undefined;
  }

  private open(): void {
    if (this.stopped) return;
    this.setStatus('connecting');
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.onopen = () => {
      this.attempts = 0;
      this.setStatus('online');
      if (this.hasBeenOnline) this.handlers.onResync();
      this.hasBeenOnline = true;
      this.announce(true);
      this.heartbeat = setInterval(() => this.announce(false), PRESENCE_HEARTBEAT_MS);
    };
    socket.onmessage = (event) => this.receive(event.data);
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      clearInterval(this.heartbeat);
      for (const ticketId of this.presence.keys()) this.setPresence(ticketId, EMPTY);
      if (this.stopped) return;
      this.setStatus('offline');
      if (event.code === 4401) return this.handlers.onSignedOut();
      // Exponential backoff with jitter, so that a restarted server is not stampeded.
      const delay = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** this.attempts++) * (0.5 + Math.random() / 2);
      this.retryTimer = setTimeout(() => this.open(), delay);
    };
  }

  /** The watches again, as the presence heartbeat; after connecting, typing states too. */
  private announce(withTyping: boolean): void {
    for (const [ticketId, w] of this.watches) {
      this.send({ type: 'watch', ticketId });
      if (withTyping && w.mode) this.send({ type: 'typing', ticketId, mode: w.mode });
    }
  }

  private receive(data: unknown): void {
    if (typeof data !== 'string') return;
    let message: LiveServerMessage;
    try {
      message = JSON.parse(data);
    } catch {
      return;
    }
    if (message.type === 'ticket') this.handlers.onTicket(message.ticketId);
    else if (message.type === 'resync') this.handlers.onResync();
    else if (message.type === 'presence' && this.watches.has(message.ticketId)) this.setPresence(message.ticketId, message.others);
  }

  private send(message: LiveClientMessage): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  private setStatus(status: LiveStatus): void {
    if (this.status === status) return;
    this.status = status;
    for (const l of this.statusListeners) l();
  }

  private setPresence(ticketId: number, others: LivePresence[]): void {
    if (others.length === 0 && !this.presence.has(ticketId)) return;
    if (others.length === 0) this.presence.delete(ticketId);
    else this.presence.set(ticketId, others);
    for (const l of this.presenceListeners.get(ticketId) ?? []) l();
  }
}
