// Working a ticket: update, reply and note, assign, escalate, resolve, close, reopen. Each
// action is one transaction through changeTicket (ticket-change.ts).
import type {
  AssignInput,
  EscalateInput,
  ReplyInput,
  ResolutionInput,
  Ticket,
  UpdateTicketInput,
} from '../../../../common/schemas/tickets.ts';
import type { TicketStatus } from '../../../../common/enums.ts';
import type { Deps } from '../../lib/deps.ts';
import { isStaff, type Actor } from '../../lib/actor.ts';
import { Conflict, Forbidden, Unprocessable } from '../../lib/errors.ts';
import { getPriorityMatrix } from '../settings/settings.service.ts';
import { filesOfMessage } from '../attachments/attachments.service.ts';
import { derivePriority, priorityFromLabel } from './priority-matrix.ts';
import { changeAssignment, changeStatus, changeTicket, requireStaff, set, type TicketChange } from './ticket-change.ts';
import { isOpen, workingStatus } from './ticket-status.ts';
import { getTicket, resolveCategory } from './tickets.service.ts';
import * as repo from './tickets.repo.ts';
import type { TicketRow } from '../../db/schema.ts';

const FIELD_COLUMNS = {
  title: 'title',
  description: 'description',
  type: 'type',
  channel: 'channel',
  impact: 'impact',
  urgency: 'urgency',
} as const satisfies Record<string, keyof TicketRow>;

export async function updateTicket(deps: Deps, actor: Actor, id: number, input: UpdateTicketInput): Promise<Ticket> {
  requireStaff(actor, 'edit a ticket');
  await changeTicket(deps, actor, id, 'ticket.update', async (c) => {
    if (c.row.status === 'closed') throw new Conflict('A closed ticket is final and cannot be edited.');
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    const change = <K extends keyof TicketRow>(field: string, col: K, value: TicketRow[K]) => {
      if (c.row[col] === value) return;
      changes[field] = { from: c.row[col], to: value };
      set(c, col, value);
    };
    for (const [field, col] of Object.entries(FIELD_COLUMNS)) {
      const value = input[field as keyof typeof FIELD_COLUMNS];
      if (value !== undefined) change(field, col, value as never);
    }
    if (input.category !== undefined) change('category', 'category_id', await resolveCategory(c.trx, input.category));
    await applyPriority(c, input, change);
    if (input.resolution) {
      for (const [f, v] of Object.entries(input.resolution)) if (v !== undefined) change(`resolution.${f}`, `resolution_${f}` as keyof TicketRow, v as never);
    }
    if (Object.keys(changes).length) c.events.push({ kind: 'field', internal: true, data: { changes, reason: input.priorityReason ?? null } });
    if (input.groupId !== undefined || input.assigneeId !== undefined) {
      await changeAssignment(c, { groupId: input.groupId, assigneeId: input.assigneeId });
    }
    if (input.status !== undefined && input.status !== c.row.status) {
      await changeStatus(c, input.status, { pendingReason: input.pendingReason });
    } else if (input.pendingReason !== undefined) {
      if (c.row.status !== 'pending') throw new Unprocessable('pendingReason only applies to a pending ticket; send "status": "pending" with it.');
      await changeStatus(c, 'pending', { pendingReason: input.pendingReason });
    }
  });
  return getTicket(deps, actor, id);
}

/**
 * Priority follows the matrix unless overridden. An override needs a reason and sticks
 * through later impact/urgency changes until it is cleared with "priority": null.
 */
