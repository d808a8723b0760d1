// Client organisations: the companies whose people raise tickets.
import { z } from 'zod';
import { LIMITS } from '../enums.ts';
import { dbIdString, isoDateTime } from './shared.ts';

// Labels of letters, digits and inner hyphens; the last label starts with a letter, so an
// IP address is not taken for a domain. Internationalised names go in punycode (xn--).
const HOSTNAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export const domain = z
  .string()
  .trim()
  .toLowerCase()
  .regex(HOSTNAME, 'must be a hostname such as acme.example (punycode for internationalised names)');

const name = z.string().trim().min(1).max(LIMITS.name);
const domains = z.array(domain).max(100);

export const createOrganisationBody = z.object({ name, domains: domains.default([]) }).strict();
export type CreateOrganisationInput = z.infer<typeof createOrganisationBody>;

export const updateOrganisationBody = z
  .object({ name: name.optional(), domains: domains.optional().describe('Replaces the whole list') })
  .strict();
export type UpdateOrganisationInput = z.infer<typeof updateOrganisationBody>;

export const listOrganisationsQuery = z
  .object({
    q: z.string().trim().max(LIMITS.name).optional().describe('Part of the name (case and accents ignored) or of a domain'),
    limit: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(LIMITS.pageSizeDefault),
    cursor: dbIdString.optional().describe('nextCursor of the previous page'),
  })
  .strict();
export type ListOrganisationsQuery = z.infer<typeof listOrganisationsQuery>;

export const organisationSchema = z.object({
  id: z.number(),
  name: z.string(),
  domains: z.array(z.string()),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type Organisation = z.infer<typeof organisationSchema>;
