// Which mail a change to a ticket causes: planned inside the change's own transaction, so
// that a ticket change and the notifications it owes are committed together or not at all.
import type { Trx } from '../../db/db.ts';
import type { TicketRow } from '../../db/schema.ts';
import type { Actor } from '../../lib/actor.ts';
import type { Deps } from '../../lib/deps.ts';
import { planNotifications } from './notification-plan.ts';
import { queuePlannedMails } from './outbound-compose.ts';

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

/**
 * Queues the mail a change owes (see notification-plan.ts). Without a relay nothing is
 * queued, and a change that owes no mail costs no query: ticket writes stay cheap.
 */
export async function queueTicketNotifications(w: TicketWritten): Promise<void> {
  if (!w.deps.config.mail.relayUrl) return;
  const plans = planNotifications(w);
  if (plans.length === 0) return;
  await queuePlannedMails(w, plans);
}