async function applyPriority(
  c: TicketChange,
  input: UpdateTicketInput,
  change: <K extends keyof TicketRow>(field: string, col: K, value: TicketRow[K]) => void,
) {
  if (input.priority) {
    if (!input.priorityReason) throw new Unprocessable('Overriding the priority needs a priorityReason, recorded on the ticket.');
    change('priority', 'priority', priorityFromLabel(input.priority));
    change('priorityOverridden', 'is_priority_overridden', 1);
    change('priorityReason', 'priority_reason', input.priorityReason);
    return;
  }
  if (input.priorityReason && input.priority === undefined) throw new Unprocessable('priorityReason goes with a "priority" override.');
  if (input.priority === null) {
    change('priorityOverridden', 'is_priority_overridden', 0);
    change('priorityReason', 'priority_reason', null);
  }
  if (c.row.is_priority_overridden === 0) {
    const derived = derivePriority(await getPriorityMatrix(c.trx), c.row.impact, c.row.urgency);
    change('priority', 'priority', derived);
  }
}

export async function addReply(deps: Deps, actor: Actor, id: number, input: ReplyInput): Promise<Ticket> {
  const staff = isStaff(actor.roles);
  if (!staff && (input.internal || input.status)) throw new Forbidden('Internal notes and status changes are for the support team.');
  await changeTicket(deps, actor, id, input.internal ? 'ticket.note' : 'ticket.reply', (c) => applyReply(c, input));
  return getTicket(deps, actor, id);
}

/**
 * A reply or note on the locked ticket, with its effect on the status: a requester's
 * answer brings a pending ticket back to work and reopens a resolved one; an agent's first
 * public reply is the first response. `extra` adds detail to the event (e.g. the email).
 */
export async function applyReply(c: TicketChange, input: ReplyInput, extra: { data?: Record<string, unknown>; keepStatus?: boolean } = {}): Promise<void> {
  const staff = isStaff(c.actor.roles);
  const status = c.row.status as TicketStatus;
  if (status === 'closed') throw new Conflict('This ticket is closed; open a new ticket and mention its number.');
  // Files uploaded beforehand travel with the message (its mail carries them).
  const files = await filesOfMessage(c.trx, c.actor, c.row.id, input.attachmentIds ?? [], input.internal);
  const data = { ...extra.data, ...(files.length ? { attachments: files } : {}) };
  c.events.push({ kind: input.internal ? 'note' : 'reply', internal: input.internal, body: input.body, ...(Object.keys(data).length ? { data } : {}) });
  if (input.internal) {
    if (input.status) await changeStatus(c, input.status, { pendingReason: input.pendingReason });
    return;
  }
  const hasAssignee = c.row.assignee_id !== null;
  if (!staff) {
    // The requester answered: a pending ticket goes back to work, a resolved one reopens.
    if (extra.keepStatus) return;
    if (status === 'pending' || status === 'resolved') await changeStatus(c, workingStatus(hasAssignee), { note: status === 'resolved' ? input.body : undefined });
    return;
  }
  if (!c.row.first_response_at) set(c, 'first_response_at', c.at);
  const next = input.status ?? (hasAssignee && (status === 'new' || status === 'assigned') ? 'in_progress' : undefined);
  if (next && next !== status) await changeStatus(c, next, { pendingReason: input.pendingReason });
}

export async function assignTicket(deps: Deps, actor: Actor, id: number, input: AssignInput): Promise<Ticket> {
  requireStaff(actor, 'assign a ticket');
  const takeIt = input.assigneeId === undefined && input.groupId === undefined;
  await changeTicket(deps, actor, id, 'ticket.assign', async (c) => {
    if (!isOpen(c.row.status as TicketStatus)) throw new Conflict(`A ${c.row.status} ticket cannot be reassigned; reopen it first.`);
    await changeAssignment(c, takeIt ? { assigneeId: actor.userId } : input);
  });
  return getTicket(deps, actor, id);
}

export async function escalateTicket(deps: Deps, actor: Actor, id: number, input: EscalateInput): Promise<Ticket> {
  requireStaff(actor, 'escalate a ticket');
  await changeTicket(deps, actor, id, 'ticket.escalate', async (c) => {
    if (!isOpen(c.row.status as TicketStatus)) throw new Conflict(`Only an open ticket can be escalated; this one is ${c.row.status}.`);
    const target = await escalationTarget(c, input);
    if (target.tier < c.row.tier) {
      throw new Conflict(`Escalation goes up: the ticket is at tier ${c.row.tier}. To hand it back to tier ${target.tier}, assign it to that group.`);
    }
    await applyEscalation(c, target, input.note);
  });
  return getTicket(deps, actor, id);
}

