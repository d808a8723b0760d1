// Who answers a ticket's satisfaction survey: the requester's side, never the support team
// rating its own work.
import type { Actor } from '../../lib/actor.ts';

/**
 * The actor must already see the ticket. A requester-scoped actor who sees it is its
 * requester or their organisation's manager; staff may rate only a ticket they requested.
 */
export function canRate(actor: Actor, ticket: { requesterId: number }): boolean {
  return ticket.requesterId === actor.userId || actor.scope.kind === 'requester';
}

export const RATEABLE_STATUSES: readonly string[] = ['resolved', 'closed'];
