// The email channel: helpdesk mailboxes, every inbound message kept raw before anything
// else is done with it, the Message-IDs that thread conversations, the people copied on
// a ticket, and outbound mail queued for the relay.
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

function isPostgres(db: Db): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

export async function up(db: Db): Promise<void> {
  const pg = isPostgres(db);
  const id = (col: any) => (pg ? col.generatedByDefaultAsIdentity().primaryKey() : col.primaryKey().autoIncrement());
  const bytes = pg ? 'bytea' : 'blob';

  await db.schema
    .createTable('mailboxes')
    .addColumn('id', 'integer', id)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull()) // lower case
    .addColumn('imap_host', 'text')
    .addColumn('imap_port', 'integer')
    .addColumn('imap_tls', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('imap_user', 'text')
    .addColumn('imap_password', 'text')
    .addColumn('imap_folder', 'text', (c) => c.notNull().defaultTo('INBOX'))
    .addColumn('processed_action', 'text', (c) => c.notNull().defaultTo('move')) // move | flag
    .addColumn('processed_folder', 'text', (c) => c.notNull().defaultTo('Processed'))
    .addColumn('poll_seconds', 'integer', (c) => c.notNull().defaultTo(60))
    .addColumn('default_group_id', 'integer', (c) => c.references('groups.id').onDelete('set null'))
    .addColumn('default_category_id', 'integer', (c) => c.references('categories.id').onDelete('set null'))
    .addColumn('default_organisation_id', 'integer', (c) => c.references('organisations.id').onDelete('set null'))
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('last_polled_at', 'text')
    .addColumn('last_poll_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('mailboxes_address_key').unique().on('mailboxes').column('address').execute();

  await db.schema
    .createTable('inbound_messages')
    .addColumn('id', 'integer', id)
    .addColumn('message_id', 'text', (c) => c.notNull()) // normalised, without <>
    .addColumn('mailbox_id', 'integer', (c) => c.references('mailboxes.id').onDelete('set null'))
    .addColumn('source', 'text', (c) => c.notNull()) // smtp | imap | api
    .addColumn('envelope_from', 'text')
    .addColumn('envelope_to', 'text', (c) => c.notNull()) // JSON array
    .addColumn('from_address', 'text') // lower case, filled when parsed
    .addColumn('subject', 'text')
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // received | processed | ignored | held | failed
    .addColumn('outcome', 'text') // see InboundOutcome
    .addColumn('match', 'text') // JSON: how it was threaded
    .addColumn('is_auto', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('ticket_id', 'integer', (c) => c.references('tickets.id').onDelete('set null'))
    .addColumn('event_id', 'integer', (c) => c.references('ticket_events.id').onDelete('set null'))
    .addColumn('error', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('duplicates', 'integer', (c) => c.notNull().defaultTo(0)) // deliveries after the first
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('processed_at', 'text')
    .execute();
  await db.schema.createIndex('inbound_messages_message_id_key').unique().on('inbound_messages').column('message_id').execute();
  await db.schema.createIndex('inbound_messages_status_idx').on('inbound_messages').columns(['status', 'received_at']).execute();
  await db.schema.createIndex('inbound_messages_sender_idx').on('inbound_messages').columns(['from_address', 'received_at']).execute();
  await db.schema.createIndex('inbound_messages_ticket_idx').on('inbound_messages').columns(['ticket_id', 'id']).execute();
  // The bytes apart from the row that processing updates: an UPDATE rewrites the whole row,
  // and a message's row is updated once or twice while its bytes never change.
  await db.schema
    .createTable('inbound_raw')
    .addColumn('inbound_id', 'integer', (c) => c.primaryKey().references('inbound_messages.id').onDelete('cascade'))
    .addColumn('raw', bytes as any, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('outbound_messages')
    .addColumn('id', 'integer', id)
    .addColumn('ticket_id', 'integer', (c) => c.references('tickets.id').onDelete('cascade'))
    .addColumn('event_id', 'integer', (c) => c.references('ticket_events.id').onDelete('set null'))
    .addColumn('kind', 'text', (c) => c.notNull()) // a template kind
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('from_address', 'text', (c) => c.notNull())
    .addColumn('reply_to', 'text')
    .addColumn('to_addresses', 'text', (c) => c.notNull()) // JSON array
    .addColumn('cc_addresses', 'text', (c) => c.notNull()) // JSON array
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('text_body', 'text', (c) => c.notNull())
    .addColumn('html_body', 'text')
    .addColumn('message_id', 'text', (c) => c.notNull()) // without <>
    .addColumn('in_reply_to', 'text')
    .addColumn('references', 'text') // space-separated, without <>
    .addColumn('status', 'text', (c) => c.notNull()) // queued | sent | failed
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute();
  await db.schema.createIndex('outbound_messages_ticket_idx').on('outbound_messages').columns(['ticket_id', 'id']).execute();
  await db.schema.createIndex('outbound_messages_status_idx').on('outbound_messages').columns(['status', 'id']).execute();

  // Every Message-ID that belongs to a ticket's conversation, received or sent: what
  // In-Reply-To and References are matched against.
  await db.schema
    .createTable('email_message_ids')
    .addColumn('message_id', 'text', (c) => c.primaryKey())
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('direction', 'text', (c) => c.notNull()) // in | out
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('email_message_ids_ticket_idx').on('email_message_ids').columns(['ticket_id', 'created_at']).execute();

  // People copied on a ticket's mail: kept informed of public replies.
  await db.schema
    .createTable('ticket_ccs')
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('email', 'text', (c) => c.notNull()) // lower case
    .addColumn('name', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ticket_ccs_pkey', ['ticket_id', 'email'])
    .execute();

  await db.schema.alterTable('tickets').addColumn('mailbox_id', 'integer', (c) => c.references('mailboxes.id').onDelete('set null')).execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.alterTable('tickets').dropColumn('mailbox_id').execute();
  for (const t of ['ticket_ccs', 'email_message_ids', 'outbound_messages', 'inbound_raw', 'inbound_messages', 'mailboxes']) await db.schema.dropTable(t).execute();
}
