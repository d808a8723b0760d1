// People: requesters of client organisations and the staff who serve them.
import { z } from 'zod';
import { LANGUAGES, LIMITS, ROLES } from '../enums.ts';
import { dbId, dbIdString, email, isoDateTime } from './shared.ts';

const name = z.string().trim().min(1).max(LIMITS.name);
const roles = z
  .array(z.enum(ROLES))
  .min(1)
  .max(ROLES.length)
  .refine((r) => new Set(r).size === r.length, 'lists a role twice');
export const password = z.string().min(8, 'must be at least 8 characters').max(1024);
const ids = z.array(dbId).max(1000);

export const createUserBody = z
  .object({
    email,
    name,
    roles: roles.default(['requester']),
    password: password.optional(),
    organisationId: dbId.nullable().optional().describe('Omitted: placed by the domain of the email'),
    isOrgManager: z.boolean().optional(),
    language: z.enum(LANGUAGES).optional(),
    servedOrganisationIds: ids.optional().describe('Staff only: the client organisations served; empty means all'),
    groupIds: ids.optional().describe('Staff only'),
  })
  .strict();
export type CreateUserBody = z.infer<typeof createUserBody>;

export const updateUserBody = z
  .object({
    email: email.optional(),
    name: name.optional(),
    roles: roles.optional(),
    password: password.optional(),
    organisationId: dbId.nullable().optional(),
    isOrgManager: z.boolean().optional(),
    language: z.enum(LANGUAGES).optional(),
    isActive: z.boolean().optional(),
    servedOrganisationIds: ids.optional().describe('Replaces the list; empty means all organisations'),
    groupIds: ids.optional().describe('Replaces the list'),
  })
  .strict();
export type UpdateUserBody = z.infer<typeof updateUserBody>;

export const updateMeBody = z
  .object({
    name: name.optional(),
    language: z.enum(LANGUAGES).optional(),
    password: password.optional(),
    currentPassword: z.string().min(1).max(1024).optional(),
  })
  .strict()
  .refine((b) => b.password === undefined || b.currentPassword !== undefined, {
    path: ['currentPassword'],
    message: 'is required to change the password',
  });
export type UpdateMeBody = z.infer<typeof updateMeBody>;

export const listUsersQuery = z
  .object({
    q: z.string().trim().max(LIMITS.email).optional().describe('Part of the name or email, any case'),
    role: z.enum(ROLES).optional(),
    organisationId: dbIdString.optional(),
    limit: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(LIMITS.pageSizeDefault),
    cursor: dbIdString.optional().describe('nextCursor of the previous page'),
  })
  .strict();
export type ListUsersQuery = z.infer<typeof listUsersQuery>;

export const userSchema = z.object({
  id: z.number(),
  email: z.string(),
  name: z.string(),
  roles: z.array(z.enum(ROLES)),
  organisationId: z.number().nullable(),
  isOrgManager: z.boolean(),
  language: z.enum(LANGUAGES),
  isActive: z.boolean(),
  groupIds: z.array(z.number()),
  servedOrganisationIds: z.array(z.number()),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type User = z.infer<typeof userSchema>;

export const createdTokenSchema = z.object({
  id: z.number(),
  name: z.string(),
  prefix: z.string(),
  token: z.string().describe('Shown once; store it now'),
  createdAt: isoDateTime,
  expiresAt: isoDateTime.nullable(),
});
export type CreatedToken = z.infer<typeof createdTokenSchema>;
