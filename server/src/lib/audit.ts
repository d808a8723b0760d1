// The append-only audit log: one row per change, written in the change's own transaction.
import type { Trx } from '../db/db.ts';
import type { Actor } from './actor.ts';
import { executeCompiled } from '../db/compiled-query-cache.ts';

export interface AuditEntry {
  action: string; // e.g. 'ticket.create', 'user.update'
  entityType: string;
  entityId: number | string;
  organisationId?: number | null;
  data?: unknown;
}

export async function recordAudit(trx: Trx, actor: Actor | null, at: string, entry: AuditEntry): Promise<void> {
  const inputs = [
    actor && actor.userId > 0 ? actor.userId : null,
    entry.action,
    entry.entityType,
    String(entry.entityId),
    entry.organisationId ?? null,
    entry.data === undefined ? null : JSON.stringify(entry.data),
    at,
  ];
  await executeCompiled(trx, 'insert-audit', inputs, ([actorId, action, entityType, entityId, organisationId, data, createdAt]) =>
    trx.insertInto('audit_log').values({
      actor_id: actorId as number | null,
      action: action as string,
      entity_type: entityType as string,
      entity_id: entityId as string,
      organisation_id: organisationId as number | null,
      data: data as string | null,
      created_at: createdAt as string,
    }),
  );
}
