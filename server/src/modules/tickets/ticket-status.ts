// The ticket lifecycle as a pure state machine. Open statuses move freely among themselves
// and straight to resolved (a first-contact resolution); resolved goes to closed or back to
// work on reopen; closed is final.
import { OPEN_STATUSES, type TicketStatus } from '../../../../common/enums.ts';

export function isOpen(status: TicketStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

export type TransitionCheck = { ok: true; isReopen: boolean } | { ok: false; reason: string };

export function checkTransition(from: TicketStatus, to: TicketStatus): TransitionCheck {
  if (from === to) return { ok: false, reason: `The ticket is already ${label(to)}.` };
  if (isOpen(from) && (isOpen(to) || to === 'resolved')) return { ok: true, isReopen: false };
  if (from === 'resolved' && to === 'closed') return { ok: true, isReopen: false };
  if (from === 'resolved' && isOpen(to)) return { ok: true, isReopen: true };
  if (from === 'closed') return { ok: false, reason: 'A closed ticket is final; open a new ticket instead.' };
  if (to === 'closed') return { ok: false, reason: `Only a resolved ticket can be closed; this one is ${label(from)}. Resolve it first.` };
  return { ok: false, reason: `A ticket cannot move from ${label(from)} to ${label(to)}.` };
}

/** Where a ticket goes when it is put back to work (reopen, or escalation to a new team). */
export function workingStatus(hasAssignee: boolean): TicketStatus {
  return hasAssignee ? 'in_progress' : 'new';
}

function label(s: TicketStatus): string {
  return s.replace('_', ' ');
}
