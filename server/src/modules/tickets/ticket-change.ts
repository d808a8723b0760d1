// One change to one ticket, inside one transaction: the row is locked, the rules applied
// through the primitives below, then the row, its timeline events and the audit entry are
// written together.
import type { TicketStatus, PendingReason } from '../../../../common/enums.ts';
import type { Trx } from '../../db/db.ts';
import type { TicketRow, TicketUpdate } from '../../db/schema.ts';
import type { Deps } from '../../lib/deps.ts';
import { isStaff, scopeAllows, type Actor } from '../../lib/actor.ts';
import { isoNow } from '../../lib/clock.ts';
import { recordAudit } from '../../lib/audit.ts';
import { Conflict, Forbidden, NotFound, Unprocessable } from '../../lib/errors.ts';
import { checkTransition } from './ticket-status.ts';
import * as repo from './tickets.repo.ts';
import { queueTicketNotifications, type WrittenEvent } from '../notifications/ticket-notifications.ts';
import type { SlaClock } from '../sla/sla-clock.ts';
import { reconcileClock } from '../sla/sla.service.ts';
import { acknowledgePagesOfTicket, pageOnCallIfNeeded } from '../oncall/paging.ts';

export interface TicketChange {
  trx: Trx;
  deps: Deps;
  actor: Actor;
  at: string;
  /** The ticket as it will be once the change is written. */
  row: TicketRow;
  before: TicketRow;
  patch: TicketUpdate;
  events: PendingEvent[];
  action: string;
  /** The SLA clock when the change already loaded it (the scheduler does). */
  sla?: SlaClock;
}

export type PendingEvent = Omit<repo.NewEvent, 'ticketId' | 'at' | 'authorId'> & {
  /** Runs once the event row exists, in the same transaction (e.g. to link rows to it). */
  afterInsert?: (trx: Trx, eventId: number) => Promise<void>;
};

export function notVisible(id: number): NotFound {
  return new NotFound(`Ticket ${id} does not exist or is not visible to you.`);
}

export function set<K extends keyof TicketRow>(c: TicketChange, key: K, value: TicketRow[K]): void {
  c.row[key] = value;
  (c.patch as Record<string, unknown>)[key] = value;
}

/** Runs `apply` on the locked ticket and writes the result, in its own transaction. */
export async function changeTicket(
  deps: Deps,
  actor: Actor,
  id: number,
  action: string,
  apply: (c: TicketChange) => Promise<void> | void,
): Promise<void> {
  const written = await deps.db.transaction().execute((trx) => changeTicketIn(trx, deps, actor, id, action, apply));
  if (written) publishTicketChange(deps, written.row, written.events, actor);
}

/**
 * The same inside a transaction the caller owns (e.g. open and resolve a phone call at
 * once). Returns the change written, or undefined when nothing changed; publishing it
 * after commit is the caller's job.
 */
export async function changeTicketIn(
  trx: Trx,
  deps: Deps,
  actor: Actor,
  id: number,
  action: string,
  apply: (c: TicketChange) => Promise<void> | void,
): Promise<TicketChange | undefined> {
  const row = await repo.lockTicket(trx, deps.dialect, id);
  if (!row || !scopeAllows(actor.scope, row.organisation_id, row.requester_id)) throw notVisible(id);
  const c: TicketChange = { trx, deps, actor, at: isoNow(deps.clock), row: { ...row }, before: row, patch: {}, events: [], action };
  await apply(c);
  if (Object.keys(c.patch).length === 0 && c.events.length === 0) return undefined;
  await reconcileClock(c);
  if (c.row.priority === 1 && c.before.priority !== 1) await pageOnCallIfNeeded(trx, deps, c.row, c.at);
  if (c.row.assignee_id !== null && c.row.assignee_id !== c.before.assignee_id) await acknowledgePagesOfTicket(trx, id, c.row.assignee_id, c.at);
  set(c, 'updated_at', c.at);
  await repo.updateTicketRow(trx, id, c.patch);
  const authorId = actor.userId > 0 ? actor.userId : null;
  const written: WrittenEvent[] = [];
  for (const { afterInsert, ...e } of c.events) {
    const eventId = await repo.insertEvent(trx, { ...e, ticketId: id, authorId, at: c.at });
    await afterInsert?.(trx, eventId);
    written.push(writtenEvent(eventId, e));
  }
  await queueTicketNotifications({ trx, deps, actor, at: c.at, before: row, ticket: c.row, events: written });
  const { updated_at: _ignored, ...changed } = c.patch;
  await recordAudit(trx, actor, c.at, {
    action,
    entityType: 'ticket',
    entityId: id,
    organisationId: row.organisation_id,
    data: { changed, events: c.events.map((e) => e.kind) },
  });
  return c;
}

