// SQL for reading the audit log (writing is lib/audit.ts, inside each change's transaction).
import type { Trx } from '../../db/db.ts';
import type { AuditEntry, ListAuditQuery } from '../../../../common/schemas/audit.ts';

function parseData(data: string | null): unknown {
  if (data === null) return null;
  try {
    return JSON.parse(data);
  } catch {
    return data;
  }
}

/** Newest first; the cursor is the id of the last entry of the previous page. */
export async function listAuditEntries(db: Trx, f: ListAuditQuery): Promise<{ items: AuditEntry[]; nextCursor: string | null }> {
  let query = db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(f.limit + 1);
  if (f.entityType !== undefined) query = query.where('entity_type', '=', f.entityType);
  if (f.entityId !== undefined) query = query.where('entity_id', '=', f.entityId);
  if (f.actorId !== undefined) query = query.where('actor_id', '=', f.actorId);
  if (f.cursor !== undefined) query = query.where('id', '<', f.cursor);
  const rows = await query.execute();
  const page = rows.slice(0, f.limit);
  return {
    items: page.map((r) => ({
      id: r.id,
      actorId: r.actor_id,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      organisationId: r.organisation_id,
      data: parseData(r.data),
      createdAt: r.created_at,
    })),
    nextCursor: rows.length > f.limit ? String(page[page.length - 1].id) : null,
  };
}
