// SQL for client contracts (an organisation, an SLA policy, an optional date range), and the
// question the SLA engine asks on every new ticket: which policy applies.
import type { Db, Trx } from '../../db/db.ts';
import { executeCompiled } from '../../db/compiled-query-cache.ts';
import type { Contract } from '../../../../common/schemas/sla.ts';

export interface ContractValues {
  organisation_id: number;
  name: string;
  sla_policy_id: number;
  starts_on: string | null;
  ends_on: string | null;
  notes: string;
}

const DEFAULT_TTL_MS = 5_000;
// Per database (its adapter is shared by its transactions), like the calendar cache. A
// forget bumps the epoch: an entry from before, even one whose read was still running, is stale.
let epoch = 0;
const defaults = new WeakMap<object, { id: number; until: number; epoch: number }>();

/** Forgets the cached default policy id (after a policy write in this process). */
export function forgetDefaultPolicy(): void {
  epoch += 1;
}

async function defaultPolicyId(db: Db | Trx): Promise<number> {
  const key = db.getExecutor().adapter;
  const hit = defaults.get(key);
  if (hit && hit.until > Date.now() && hit.epoch === epoch) return hit.id;
  const started = epoch;
  const row = await db.selectFrom('sla_policies').select('id').where('is_default', '=', 1).orderBy('id').executeTakeFirst();
  if (!row) throw new Error('No default SLA policy: the migrations seed one and the API never removes it.');
  defaults.set(key, { id: row.id, until: Date.now() + DEFAULT_TTL_MS, epoch: started });
  return row.id;
}

/**
 * The policy of the organisation's contract in force on `localDate` (YYYY-MM-DD), else the
 * default policy. Contracts of one organisation never overlap, so at most one is in force;
 * the lookup reads the organisation's few contracts through contracts_organisation_idx.
 */
export async function findPolicyIdForOrganisation(db: Db | Trx, organisationId: number | null, localDate: string): Promise<number> {
  if (organisationId !== null) {
    const rows = await executeCompiled<{ sla_policy_id: number }>(db, 'contract-policy-on', [organisationId, localDate, localDate], ([org, from, to]) =>
      db
        .selectFrom('contracts')
        .select('sla_policy_id')
        .where('organisation_id', '=', org as number)
        .where((eb) => eb.or([eb('starts_on', 'is', null), eb('starts_on', '<=', from as string)]))
        .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>=', to as string)]))
        .limit(1),
    );
    if (rows[0]) return rows[0].sla_policy_id;
  }
  return defaultPolicyId(db);
}

function contractsQuery(db: Trx) {
  return db
    .selectFrom('contracts as k')
    .innerJoin('organisations as o', 'o.id', 'k.organisation_id')
    .innerJoin('sla_policies as p', 'p.id', 'k.sla_policy_id')
    .select(['k.id', 'k.organisation_id', 'o.name as organisation_name', 'k.name', 'k.sla_policy_id', 'p.name as policy_name', 'k.starts_on', 'k.ends_on', 'k.notes', 'k.created_at', 'k.updated_at']);
}
type ContractRow = Awaited<ReturnType<ReturnType<typeof contractsQuery>['executeTakeFirstOrThrow']>>;

function toContract(r: ContractRow, today: string): Contract {
  return {
    id: r.id,
    organisation: { id: r.organisation_id, name: r.organisation_name },
    name: r.name,
    policy: { id: r.sla_policy_id, name: r.policy_name },
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    notes: r.notes,
    active: (r.starts_on === null || r.starts_on <= today) && (r.ends_on === null || r.ends_on >= today),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Contracts of the visible organisations ('all', or these ids), optionally of one. */
export async function listContracts(db: Trx, visible: 'all' | number[], f: { organisationId?: number }, today: string): Promise<Contract[]> {
  if (visible !== 'all' && visible.length === 0) return [];
  let q = contractsQuery(db);
  if (visible !== 'all') q = q.where('k.organisation_id', 'in', visible);
  if (f.organisationId !== undefined) q = q.where('k.organisation_id', '=', f.organisationId);
  const rows = await q.orderBy('o.name').orderBy('k.starts_on').orderBy('k.id').execute();
  return rows.map((r) => toContract(r, today));
}

export async function findContract(db: Trx, visible: 'all' | number[], id: number, today: string): Promise<Contract | undefined> {
  let q = contractsQuery(db).where('k.id', '=', id);
  if (visible !== 'all') {
    if (visible.length === 0) return undefined;
    q = q.where('k.organisation_id', 'in', visible);
  }
  const row = await q.executeTakeFirst();
  return row && toContract(row, today);
}

/** The organisation's contracts whose dates meet [startsOn, endsOn] (null: unbounded). */
export async function findOverlappingContracts(db: Trx, organisationId: number, startsOn: string | null, endsOn: string | null, exceptId?: number) {
  let q = db.selectFrom('contracts').select(['id', 'name', 'starts_on', 'ends_on']).where('organisation_id', '=', organisationId);
  if (endsOn !== null) q = q.where((eb) => eb.or([eb('starts_on', 'is', null), eb('starts_on', '<=', endsOn)]));
  if (startsOn !== null) q = q.where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>=', startsOn)]));
  if (exceptId !== undefined) q = q.where('id', '!=', exceptId);
  // Earliest first, "always" (null) before any date, the same on both back ends.
  const rows = await q.execute();
  return rows.sort((a, b) => (a.starts_on ?? '').localeCompare(b.starts_on ?? '') || a.id - b.id);
}

/** Locks the organisation's row until commit (PostgreSQL): contracts of one organisation are checked one writer at a time. */
export function lockOrganisation(db: Trx, dialect: 'sqlite' | 'postgres', id: number) {
  const q = db.selectFrom('organisations').select(['id', 'name']).where('id', '=', id);
  return (dialect === 'postgres' ? q.forUpdate() : q).executeTakeFirst();
}

export function findPolicyName(db: Trx, id: number) {
  return db.selectFrom('sla_policies').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
}

export async function insertContract(db: Trx, v: ContractValues, at: string): Promise<number> {
  const row = await db.insertInto('contracts').values({ ...v, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateContract(db: Trx, id: number, v: Partial<ContractValues>, at: string): Promise<void> {
  await db.updateTable('contracts').set({ ...v, updated_at: at }).where('id', '=', id).execute();
}

export async function deleteContract(db: Trx, id: number): Promise<void> {
  await db.deleteFrom('contracts').where('id', '=', id).execute();
}