export function writtenEvent(id: number, e: { kind: string; internal: boolean; body?: string | null; data?: unknown }): WrittenEvent {
  return { id, kind: e.kind, internal: e.internal, body: e.body ?? null, data: (e.data ?? null) as Record<string, unknown> | null };
}

/** After commit: tells the connected browsers (every process) that the ticket moved. */
export function publishTicketChange(deps: Deps, row: TicketRow, events: { kind: string; internal: boolean }[], actor: Actor): void {
  deps.live.publish({
    type: 'ticket',
    ticketId: row.id,
    number: row.number,
    organisationId: row.organisation_id,
    requesterId: row.requester_id,
    groupId: row.group_id,
    assigneeId: row.assignee_id,
    kinds: events.map((e) => e.kind),
    internal: events.length > 0 && events.every((e) => e.internal),
    actorId: actor.userId > 0 ? actor.userId : null,
  });
}

const RECORD_FIELDS = ['symptoms', 'diagnosis', 'actions', 'result'] as const;

/** Moves the ticket through the state machine, with each status's side effects. */
export async function changeStatus(
  c: TicketChange,
  to: TicketStatus,
  opts: { pendingReason?: PendingReason; note?: string } = {},
): Promise<void> {
  const from = c.row.status as TicketStatus;
  if (from === to && to === 'pending' && opts.pendingReason && opts.pendingReason !== c.row.pending_reason) {
    set(c, 'pending_reason', opts.pendingReason);
    c.events.push({ kind: 'status', internal: false, data: { from, to, pendingReason: opts.pendingReason } });
    return;
  }
  const check = checkTransition(from, to);
  if (!check.ok) throw new Conflict(check.reason, { from, to });
  if (to === 'assigned' && c.row.assignee_id === null) throw new Conflict('A ticket is "assigned" once it has an assignee; assign an agent first.');

  set(c, 'status', to);
  set(c, 'pending_reason', to === 'pending' ? (opts.pendingReason ?? (c.row.pending_reason as PendingReason | null) ?? 'requester') : null);

  if (to === 'resolved') {
    const missing = RECORD_FIELDS.filter((f) => !c.row[`resolution_${f}`]?.trim());
    if (missing.length) {
      throw new Unprocessable(`Resolving needs the resolution record; missing: ${missing.join(', ')}.`, { missing });
    }
    set(c, 'resolved_at', c.at);
    set(c, 'is_first_contact_resolution', (await isFirstContactResolution(c)) ? 1 : 0);
    const record = Object.fromEntries([...RECORD_FIELDS, 'code'].map((f) => [f, c.row[`resolution_${f}` as keyof TicketRow]]));
    c.events.push({ kind: 'resolution', internal: false, body: c.row.resolution_result, data: { from, to, record } });
    return;
  }
  if (to === 'closed') {
    set(c, 'closed_at', c.at);
    c.events.push({ kind: 'close', internal: false, body: opts.note ?? null, data: { from, to } });
    return;
  }
  if (check.isReopen) {
    set(c, 'resolved_at', null);
    set(c, 'is_first_contact_resolution', 0);
    set(c, 'reopen_count', c.row.reopen_count + 1);
    c.events.push({ kind: 'reopen', internal: false, body: opts.note ?? null, data: { from, to } });
    return;
  }
  c.events.push({ kind: 'status', internal: false, data: { from, to, ...(to === 'pending' ? { pendingReason: c.row.pending_reason } : {}) } });
}

/**
 * First-contact resolution: solved by the service desk without escalation, without a
 * reopen, and without the requester having to come back or being waited on.
 */
async function isFirstContactResolution(c: TicketChange): Promise<boolean> {
  if (c.row.escalation_count > 0 || c.row.reopen_count > 0) return false;
  return (await repo.countRequesterFollowUps(c.trx, c.row.id, c.row.requester_id)) === 0;
}

