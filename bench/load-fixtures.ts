// Bulk-loads the bench fixtures straight into the tables, in large transactions: this is
// fixture data, not what is measured. On SQLite the FTS triggers keep the search index
// right; the human ticket counter is moved past the loaded numbers. Kysely multi-row
// inserts keep it working on PostgreSQL too.
import { sql } from 'kysely';
import type { Deps } from '../server/src/lib/deps.ts';
import { createApiToken } from '../server/src/modules/auth/auth.service.ts';
import { CATEGORIES, FIRST_NAMES, GROUPS, LAST_NAMES, ORGANISATIONS, type Lang } from './vocabulary.ts';
import { seededRandom } from '../common/seeded-random.ts';
import { generateTicket, type EventRow, type GeneratedTicket, type World } from './fixture-data.ts';

export interface Fixtures {
  tickets: number;
  events: number;
  firstTicketId: number;
  lastTicketId: number;
  /** The bench's own agent: serves every organisation, member of the first-line group. */
  agent: { id: number; token: string };
  /** The group with the most open tickets, for the filtered list. */
  busiestGroupId: number;
  /** Existing requesters' addresses, for ticket creation through the API. */
  requesterEmails: string[];
  /** Asset tags and serial numbers present in the data: rare search terms. */
  assetTags: string[];
  serials: string[];
}

const TICKETS_PER_TX = 2_000;
const TICKET_ROWS_PER_INSERT = 400; // 33 columns: well under SQLite's 32,766 variables
const EVENT_ROWS_PER_INSERT = 2_000; // 7 columns

