// Paging the person on call for a P1 ticket outside business hours, and the next one in the
// rotation when nobody acknowledges in time. Everything a page does (the page row, the
// ticket's timeline event, the mail, the webhook and the re-notification) is written in the
// caller's transaction, so a page exists with all its consequences or not at all.
//
// Escalation order for one ticket: whoever was on call at the first page (level 0), then the
// members after the scheduled one in rotation order, each person once; then round again.
// After two full rounds without acknowledgement, paging stops.
import type { Trx } from '../../db/db.ts';
import type { TicketRow } from '../../db/schema.ts';
import type { Deps } from '../../lib/deps.ts';
import { enqueueJob } from '../../lib/jobs.ts';
import { isOpen } from '../tickets/ticket-status.ts';
import { insertEvent, lockTicket } from '../tickets/tickets.repo.ts';
import type { TicketStatus } from '../../../../common/enums.ts';
import { isPagingAt, loadRotationStates } from './oncall-state.ts';
import { queuePageMail } from './page-mail.ts';
import { escalationChain, personAtLevel } from './rotation.ts';
import * as repo from './oncall.repo.ts';
import * as pages from './pages.repo.ts';

export const RENOTIFY_JOB = 'oncall.renotify';
export const WEBHOOK_JOB = 'oncall.webhook';
export const WEBHOOK_MAX_ATTEMPTS = 8;
export const renotifyKey = (pageId: number) => `${RENOTIFY_JOB}:${pageId}`;
const ROUNDS = 2;

/** Why a page was sent (stored on the page; the web app words it). */
export type PageReason = 'priority_1' | 'not_acknowledged';

export interface WebhookPayload {
  url: string;
  body: {
    event: 'page';
    pageId: number;
    level: number;
    ticket: { id: number; number: number; title: string; priority: number; url: string };
    user: { id: number; name: string; email: string };
    rotation: { id: number; name: string };
    sentAt: string;
  };
}

export const isPageable = (ticket: TicketRow) => ticket.priority === 1 && isOpen(ticket.status as TicketStatus);

type Person = Awaited<ReturnType<typeof repo.findUsers>>[number];

async function activePeople(trx: Trx, ids: number[]): Promise<Map<number, Person>> {
  return new Map((await repo.findUsers(trx, ids)).filter((u) => u.is_active === 1).map((u) => [u.id, u]));
}

/** The first active person from `level` on, in at most ROUNDS rounds of the chain. */
async function nextActive(trx: Trx, chain: number[], level: number): Promise<{ level: number; person: Person } | null> {
  const people = await activePeople(trx, chain);
  for (let l = level; ; l++) {
    const userId = personAtLevel(chain, l, ROUNDS);
    if (userId === null) return null;
    const person = people.get(userId);
    if (person) return { level: l, person };
  }
}

/** Writes one page and everything it sets off; returns the page id. */
async function sendPage(
  trx: Trx,
  deps: Deps,
  p: { ticket: TicketRow; rotation: repo.RotationRow; level: number; person: Person; reason: PageReason; at: string },
): Promise<number> {
  const { ticket, rotation, person, level, at } = p;
  const pageId = await pages.insertPage(trx, { ticket_id: ticket.id, rotation_id: rotation.id, user_id: person.id, level, reason: p.reason, sent_at: at });
  const eventId = await insertEvent(trx, {
    ticketId: ticket.id,
    kind: 'page',
    authorId: null,
    internal: true,
    data: { pageId, user: { id: person.id, name: person.name }, level, rotation: { id: rotation.id, name: rotation.name } },
    at,
  });
  await queuePageMail(trx, deps, { ticket, person, pageId, eventId, level, rotationName: rotation.name, at });
  if (rotation.webhook_url) {
    const payload: WebhookPayload = {
      url: rotation.webhook_url,
      body: {
        event: 'page',
        pageId,
        level,
        ticket: { id: ticket.id, number: ticket.number, title: ticket.title, priority: ticket.priority, url: `${deps.config.publicUrl}/agent/tickets/${ticket.id}` },
        user: { id: person.id, name: person.name, email: person.email },
        rotation: { id: rotation.id, name: rotation.name },
        sentAt: at,
      },
    };
    await enqueueJob(trx, { kind: WEBHOOK_JOB, payload, dedupeKey: `${WEBHOOK_JOB}:${pageId}`, maxAttempts: WEBHOOK_MAX_ATTEMPTS }, at);
  }
  const runAt = new Date(Date.parse(at) + rotation.ack_minutes * 60_000).toISOString();
  await enqueueJob(trx, { kind: RENOTIFY_JOB, payload: { pageId }, runAt, dedupeKey: renotifyKey(pageId) }, at);
  return pageId;
}

