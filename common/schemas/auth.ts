import { z } from 'zod';
import { ROLES } from '../enums.ts';
import { email, isoDateTime } from './shared.ts';

export const loginBody = z.object({ email, password: z.string().min(1).max(1024) }).strict();

export const meResponse = z.object({
  id: z.number(),
  email: z.string(),
  name: z.string(),
  roles: z.array(z.enum(ROLES)),
  organisationId: z.number().nullable(),
  isOrgManager: z.boolean(),
  language: z.string(),
});
export type Me = z.infer<typeof meResponse>;

export const createTokenBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    expiresAt: z.iso.datetime({ offset: true }).optional().describe('When the token stops working; omitted: until revoked'),
  })
  .strict();
export type CreateTokenBody = z.infer<typeof createTokenBody>;
export const apiTokenSchema = z.object({
  id: z.number(),
  name: z.string(),
  prefix: z.string(),
  createdAt: isoDateTime,
  lastUsedAt: isoDateTime.nullable(),
  expiresAt: isoDateTime.nullable(),
  revokedAt: isoDateTime.nullable(),
});
export type ApiToken = z.infer<typeof apiTokenSchema>;

