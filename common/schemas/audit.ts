// The audit log as the API shows it: who changed what, newest first.
import { z } from 'zod';
import { LIMITS } from '../enums.ts';
import { dbIdString, isoDateTime, pageOf } from './shared.ts';

export const listAuditQuery = z
  .object({
    entityType: z.string().trim().min(1).max(64).optional().describe('e.g. user, organisation, ticket'),
    entityId: z.string().trim().min(1).max(64).optional(),
    actorId: dbIdString.optional(),
    limit: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(LIMITS.pageSizeDefault),
    cursor: dbIdString.optional().describe('nextCursor of the previous page'),
  })
  .strict();
export type ListAuditQuery = z.infer<typeof listAuditQuery>;

export const auditEntrySchema = z.object({
  id: z.number(),
  actorId: z.number().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  organisationId: z.number().nullable(),
  data: z.unknown().describe('What changed, as recorded (JSON)'),
  createdAt: isoDateTime,
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditPage = pageOf(auditEntrySchema);