/**
 * Pages whoever is on call for a ticket that needs it: P1, open, not paged before, and a
 * matching active rotation paging at `at` (its calendar closed, or it has none). The
 * rotations of the ticket's group decide when there are any; else those for every ticket.
 * Call it inside the transaction that creates the ticket or changes its priority.
 */
export async function pageOnCallIfNeeded(trx: Trx, deps: Deps, ticket: TicketRow, at: string): Promise<void> {
  if (!isPageable(ticket)) return;
  if (await pages.hasPage(trx, ticket.id)) return;
  const forGroup = ticket.group_id === null ? [] : await repo.listActiveRotationsFor(trx, ticket.group_id);
  const candidates = forGroup.length > 0 ? forGroup : await repo.listActiveRotationsFor(trx, null);
  const t = Date.parse(at);
  for (const rotation of candidates) {
    if (!(await isPagingAt(trx, rotation, t))) continue;
    const [state] = await loadRotationStates(trx, [rotation], at);
    // Level 0 is the first active person of the order (a deactivated member is passed over).
    const chain = escalationChain(state.plan, state.overrides, t);
    const people = await activePeople(trx, chain);
    const person = chain.map((id) => people.get(id)).find((p) => p !== undefined);
    if (!person) continue;
    await sendPage(trx, deps, { ticket, rotation, level: 0, person, reason: 'priority_1', at });
    return;
  }
}

/**
 * Acknowledges the ticket's open pages when `userId` was paged for it (they took the ticket
 * or were assigned it); returns how many were open. Anyone else acknowledges nothing.
 */
export async function acknowledgePagesOfTicket(trx: Trx, ticketId: number, userId: number, at: string): Promise<number> {
  if (!(await pages.wasPaged(trx, ticketId, userId))) return 0;
  return pages.acknowledgeOpenPages(trx, ticketId, userId, at);
}

/**
 * The re-notification due for a page (job oncall.renotify): when it is still unacknowledged
 * and its ticket still open and P1, pages the next person. Safe to run twice: a page at the
 * next level already there means it ran. Returns the ticket paged again, if any.
 */
export async function renotifyIn(trx: Trx, deps: Deps, pageId: number, at: string): Promise<TicketRow | null> {
  const page = await pages.findPage(trx, pageId);
  if (!page || page.acked_at !== null) return null;
  const ticket = await lockTicket(trx, deps.dialect, page.ticket_id);
  if (!ticket || !isPageable(ticket)) return null;
  if (await pages.isTicketAcknowledged(trx, ticket.id)) return null;
  if (await pages.hasPageAfter(trx, ticket.id, page.level)) return null;
  const rotation = await repo.findRotation(trx, page.rotation_id);
  if (!rotation || rotation.is_active !== 1) return null;
  // The order is the one of the first page's instant, whoever is on call now.
  const first = (await pages.findFirstPage(trx, ticket.id)) ?? page;
  const [state] = await loadRotationStates(trx, [rotation], first.sent_at);
  const computed = escalationChain(state.plan, state.overrides, Date.parse(first.sent_at));
  const active = await activePeople(trx, computed);
  const chain = [first.user_id, ...computed.filter((id) => id !== first.user_id && active.has(id))];
  const next = await nextActive(trx, chain, page.level + 1);
  if (!next) return null;
  await sendPage(trx, deps, { ticket, rotation, level: next.level, person: next.person, reason: 'not_acknowledged', at });
  return ticket;
}
