// Service levels and who works when: business calendars and their holidays, SLA policies
// and client contracts, each ticket's SLA clock and when it next wakes, skills, agents' shifts,
// on-call rotations and pages, routing and tier-escalation rules.
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

function isPostgres(db: Db): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

const WEEKDAYS_9_TO_6 = JSON.stringify({
  1: [['09:00', '12:30'], ['13:30', '18:00']],
  2: [['09:00', '12:30'], ['13:30', '18:00']],
  3: [['09:00', '12:30'], ['13:30', '18:00']],
  4: [['09:00', '12:30'], ['13:30', '18:00']],
  5: [['09:00', '12:30'], ['13:30', '18:00']],
  6: [],
  7: [],
});

// Minutes per priority (P1..P5). On the 24/7 calendar these are wall-clock minutes.
const DEFAULT_TARGETS = JSON.stringify({
  1: { firstResponse: 15, resolution: 4 * 60, nextResponse: 60 },
  2: { firstResponse: 30, resolution: 8 * 60, nextResponse: 2 * 60 },
  3: { firstResponse: 2 * 60, resolution: 24 * 60, nextResponse: 8 * 60 },
  4: { firstResponse: 8 * 60, resolution: 3 * 24 * 60, nextResponse: 24 * 60 },
  5: { firstResponse: 24 * 60, resolution: 5 * 24 * 60, nextResponse: 48 * 60 },
});

const DEFAULT_ACTIONS = JSON.stringify([
  { on: 'warning', metric: 'any', do: 'notify_assignee' },
  { on: 'breach', metric: 'any', do: 'notify_assignee' },
  { on: 'breach', metric: 'any', do: 'notify_supervisors' },
]);

