// The foundation schema: organisations, people, groups, categories, tickets, timeline,
// attachments, audit log, jobs and full-text search. Written once for both dialects.
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

function isPostgres(db: Db): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

export async function up(db: Db): Promise<void> {
  const pg = isPostgres(db);
  // An auto-increment integer primary key on either back end.
  const id = (col: any) =>
    pg ? col.generatedByDefaultAsIdentity().primaryKey() : col.primaryKey().autoIncrement();

  await db.schema
    .createTable('organisations')
    .addColumn('id', 'integer', id)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await sql`create unique index organisations_name_key on organisations (lower(name))`.execute(db);

  await db.schema
    .createTable('organisation_domains')
    .addColumn('domain', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'integer', (c) =>
      c.notNull().references('organisations.id').onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createIndex('organisation_domains_org_idx')
    .on('organisation_domains')
    .column('organisation_id')
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'integer', id)
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('organisation_id', 'integer', (c) => c.references('organisations.id'))
    .addColumn('is_org_manager', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('language', 'text', (c) => c.notNull().defaultTo('en'))
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('users_organisation_idx').on('users').column('organisation_id').execute();

  await db.schema
    .createTable('user_roles')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('user_roles_pkey', ['user_id', 'role'])
    .execute();
  await db.schema.createIndex('user_roles_role_idx').on('user_roles').columns(['role', 'user_id']).execute();

  await db.schema
    .createTable('user_organisation_scopes')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('organisation_id', 'integer', (c) =>
      c.notNull().references('organisations.id').onDelete('cascade'),
    )
    .addPrimaryKeyConstraint('user_organisation_scopes_pkey', ['user_id', 'organisation_id'])
    .execute();

  await db.schema
    .createTable('groups')
    .addColumn('id', 'integer', id)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('tier', 'integer', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await sql`create unique index groups_name_key on groups (lower(name))`.execute(db);

  await db.schema
    .createTable('group_members')
    .addColumn('group_id', 'integer', (c) => c.notNull().references('groups.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('group_members_pkey', ['group_id', 'user_id'])
    .execute();
  await db.schema.createIndex('group_members_user_idx').on('group_members').column('user_id').execute();

  await db.schema
    .createTable('categories')
    .addColumn('id', 'integer', id)
    .addColumn('parent_id', 'integer', (c) => c.references('categories.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  // Sibling names are unique; coalesce so that two roots cannot share a name either.
  await sql`create unique index categories_parent_name_key on categories (coalesce(parent_id, 0), lower(name))`.execute(
    db,
  );

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'integer', id)
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('api_tokens_user_idx').on('api_tokens').column('user_id').execute();

  await db.schema
    .createTable('counters')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'integer', (c) => c.notNull())
    .execute();
  await db.insertInto('counters').values({ name: 'ticket_number', value: 1000 }).execute();

  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('tickets')
    .addColumn('id', 'integer', id)
    .addColumn('number', 'integer', (c) => c.notNull().unique())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('requester_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('organisation_id', 'integer', (c) => c.references('organisations.id'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('category_id', 'integer', (c) => c.references('categories.id'))
    .addColumn('impact', 'integer', (c) => c.notNull())
    .addColumn('urgency', 'integer', (c) => c.notNull())
    .addColumn('priority', 'integer', (c) => c.notNull())
    .addColumn('is_priority_overridden', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('priority_reason', 'text')
    .addColumn('group_id', 'integer', (c) => c.references('groups.id'))
    .addColumn('assignee_id', 'integer', (c) => c.references('users.id'))
    .addColumn('tier', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('pending_reason', 'text')
    .addColumn('resolution_symptoms', 'text')
    .addColumn('resolution_diagnosis', 'text')
    .addColumn('resolution_actions', 'text')
    .addColumn('resolution_result', 'text')
    .addColumn('resolution_code', 'text')
    .addColumn('is_first_contact_resolution', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reopen_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('escalation_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by_id', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('first_response_at', 'text')
    .addColumn('resolved_at', 'text')
    .addColumn('closed_at', 'text')
    .execute();
  // Keyset pagination and the queue counts: each list order has an index ending in id.
  for (const [name, cols] of [
    ['tickets_created_idx', ['created_at', 'id']],
    ['tickets_updated_idx', ['updated_at', 'id']],
    ['tickets_status_idx', ['status', 'created_at', 'id']],
    ['tickets_org_idx', ['organisation_id', 'created_at', 'id']],
    ['tickets_requester_idx', ['requester_id', 'created_at', 'id']],
    // Queues: a page is picked on the index alone, and the sidebar counts are covering scans.
    ['tickets_assignee_idx', ['assignee_id', 'status', 'created_at', 'id']],
    ['tickets_group_idx', ['group_id', 'status', 'created_at', 'id']],
    ['tickets_status_priority_idx', ['status', 'priority']],
    ['tickets_status_group_idx', ['status', 'group_id', 'assignee_id']],
    ['tickets_category_idx', ['category_id']],
    ['tickets_resolved_idx', ['status', 'resolved_at']],
  ] as const) {
    await db.schema.createIndex(name).on('tickets').columns([...cols]).execute();
  }

  await db.schema
    .createTable('ticket_events')
    .addColumn('id', 'integer', id)
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('author_id', 'integer', (c) => c.references('users.id'))
    .addColumn('is_internal', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('body', 'text')
    .addColumn('data', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ticket_events_ticket_idx').on('ticket_events').columns(['ticket_id', 'id']).execute();

  await db.schema
    .createTable('attachments')
    .addColumn('id', 'integer', id)
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('event_id', 'integer', (c) => c.references('ticket_events.id'))
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('uploaded_by_id', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('attachments_ticket_idx').on('attachments').columns(['ticket_id', 'id']).execute();
  await db.schema.createIndex('attachments_sha_idx').on('attachments').column('sha256').execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'integer', id)
    .addColumn('actor_id', 'integer')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('organisation_id', 'integer')
    .addColumn('data', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_entity_idx').on('audit_log').columns(['entity_type', 'entity_id', 'id']).execute();
  await db.schema.createIndex('audit_log_actor_idx').on('audit_log').columns(['actor_id', 'id']).execute();

  await db.schema
    .createTable('jobs')
    .addColumn('id', 'integer', id)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('run_at', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull().defaultTo(10))
    .addColumn('locked_until', 'text')
    .addColumn('last_error', 'text')
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('jobs_due_idx').on('jobs').columns(['run_at', 'id']).execute();

  if (pg) {
    // Append-only: the audit log refuses updates and deletes at the database itself.
    await sql`create function audit_log_append_only() returns trigger language plpgsql as $$
      begin raise exception 'audit_log is append-only'; end $$`.execute(db);
    await sql`create trigger audit_log_no_update before update or delete on audit_log
      for each row execute function audit_log_append_only()`.execute(db);
    // Accent-insensitive French and English stemming (unaccent cannot sit in a generated
    // column directly, but a text search configuration that uses it can).
    await sql`create extension if not exists unaccent`.execute(db);
    for (const [cfg, base, stem] of [
      ['guichet_fr', 'french', 'french_stem'],
      ['guichet_en', 'english', 'english_stem'],
    ]) {
      await sql.raw(`create text search configuration ${cfg} (copy = ${base})`).execute(db);
      await sql
        .raw(`alter text search configuration ${cfg} alter mapping for hword, hword_part, word with unaccent, ${stem}`)
        .execute(db);
    }
    await sql`alter table tickets add column search_vector tsvector generated always as (
      setweight(to_tsvector('guichet_fr'::regconfig, title), 'A') ||
      setweight(to_tsvector('guichet_en'::regconfig, title), 'A') ||
      to_tsvector('guichet_fr'::regconfig, description) ||
      to_tsvector('guichet_en'::regconfig, description)) stored`.execute(db);
    await sql`create index tickets_search_idx on tickets using gin (search_vector)`.execute(db);
    await sql`alter table ticket_events add column body_vector tsvector generated always as (
      to_tsvector('guichet_fr'::regconfig, coalesce(body, '')) ||
      to_tsvector('guichet_en'::regconfig, coalesce(body, ''))) stored`.execute(db);
    await sql`create index ticket_events_search_idx on ticket_events using gin (body_vector)`.execute(db);
  } else {
    await sql`create trigger audit_log_no_update before update on audit_log
      begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
    await sql`create trigger audit_log_no_delete before delete on audit_log
      begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
    // External-content FTS5 tables kept in step by triggers; porter gives English stems,
    // remove_diacritics makes French accents optional.
    await sql`create virtual table tickets_fts using fts5(title, description,
      content='tickets', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')`.execute(db);
    await sql`create trigger tickets_fts_insert after insert on tickets begin
      insert into tickets_fts(rowid, title, description) values (new.id, new.title, new.description); end`.execute(db);
    await sql`create trigger tickets_fts_update after update of title, description on tickets begin
      insert into tickets_fts(tickets_fts, rowid, title, description) values ('delete', old.id, old.title, old.description);
      insert into tickets_fts(rowid, title, description) values (new.id, new.title, new.description); end`.execute(db);
    await sql`create trigger tickets_fts_delete after delete on tickets begin
      insert into tickets_fts(tickets_fts, rowid, title, description) values ('delete', old.id, old.title, old.description); end`.execute(
      db,
    );
    await sql`create virtual table ticket_events_fts using fts5(body,
      content='ticket_events', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')`.execute(db);
    await sql`create trigger ticket_events_fts_insert after insert on ticket_events when new.body is not null begin
      insert into ticket_events_fts(rowid, body) values (new.id, new.body); end`.execute(db);
    await sql`create trigger ticket_events_fts_delete after delete on ticket_events when old.body is not null begin
      insert into ticket_events_fts(ticket_events_fts, rowid, body) values ('delete', old.id, old.body); end`.execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('The core schema cannot be rolled back; restore a backup instead.');
}
