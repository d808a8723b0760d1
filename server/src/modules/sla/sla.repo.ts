// SQL of the SLA engine: each ticket's clock, the policies and tier rules it reads (cached
// briefly per process: other processes may change them), and the due scan.
import type { SlaAction } from '../../../../common/schemas/sla.ts';
import type { Trx } from '../../db/db.ts';
import type { Selectable } from 'kysely';
import type { TicketSlaTable } from '../../db/schema.ts';
import { executeCompiled } from '../../db/compiled-query-cache.ts';
import { newClockShape, type LoadedPolicy, type SlaClock, type TierRule } from './sla-clock.ts';

const CACHE_MS = 5_000;

interface Cached<T> {
  value: T;
  until: number;
}
const policies = new Map<number, Cached<LoadedPolicy>>();
let tierRules: Cached<{ id: number; name: string; fromTier: number; afterMinutes: number; toGroupId: number }[]> | null = null;

/** Forget cached policies and rules (after a write in this process; others wait ≤ 5 s). */
export function forgetSlaConfig(): void {
  policies.clear();
  tierRules = null;
}

export async function loadPolicy(db: Trx, id: number): Promise<LoadedPolicy> {
  const hit = policies.get(id);
  if (hit && hit.until > Date.now()) return hit.value;
  const row = await db.selectFrom('sla_policies').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const value: LoadedPolicy = {
    id: row.id,
    name: row.name,
    calendarId: row.calendar_id,
    targets: JSON.parse(row.targets),
    warnPercent: row.warn_percent,
    actions: JSON.parse(row.actions) as SlaAction[],
  };
  policies.set(id, { value, until: Date.now() + CACHE_MS });
  return value;
}

/** Active tier-escalation rules for tickets at `tier`. */
export async function tierRulesFor(db: Trx, tier: number): Promise<(TierRule & { name: string; toGroupId: number })[]> {
  if (!tierRules || tierRules.until <= Date.now()) {
    const rows = await db.selectFrom('escalation_rules').select(['id', 'name', 'from_tier', 'after_minutes', 'to_group_id']).where('is_active', '=', 1).orderBy('after_minutes').orderBy('id').execute();
    tierRules = { value: rows.map((r) => ({ id: r.id, name: r.name, fromTier: r.from_tier, afterMinutes: r.after_minutes, toGroupId: r.to_group_id })), until: Date.now() + CACHE_MS };
  }
  return tierRules.value.filter((r) => r.fromTier === tier);
}

// The clock is read on every ticket change and written with every new ticket: both are
// compiled once (compiled-query-cache.ts), not rebuilt by Kysely per call.
export async function findClock(db: Trx, ticketId: number): Promise<SlaClock | undefined> {
  const [row] = await executeCompiled(db, 'sla-clock', [ticketId], ([id]) => db.selectFrom('ticket_sla').selectAll().where('ticket_id', '=', id as number));
  if (!row) return undefined;
  const { ticket_id: _id, ...clock } = row;
  return clock;
}

const CLOCK_COLUMNS = ['ticket_id', ...Object.keys(newClockShape())].sort() as (keyof Selectable<TicketSlaTable>)[];

export async function insertClock(db: Trx, ticketId: number, clock: SlaClock): Promise<void> {
  const row = { ticket_id: ticketId, ...clock } as Selectable<TicketSlaTable>;
  await executeCompiled(db, 'insert-sla-clock', CLOCK_COLUMNS.map((k) => row[k]), (values) =>
    db.insertInto('ticket_sla').values(Object.fromEntries(CLOCK_COLUMNS.map((k, i) => [k, values[i]])) as Selectable<TicketSlaTable>),
  );
}

/** A ticket's clock with the names shown with it, in one read. */
export async function findClockView(db: Trx, ticketId: number) {
  const [row] = await executeCompiled(db, 'sla-clock-view', [ticketId], ([id]) =>
    db
      .selectFrom('ticket_sla as s')
      .innerJoin('sla_policies as p', 'p.id', 's.policy_id')
      .innerJoin('calendars as c', 'c.id', 's.calendar_id')
      .selectAll('s')
      .select(['p.name as policy_name', 'c.name as calendar_name', 'c.time_zone', 'c.is_24x7'])
      .where('s.ticket_id', '=', id as number),
  );
  return row;
}

export async function updateClock(db: Trx, ticketId: number, clock: SlaClock): Promise<void> {
  await db.updateTable('ticket_sla').set(clock).where('ticket_id', '=', ticketId).execute();
}

/** The clocks whose wake-up time has come, soonest first: an index range, not a scan. */
export function findDueClocks(db: Trx, now: string, limit: number) {
  return db.selectFrom('ticket_sla').select(['ticket_id', 'wake_at']).where('wake_at', '<=', now).orderBy('wake_at').orderBy('ticket_id').limit(limit).execute();
}

/** Open tickets at a tier (to give them a newly made tier rule), in id order from `afterId`. */
export function findOpenTicketIdsAtTier(db: Trx, tier: number, afterId: number, limit: number) {
  return db
    .selectFrom('tickets as t')
    .innerJoin('ticket_sla as s', 's.ticket_id', 't.id')
    .select('t.id')
    .where('t.status', 'in', ['new', 'assigned', 'in_progress'])
    .where('t.id', '>', afterId)
    .where('t.tier', '=', tier)
    .orderBy('t.id')
    .limit(limit)
    .execute();
}

/** Open tickets without a clock (made before SLAs existed), oldest first. */
export function findTicketsWithoutClock(db: Trx, limit: number) {
  return db
    .selectFrom('tickets as t')
    .leftJoin('ticket_sla as s', 's.ticket_id', 't.id')
    .select('t.id')
    .where('s.ticket_id', 'is', null)
    .where('t.status', 'in', ['new', 'assigned', 'in_progress', 'pending'])
    .orderBy('t.id')
    .limit(limit)
    .execute();
}
