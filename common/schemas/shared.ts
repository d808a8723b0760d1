// Building blocks for request and response schemas.
import { z } from 'zod';

/** Ids are 32-bit integers in both databases: anything larger cannot exist. */
export const MAX_ID = 2_147_483_647;
export const dbId = z.number().int().positive().max(MAX_ID);
/** An id read from a path or a query string. */
export const dbIdString = z.coerce.number().int().positive().max(MAX_ID);
export const idParam = z.object({ id: dbIdString }).strict();
export const isoDateTime = z.string().describe('ISO 8601 date-time, UTC');
export const email = z.string().trim().toLowerCase().email().max(254);

export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  detail: z.string(),
  instance: z.string().optional(),
  requestId: z.string().optional(),
}).passthrough();

/** A page of a list: items, and the cursor of the next page (null at the end). */
export function pageOf<T extends z.ZodTypeAny>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

export const userRef = z.object({ id: z.number(), name: z.string(), email: z.string() });
export type UserRef = z.infer<typeof userRef>;
