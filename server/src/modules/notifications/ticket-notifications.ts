// Which mail a change to a ticket causes: planned inside the change's own transaction, so
// that a ticket change and the notifications it owes are committed together or not at all.
import type { Trx } from '../../db/db.ts';
import type { TicketRow } from '../../db/schema.ts';
import type { Actor } from '../../lib/actor.ts';
import type { Deps } from '../../lib/deps.ts';

export interface WrittenEvent {
  id: number;
  kind: string;
  internal: boolean;
  body: string | null;
  data: Record<string, unknown> | null;
}

/** A ticket change as written: the row before (null when just created) and after. */
export interface TicketWritten {
  trx: Trx;
  deps: Deps;
  actor: Actor;
  at: string;
  before: TicketRow | null;
  ticket: TicketRow;
  events: WrittenEvent[];
}

export async function queueTicketNotifications(_w: TicketWritten): Promise<void> {
  // Filled in by the notifications work (planner + templates + outbound queue).
}
