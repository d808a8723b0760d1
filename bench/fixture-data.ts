// Deterministic fixture rows for the bench: a seeded generator turns the vocabulary into
// tickets and their timelines, shaped like a real helpdesk (about 70% resolved or closed,
// open work concentrated on recent tickets, ~2 replies per ticket, some internal notes).
import type { Insertable } from 'kysely';
import type { NewTicketRow, TicketEventsTable } from '../server/src/db/schema.ts';
import { DEFAULT_PRIORITY_MATRIX, derivePriority } from '../server/src/modules/tickets/priority-matrix.ts';
import { RARE_EQUIPMENT, REPLIES, SLOTS, TEMPLATES, type Lang, type TicketTemplate } from './vocabulary.ts';
import type { Rng } from '../common/seeded-random.ts';

export type EventRow = Insertable<TicketEventsTable>;


/** What the generator needs to know about the reference data already loaded. */
export interface World {
  requesters: { id: number; organisationId: number; lang: Lang }[];
  agentsByGroup: Map<string, number[]>; // group key -> agent ids
  groupIds: Map<string, number>; // group key -> id
  categoryIds: Map<string, number>; // "Parent / Child" -> id
}

export interface GeneratedTicket {
  row: NewTicketRow & { id: number };
  events: EventRow[];
  assetTags: string[];
  serial?: string;
}

const HOUR = 3_600_000;
const OPEN_SPLIT = { new: 15, assigned: 25, in_progress: 40, pending: 20 } as const;
const CHANNEL_SPLIT = { email: 40, portal: 30, phone: 15, chat: 10, api: 5 } as const;
const LEVEL_SPLIT = { 1: 4, 2: 16, 3: 60, 4: 20 } as const;
const REPLY_COUNTS = [0, 1, 1, 2, 2, 2, 3, 3, 4, 5]; // mean 2.3

/** Fills {slot}s; a slot keeps its value within one ticket (title and description agree). */
function filler(rng: Rng, lang: Lang, assetTags: string[]) {
  const chosen = new Map<string, string>();
  return (text: string) =>
    text.replace(/\{(\w+)\}/g, (_, slot: string) => {
      let v = chosen.get(slot);
      if (v === undefined) {
        v = SLOTS[slot](lang, rng.pick, rng.int);
        chosen.set(slot, v);
        if (slot === 'asset') assetTags.push(v);
      }
      return v;
    });
}

/**
 * Ticket `index` of `total`, created between `start` and `end` in index order, so that ids
 * and creation times grow together as they do in production.
 */
