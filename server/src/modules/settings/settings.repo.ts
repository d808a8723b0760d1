import type { Trx } from '../../db/db.ts';
import { executeCompiled } from '../../db/compiled-query-cache.ts';

export async function readSetting<T>(db: Trx, key: string): Promise<T | undefined> {
  // Read on every ticket creation (the priority matrix): compiled once.
  const [row] = await executeCompiled(db, 'read-setting', [key], ([k]) => db.selectFrom('settings').select('value').where('key', '=', k as string));
  return row ? (JSON.parse(row.value) as T) : undefined;
}

export async function writeSetting(db: Trx, key: string, value: unknown, at: string): Promise<void> {
  const json = JSON.stringify(value);
  await db
    .insertInto('settings')
    .values({ key, value: json, updated_at: at })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: json, updated_at: at }))
    .execute();
}
