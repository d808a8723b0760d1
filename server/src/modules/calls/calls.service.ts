// A phone call logged in one step, in one transaction: the ticket is opened on the phone
// channel for the caller (found or created) and, when the call solved the problem, resolved
// at once, which records a first-contact resolution.
import type { LogCallInput } from '../../../../common/schemas/calls.ts';
import type { CreateTicketInput, Ticket } from '../../../../common/schemas/tickets.ts';
import type { Deps } from '../../lib/deps.ts';
import type { Actor } from '../../lib/actor.ts';
import { isoNow } from '../../lib/clock.ts';
import { batchedTransaction } from '../../lib/write-batch.ts';
import { changeTicketIn, requireStaff, type TicketChange } from '../tickets/ticket-change.ts';
import { applyResolution } from '../tickets/ticket-workflow.service.ts';
import { getTicket, openTicketIn, publishTicketCreated } from '../tickets/tickets.service.ts';
import { isGroupMember } from '../tickets/tickets.repo.ts';

export async function logCall(deps: Deps, actor: Actor, input: LogCallInput): Promise<Ticket> {
  requireStaff(actor, 'log a phone call');
  const at = isoNow(deps.clock);
  const ticket: CreateTicketInput = {
    title: input.title,
    description: input.notes,
    ...('id' in input.caller ? { requesterId: input.caller.id } : { requester: input.caller }),
    type: input.type,
    category: input.category,
    impact: input.impact,
    urgency: input.urgency,
    channel: 'phone',
    groupId: input.groupId,
  };
  const { id, resolved } = await batchedTransaction(deps, async (trx) => {
    // Whoever solved the call on the spot owns the ticket, when the chosen group allows it.
    const resolution = input.resolution;
    const mayOwn = resolution && (input.groupId == null || (await isGroupMember(trx, input.groupId, actor.userId)));
    const ticketId = await openTicketIn(trx, deps, actor, { ...ticket, assigneeId: mayOwn ? actor.userId : undefined }, at);
    const change: TicketChange | undefined = resolution
      ? await changeTicketIn(trx, deps, actor, ticketId, 'ticket.resolve', (c) => applyResolution(c, resolution))
      : undefined;
    return { id: ticketId, resolved: change };
  });
  const result = await getTicket(deps, actor, id);
  // One message after commit for both steps.
  publishTicketCreated(deps, result, actor, resolved?.events.map((e) => e.kind));
  return result;
}
