// Helpdesk mailboxes: the addresses Guichet receives for, where IMAP mail is fetched from,
// and the group, category and organisation a new ticket from each defaults to.
import type { CreateMailboxInput, Mailbox, UpdateMailboxInput } from '../../../../common/schemas/email.ts';
import type { Deps } from '../../lib/deps.ts';
import type { Actor } from '../../lib/actor.ts';
import { isoNow } from '../../lib/clock.ts';
import { recordAudit } from '../../lib/audit.ts';
import { Conflict, NotFound, Unprocessable } from '../../lib/errors.ts';
import { isUniqueViolation } from '../../lib/db-errors.ts';
import { secretBoxOf } from '../../lib/secret-key.ts';
import { isSealed, sealedKeyId } from '../../lib/secret-box.ts';
import type { Trx } from '../../db/db.ts';
import type { MailboxesTable } from '../../db/schema.ts';
import * as repo from './mailboxes.repo.ts';

export function toMailbox(r: repo.MailboxRow): Mailbox {
  return {
    id: r.id,
    name: r.name,
    address: r.address,
    imap:
      r.imap_host !== null
        ? {
            host: r.imap_host,
            port: r.imap_port ?? 993,
            tls: r.imap_tls === 1,
            user: r.imap_user ?? '',
            hasPassword: r.imap_password !== null,
            folder: r.imap_folder,
            processedAction: r.processed_action as 'move' | 'flag',
            processedFolder: r.processed_folder,
            pollSeconds: r.poll_seconds,
          }
        : null,
    defaultGroupId: r.default_group_id,
    defaultCategoryId: r.default_category_id,
    defaultOrganisationId: r.default_organisation_id,
    active: r.is_active === 1,
    lastPolledAt: r.last_polled_at,
    lastPollError: r.last_poll_error,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function listMailboxes(deps: Deps): Promise<Mailbox[]> {
  return (await repo.listMailboxes(deps.db)).map(toMailbox);
}

async function mailboxOrThrow(db: Trx, id: number) {
  const row = await repo.findMailbox(db, id);
  if (!row) throw new NotFound(`Mailbox ${id} does not exist.`);
  return row;
}

type Columns = Partial<Omit<MailboxesTable, 'id' | 'created_at'>>;

/** What a sealed IMAP password is bound to: the value cannot be reused in another column. */
export const IMAP_PASSWORD_CONTEXT = 'mailboxes.imap_password';

/** The new IMAP password of a create or update, sealed; undefined when none was given. */
async function sealedPasswordOf(deps: Deps, input: UpdateMailboxInput): Promise<string | undefined> {
  const password = input.imap?.password;
  return password === undefined ? undefined : (await secretBoxOf(deps.config)).seal(password, IMAP_PASSWORD_CONTEXT);
}

async function columnsOf(trx: Trx, input: UpdateMailboxInput, sealedPassword: string | undefined, current?: repo.MailboxRow): Promise<Columns> {
  const cols: Columns = {};
  if (input.name !== undefined) cols.name = input.name;
  if (input.address !== undefined) {
    if (/\+/.test(input.address.split('@')[0])) throw new Unprocessable('A mailbox address cannot contain "+": Guichet adds +<ticket number> to it in replies.');
    cols.address = input.address;
  }
  if (input.active !== undefined) cols.is_active = input.active ? 1 : 0;
  if (input.imap === null) Object.assign(cols, { imap_host: null, imap_port: null, imap_user: null, imap_password: null });
  else if (input.imap) {
    const i = input.imap;
    // Without a new password, the stored (sealed) one is kept as it is.
    const password = sealedPassword ?? (current?.imap_host !== null ? current?.imap_password : null) ?? null;
    if (password === null) throw new Unprocessable('IMAP needs a password for its user.');
    Object.assign(cols, {
      imap_host: i.host,
      imap_port: i.port,
      imap_tls: i.tls ? 1 : 0,
      imap_user: i.user,
      imap_password: password,
      imap_folder: i.folder,
      processed_action: i.processedAction,
      processed_folder: i.processedFolder,
      poll_seconds: i.pollSeconds,
    });
    if (i.processedAction === 'move' && i.processedFolder === i.folder) throw new Unprocessable('The processed folder must differ from the folder polled.');
  }
  const refs = [
    ['defaultGroupId', 'groups', 'default_group_id', 'Group'],
    ['defaultCategoryId', 'categories', 'default_category_id', 'Category'],
    ['defaultOrganisationId', 'organisations', 'default_organisation_id', 'Organisation'],
  ] as const;
  for (const [field, table, col, label] of refs) {
    const v = input[field];
    if (v === undefined) continue;
    if (v !== null && !(await trx.selectFrom(table).select('id').where('id', '=', v).executeTakeFirst())) throw new Unprocessable(`${label} ${v} does not exist.`);
    cols[col] = v;
  }
  return cols;
}

function duplicateAddress(err: unknown, address: string | undefined): never {
  if (isUniqueViolation(err)) throw new Conflict(`A mailbox already receives mail for ${address}.`);
  throw err;
}

export async function createMailbox(deps: Deps, actor: Actor, input: CreateMailboxInput): Promise<Mailbox> {
  const at = isoNow(deps.clock);
  const sealedPassword = await sealedPasswordOf(deps, input);
  const id = await deps.db
    .transaction()
    .execute(async (trx) => {
      const cols = await columnsOf(trx, input, sealedPassword);
      const row = await trx
        .insertInto('mailboxes')
        .values({ name: input.name, address: input.address, imap_tls: 1, imap_folder: 'INBOX', processed_action: 'move', processed_folder: 'Processed', poll_seconds: 60, is_active: 1, ...cols, created_at: at, updated_at: at })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, actor, at, { action: 'mailbox.create', entityType: 'mailbox', entityId: row.id, data: { address: input.address } });
      return row.id;
    })
    .catch((err) => duplicateAddress(err, input.address));
  repo.forgetActiveMailboxes(deps);
  return toMailbox((await repo.findMailbox(deps.db, id))!);
}

export async function updateMailbox(deps: Deps, actor: Actor, id: number, input: UpdateMailboxInput): Promise<Mailbox> {
  const at = isoNow(deps.clock);
  const sealedPassword = await sealedPasswordOf(deps, input);
  await deps.db
    .transaction()
    .execute(async (trx) => {
      const current = await mailboxOrThrow(trx, id);
      const cols = await columnsOf(trx, input, sealedPassword, current);
      await trx.updateTable('mailboxes').set({ ...cols, updated_at: at }).where('id', '=', id).execute();
      const { imap_password: _secret, ...changed } = cols;
      await recordAudit(trx, actor, at, { action: 'mailbox.update', entityType: 'mailbox', entityId: id, data: { changed: Object.keys(changed) } });
    })
    .catch((err) => duplicateAddress(err, input.address));
  repo.forgetActiveMailboxes(deps);
  return toMailbox((await repo.findMailbox(deps.db, id))!);
}

/** Removes a mailbox; its messages and tickets stay (their mailbox becomes unknown). */
export async function deleteMailbox(deps: Deps, actor: Actor, id: number): Promise<void> {
  const at = isoNow(deps.clock);
  await deps.db.transaction().execute(async (trx) => {
    const current = await mailboxOrThrow(trx, id);
    await trx.deleteFrom('mailboxes').where('id', '=', id).execute();
    await recordAudit(trx, actor, at, { action: 'mailbox.delete', entityType: 'mailbox', entityId: id, data: { address: current.address } });
  });
  repo.forgetActiveMailboxes(deps);
}

export interface SealedAtStart {
  /** Legacy clear-text passwords sealed now. */
  sealed: number;
  /** Stored passwords sealed with another key: their mailboxes cannot be polled. */
  otherKey: number;
}

/**
 * Seals the IMAP passwords still stored in clear text (written before encryption at rest),
 * in one transaction; sealed values are recognised by their prefix, so it runs at every
 * start. Also counts passwords this server's key cannot open, so that the start can say so.
 */
export async function sealStoredPasswords(deps: Deps): Promise<SealedAtStart> {
  const secrets = await secretBoxOf(deps.config);
  return deps.db.transaction().execute(async (trx) => {
    const result: SealedAtStart = { sealed: 0, otherKey: 0 };
    for (const row of await repo.listStoredPasswords(trx)) {
      const stored = row.imap_password!;
      if (isSealed(stored)) {
        if (sealedKeyId(stored) !== secrets.keyId) result.otherKey++;
        continue;
      }
      if (await repo.replaceStoredPassword(trx, row.id, stored, secrets.seal(stored, IMAP_PASSWORD_CONTEXT))) result.sealed++;
    }
    return result;
  });
}
