// Table types for Kysely. Times are ISO 8601 UTC strings and flags are 0/1 integers on
// both back ends, so one code path serves SQLite and PostgreSQL alike.
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export interface OrganisationsTable {
  id: Generated<number>;
  name: string;
  created_at: string;
  updated_at: string;
}

export interface OrganisationDomainsTable {
  domain: string;
  organisation_id: number;
}

export interface UsersTable {
  id: Generated<number>;
  email: string;
  name: string;
  password_hash: string | null;
  organisation_id: number | null;
  is_org_manager: number;
  language: string;
  is_active: number;
  created_at: string;
  updated_at: string;
}

export interface UserRolesTable {
  user_id: number;
  role: string;
}

/** Staff restricted to some client organisations; no row means the user serves all of them. */
export interface UserOrganisationScopesTable {
  user_id: number;
  organisation_id: number;
}

export interface GroupsTable {
  id: Generated<number>;
  name: string;
  tier: number;
  description: string;
  created_at: string;
  updated_at: string;
}

export interface GroupMembersTable {
  group_id: number;
  user_id: number;
}

export interface CategoriesTable {
  id: Generated<number>;
  parent_id: number | null;
  name: string;
  is_active: number;
  created_at: string;
}

export interface SessionsTable {
  id: string; // sha256 of the cookie value
  user_id: number;
  created_at: string;
  expires_at: string;
}

export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  prefix: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface CountersTable {
  name: string;
  value: number;
}

export interface SettingsTable {
  key: string;
  value: string; // JSON
  updated_at: string;
}

export interface TicketsTable {
  id: Generated<number>;
  number: number;
  type: string;
  title: string;
  description: string;
  requester_id: number;
  organisation_id: number | null;
  channel: string;
  category_id: number | null;
  impact: number;
  urgency: number;
  priority: number;
  is_priority_overridden: number;
  priority_reason: string | null;
  group_id: number | null;
  assignee_id: number | null;
  tier: number;
  status: string;
  pending_reason: string | null;
  resolution_symptoms: string | null;
  resolution_diagnosis: string | null;
  resolution_actions: string | null;
  resolution_result: string | null;
  resolution_code: string | null;
  is_first_contact_resolution: number;
  reopen_count: number;
  escalation_count: number;
  created_by_id: number | null;
  created_at: string;
  updated_at: string;
  first_response_at: string | null;
  resolved_at: string | null;
  closed_at: string | null;
  /** The helpdesk mailbox the ticket came in through, if by mail. */
  mailbox_id: number | null;
}

export interface TicketEventsTable {
  id: Generated<number>;
  ticket_id: number;
  kind: string;
  author_id: number | null;
  is_internal: number;
  body: string | null;
  data: string | null; // JSON
  created_at: string;
}

export interface AttachmentsTable {
  id: Generated<number>;
  ticket_id: number;
  event_id: number | null;
  filename: string;
  content_type: string;
  size: number;
  sha256: string;
  uploaded_by_id: number | null;
  created_at: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  actor_id: number | null;
  action: string;
  entity_type: string;
  entity_id: string;
  organisation_id: number | null;
  data: string | null; // JSON
  created_at: string;
}

export interface JobsTable {
  id: Generated<number>;
  kind: string;
  payload: string; // JSON
  run_at: string;
  attempts: number;
  max_attempts: number;
  locked_until: string | null;
  last_error: string | null;
  dedupe_key: string | null;
  created_at: string;
}

export interface SavedViewsTable {
  id: Generated<number>;
  owner_id: number;
  name: string;
  is_shared: number;
  filters: string; // JSON
  sort: string;
  columns: string; // JSON
  position: number;
  created_at: string;
  updated_at: string;
}

export interface RemoteSessionsTable {
  id: Generated<number>;
  ticket_id: number;
  event_id: number | null;
  agent_id: number | null;
  tool: string;
  session_ref: string;
  consent: number;
  consent_note: string | null;
  started_at: string;
  ended_at: string | null;
  summary: string | null;
  created_at: string;
  updated_at: string;
}

export interface SatisfactionRatingsTable {
  ticket_id: number;
  rated_by_id: number | null;
  score: number;
  comment: string | null;
  created_at: string;
  updated_at: string;
}

export interface MailboxesTable {
  id: Generated<number>;
  name: string;
  address: string;
  imap_host: string | null;
  imap_port: number | null;
  imap_tls: number;
  imap_user: string | null;
  imap_password: string | null;
  imap_folder: string;
  processed_action: string; // move | flag
  processed_folder: string;
  poll_seconds: number;
  default_group_id: number | null;
  default_category_id: number | null;
  default_organisation_id: number | null;
  is_active: number;
  last_polled_at: string | null;
  last_poll_error: string | null;
  created_at: string;
  updated_at: string;
}

export interface InboundMessagesTable {
  id: Generated<number>;
  message_id: string;
  mailbox_id: number | null;
  source: string; // smtp | imap | api
  envelope_from: string | null;
  envelope_to: string; // JSON array
  from_address: string | null;
  subject: string | null;
  size: number;
  status: string; // received | processed | ignored | held | failed
  outcome: string | null;
  match: string | null; // JSON
  is_auto: number;
  ticket_id: number | null;
  event_id: number | null;
  error: string | null;
  attempts: number;
  duplicates: number;
  received_at: string;
  processed_at: string | null;
}

/** The message exactly as received, apart from its row (which processing updates). */
export interface InboundRawTable {
  inbound_id: number;
  raw: Buffer;
}

export interface OutboundMessagesTable {
  id: Generated<number>;
  ticket_id: number | null;
  event_id: number | null;
  kind: string;
  language: string;
  from_address: string;
  reply_to: string | null;
  to_addresses: string; // JSON array
  cc_addresses: string; // JSON array
  subject: string;
  text_body: string;
  html_body: string | null;
  message_id: string;
  in_reply_to: string | null;
  references: string | null;
  status: string; // queued | sent | failed
  attempts: number;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

export interface EmailMessageIdsTable {
  message_id: string;
  ticket_id: number;
  direction: string; // in | out
  created_at: string;
}

export interface TicketCcsTable {
  ticket_id: number;
  email: string;
  name: string | null;
  created_at: string;
}

export interface Database {
  mailboxes: MailboxesTable;
  inbound_messages: InboundMessagesTable;
  inbound_raw: InboundRawTable;
  outbound_messages: OutboundMessagesTable;
  email_message_ids: EmailMessageIdsTable;
  ticket_ccs: TicketCcsTable;
  saved_views: SavedViewsTable;
  remote_sessions: RemoteSessionsTable;
  satisfaction_ratings: SatisfactionRatingsTable;
  organisations: OrganisationsTable;
  organisation_domains: OrganisationDomainsTable;
  users: UsersTable;
  user_roles: UserRolesTable;
  user_organisation_scopes: UserOrganisationScopesTable;
  groups: GroupsTable;
  group_members: GroupMembersTable;
  categories: CategoriesTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  counters: CountersTable;
  settings: SettingsTable;
  tickets: TicketsTable;
  ticket_events: TicketEventsTable;
  attachments: AttachmentsTable;
  audit_log: AuditLogTable;
  jobs: JobsTable;
}

export type TicketRow = Selectable<TicketsTable>;
export type NewTicketRow = Insertable<TicketsTable>;
export type TicketUpdate = Updateable<TicketsTable>;
export type UserRow = Selectable<UsersTable>;
export type TicketEventRow = Selectable<TicketEventsTable>;
