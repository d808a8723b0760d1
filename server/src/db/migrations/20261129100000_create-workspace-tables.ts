// What the web workspace adds: saved queue views, remote-assistance sessions recorded on a
// ticket, and the requester's satisfaction rating of a resolved ticket.
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

function isPostgres(db: Db): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

export async function up(db: Db): Promise<void> {
  const pg = isPostgres(db);
  const id = (col: any) =>
    pg ? col.generatedByDefaultAsIdentity().primaryKey() : col.primaryKey().autoIncrement();

  await db.schema
    .createTable('saved_views')
    .addColumn('id', 'integer', id)
    .addColumn('owner_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('is_shared', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('filters', 'text', (c) => c.notNull()) // JSON: the list query's filters
    .addColumn('sort', 'text', (c) => c.notNull())
    .addColumn('columns', 'text', (c) => c.notNull()) // JSON array of column keys
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await sql`create unique index saved_views_owner_name_key on saved_views (owner_id, lower(name))`.execute(db);
  await db.schema.createIndex('saved_views_shared_idx').on('saved_views').columns(['is_shared', 'position']).execute();

  await db.schema
    .createTable('remote_sessions')
    .addColumn('id', 'integer', id)
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('event_id', 'integer', (c) => c.references('ticket_events.id'))
    .addColumn('agent_id', 'integer', (c) => c.references('users.id'))
    .addColumn('tool', 'text', (c) => c.notNull())
    .addColumn('session_ref', 'text', (c) => c.notNull()) // an id or a launch link
    .addColumn('consent', 'integer', (c) => c.notNull())
    .addColumn('consent_note', 'text')
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .addColumn('summary', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('remote_sessions_ticket_idx').on('remote_sessions').columns(['ticket_id', 'id']).execute();

  await db.schema
    .createTable('satisfaction_ratings')
    .addColumn('ticket_id', 'integer', (c) => c.primaryKey().references('tickets.id').onDelete('cascade'))
    .addColumn('rated_by_id', 'integer', (c) => c.references('users.id'))
    .addColumn('score', 'integer', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('satisfaction_ratings_created_idx').on('satisfaction_ratings').column('created_at').execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('satisfaction_ratings').execute();
  await db.schema.dropTable('remote_sessions').execute();
  await db.schema.dropTable('saved_views').execute();
}
