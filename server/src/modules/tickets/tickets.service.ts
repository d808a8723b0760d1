// Creating, reading, listing and searching tickets. The workflow actions (reply, assign,
// escalate, resolve, close, reopen, update) live in ticket-workflow.service.ts.
import type { CreateTicketInput, ListTicketsQuery, Ticket, TicketCounts } from '../../../../common/schemas/tickets.ts';
import { OPEN_STATUSES, PRIORITIES, TICKET_STATUSES } from '../../../../common/enums.ts';
import type { Trx } from '../../db/db.ts';
import type { TicketRow } from '../../db/schema.ts';
import type { Deps } from '../../lib/deps.ts';
import { isStaff, scopeAllows, type Actor } from '../../lib/actor.ts';
import { isoNow } from '../../lib/clock.ts';
import { recordAudit } from '../../lib/audit.ts';
import { Forbidden, Unprocessable } from '../../lib/errors.ts';
import { getPriorityMatrix } from '../settings/settings.service.ts';
import { findCategoryIdByPath } from '../categories/categories.repo.ts';
import { derivePriority, priorityFromLabel } from './priority-matrix.ts';
import { changeAssignment, notVisible, set, writtenEvent, type TicketChange } from './ticket-change.ts';
import { planClock, ticketSla } from '../sla/sla.service.ts';
import { nextDueAt } from '../sla/sla-clock.ts';
import { insertClock } from '../sla/sla.repo.ts';
import { pageOnCallIfNeeded } from '../oncall/paging.ts';
import { findRoutingRule } from '../routing/route.ts';
import { pickAssignee } from '../routing/assign.ts';
import { queueTicketNotifications } from '../notifications/ticket-notifications.ts';
import { toTicket, toTimelineEvent, withoutMessageUploads } from './ticket-dto.ts';
import { findOrCreateRequester, findRequesterById } from './requesters.ts';
import * as repo from './tickets.repo.ts';
import { batchedTransaction } from '../../lib/write-batch.ts';
import { sharedPerScope } from '../../lib/scope-cache.ts';
import { searchWords } from '../../lib/search-terms.ts';
import { decodeCursor, encodeCursor } from '../../lib/page-cursor.ts';

export const DEFAULT_IMPACT = 3;
export const DEFAULT_URGENCY = 3;

export async function createTicket(deps: Deps, actor: Actor, input: CreateTicketInput): Promise<Ticket> {
  const at = isoNow(deps.clock);
  const id = await batchedTransaction(deps, (trx) => openTicketIn(trx, deps, actor, input, at));
  const ticket = await getTicket(deps, actor, id);
  publishTicketCreated(deps, ticket, actor);
  return ticket;
}

/** After commit: a new ticket (and whatever else the same transaction did to it) goes live. */
export function publishTicketCreated(deps: Deps, ticket: Ticket, actor: Actor, laterKinds: string[] = []): void {
  deps.live.publish({
    type: 'ticket',
    ticketId: ticket.id,
    number: ticket.number,
    organisationId: ticket.organisation?.id ?? null,
    requesterId: ticket.requester.id,
    groupId: ticket.group?.id ?? null,
    assigneeId: ticket.assignee?.id ?? null,
    kinds: ['created', ...laterKinds],
    internal: false,
    actorId: actor.userId > 0 ? actor.userId : null,
  });
}

/**
 * Writes a new ticket (row, events, audit) inside a transaction the caller owns; returns
 * its id. Publishing it after commit is the caller's job.
 */
export interface OpenTicketOptions {
  /** The helpdesk mailbox a ticket made from mail came in through. */
  mailboxId?: number | null;
  /** More detail on the "created" event (e.g. how an email was threaded). */
  createdData?: Record<string, unknown>;
  /** The group when neither the creator nor a routing rule names one (a mailbox's default). */
  defaultGroupId?: number | null;
}

/**
 * Where a new ticket goes: the group or agent its creator chose; else the first routing
 * rule that matches; else the default group (a mailbox's). Within the group, its strategy
 * (round-robin, least-loaded, among agents on shift with the skill the category needs)
 * picks the agent when nobody was named. `routing` says why, on the "created" event.
 */
