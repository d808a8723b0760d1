// Who is on which ticket, as this process has heard it from the bus. Every process keeps
// its own copy, fed by the same messages; entries lapse at their expiresAt unless renewed.
import type { LivePresence } from '../../../../common/live.ts';
import type { PresenceLiveMessage } from '../../lib/live-bus.ts';

export class PresenceTable {
  private readonly byTicket = new Map<number, Map<string, PresenceLiveMessage>>();

  /** Records a message; returns whether the connection was new to this ticket. */
  apply(m: PresenceLiveMessage, now: number): { changed: boolean; isNew: boolean } {
    let entries = this.byTicket.get(m.ticketId);
    const before = entries?.get(m.connectionId);
    if (m.state === 'left' || m.expiresAt <= now) {
      if (!before) return { changed: false, isNew: false };
      entries!.delete(m.connectionId);
      if (entries!.size === 0) this.byTicket.delete(m.ticketId);
      return { changed: true, isNew: false };
    }
    if (!entries) this.byTicket.set(m.ticketId, (entries = new Map()));
    entries.set(m.connectionId, m);
    const changed = !before || before.state !== m.state || before.mode !== m.mode || before.name !== m.name;
    return { changed, isNew: !before };
  }

  /** Drops lapsed entries; returns the tickets whose list changed. */
  sweep(now: number): number[] {
    const changed: number[] = [];
    for (const [ticketId, entries] of this.byTicket) {
      const size = entries.size;
      for (const [id, m] of entries) if (m.expiresAt <= now) entries.delete(id);
      if (entries.size !== size) changed.push(ticketId);
      if (entries.size === 0) this.byTicket.delete(ticketId);
    }
    return changed;
  }

  /** Everyone on a ticket but one connection, earliest first. */
  others(ticketId: number, exceptConnectionId: string, now: number): LivePresence[] {
    const out: LivePresence[] = [];
    for (const m of this.byTicket.get(ticketId)?.values() ?? []) {
      if (m.connectionId === exceptConnectionId || m.expiresAt <= now || m.state === 'left') continue;
      out.push({ connectionId: m.connectionId, userId: m.userId, name: m.name, state: m.state, ...(m.state === 'typing' && m.mode ? { mode: m.mode } : {}) });
    }
    return out;
  }

  /**
   * After a gap in what this process heard: every entry lapses by `at` unless renewed, so
   * that someone who left meanwhile does not linger for a whole TTL.
   */
  expireBy(at: number): void {
    for (const entries of this.byTicket.values()) for (const [id, m] of entries) if (m.expiresAt > at) entries.set(id, { ...m, expiresAt: at });
  }

  clear(): void {
    this.byTicket.clear();
  }
}