export function generateTicket(rng: Rng, world: World, id: number, index: number, total: number, start: number, end: number): GeneratedTicket {
  const step = (end - start) / total;
  const createdMs = start + index * step + rng.next() * step * 0.9;
  const age = index / total; // 0 = oldest, 1 = newest
  const pOpen = age > 0.95 ? 0.85 : age > 0.8 ? 0.45 : 0.2;
  const status: string = rng.chance(pOpen) ? rng.weighted(OPEN_SPLIT) : rng.chance(age > 0.97 ? 0.8 : 0.05) ? 'resolved' : 'closed';

  const requester = rng.pick(world.requesters);
  const lang: Lang = rng.chance(0.85) ? requester.lang : requester.lang === 'fr' ? 'en' : 'fr';
  const langTemplates = TEMPLATES.filter((t) => t.lang === lang);
  const template: TicketTemplate = rng.pick(langTemplates);
  const assetTags: string[] = [];
  const fill = filler(rng, lang, assetTags);
  const title = fill(rng.pick(template.titles));
  let description = fill(rng.pick(template.descriptions));
  if (rng.chance(0.3)) description += '\n\n' + fill(lang === 'fr' ? 'Poste concerné : {asset}, site de {site}.' : 'Affected machine: {asset}, {site} office.');
  // One ticket in 200 names a rare piece of equipment and its unique serial number.
  let serial: string | undefined;
  if (rng.chance(0.005)) {
    serial = 'SN' + Math.floor(rng.next() * 36 ** 7).toString(36).toUpperCase().padStart(7, '0');
    const item = rng.pick(RARE_EQUIPMENT);
    description += '\n\n' + (lang === 'fr' ? `Équipement concerné : ${item}, n° de série ${serial}.` : `Equipment: ${item} (serial number ${serial}).`);
  }

  const impact = Number(rng.weighted(LEVEL_SPLIT));
  const urgency = Number(rng.weighted(LEVEL_SPLIT));
  const channel = rng.weighted(CHANNEL_SPLIT);

  // Routing: new tickets wait in the first-line queue (or nowhere yet); others sit with the
  // template's team, or went up a tier.
  let groupKey: string | null = template.group;
  if (status === 'new') groupKey = rng.chance(0.5) ? 'sd' : null;
  else if (rng.chance(0.1)) groupKey = rng.pick(['network', 'apps', 'systems', 'expert']);
  const groupId = groupKey ? world.groupIds.get(groupKey)! : null;
  const members = groupKey ? world.agentsByGroup.get(groupKey)! : [];
  const assigneeId = status === 'new' || members.length === 0 || (status === 'assigned' && rng.chance(0.4)) ? null : rng.pick(members);
  const tier = groupKey === 'expert' || groupKey === 'security' ? 3 : groupKey && ['network', 'apps', 'systems'].includes(groupKey) ? 2 : 1;
  const resolvedOrClosed = status === 'resolved' || status === 'closed';

  // The timeline, oldest first; `t` only moves forward and never passes `end`.
  const events: EventRow[] = [];
  let t = createdMs;
  const at = () => new Date(Math.min(t, end)).toISOString();
  const advance = (maxHours: number) => (t += rng.next() * maxHours * HOUR + 60_000);
  const staffAuthor = () => assigneeId ?? (members.length ? rng.pick(members) : null);
  const push = (kind: string, authorId: number | null, internal: boolean, body: string | null, data: unknown) =>
    events.push({ ticket_id: id, kind, author_id: authorId, is_internal: internal ? 1 : 0, body, data: data === null ? null : JSON.stringify(data), created_at: at() });

  push('created', channel === 'phone' || channel === 'chat' ? staffAuthor() : requester.id, false, null, { channel });
  if (groupId !== null) {
    advance(2);
    push('assignment', staffAuthor(), true, null, { from: { group: null, assignee: null }, to: { group: groupId, assignee: assigneeId } });
  }
  let firstResponse: string | null = null;
  const replies = status === 'new' ? rng.int(2) : rng.pick(REPLY_COUNTS);
  for (let r = 0; r < replies; r++) {
    advance(resolvedOrClosed ? 20 : 6);
    const fromAgent = r % 2 === 0;
    const author = fromAgent ? staffAuthor() : requester.id;
    push('reply', author, false, rng.pick(fromAgent ? REPLIES.agent[lang] : REPLIES.requester[lang]), null);
    if (fromAgent && firstResponse === null) firstResponse = at();
  }
  const notes = status === 'new' ? 0 : rng.chance(0.3) ? (rng.chance(0.25) ? 2 : 1) : 0;
  for (let n = 0; n < notes; n++) {
    advance(4);
    push('note', staffAuthor(), true, rng.pick(REPLIES.note[lang]), null);
  }
  if (status === 'in_progress' || status === 'pending') {
    advance(2);
    push('status', staffAuthor(), false, null, { from: 'assigned', to: 'in_progress' });
  }
  if (status === 'pending') {
    advance(2);
    push('status', staffAuthor(), false, null, { from: 'in_progress', to: 'pending', pendingReason: 'requester' });
  }
  let resolvedAt: string | null = null;
  let closedAt: string | null = null;
  if (resolvedOrClosed) {
    advance(48);
    resolvedAt = at();
    push('resolution', staffAuthor(), false, template.resolution.result, { from: 'in_progress', to: 'resolved', record: template.resolution });
    if (status === 'closed') {
      t += 72 * HOUR;
      closedAt = at();
      push('close', null, false, null, { from: 'resolved', to: 'closed' });
    }
  }

  const createdAt = new Date(createdMs).toISOString();
  const row: NewTicketRow & { id: number } = {
    id,
    number: 0, // set by the loader from the counter
    type: template.type,
    title,
    description,
    requester_id: requester.id,
    organisation_id: requester.organisationId,
    channel,
    category_id: world.categoryIds.get(template.category) ?? null,
    impact,
    urgency,
    priority: derivePriority(DEFAULT_PRIORITY_MATRIX, impact, urgency),
    is_priority_overridden: 0,
    priority_reason: null,
    group_id: groupId,
    assignee_id: assigneeId,
    tier,
    status,
    pending_reason: status === 'pending' ? 'requester' : null,
    resolution_symptoms: resolvedOrClosed ? template.resolution.symptoms : null,
    resolution_diagnosis: resolvedOrClosed ? template.resolution.diagnosis : null,
    resolution_actions: resolvedOrClosed ? template.resolution.actions : null,
    resolution_result: resolvedOrClosed ? template.resolution.result : null,
    resolution_code: resolvedOrClosed ? template.resolution.code : null,
    is_first_contact_resolution: resolvedOrClosed && replies <= 1 && rng.chance(0.5) ? 1 : 0,
    reopen_count: resolvedOrClosed && rng.chance(0.04) ? 1 : 0,
    escalation_count: tier > 1 ? 1 : 0,
    created_by_id: null,
    created_at: createdAt,
    updated_at: events[events.length - 1].created_at,
    first_response_at: firstResponse,
    resolved_at: resolvedAt,
    closed_at: closedAt,
  };
  return { row, events, assetTags, serial };
}
