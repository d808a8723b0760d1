// SQL for SLA policies: targets per priority on a calendar, warning and breach actions.
import { sql } from 'kysely';
import type { Trx } from '../../db/db.ts';
import type { SlaAction, SlaPolicy } from '../../../../common/schemas/sla.ts';

export interface PolicyValues {
  name: string;
  description: string;
  calendar_id: number;
  targets: string;
  warn_percent: number;
  actions: string;
}

function policiesQuery(db: Trx) {
  return db
    .selectFrom('sla_policies as p')
    .innerJoin('calendars as c', 'c.id', 'p.calendar_id')
    .select((eb) => [
      'p.id',
      'p.name',
      'p.description',
      'p.calendar_id',
      'c.name as calendar_name',
      'p.is_default',
      'p.targets',
      'p.warn_percent',
      'p.actions',
      'p.created_at',
      'p.updated_at',
      eb.selectFrom('contracts as k').select((k) => k.fn.countAll<number>().as('n')).whereRef('k.sla_policy_id', '=', 'p.id').as('contracts'),
    ]);
}

type PolicyRow = Awaited<ReturnType<ReturnType<typeof policiesQuery>['executeTakeFirstOrThrow']>>;

function toPolicy(r: PolicyRow): SlaPolicy {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    calendar: { id: r.calendar_id, name: r.calendar_name },
    isDefault: Boolean(r.is_default),
    targets: JSON.parse(r.targets) as SlaPolicy['targets'],
    warnPercent: r.warn_percent,
    actions: JSON.parse(r.actions) as SlaAction[],
    contracts: Number(r.contracts ?? 0),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function listPolicies(db: Trx): Promise<SlaPolicy[]> {
  const rows = await policiesQuery(db).orderBy('p.is_default', 'desc').orderBy('p.name').orderBy('p.id').execute();
  return rows.map(toPolicy);
}

export async function findPolicy(db: Trx, id: number): Promise<SlaPolicy | undefined> {
  const row = await policiesQuery(db).where('p.id', '=', id).executeTakeFirst();
  return row && toPolicy(row);
}

export function findPolicyByName(db: Trx, name: string) {
  return db.selectFrom('sla_policies').select(['id', 'name']).where(sql<boolean>`lower(name) = lower(${name})`).executeTakeFirst();
}

export function findCalendarName(db: Trx, id: number) {
  return db.selectFrom('calendars').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
}

export async function existingGroupIds(db: Trx, ids: number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('groups').select('id').where('id', 'in', ids).execute();
  return new Set(rows.map((r) => r.id));
}

export async function insertPolicy(db: Trx, v: PolicyValues, at: string): Promise<number> {
  const row = await db
    .insertInto('sla_policies')
    .values({ ...v, is_default: 0, created_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updatePolicy(db: Trx, id: number, v: Partial<PolicyValues>, at: string): Promise<void> {
  await db.updateTable('sla_policies').set({ ...v, updated_at: at }).where('id', '=', id).execute();
}

/** The advisory lock that serialises changes of the default policy (PostgreSQL). */
const DEFAULT_POLICY_LOCK = 51_734_001;

/**
 * PostgreSQL: waits until no other transaction is changing the default, then holds that turn
 * until commit. Taken before any other write, so that the statements after it see the other
 * transaction's work (even a new default row it inserted) and two writers never deadlock.
 * SQLite runs one write transaction at a time anyway.
 */
export async function lockDefault(db: Trx, dialect: 'sqlite' | 'postgres'): Promise<void> {
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(${DEFAULT_POLICY_LOCK})`.execute(db);
}

/** Makes this policy the only default, in one statement over every row (after lockDefault). */
export async function makeDefault(db: Trx, id: number, at: string): Promise<void> {
  await db
    .updateTable('sla_policies')
    .set({
      is_default: sql<number>`case when id = ${id} then 1 else 0 end`,
      updated_at: sql<string>`case when id = ${id} or is_default = 1 then ${at} else updated_at end`,
    })
    .execute();
}

export function findDefaultPolicyId(db: Trx) {
  return db.selectFrom('sla_policies').select('id').where('is_default', '=', 1).orderBy('id').executeTakeFirst();
}

/** What keeps a policy: contracts by name, and tickets whose clocks were computed with it. */
export async function findPolicyUsers(db: Trx, id: number) {
  const contracts = await db
    .selectFrom('contracts as k')
    .innerJoin('organisations as o', 'o.id', 'k.organisation_id')
    .select(['k.id', 'k.name', 'o.name as organisation'])
    .where('k.sla_policy_id', '=', id)
    .orderBy('o.name')
    .orderBy('k.name')
    .execute();
  const clocks = await db.selectFrom('ticket_sla').select((eb) => eb.fn.countAll<number>().as('n')).where('policy_id', '=', id).executeTakeFirstOrThrow();
  return { contracts, ticketClocks: Number(clocks.n) };
}

export async function deletePolicy(db: Trx, id: number): Promise<void> {
  await db.deleteFrom('sla_policies').where('id', '=', id).execute();
}