const ascii = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-');

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export async function loadFixtures(deps: Deps, opts: { tickets: number; seed?: number; progress: (msg: string) => void }): Promise<Fixtures> {
  const { db } = deps;
  const rng = seededRandom(opts.seed ?? 20261129);
  const existing = await db.selectFrom('tickets').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  if (Number(existing.n) > 0) throw new Error('The bench needs an empty database: tickets already exist.');
  const now = new Date();
  const at = now.toISOString();

  // Reference data: organisations, groups, categories, agents, requesters.
  const orgIds: number[] = [];
  for (const o of ORGANISATIONS) {
    const r = await db.insertInto('organisations').values({ name: o.name, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('organisation_domains').values({ domain: o.domain, organisation_id: r.id }).execute();
    orgIds.push(r.id);
  }
  const groupIds = new Map<string, number>();
  for (const g of GROUPS) {
    const r = await db.insertInto('groups').values({ name: g.name, tier: g.tier, description: '', created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
    groupIds.set(g.key, r.id);
  }
  const categoryIds = new Map<string, number>();
  for (const [parent, children] of Object.entries(CATEGORIES)) {
    const p = await db.insertInto('categories').values({ name: parent, parent_id: null, is_active: 1, created_at: at }).returning('id').executeTakeFirstOrThrow();
    for (const child of children) {
      const c = await db.insertInto('categories').values({ name: child, parent_id: p.id, is_active: 1, created_at: at }).returning('id').executeTakeFirstOrThrow();
      categoryIds.set(`${parent} / ${child}`, c.id);
    }
  }

  const people: { email: string; name: string; organisationId: number | null; lang: Lang; role: 'agent' | 'requester' }[] = [];
  const agentCount = Math.min(70, Math.max(GROUPS.length * 2, Math.round(opts.tickets / 2_000)));
  const requesterCount = Math.min(10_000, Math.max(40, Math.round(opts.tickets / 12)));
  const person = (lang: Lang, k: number) => {
    const first = rng.pick(FIRST_NAMES[lang]);
    const last = rng.pick(LAST_NAMES[lang]);
    return { name: `${first} ${last}`, local: `${ascii(first)}.${ascii(last)}.${k}` };
  };
  for (let k = 0; k < agentCount; k++) {
    const p = person(rng.chance(0.8) ? 'fr' : 'en', k);
    people.push({ email: `${p.local}@support.guichet.test`, name: p.name, organisationId: null, lang: 'fr', role: 'agent' });
  }
  for (let k = 0; k < requesterCount; k++) {
    const orgIndex = rng.int(ORGANISATIONS.length);
    const org = ORGANISATIONS[orgIndex];
    const lang: Lang = /^(Acme|Northwind|Contoso)/.test(org.name) ? 'en' : 'fr';
    const p = person(lang, k);
    people.push({ email: `${p.local}@${org.domain}`, name: p.name, organisationId: orgIds[orgIndex], lang, role: 'requester' });
  }
  const userIds: number[] = [];
  await db.transaction().execute(async (trx) => {
    for (const batch of chunks(people, 500)) {
      const rows = await trx
        .insertInto('users')
        .values(batch.map((p) => ({ email: p.email, name: p.name, password_hash: null, organisation_id: p.organisationId, is_org_manager: 0, language: p.lang, is_active: 1, created_at: at, updated_at: at })))
        .returning(['id', 'email'])
        .execute();
      const byEmail = new Map(rows.map((r) => [r.email, r.id]));
      for (const p of batch) userIds.push(byEmail.get(p.email)!);
    }
    for (const batch of chunks(people.map((p, i) => ({ user_id: userIds[i], role: p.role })), 1_000)) await trx.insertInto('user_roles').values(batch).execute();
  });

  // Agents spread over the groups by weight, each group with at least two.
  const agentsByGroup = new Map<string, number[]>(GROUPS.map((g) => [g.key, []]));
  const weights = Object.fromEntries(GROUPS.map((g) => [g.key, g.weight])) as Record<string, number>;
  for (let k = 0; k < agentCount; k++) {
    const key = k < GROUPS.length * 2 ? GROUPS[k % GROUPS.length].key : rng.weighted(weights);
    agentsByGroup.get(key)!.push(userIds[k]);
  }
  const memberships = [...agentsByGroup].flatMap(([key, ids]) => ids.map((user_id) => ({ group_id: groupIds.get(key)!, user_id })));
  await db.insertInto('group_members').values(memberships).execute();

  const world: World = {
    requesters: people.flatMap((p, i) => (p.role === 'requester' ? [{ id: userIds[i], organisationId: p.organisationId!, lang: p.lang }] : [])),
    agentsByGroup,
    groupIds,
    categoryIds,
  };

  // Tickets and timelines, in index order so that ids and created_at grow together.
  const counter = await db.selectFrom('counters').select('value').where('name', '=', 'ticket_number').executeTakeFirstOrThrow();
  const maxId = await db.selectFrom('tickets').select((eb) => eb.fn.max('id').as('m')).executeTakeFirst();
  const firstId = Number(maxId?.m ?? 0) + 1;
  const end = now.getTime() - 60_000;
  const start = end - 2 * 365 * 24 * 3_600_000;
  const assetTags: string[] = [];
  const serials: string[] = [];
  let events = 0;
  const began = Date.now();
  let lastReport = began;
  for (let from = 0; from < opts.tickets; from += TICKETS_PER_TX) {
    const to = Math.min(opts.tickets, from + TICKETS_PER_TX);
    const tickets: GeneratedTicket['row'][] = [];
    const eventRows: EventRow[] = [];
    for (let i = from; i < to; i++) {
      const g = generateTicket(rng, world, firstId + i, i, opts.tickets, start, end);
      g.row.number = counter.value + i + 1;
      tickets.push(g.row);
      for (const e of g.events) eventRows.push(e);
      if (assetTags.length < 200) assetTags.push(...g.assetTags);
      if (g.serial && serials.length < 200) serials.push(g.serial);
    }
    await db.transaction().execute(async (trx) => {
      for (const batch of chunks(tickets, TICKET_ROWS_PER_INSERT)) await trx.insertInto('tickets').values(batch).execute();
      for (const batch of chunks(eventRows, EVENT_ROWS_PER_INSERT)) await trx.insertInto('ticket_events').values(batch).execute();
    });
    events += eventRows.length;
    if (Date.now() - lastReport > 2_000 || to === opts.tickets) {
      lastReport = Date.now();
      const s = (lastReport - began) / 1000;
      opts.progress(`loaded ${to.toLocaleString('en')}/${opts.tickets.toLocaleString('en')} tickets, ${events.toLocaleString('en')} events (${s.toFixed(1)} s, ${Math.round(to / s).toLocaleString('en')} tickets/s)`);
    }
  }
  await db.updateTable('counters').set({ value: counter.value + opts.tickets }).where('name', '=', 'ticket_number').execute();
  if (deps.dialect === 'postgres') {
    // Explicit ids do not move identity sequences.
    await sql`select setval(pg_get_serial_sequence('tickets', 'id'), (select max(id) from tickets))`.execute(db);
    await sql`analyze`.execute(db);
  }

  // The bench's agent, in the first-line group, with an API token.
  const agentRow = await db
    .insertInto('users')
    .values({ email: 'bench.agent@support.guichet.test', name: 'Bench Agent', password_hash: null, organisation_id: null, is_org_manager: 0, language: 'fr', is_active: 1, created_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('user_roles').values({ user_id: agentRow.id, role: 'agent' }).execute();
  await db.insertInto('group_members').values({ group_id: groupIds.get('sd')!, user_id: agentRow.id }).execute();
  const { token } = await createApiToken(deps, null, agentRow.id, 'bench');

  const busiest = await db
    .selectFrom('tickets')
    .select(['group_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', 'in', ['new', 'assigned', 'in_progress', 'pending'])
    .where('group_id', 'is not', null)
    .groupBy('group_id')
    .orderBy('n', 'desc')
    .executeTakeFirstOrThrow();

  return {
    tickets: opts.tickets,
    events,
    firstTicketId: firstId,
    lastTicketId: firstId + opts.tickets - 1,
    agent: { id: agentRow.id, token },
    busiestGroupId: busiest.group_id!,
    requesterEmails: people.filter((p) => p.role === 'requester').map((p) => p.email),
    assetTags,
    serials,
  };
}