type Ref = { id: number; name: string } | null;

/**
 * Sets group and/or assignee (undefined leaves a field as it is, null clears it). Moving to
 * a higher tier is an escalation and needs its hand-off note, so it is refused here.
 */
export async function changeAssignment(
  c: TicketChange,
  target: { groupId?: number | null; assigneeId?: number | null },
  opts: { allowTierUp?: boolean; recordEvent?: boolean } = {},
): Promise<void> {
  const { trx } = c;
  const [fromGroupId, fromAssigneeId] = [c.row.group_id, c.row.assignee_id];
  const fromGroup = await refOfGroup(trx, fromGroupId);
  const fromAssignee = await refOfUser(trx, fromAssigneeId);

  if (target.groupId !== undefined && target.groupId !== c.row.group_id) {
    if (target.groupId === null) set(c, 'group_id', null);
    else {
      const group = await repo.findGroup(trx, target.groupId);
      if (!group) throw new Unprocessable(`Group ${target.groupId} does not exist.`);
      if (group.tier > c.row.tier && !opts.allowTierUp) {
        throw new Conflict(`${group.name} is a tier ${group.tier} group and this ticket is at tier ${c.row.tier}: escalate it with a hand-off note instead.`);
      }
      set(c, 'group_id', group.id);
      set(c, 'tier', group.tier);
      // The assignee stays only if they belong to the new group.
      if (c.row.assignee_id !== null && target.assigneeId === undefined && !(await repo.isGroupMember(trx, group.id, c.row.assignee_id))) {
        set(c, 'assignee_id', null);
      }
    }
  }

  if (target.assigneeId !== undefined && target.assigneeId !== c.row.assignee_id) {
    if (target.assigneeId === null) set(c, 'assignee_id', null);
    else {
      const user = await repo.findStaffUser(trx, target.assigneeId);
      if (!user || user.is_active !== 1) throw new Unprocessable(`User ${target.assigneeId} is not an active agent and cannot be assigned.`);
      if (c.row.group_id !== null) {
        if (!(await repo.isGroupMember(trx, c.row.group_id, user.id))) {
          const g = await repo.findGroup(trx, c.row.group_id);
          throw new Unprocessable(`${user.name} is not a member of ${g?.name ?? 'the ticket group'}; change the group too, or pick a member.`);
        }
      } else {
        // No group yet: take the assignee's group at the ticket's tier, if they have one.
        for (const gid of await repo.groupIdsOfUser(trx, user.id)) {
          const g = await repo.findGroup(trx, gid);
          if (g && g.tier === c.row.tier) {
            set(c, 'group_id', g.id);
            break;
          }
        }
      }
      set(c, 'assignee_id', user.id);
    }
  }

  if (c.row.group_id === fromGroupId && c.row.assignee_id === fromAssigneeId) return;
  // Names only for what changed: the rest is already at hand.
  const toGroup = c.row.group_id === fromGroupId ? fromGroup : await refOfGroup(trx, c.row.group_id);
  const toAssignee = c.row.assignee_id === fromAssigneeId ? fromAssignee : await refOfUser(trx, c.row.assignee_id);
  if (opts.recordEvent !== false) {
    c.events.push({ kind: 'assignment', internal: true, data: { from: { group: fromGroup, assignee: fromAssignee }, to: { group: toGroup, assignee: toAssignee } } });
  }
  // Keep the status consistent with having (or no longer having) an assignee.
  if (c.row.assignee_id !== null && c.row.status === 'new') await changeStatus(c, 'assigned');
  else if (c.row.assignee_id === null && (c.row.status === 'assigned' || c.row.status === 'in_progress')) await changeStatus(c, 'new');
}

async function refOfGroup(trx: Trx, id: number | null): Promise<Ref> {
  if (id === null) return null;
  const g = await repo.findGroup(trx, id);
  return g ? { id: g.id, name: g.name } : null;
}

async function refOfUser(trx: Trx, id: number | null): Promise<Ref> {
  if (id === null) return null;
  const u = await trx.selectFrom('users').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
  return u ?? null;
}

export function requireStaff(actor: Actor, what: string): void {
  if (!isStaff(actor.roles)) throw new Forbidden(`Only the support team can ${what}.`);
}
