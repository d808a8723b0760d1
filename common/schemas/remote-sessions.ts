// Remote-assistance sessions recorded on a ticket as evidence: which tool, which session,
// the requester's consent, when, and what was done.
import { z } from 'zod';
import { dbIdString, isoDateTime, userRef } from './shared.ts';

export const REMOTE_TOOLS = ['teamviewer', 'anydesk', 'rustdesk', 'chrome_remote_desktop', 'quick_assist', 'vnc', 'other'] as const;
export type RemoteTool = (typeof REMOTE_TOOLS)[number];

export const REMOTE_SESSION_LIMITS = { sessionRef: 500, consentNote: 500, summary: 10_000 } as const;

// An id as the tools show them ("1 234 567 890", "k7-x2.host", "10.0.0.5:5900"): letters,
// digits, spaces and a few separators, an optional :port at the end, and nothing that
// reads as a URL scheme.
const SESSION_ID = /^[\p{L}\p{N}][\p{L}\p{N} ._\-#@]*(:\d{1,5})?$/u;

/** The session reference as a launch link, when it is an http(s) URL; null otherwise. */
export function launchUrlOf(ref: string): string | null {
  if (!/^https?:\/\//i.test(ref)) return null;
  try {
    const url = new URL(ref);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname ? url.href : null;
  } catch {
    return null;
  }
}

const sessionRef = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(REMOTE_SESSION_LIMITS.sessionRef)
  .refine((s) => launchUrlOf(s) !== null || SESSION_ID.test(s), 'must be the session id shown by the tool, or an http(s):// link; no other scheme is accepted')
  .describe('the session id, or its launch link (http or https only)');

const instant = z.iso.datetime({ offset: true }).describe('ISO 8601 date-time with an offset');
const optionalText = (max: number) => z.string().trim().min(1).max(max).optional();

export const createRemoteSessionBody = z
  .object({
    tool: z.enum(REMOTE_TOOLS),
    sessionRef,
    consent: z.boolean().optional().describe("true once the requester agreed to the session; refused (422) otherwise"),
    consentNote: optionalText(REMOTE_SESSION_LIMITS.consentNote).describe('how consent was given, e.g. "agreed on the phone at 10:02"'),
    startedAt: instant,
    endedAt: instant.optional(),
    summary: optionalText(REMOTE_SESSION_LIMITS.summary).describe('what was done during the session'),
  })
  .strict();
export type CreateRemoteSessionInput = z.infer<typeof createRemoteSessionBody>;

export const updateRemoteSessionBody = z
  .object({
    endedAt: instant.optional(),
    summary: optionalText(REMOTE_SESSION_LIMITS.summary),
  })
  .strict()
  .refine((b) => b.endedAt !== undefined || b.summary !== undefined, 'send endedAt and/or summary');
export type UpdateRemoteSessionInput = z.infer<typeof updateRemoteSessionBody>;

export const remoteSessionParams = z.object({ id: dbIdString, sessionId: dbIdString }).strict();

export const remoteSessionSchema = z.object({
  id: z.number(),
  ticketId: z.number(),
  tool: z.enum(REMOTE_TOOLS),
  sessionRef: z.string(),
  launchUrl: z.string().nullable().describe('sessionRef when it is an http(s) link'),
  consent: z.boolean(),
  consentNote: z.string().nullable(),
  startedAt: isoDateTime,
  endedAt: isoDateTime.nullable(),
  summary: z.string().nullable(),
  agent: userRef.nullable(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type RemoteSession = z.infer<typeof remoteSessionSchema>;

export const remoteSessionListResponse = z.object({ items: z.array(remoteSessionSchema) });