async function routeNewTicket(trx: Trx, deps: Deps, ticket: TicketRow, input: CreateTicketInput, opts: OpenTicketOptions) {
  let groupId = input.groupId ?? null;
  let assigneeId = input.assigneeId ?? null;
  let routing: Record<string, unknown> | null = null;
  if (groupId === null && assigneeId === null) {
    const rule = await findRoutingRule(trx, ticket);
    // A rule read from the cache may name a group another process just deleted: skip it then.
    if (rule && (await repo.findGroup(trx, rule.groupId))) {
      groupId = rule.groupId;
      routing = { rule: { id: rule.ruleId, name: rule.ruleName } };
    } else if (opts.defaultGroupId != null && (await repo.findGroup(trx, opts.defaultGroupId))) {
      groupId = opts.defaultGroupId;
      routing = { defaultGroup: true };
    }
  }
  if (groupId !== null && assigneeId === null) {
    const pick = await pickAssignee(trx, deps, groupId, ticket, new Date(ticket.created_at));
    if (pick) {
      assigneeId = pick.userId;
      routing = { ...routing, strategy: pick.strategy };
    }
  }
  return { groupId, assigneeId, routing };
}

export async function openTicketIn(trx: Trx, deps: Deps, actor: Actor, input: CreateTicketInput, at: string, opts: OpenTicketOptions = {}): Promise<number> {
  const staff = isStaff(actor.roles);
  if (!staff && (input.requester || input.requesterId || input.groupId || input.assigneeId)) {
    throw new Forbidden('A requester opens tickets for themselves; requester, group and assignee are set by the support team.');
  }
  // A requester says how urgent it is for them; the support team judges the impact (and with
  // it a P1 that pages whoever is on call), and the channel is where the request came from.
  if (!staff && (input.impact !== undefined || input.channel !== undefined)) {
    throw new Forbidden('A requester may give the urgency; impact and channel are set by the support team.');
  }
  const requester = staff ? await requesterFor(trx, input, at) : { id: actor.userId, organisationId: actor.organisationId, created: false };
  if (staff && !scopeAllows(actor.scope, requester.organisationId)) {
    throw new Forbidden('This requester belongs to an organisation you do not serve.');
  }
  const categoryId = await resolveCategory(trx, input.category);
  const impact = input.impact ?? DEFAULT_IMPACT;
  const urgency = input.urgency ?? DEFAULT_URGENCY;
  const priority = derivePriority(await getPriorityMatrix(trx), impact, urgency);
  const number = await repo.nextTicketNumber(trx);
  const values: Omit<TicketRow, 'id'> = {
    number,
    type: input.type ?? 'incident',
    title: input.title,
    description: input.description,
    requester_id: requester.id,
    organisation_id: requester.organisationId,
    channel: input.channel ?? (staff ? 'api' : 'portal'),
    category_id: categoryId,
    impact,
    urgency,
    priority,
    is_priority_overridden: 0,
    tier: 1,
    status: 'new',
    is_first_contact_resolution: 0,
    reopen_count: 0,
    escalation_count: 0,
    created_by_id: actor.userId > 0 ? actor.userId : null,
    created_at: at,
    updated_at: at,
    priority_reason: null,
    group_id: null,
    assignee_id: null,
    pending_reason: null,
    resolution_symptoms: null,
    resolution_diagnosis: null,
    resolution_actions: null,
    resolution_result: null,
    resolution_code: null,
    first_response_at: null,
    resolved_at: null,
    closed_at: null,
    mailbox_id: null,
    sla_due_at: null,
  };
  const clock = await planClock(trx, values);
  values.sla_due_at = nextDueAt(clock);
  const ticketId = await repo.insertTicket(trx, values);
  await insertClock(trx, ticketId, clock);
  const authorId = actor.userId > 0 ? actor.userId : null;
  const target = await routeNewTicket(trx, deps, { id: ticketId, ...values }, input, opts);
  const createdEvent = { kind: 'created', internal: false, data: { channel: input.channel ?? null, ...opts.createdData, ...(target.routing ? { routing: target.routing } : {}) } };
  const written = [writtenEvent(await repo.insertEvent(trx, { ...createdEvent, ticketId, authorId, at }), createdEvent)];
  let row: TicketRow = { id: ticketId, ...values };
  if (target.groupId !== null || target.assigneeId !== null || opts.mailboxId != null) {
    const c: TicketChange = { trx, deps, actor, at, row: { ...row }, before: row, patch: {}, events: [], action: 'ticket.create' };
    if (opts.mailboxId != null) set(c, 'mailbox_id', opts.mailboxId);
    if (target.groupId !== null || target.assigneeId !== null) {
      await changeAssignment(c, { groupId: target.groupId ?? undefined, assigneeId: target.assigneeId ?? undefined }, { allowTierUp: true });
    }
    await repo.updateTicketRow(trx, ticketId, c.patch);
    for (const e of c.events) written.push(writtenEvent(await repo.insertEvent(trx, { ...e, ticketId, authorId, at }), e));
    row = c.row;
  }
  await pageOnCallIfNeeded(trx, deps, row, at);
  await queueTicketNotifications({ trx, deps, actor, at, before: null, ticket: row, events: written });
  await recordAudit(trx, actor, at, {
    action: 'ticket.create',
    entityType: 'ticket',
    entityId: ticketId,
    organisationId: requester.organisationId,
    data: { number, requesterId: requester.id, requesterCreated: requester.created },
  });
  return ticketId;
}

