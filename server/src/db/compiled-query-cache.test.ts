import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrateToLatest } from './migrate.ts';
import { executeCompiled } from './compiled-query-cache.ts';
import { createPgDatabase, openTestDeps, testDb } from '../test/databases.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-compiled-'));
const pgDb = testDb === 'postgres' ? await createPgDatabase({ migrated: true, prefix: 'compiled' }) : undefined;
const deps = openTestDeps({ dataDir, databaseUrl: pgDb?.url });
if (!pgDb) await migrateToLatest(deps.db);
after(async () => {
  await deps.dbHandle.close();
  await pgDb?.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const at = new Date().toISOString();
for (const name of ['Acme', 'Globex', 'Initech']) {
  await deps.db.insertInto('organisations').values({ name, created_at: at, updated_at: at }).execute();
}

const byNames = (names: string[]) =>
  executeCompiled(deps.db, `orgs-by-name:${names.length}`, names, (values) =>
    deps.db.selectFrom('organisations').select('name').where('name', 'in', values as string[]).orderBy('name'),
  );

test('each call binds its own values into the SQL learnt once', async () => {
  assert.deepEqual((await byNames(['Acme', 'Globex'])).map((r) => r.name), ['Acme', 'Globex']);
  assert.deepEqual((await byNames(['Initech', 'Nope'])).map((r) => r.name), ['Initech']);
  assert.deepEqual((await byNames(['Globex'])).map((r) => r.name), ['Globex']);
});

test('constants in the query stay constants; a shape whose inputs are not all bound is not cached', async () => {
  const run = (name: string, useInput: boolean) =>
    executeCompiled(deps.db, 'constant-or-not', [name], ([n]) =>
      deps.db.selectFrom('organisations').select('name').where('name', '=', useInput ? (n as string) : 'Acme'),
    );
  assert.deepEqual((await run('Globex', false)).map((r) => r.name), ['Acme'], 'the input is unused: run directly');
  assert.deepEqual((await run('Globex', true)).map((r) => r.name), ['Globex'], 'and nothing wrong was cached');
});
