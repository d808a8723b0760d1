// Which mails a ticket change owes, decided from what was written alone (no database):
//   created                          → ticket_created to the requester (not for auto-submitted mail)
//   public reply by the support team → agent_reply to the requester, CCs copied
//   public reply by anyone else      → agent_new_reply to the assignee (nobody when unassigned)
//   resolution                       → ticket_resolved to the requester, with the survey link
//   a new assignee                   → agent_assigned to them, unless they took it themselves
import type { TemplateKind } from '../../../../common/schemas/email.ts';
import { isStaff } from '../../lib/actor.ts';
import type { TicketWritten, WrittenEvent } from './ticket-notifications.ts';

export type Audience = 'requester' | 'assignee';

export interface PlannedMail {
  kind: TemplateKind;
  audience: Audience;
  /** Copy the ticket's CCs. */
  withCcs: boolean;
  /** The event the mail tells about (its body, its id on the outbound row). */
  event: WrittenEvent | null;
}

/** The inbound message an event came from, when it came by mail. */
export function emailOf(e: WrittenEvent): { inboundId?: number; auto?: boolean } | null {
  const email = e.data?.email;
  return email && typeof email === 'object' ? (email as { inboundId?: number; auto?: boolean }) : null;
}

export function planNotifications(w: Pick<TicketWritten, 'actor' | 'before' | 'ticket' | 'events'>): PlannedMail[] {
  const plans: PlannedMail[] = [];
  // A person of the support team (in the app, or writing by mail), not Guichet itself.
  const byAgent = isStaff(w.actor.roles) && w.actor.userId > 0;
  const assignee = w.ticket.assignee_id;
  for (const e of w.events) {
    if (e.kind === 'created' && w.before === null && !emailOf(e)?.auto) {
      plans.push({ kind: 'ticket_created', audience: 'requester', withCcs: false, event: e });
    } else if (e.kind === 'reply' && !e.internal) {
      if (byAgent) plans.push({ kind: 'agent_reply', audience: 'requester', withCcs: true, event: e });
      else if (assignee !== null && assignee !== w.actor.userId) plans.push({ kind: 'agent_new_reply', audience: 'assignee', withCcs: false, event: e });
    } else if (e.kind === 'resolution') {
      plans.push({ kind: 'ticket_resolved', audience: 'requester', withCcs: false, event: e });
    }
  }
  if (assignee !== null && assignee !== (w.before?.assignee_id ?? null) && assignee !== w.actor.userId) {
    const event = w.events.find((e) => e.kind === 'assignment') ?? null;
    plans.push({ kind: 'agent_assigned', audience: 'assignee', withCcs: false, event });
  }
  return plans;
}
