// Contracts (interim: the "calendars" helper replaces this file with the full repo).
import type { Db, Trx } from '../../db/db.ts';

let defaultPolicy: { id: number; until: number } | null = null;

/** The policy of the organisation's contract in force on `localDate`, else the default policy. */
export async function findPolicyIdForOrganisation(db: Db | Trx, organisationId: number | null, localDate: string): Promise<number> {
  if (organisationId !== null) {
    const hit = await db
      .selectFrom('contracts')
      .select('sla_policy_id')
      .where('organisation_id', '=', organisationId)
      .where((eb) => eb.or([eb('starts_on', 'is', null), eb('starts_on', '<=', localDate)]))
      .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>=', localDate)]))
      .executeTakeFirst();
    if (hit) return hit.sla_policy_id;
  }
  if (!defaultPolicy || defaultPolicy.until <= Date.now()) {
    const row = await db.selectFrom('sla_policies').select('id').where('is_default', '=', 1).executeTakeFirstOrThrow();
    defaultPolicy = { id: row.id, until: Date.now() + 5_000 };
  }
  return defaultPolicy.id;
}