export async function up(db: Db): Promise<void> {
  const pg = isPostgres(db);
  const id = (col: any) => (pg ? col.generatedByDefaultAsIdentity().primaryKey() : col.primaryKey().autoIncrement());
  // Durations in milliseconds exceed 32 bits; a double holds them exactly and reads back as a number.
  const ms = pg ? 'double precision' : 'real';
  const now = new Date().toISOString();

  // ---- calendars ----
  await db.schema
    .createTable('calendars')
    .addColumn('id', 'integer', id)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull()) // IANA
    .addColumn('is_24x7', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('hours', 'text', (c) => c.notNull()) // JSON {"1":[["09:00","12:30"],…],…,"7":[]}, 1 = Monday
    .addColumn('holiday_country', 'text') // rule-based public holidays (date-holidays), e.g. FR
    .addColumn('holiday_region', 'text') // e.g. 57 (Moselle)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('calendars_name_key').unique().on('calendars').column('name').execute();

  await db.schema
    .createTable('calendar_holidays')
    .addColumn('id', 'integer', id)
    .addColumn('calendar_id', 'integer', (c) => c.notNull().references('calendars.id').onDelete('cascade'))
    .addColumn('date', 'text', (c) => c.notNull()) // YYYY-MM-DD, local to the calendar
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('recurs_yearly', 'integer', (c) => c.notNull().defaultTo(0)) // same month and day every year
    .addColumn('source', 'text', (c) => c.notNull().defaultTo('manual')) // manual | ics
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('calendar_holidays_calendar_date_key').unique().on('calendar_holidays').columns(['calendar_id', 'date']).execute();

  // ---- policies and contracts ----
  await db.schema
    .createTable('sla_policies')
    .addColumn('id', 'integer', id)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('calendar_id', 'integer', (c) => c.notNull().references('calendars.id').onDelete('restrict'))
    .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('targets', 'text', (c) => c.notNull()) // JSON {"1":{"firstResponse":15,"resolution":240,"nextResponse":60|null},…}
    .addColumn('warn_percent', 'integer', (c) => c.notNull().defaultTo(80))
    .addColumn('actions', 'text', (c) => c.notNull().defaultTo('[]')) // JSON SlaAction[]
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sla_policies_name_key').unique().on('sla_policies').column('name').execute();

  await db.schema
    .createTable('contracts')
    .addColumn('id', 'integer', id)
    .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('sla_policy_id', 'integer', (c) => c.notNull().references('sla_policies.id').onDelete('restrict'))
    .addColumn('starts_on', 'text') // YYYY-MM-DD, inclusive; null = always
    .addColumn('ends_on', 'text') // YYYY-MM-DD, inclusive; null = open-ended
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('contracts_organisation_idx').on('contracts').column('organisation_id').execute();

  // ---- each ticket's clock ----
  await db.schema
    .createTable('ticket_sla')
    .addColumn('ticket_id', 'integer', (c) => c.primaryKey().references('tickets.id').onDelete('cascade'))
    .addColumn('policy_id', 'integer', (c) => c.notNull().references('sla_policies.id').onDelete('restrict'))
    .addColumn('calendar_id', 'integer', (c) => c.notNull().references('calendars.id').onDelete('restrict'))
    .addColumn('priority', 'integer', (c) => c.notNull()) // the priority the targets were computed for
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('paused_at', 'text') // set while the clock is stopped
    .addColumn('paused_ms', ms, (c) => c.notNull().defaultTo(0)) // business time spent paused so far
    .addColumn('fr_target_ms', ms)
    .addColumn('fr_due_at', 'text')
    .addColumn('fr_met_at', 'text')
    .addColumn('fr_warned_at', 'text')
    .addColumn('fr_breached_at', 'text')
    .addColumn('res_target_ms', ms)
    .addColumn('res_due_at', 'text')
    .addColumn('res_met_at', 'text')
    .addColumn('res_warned_at', 'text')
    .addColumn('res_breached_at', 'text')
    .addColumn('nr_target_ms', ms)
    .addColumn('nr_started_at', 'text') // the requester's reply that started the wait
    .addColumn('nr_pause_base_ms', ms, (c) => c.notNull().defaultTo(0))
    .addColumn('nr_due_at', 'text')
    .addColumn('nr_met_at', 'text')
    .addColumn('nr_warned_at', 'text')
    .addColumn('nr_breached_at', 'text')
    .addColumn('tier_started_at', 'text', (c) => c.notNull()) // when the ticket reached its tier (escalation rules count from it)
    .addColumn('tier_pause_base_ms', ms, (c) => c.notNull().defaultTo(0))
    // The next instant something may fire (a warning, a breach, a tier escalation): the
    // scheduler reads the few rows whose wake_at has passed, by index, never every ticket.
    .addColumn('wake_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ticket_sla_wake_at_idx').on('ticket_sla').columns(['wake_at', 'ticket_id']).execute();

  // The earliest unmet due time of a running clock: the queues sort and filter on it.
  await db.schema.alterTable('tickets').addColumn('sla_due_at', 'text').execute();
  await db.schema.createIndex('tickets_sla_due_at_idx').on('tickets').column('sla_due_at').execute();

  // ---- skills ----
  await db.schema
    .createTable('skills')
    .addColumn('id', 'integer', id)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('skills_name_key').unique().on('skills').column('name').execute();
  await db.schema
    .createTable('user_skills')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('skill_id', 'integer', (c) => c.notNull().references('skills.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('user_skills_pkey', ['user_id', 'skill_id'])
    .execute();
  await db.schema.createIndex('user_skills_skill_idx').on('user_skills').column('skill_id').execute();
  await db.schema.alterTable('categories').addColumn('required_skill_id', 'integer', (c) => c.references('skills.id').onDelete('set null')).execute();

  // ---- assignment within a group ----
  await db.schema.alterTable('groups').addColumn('assignment_strategy', 'text', (c) => c.notNull().defaultTo('manual')).execute(); // manual | round_robin | least_loaded
  await db.schema.alterTable('groups').addColumn('last_assigned_user_id', 'integer').execute(); // round-robin cursor

  // ---- shifts ----
  await db.schema
    .createTable('agent_shifts')
    .addColumn('user_id', 'integer', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('hours', 'text', (c) => c.notNull()) // JSON, same shape as calendars.hours
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('shift_overrides')
    .addColumn('id', 'integer', id)
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull()) // on (extra duty) | off (absence)
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('shift_overrides_ends_idx').on('shift_overrides').columns(['ends_at', 'starts_at']).execute();

  // ---- on call ----
  await db.schema
    .createTable('oncall_rotations')
    .addColumn('id', 'integer', id)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('group_id', 'integer', (c) => c.references('groups.id').onDelete('set null')) // null: every group
    .addColumn('calendar_id', 'integer', (c) => c.references('calendars.id').onDelete('set null')) // on call while it is closed; null: always
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull().defaultTo('weekly')) // daily | weekly
    .addColumn('handover_weekday', 'integer', (c) => c.notNull().defaultTo(1)) // 1 = Monday (weekly)
    .addColumn('handover_time', 'text', (c) => c.notNull().defaultTo('09:00'))
    .addColumn('starts_on', 'text', (c) => c.notNull()) // YYYY-MM-DD: the first member's first period begins at the first hand-over from then
    .addColumn('ack_minutes', 'integer', (c) => c.notNull().defaultTo(15))
    .addColumn('webhook_url', 'text')
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('oncall_rotations_name_key').unique().on('oncall_rotations').column('name').execute();
  await db.schema
    .createTable('oncall_members')
    .addColumn('rotation_id', 'integer', (c) => c.notNull().references('oncall_rotations.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('oncall_members_pkey', ['rotation_id', 'position'])
    .execute();
  await db.schema
    .createTable('oncall_overrides')
    .addColumn('id', 'integer', id)
    .addColumn('rotation_id', 'integer', (c) => c.notNull().references('oncall_rotations.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('oncall_overrides_rotation_idx').on('oncall_overrides').columns(['rotation_id', 'ends_at']).execute();
  await db.schema
    .createTable('oncall_pages')
    .addColumn('id', 'integer', id)
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('rotation_id', 'integer', (c) => c.notNull().references('oncall_rotations.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('level', 'integer', (c) => c.notNull()) // 0 = whoever is on call, 1 = the next in the rotation, …
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addColumn('acked_at', 'text')
    .addColumn('acked_by_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('oncall_pages_ticket_idx').on('oncall_pages').columns(['ticket_id', 'level']).execute();
  await db.schema.createIndex('oncall_pages_user_idx').on('oncall_pages').columns(['user_id', 'sent_at']).execute();

  // ---- routing and tier escalation ----
  await db.schema
    .createTable('routing_rules')
    .addColumn('id', 'integer', id)
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('conditions', 'text', (c) => c.notNull()) // JSON RoutingConditions
    .addColumn('group_id', 'integer', (c) => c.notNull().references('groups.id').onDelete('cascade'))
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('routing_rules_position_idx').on('routing_rules').column('position').execute();
  await db.schema
    .createTable('escalation_rules')
    .addColumn('id', 'integer', id)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('from_tier', 'integer', (c) => c.notNull())
    .addColumn('after_minutes', 'integer', (c) => c.notNull()) // business minutes on the ticket's SLA calendar
    .addColumn('to_group_id', 'integer', (c) => c.notNull().references('groups.id').onDelete('cascade'))
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // ---- out of the box: a 24/7 default policy, and a business-hours calendar to start from ----
  const always = await db
    .insertInto('calendars')
    .values({ name: '24/7', time_zone: 'UTC', is_24x7: 1, hours: JSON.stringify({ 1: [], 2: [], 3: [], 4: [], 5: [], 6: [], 7: [] }), created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('calendars')
    .values({ name: 'Business hours (Paris)', time_zone: 'Europe/Paris', is_24x7: 0, hours: WEEKDAYS_9_TO_6, holiday_country: 'FR', created_at: now, updated_at: now })
    .execute();
  await db
    .insertInto('sla_policies')
    .values({
      name: 'Standard',
      description: 'Applies to every ticket whose organisation has no contract.',
      calendar_id: always.id,
      is_default: 1,
      targets: DEFAULT_TARGETS,
      warn_percent: 80,
      actions: DEFAULT_ACTIONS,
      created_at: now,
      updated_at: now,
    })
    .execute();
}

export async function down(db: Db): Promise<void> {
  for (const t of ['escalation_rules', 'routing_rules', 'oncall_pages', 'oncall_overrides', 'oncall_members', 'oncall_rotations', 'shift_overrides', 'agent_shifts', 'user_skills', 'ticket_sla', 'contracts', 'sla_policies', 'calendar_holidays']) {
    await db.schema.dropTable(t).execute();
  }
  await db.schema.dropIndex('tickets_sla_due_at_idx').execute();
  await db.schema.alterTable('tickets').dropColumn('sla_due_at').execute();
  await db.schema.alterTable('groups').dropColumn('assignment_strategy').execute();
  await db.schema.alterTable('groups').dropColumn('last_assigned_user_id').execute();
  await db.schema.alterTable('categories').dropColumn('required_skill_id').execute();
  await db.schema.dropTable('skills').execute();
  await db.schema.dropTable('calendars').execute();
}
