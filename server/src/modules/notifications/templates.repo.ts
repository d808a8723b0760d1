// Admins' template overrides, kept in the settings table under email.template.<kind>.<language>.
import type { Trx } from '../../db/db.ts';
import { readSetting, writeSetting } from '../settings/settings.repo.ts';
import type { TemplateContent } from './default-templates.ts';

const PREFIX = 'email.template.';

export const templateKey = (kind: string, language: string) => `${PREFIX}${kind}.${language}`;

export function readTemplateOverride(db: Trx, kind: string, language: string): Promise<TemplateContent | undefined> {
  return readSetting<TemplateContent>(db, templateKey(kind, language));
}

export function writeTemplateOverride(db: Trx, kind: string, language: string, t: TemplateContent, at: string): Promise<void> {
  return writeSetting(db, templateKey(kind, language), t, at);
}

/** Whether there was one to delete. */
export async function deleteTemplateOverride(db: Trx, kind: string, language: string): Promise<boolean> {
  const res = await db.deleteFrom('settings').where('key', '=', templateKey(kind, language)).executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}

/** Every override, by key. */
export async function listTemplateOverrides(db: Trx): Promise<Map<string, TemplateContent>> {
  const rows = await db.selectFrom('settings').select(['key', 'value']).where('key', 'like', `${PREFIX}%`).execute();
  return new Map(rows.map((r) => [r.key, JSON.parse(r.value) as TemplateContent]));
}