/** Hands the locked ticket to a higher-tier group with its hand-off note (agents, SLA actions, tier rules). */
export async function applyEscalation(c: TicketChange, target: { id: number; name: string; tier: number }, note: string): Promise<void> {
  if (target.id === c.row.group_id) throw new Conflict(`The ticket is already with ${target.name}.`);
  const fromGroup = c.row.group_id === null ? null : await repo.findGroup(c.trx, c.row.group_id);
  const from = { tier: c.row.tier, group: fromGroup ? { id: fromGroup.id, name: fromGroup.name } : null };
  set(c, 'group_id', target.id);
  set(c, 'tier', target.tier);
  set(c, 'assignee_id', null);
  set(c, 'escalation_count', c.row.escalation_count + 1);
  const fromStatus = c.row.status;
  if (fromStatus !== 'new') {
    set(c, 'status', 'new');
    set(c, 'pending_reason', null);
  }
  c.events.push({
    kind: 'escalation',
    internal: true,
    body: note,
    data: { from, to: { tier: target.tier, group: { id: target.id, name: target.name } }, status: { from: fromStatus, to: 'new' } },
  });
}

async function escalationTarget(c: TicketChange, input: EscalateInput) {
  if (input.groupId !== undefined) {
    const group = await repo.findGroup(c.trx, input.groupId);
    if (!group) throw new Unprocessable(`Group ${input.groupId} does not exist.`);
    if (input.tier !== undefined && input.tier !== group.tier) throw new Unprocessable(`${group.name} is a tier ${group.tier} group, not tier ${input.tier}.`);
    return group;
  }
  const groups = await repo.findGroupsAtTier(c.trx, input.tier!);
  if (groups.length === 0) throw new Unprocessable(`No group works at tier ${input.tier}; create one first.`);
  if (groups.length > 1) throw new Unprocessable(`Tier ${input.tier} has several groups (${groups.map((g) => `${g.name} #${g.id}`).join(', ')}): name one with groupId.`);
  return groups[0];
}

export async function resolveTicket(deps: Deps, actor: Actor, id: number, record: ResolutionInput): Promise<Ticket> {
  requireStaff(actor, 'resolve a ticket');
  await changeTicket(deps, actor, id, 'ticket.resolve', (c) => applyResolution(c, record));
  return getTicket(deps, actor, id);
}

/** Writes the resolution record and moves the ticket to resolved. */
export async function applyResolution(c: TicketChange, record: ResolutionInput): Promise<void> {
  set(c, 'resolution_symptoms', record.symptoms);
  set(c, 'resolution_diagnosis', record.diagnosis);
  set(c, 'resolution_actions', record.actions);
  set(c, 'resolution_result', record.result);
  set(c, 'resolution_code', record.code ?? null);
  await changeStatus(c, 'resolved');
}

/** Closing: staff, the requester accepting the resolution, or the auto-close job. */
export async function closeTicket(deps: Deps, actor: Actor, id: number, note?: string): Promise<Ticket> {
  await changeTicket(deps, actor, id, 'ticket.close', (c) => changeStatus(c, 'closed', { note }));
  return getTicket(deps, actor, id);
}

export async function reopenTicket(deps: Deps, actor: Actor, id: number, reason?: string): Promise<Ticket> {
  await changeTicket(deps, actor, id, 'ticket.reopen', async (c) => {
    if (c.row.status !== 'resolved') {
      throw new Conflict(c.row.status === 'closed' ? 'A closed ticket is final; open a new ticket instead.' : `The ticket is ${c.row.status.replace('_', ' ')}, not resolved: there is nothing to reopen.`);
    }
    await changeStatus(c, workingStatus(c.row.assignee_id !== null), { note: reason });
  });
  return getTicket(deps, actor, id);
}

