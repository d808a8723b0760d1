// The append-only audit log: one row per change, written in the change's own transaction.
import type { Trx } from '../db/db.ts';
import type { Actor } from './actor.ts';

export interface AuditEntry {
  action: string; // e.g. 'ticket.create', 'user.update'
  entityType: string;
  entityId: number | string;
  organisationId?: number | null;
  data?: unknown;
}

export async function recordAudit(trx: Trx, actor: Actor | null, at: string, entry: AuditEntry): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({
      actor_id: actor && actor.userId > 0 ? actor.userId : null,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: String(entry.entityId),
      organisation_id: entry.organisationId ?? null,
      data: entry.data === undefined ? null : JSON.stringify(entry.data),
      created_at: at,
    })
    .execute();
}
