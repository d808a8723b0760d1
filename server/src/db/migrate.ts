// Runs the migrations in order. The list is explicit so that a bundle or a renamed folder
// can never silently skip one.
import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './db.ts';
import * as createCoreTables from './migrations/20261129000000_create-core-tables.ts';
import * as createWorkspaceTables from './migrations/20261129100000_create-workspace-tables.ts';
import * as createOpenTicketsIndex from './migrations/20261129200000_create-open-tickets-index.ts';
import * as createEmailTables from './migrations/20261130000000_create-email-tables.ts';
import * as createSlaTables from './migrations/20261201000000_create-sla-tables.ts';
import * as createKbAndProblemTables from './migrations/20261202000000_create-kb-and-problem-tables.ts';
import * as addApiTokenExpiry from './migrations/20261203090000_add-api-token-expiry.ts';
import * as createOutboundAttachments from './migrations/20261203120000_create-outbound-attachments.ts';

const migrations: Record<string, Migration> = {
  '20261129000000_create-core-tables': createCoreTables,
  '20261129100000_create-workspace-tables': createWorkspaceTables,
  '20261129200000_create-open-tickets-index': createOpenTicketsIndex,
  '20261130000000_create-email-tables': createEmailTables,
  '20261201000000_create-sla-tables': createSlaTables,
  '20261202000000_create-kb-and-problem-tables': createKbAndProblemTables,
  '20261203090000_add-api-token-expiry': addApiTokenExpiry,
  '20261203120000_create-outbound-attachments': createOutboundAttachments,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider, migrationTableName: 'schema_migrations', migrationLockTableName: 'schema_migrations_lock' });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    const message = (error as Error).message ?? String(error);
    throw new Error(failed ? `Migration ${failed.migrationName} failed: ${message}` : `Could not migrate the database: ${message}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