async function requesterFor(trx: Trx, input: CreateTicketInput, at: string) {
  if (input.requesterId) return findRequesterById(trx, input.requesterId);
  if (input.requester) return findOrCreateRequester(trx, input.requester.email, input.requester.name, at);
  throw new Unprocessable('Name the requester: "requester": {"email": …} or "requesterId".');
}

export async function resolveCategory(trx: Trx, ref: number | string | null | undefined): Promise<number | null> {
  if (ref === undefined || ref === null) return null;
  const id = typeof ref === 'number' ? ref : await findCategoryIdByPath(trx, ref);
  const category = id === null ? undefined : await repo.findCategory(trx, id);
  if (!category) throw new Unprocessable(`Category ${JSON.stringify(ref)} does not exist.`);
  if (category.is_active !== 1) throw new Unprocessable(`Category ${category.name} is no longer in use.`);
  return category.id;
}

export async function getTicket(deps: Deps, actor: Actor, id: number): Promise<Ticket> {
  const row = await repo.findTicketView(deps.db, actor.scope, id);
  if (!row) throw notVisible(id);
  // The SLA state is the support team's business, not the requester's.
  if (!isStaff(actor.roles)) return toTicket(row);
  return { ...toTicket(row), sla: await ticketSla(deps.db, id, isoNow(deps.clock)) };
}

export async function getTimeline(deps: Deps, actor: Actor, id: number) {
  const visible = await repo.findTicketView(deps.db, actor.scope, id);
  if (!visible) throw notVisible(id);
  const staff = isStaff(actor.roles);
  const rows = await repo.listEvents(deps.db, id, staff);
  return { items: withoutMessageUploads(rows.map((r) => toTimelineEvent(r, staff))) };
}

async function filtersFor(deps: Deps, actor: Actor, q: Omit<ListTicketsQuery, 'sort' | 'limit' | 'cursor'>): Promise<repo.TicketFilters> {
  const statuses = q.status?.flatMap((s) => (s === 'open' ? [...OPEN_STATUSES] : [s]));
  let groupIds: number[] | 'none' | undefined;
  if (q.groupId === 'none') groupIds = 'none';
  else if (q.groupId === 'mine') groupIds = await repo.groupIdsOfUser(deps.db, actor.userId);
  else if (q.groupId !== undefined) groupIds = [q.groupId];
  return {
    statuses,
    priorities: q.priority?.map(priorityFromLabel),
    type: q.type,
    channels: q.channel,
    groupIds,
    assigneeId: q.assigneeId === 'me' ? actor.userId : q.assigneeId,
    organisationId: q.organisationId,
    requesterId: q.requesterId,
    categoryIds: q.categoryId ? await categoryWithDescendants(deps, q.categoryId) : undefined,
    tier: q.tier,
    createdFrom: q.createdFrom && new Date(q.createdFrom).toISOString(),
    createdTo: q.createdTo && new Date(q.createdTo).toISOString(),
    slaDueBefore: q.slaDueWithin === undefined ? undefined : new Date(deps.clock.now().getTime() + q.slaDueWithin * 60_000).toISOString(),
  };
}

async function categoryWithDescendants(deps: Deps, id: number): Promise<number[]> {
  const links = await repo.listCategoryLinks(deps.db);
  const ids = [id];
  for (let i = 0; i < ids.length; i++) for (const l of links) if (l.parent_id === ids[i]) ids.push(l.id);
  return ids;
}

