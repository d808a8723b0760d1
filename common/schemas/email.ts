// The email channel's API: helpdesk mailboxes, inbound messages (how each was threaded,
// the failed-mail list and its retry), outbound mail, and the notification templates.
import { z } from 'zod';
import { LANGUAGES } from '../enums.ts';
import { dbId, dbIdString, isoDateTime, pageOf } from './shared.ts';

export const INBOUND_STATUSES = ['received', 'processed', 'ignored', 'held', 'failed'] as const;
export type InboundStatus = (typeof INBOUND_STATUSES)[number];

/** What processing a message did. */
export const INBOUND_OUTCOMES = ['ticket_created', 'reply_added', 'note_added', 'bounce_recorded', 'ignored_loop', 'ignored_bounce', 'held_rate_limit'] as const;
export type InboundOutcome = (typeof INBOUND_OUTCOMES)[number];

/**
 * How a message was threaded. `by` names what matched; for a new ticket, `why` says why
 * nothing did. Reference-based matches give the Message-ID, tag matches the number.
 */
export const MATCH_BY = ['in-reply-to', 'references', 'subject-tag', 'address-tag', 'bounce', 'new'] as const;
export const NEW_TICKET_WHY = [
  'no-reference', // no In-Reply-To, References or tag at all
  'unknown-reference', // references and tags named no ticket we know
  'ticket-closed', // it named a closed ticket: a follow-up opens a new one
  'not-participant', // it named a ticket whose people do not include the sender
] as const;
export const emailMatchSchema = z.object({
  by: z.enum(MATCH_BY),
  messageId: z.string().optional(),
  ticketNumber: z.number().optional(),
  why: z.enum(NEW_TICKET_WHY).optional(),
  /** The ticket a new one follows up (closed) or that the sender was not part of. */
  relatedTicketNumber: z.number().optional(),
});
export type EmailMatch = z.infer<typeof emailMatchSchema>;

export const inboundSummarySchema = z.object({
  id: z.number(),
  messageId: z.string(),
  mailboxId: z.number().nullable(),
  source: z.enum(['smtp', 'imap', 'api']),
  from: z.string().nullable(),
  subject: z.string().nullable(),
  size: z.number(),
  status: z.enum(INBOUND_STATUSES),
  outcome: z.enum(INBOUND_OUTCOMES).nullable(),
  match: emailMatchSchema.nullable(),
  auto: z.boolean().describe('an auto-reply, bulk or list mail: never answered automatically'),
  ticket: z.object({ id: z.number(), number: z.number() }).nullable(),
  error: z.string().nullable(),
  attempts: z.number(),
  duplicates: z.number().describe('deliveries of the same Message-ID after the first, ignored'),
  receivedAt: isoDateTime,
  processedAt: isoDateTime.nullable(),
});
export type InboundSummary = z.infer<typeof inboundSummarySchema>;
export const inboundPage = pageOf(inboundSummarySchema);

/** One inbound message in full, for "view original". */
export const inboundDetailSchema = inboundSummarySchema.extend({
  headers: z.array(z.object({ name: z.string(), value: z.string() })),
  to: z.array(z.string()),
  cc: z.array(z.string()),
  text: z.string().nullable().describe('the whole text part (or a rendering of the HTML), quotes included'),
  html: z.string().nullable().describe('the HTML part, sanitised: no script, style sheet or remote content'),
  attachments: z.array(z.object({ filename: z.string(), contentType: z.string(), size: z.number(), attachmentId: z.number().nullable() })),
});
export type InboundDetail = z.infer<typeof inboundDetailSchema>;

