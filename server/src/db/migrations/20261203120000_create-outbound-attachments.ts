// The files an outgoing mail carries: chosen when the mail is composed (an agent's public
// reply, under the size cap), read from the attachment store when it is sent. Only the
// reference is kept here; the bytes stay in the store.
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('outbound_attachments')
    .addColumn('outbound_id', 'integer', (c) => c.notNull().references('outbound_messages.id').onDelete('cascade'))
    .addColumn('attachment_id', 'integer', (c) => c.notNull().references('attachments.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull()) // the order of the files in the mail
    .addPrimaryKeyConstraint('outbound_attachments_pkey', ['outbound_id', 'attachment_id'])
    .execute();
  await db.schema.createIndex('outbound_attachments_attachment_idx').on('outbound_attachments').column('attachment_id').execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('outbound_attachments').execute();
}