export async function listTickets(deps: Deps, actor: Actor, q: ListTicketsQuery): Promise<{ items: Ticket[]; nextCursor: string | null }> {
  const cursor = decodeCursor(q.cursor);
  const filters = await filtersFor(deps, actor, q);
  if (q.q) {
    const search = searchTerms(deps, actor, q.q);
    if (!search) return { items: [], nextCursor: null };
    const offset = cursor?.o ?? 0;
    const rows = await repo.searchTicketViews(deps.db, deps.dialect, actor.scope, filters, { ...search, offset, limit: q.limit });
    const items = rows.slice(0, q.limit).map(toTicket);
    return { items, nextCursor: rows.length > q.limit ? encodeCursor({ o: offset + q.limit }) : null };
  }
  const sort = q.sort === 'sla' ? 'sla_due_at' : q.sort.replace('-', '') === 'updated' ? 'updated_at' : 'created_at';
  const rows = await repo.listTicketViews(deps.db, actor.scope, filters, {
    sort,
    descending: q.sort.startsWith('-'),
    after: cursor?.i !== undefined ? { value: cursor.v!, id: cursor.i } : undefined,
    limit: q.limit,
  });
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(toTicket),
    nextCursor: rows.length > q.limit && last ? encodeCursor({ v: last[sort] ?? repo.NO_SLA_DUE, i: last.id }) : null,
  };
}

/**
 * How many tickets listTickets pages through for this query, counted up to `cap` + 1 (a
 * result above `cap` means "more than cap"). Same filters, same SQL as the list.
 */
export async function countListedTickets(deps: Deps, actor: Actor, q: Omit<ListTicketsQuery, 'sort' | 'limit' | 'cursor'>, cap: number): Promise<number> {
  const filters = await filtersFor(deps, actor, q);
  const search = q.q === undefined ? undefined : searchTerms(deps, actor, q.q);
  if (search === null) return 0;
  return repo.countListedTickets(deps.db, deps.dialect, actor.scope, filters, search, cap);
}

/** The search box's text as the database's query; null when no word is left to search. */
function searchTerms(deps: Deps, actor: Actor, text: string): repo.SearchTerms | null {
  const query = deps.dialect === 'sqlite' ? toFtsQuery(text) : toTsQuery(text);
  return query ? { query, includeInternal: isStaff(actor.roles) } : null;
}

/**
 * User text to an FTS5 query: words only (no operators a user could trip on), all required.
 * A word typed with a trailing * ("imprim*") matches as a prefix, as the search box does
 * while typing; otherwise whole words, which is much cheaper on common stems.
 */
export function toFtsQuery(text: string): string {
  return searchWords(text).map((w) => `"${w.word}"${w.prefix ? '*' : ''}`).join(' ');
}

/** The same words as a PostgreSQL tsquery: all required, ":*" for a prefix. */
export function toTsQuery(text: string): string {
  return searchWords(text).map((w) => `'${w.word}'${w.prefix ? ':*' : ''}`).join(' & ');
}

// The scope-wide counts are the expensive part (they scan every open ticket's index entry)
// and are the same for every agent who sees the same organisations.
const COUNTS_TTL_MS = 3_000;

function sharedCounts(deps: Deps, actor: Actor) {
  return sharedPerScope(deps, 'counts', actor.scope, { ttlMs: COUNTS_TTL_MS, version: repo.ticketWriteVersion() }, () => repo.countScopeTickets(deps.db, actor.scope));
}

export async function countTickets(deps: Deps, actor: Actor): Promise<TicketCounts> {
  const groupIds = await repo.groupIdsOfUser(deps.db, actor.userId);
  const [shared, mine] = await Promise.all([sharedCounts(deps, actor), repo.countMyTickets(deps.db, actor.scope, { userId: actor.userId, groupIds })]);
  const c = { ...shared, ...mine };
  const byStatus = Object.fromEntries(TICKET_STATUSES.map((s) => [s, 0])) as TicketCounts['byStatus'];
  for (const r of c.byStatus) byStatus[r.status as keyof typeof byStatus] = Number(r.n);
  const byPriority = Object.fromEntries(PRIORITIES.map((p) => [p, 0])) as TicketCounts['open']['byPriority'];
  for (const r of c.byPriority) byPriority[`P${r.priority}` as keyof typeof byPriority] = Number(r.n);
  return {
    byStatus,
    open: {
      total: OPEN_STATUSES.reduce((n, s) => n + byStatus[s], 0),
      mine: c.mine,
      unassigned: c.unassigned,
      unassignedInMyGroups: c.unassignedInMyGroups,
      byPriority,
      byGroup: c.byGroup.map((r) => ({ groupId: r.group_id, count: Number(r.n) })),
    },
  };
}