export const listInboundQuery = z
  .object({
    status: z.enum(INBOUND_STATUSES).optional(),
    ticketId: dbIdString.optional(),
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export type ListInboundQuery = z.infer<typeof listInboundQuery>;

export const OUTBOUND_STATUSES = ['queued', 'sent', 'failed'] as const;
export const outboundSummarySchema = z.object({
  id: z.number(),
  ticket: z.object({ id: z.number(), number: z.number() }).nullable(),
  kind: z.string(),
  language: z.enum(LANGUAGES),
  to: z.array(z.string()),
  cc: z.array(z.string()),
  subject: z.string(),
  messageId: z.string(),
  status: z.enum(OUTBOUND_STATUSES),
  attempts: z.number(),
  lastError: z.string().nullable(),
  createdAt: isoDateTime,
  sentAt: isoDateTime.nullable(),
});
export type OutboundSummary = z.infer<typeof outboundSummarySchema>;
export const outboundPage = pageOf(outboundSummarySchema);
export const listOutboundQuery = z
  .object({
    status: z.enum(OUTBOUND_STATUSES).optional(),
    ticketId: dbIdString.optional(),
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export type ListOutboundQuery = z.infer<typeof listOutboundQuery>;

/** A ticket's mail: who is copied, what came in, what went out (and whether it left). */
export const ticketEmailSchema = z.object({
  ccs: z.array(z.object({ email: z.string(), name: z.string().nullable() })),
  inbound: z.array(inboundSummarySchema),
  outbound: z.array(outboundSummarySchema),
});
export type TicketEmail = z.infer<typeof ticketEmailSchema>;

const address = z.string().trim().toLowerCase().email().max(254);
const host = z.string().trim().min(1).max(253);
const folder = z.string().trim().min(1).max(200);

export const mailboxSchema = z.object({
  id: z.number(),
  name: z.string(),
  address: z.string(),
  imap: z
    .object({
      host: z.string(),
      port: z.number(),
      tls: z.boolean(),
      user: z.string(),
      hasPassword: z.boolean(),
      folder: z.string(),
      processedAction: z.enum(['move', 'flag']),
      processedFolder: z.string(),
      pollSeconds: z.number(),
    })
    .nullable(),
  defaultGroupId: z.number().nullable(),
  defaultCategoryId: z.number().nullable(),
  defaultOrganisationId: z.number().nullable(),
  active: z.boolean(),
  lastPolledAt: isoDateTime.nullable(),
  lastPollError: z.string().nullable(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type Mailbox = z.infer<typeof mailboxSchema>;

const imapInput = z
  .object({
    host,
    port: z.number().int().min(1).max(65535).default(993),
    tls: z.boolean().default(true),
    user: z.string().min(1).max(254),
    password: z.string().min(1).max(1000).optional().describe('kept when omitted on update'),
    folder: folder.default('INBOX'),
    processedAction: z.enum(['move', 'flag']).default('move').describe('move processed mail to processedFolder, or flag it as seen; never deleted'),
    processedFolder: folder.default('Processed'),
    pollSeconds: z.number().int().min(10).max(86_400).default(60),
  })
  .strict();

export const createMailboxBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    address,
    imap: imapInput.nullish().describe('omit for a mailbox that only receives through the SMTP listener'),
    defaultGroupId: dbId.nullish(),
    defaultCategoryId: dbId.nullish(),
    defaultOrganisationId: dbId.nullish(),
    active: z.boolean().default(true),
  })
  .strict();
export type CreateMailboxInput = z.infer<typeof createMailboxBody>;
export const updateMailboxBody = createMailboxBody.partial().strict();
export type UpdateMailboxInput = z.infer<typeof updateMailboxBody>;

// Notification templates
export const TEMPLATE_KINDS = ['ticket_created', 'agent_reply', 'ticket_resolved', 'agent_assigned', 'agent_new_reply', 'oncall_page', 'sla_warning', 'sla_breach'] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

export const templateSchema = z.object({
  kind: z.enum(TEMPLATE_KINDS),
  language: z.enum(LANGUAGES),
  subject: z.string(),
  text: z.string(),
  html: z.string().nullable().describe('null: the HTML part is made from the text'),
  customised: z.boolean().describe('false: the built-in default'),
  placeholders: z.array(z.string()).describe('what {{…}} may name in this template'),
});
export type Template = z.infer<typeof templateSchema>;
export const templateParams = z.object({ kind: z.enum(TEMPLATE_KINDS), language: z.enum(LANGUAGES) }).strict();
export const updateTemplateBody = z
  .object({
    subject: z.string().trim().min(1).max(500),
    text: z.string().min(1).max(50_000),
    html: z.string().max(200_000).nullish(),
  })
  .strict();
export type UpdateTemplateInput = z.infer<typeof updateTemplateBody>;

/** A draft to preview (fields left out come from the template in use); an empty body previews it as is. */
export const previewTemplateBody = updateTemplateBody.partial().strict();
export type PreviewTemplateInput = z.infer<typeof previewTemplateBody>;
export const templatePreviewSchema = z.object({
  subject: z.string(),
  text: z.string(),
  html: z.string().describe('the whole HTML document, as sent'),
});
export type TemplatePreview = z.infer<typeof templatePreviewSchema>;
