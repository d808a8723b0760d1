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
  /** manual | round_robin | least_loaded */
  assignment_strategy: Generated<string>;
  last_assigned_user_id: number | null;
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
  required_skill_id: number | null;
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
  expires_at: string | null;
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
  /** The earliest unmet due time of a running SLA clock (null when paused or all met). */
  sla_due_at: string | null;
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

/** The files an outgoing mail carries (the bytes stay in the attachment store). */
export interface OutboundAttachmentsTable {
  outbound_id: number;
  attachment_id: number;
  position: number;
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

// ---- service levels, shifts, on call, routing (issue 5) ----

export interface CalendarsTable {
  id: Generated<number>;
  name: string;
  time_zone: string;
  is_24x7: number;
  hours: string; // JSON WeekHours
  holiday_country: string | null;
  holiday_region: string | null;
  created_at: string;
  updated_at: string;
}

export interface CalendarHolidaysTable {
  id: Generated<number>;
  calendar_id: number;
  date: string; // YYYY-MM-DD
  name: string;
  recurs_yearly: number;
  source: string; // manual | ics
  created_at: string;
}

export interface SlaPoliciesTable {
  id: Generated<number>;
  name: string;
  description: string;
  calendar_id: number;
  is_default: number;
  targets: string; // JSON SlaTargets
  warn_percent: number;
  actions: string; // JSON SlaAction[]
  created_at: string;
  updated_at: string;
}

export interface ContractsTable {
  id: Generated<number>;
  organisation_id: number;
  name: string;
  sla_policy_id: number;
  starts_on: string | null;
  ends_on: string | null;
  notes: string;
  created_at: string;
  updated_at: string;
}

export interface TicketSlaTable {
  ticket_id: number;
  policy_id: number;
  calendar_id: number;
  priority: number;
  started_at: string;
  paused_at: string | null;
  paused_ms: number;
  fr_target_ms: number | null;
  fr_due_at: string | null;
  fr_met_at: string | null;
  fr_warned_at: string | null;
  fr_breached_at: string | null;
  res_target_ms: number | null;
  res_due_at: string | null;
  res_met_at: string | null;
  res_warned_at: string | null;
  res_breached_at: string | null;
  nr_target_ms: number | null;
  nr_started_at: string | null;
  nr_pause_base_ms: number;
  nr_due_at: string | null;
  nr_met_at: string | null;
  nr_warned_at: string | null;
  nr_breached_at: string | null;
  tier_started_at: string;
  tier_pause_base_ms: number;
  /** The next instant a warning, breach or tier escalation may fire. */
  wake_at: string | null;
  updated_at: string;
}

export interface SkillsTable {
  id: Generated<number>;
  name: string;
  created_at: string;
}

export interface UserSkillsTable {
  user_id: number;
  skill_id: number;
}

export interface AgentShiftsTable {
  user_id: number;
  time_zone: string;
  hours: string; // JSON WeekHours
  updated_at: string;
}

export interface ShiftOverridesTable {
  id: Generated<number>;
  user_id: number;
  kind: string; // on | off
  starts_at: string;
  ends_at: string;
  note: string;
  created_at: string;
}

export interface OncallRotationsTable {
  id: Generated<number>;
  name: string;
  group_id: number | null;
  calendar_id: number | null;
  time_zone: string;
  period: string; // daily | weekly
  handover_weekday: number;
  handover_time: string;
  starts_on: string;
  ack_minutes: number;
  webhook_url: string | null;
  is_active: number;
  created_at: string;
  updated_at: string;
}

export interface OncallMembersTable {
  rotation_id: number;
  position: number;
  user_id: number;
}

export interface OncallOverridesTable {
  id: Generated<number>;
  rotation_id: number;
  user_id: number;
  starts_at: string;
  ends_at: string;
  note: string;
  created_at: string;
}

export interface OncallPagesTable {
  id: Generated<number>;
  ticket_id: number;
  rotation_id: number;
  user_id: number;
  level: number;
  reason: string;
  sent_at: string;
  acked_at: string | null;
  acked_by_id: number | null;
}

export interface RoutingRulesTable {
  id: Generated<number>;
  position: number;
  name: string;
  conditions: string; // JSON RoutingConditions
  group_id: number;
  is_active: number;
  created_at: string;
  updated_at: string;
}

export interface EscalationRulesTable {
  id: Generated<number>;
  name: string;
  from_tier: number;
  after_minutes: number;
  to_group_id: number;
  is_active: number;
  created_at: string;
  updated_at: string;
}

// ---- knowledge base and problems ----
export interface KbArticlesTable {
  id: Generated<number>;
  translation_group: number;
  organisation_id: number | null;
  category_id: number | null;
  title: string;
  summary: string;
  body: string;
  tags: string; // JSON string[]
  language: string;
  audience: string;
  status: string;
  version: number;
  source_ticket_id: number | null;
  author_id: number | null;
  updated_by_id: number | null;
  reviewed_by_id: number | null;
  created_at: string;
  updated_at: string;
  published_at: string | null;
  archived_at: string | null;
  reviewed_at: string | null;
  view_count: Generated<number>;
  helpful_count: Generated<number>;
  not_helpful_count: Generated<number>;
}

export interface KbArticleTagsTable {
  article_id: number;
  tag: string;
}

export interface KbArticleVersionsTable {
  id: Generated<number>;
  article_id: number;
  version: number;
  title: string;
  summary: string;
  body: string;
  tags: string;
  category_id: number | null;
  language: string;
  audience: string;
  status: string;
  author_id: number | null;
  note: string | null;
  created_at: string;
}

export interface KbArticleTicketsTable {
  article_id: number;
  ticket_id: number;
  relation: string; // source | linked | helped
  user_id: number | null;
  created_at: string;
}

export interface KbFeedbackTable {
  id: Generated<number>;
  article_id: number;
  voter: string;
  helpful: number;
  comment: string | null;
  created_at: string;
  updated_at: string;
}

export interface KbDeflectionsTable {
  id: Generated<number>;
  session_key: string;
  user_id: number | null;
  organisation_id: number | null;
  query: string;
  suggested_ids: string; // JSON number[]
  viewed_ids: string; // JSON number[]
  outcome: string; // open | solved | submitted | abandoned
  ticket_id: number | null;
  created_at: string;
  updated_at: string;
}

export interface ProblemsTable {
  id: Generated<number>;
  title: string;
  description: string;
  status: string;
  root_cause: string | null;
  workaround: string | null;
  resolution: string | null;
  owner_group_id: number | null;
  organisation_id: number | null;
  category_id: number | null;
  candidate_id: number | null;
  created_by_id: number | null;
  created_at: string;
  updated_at: string;
  resolved_at: string | null;
  closed_at: string | null;
}

export interface ProblemIncidentsTable {
  problem_id: number;
  ticket_id: number;
  linked_by_id: number | null;
  linked_at: string;
}

export interface ProblemCandidatesTable {
  id: Generated<number>;
  status: string; // proposed | accepted | dismissed
  title: string;
  organisation_id: number | null;
  category_id: number | null;
  signature: string;
  explanation: string; // JSON
  ticket_count: number;
  first_at: string;
  last_at: string;
  problem_id: number | null;
  decided_by_id: number | null;
  decided_at: string | null;
  dismiss_reason: string | null;
  created_at: string;
  updated_at: string;
}

export interface ProblemCandidateTicketsTable {
  candidate_id: number;
  ticket_id: number;
  similarity: number;
}

export interface Database {
  kb_articles: KbArticlesTable;
  kb_article_tags: KbArticleTagsTable;
  kb_article_versions: KbArticleVersionsTable;
  kb_article_tickets: KbArticleTicketsTable;
  kb_feedback: KbFeedbackTable;
  kb_deflections: KbDeflectionsTable;
  problems: ProblemsTable;
  problem_incidents: ProblemIncidentsTable;
  problem_candidates: ProblemCandidatesTable;
  problem_candidate_tickets: ProblemCandidateTicketsTable;
  calendars: CalendarsTable;
  calendar_holidays: CalendarHolidaysTable;
  sla_policies: SlaPoliciesTable;
  contracts: ContractsTable;
  ticket_sla: TicketSlaTable;
  skills: SkillsTable;
  user_skills: UserSkillsTable;
  agent_shifts: AgentShiftsTable;
  shift_overrides: ShiftOverridesTable;
  oncall_rotations: OncallRotationsTable;
  oncall_members: OncallMembersTable;
  oncall_overrides: OncallOverridesTable;
  oncall_pages: OncallPagesTable;
  routing_rules: RoutingRulesTable;
  escalation_rules: EscalationRulesTable;
  mailboxes: MailboxesTable;
  inbound_messages: InboundMessagesTable;
  inbound_raw: InboundRawTable;
  outbound_messages: OutboundMessagesTable;
  outbound_attachments: OutboundAttachmentsTable;
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
