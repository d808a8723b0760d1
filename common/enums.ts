// Enumerations and limits shared by the server and the web app (imported from source).
export const ROLES = ['requester', 'agent', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const STAFF_ROLES: readonly Role[] = ['agent', 'supervisor', 'admin'];

export const TICKET_TYPES = ['incident', 'service_request'] as const;
export type TicketType = (typeof TICKET_TYPES)[number];

export const CHANNELS = ['email', 'phone', 'chat', 'portal', 'api'] as const;
export type Channel = (typeof CHANNELS)[number];

export const TICKET_STATUSES = ['new', 'assigned', 'in_progress', 'pending', 'resolved', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
export const OPEN_STATUSES: readonly TicketStatus[] = ['new', 'assigned', 'in_progress', 'pending'];

export const PENDING_REASONS = ['requester', 'third_party'] as const;
export type PendingReason = (typeof PENDING_REASONS)[number];

export const PRIORITIES = ['P1', 'P2', 'P3', 'P4', 'P5'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const TIERS = [1, 2, 3] as const;
export const LANGUAGES = ['en', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];

export const LIMITS = {
  title: 200,
  description: 50_000,
  body: 50_000,
  name: 200,
  email: 254,
  resolutionField: 10_000,
  code: 64,
  pageSizeMax: 200,
  pageSizeDefault: 50,
} as const;
