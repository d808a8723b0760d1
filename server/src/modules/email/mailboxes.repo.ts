// SQL for helpdesk mailboxes.
import type { Trx } from '../../db/db.ts';
import type { Deps } from '../../lib/deps.ts';
import { defaultFromAddress, parseMailAddress } from '../notifications/addresses.ts';

export type MailboxRow = NonNullable<Awaited<ReturnType<typeof findMailbox>>>;

export function findMailbox(db: Trx, id: number) {
  return db.selectFrom('mailboxes').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listMailboxes(db: Trx) {
  return db.selectFrom('mailboxes').selectAll().orderBy('name').orderBy('id').execute();
}

export function findMailboxByAddress(db: Trx, address: string) {
  return db.selectFrom('mailboxes').selectAll().where('address', '=', address.toLowerCase()).executeTakeFirst();
}

/** Our own addresses (every mailbox, the configured or default sender): mail from them is a loop. */
export async function helpdeskAddresses(deps: Deps): Promise<Set<string>> {
  const rows = await deps.db.selectFrom('mailboxes').select('address').execute();
  const set = new Set(rows.map((r) => r.address));
  const from = deps.config.mail.from ? parseMailAddress(deps.config.mail.from)?.address : undefined;
  set.add(from ?? defaultFromAddress(deps.config.publicUrl));
  return set;
}

// The SMTP listener checks every RCPT TO: the active mailboxes are read once per moment,
// not per recipient. A change made through this process applies at once, through another
// process within ACTIVE_TTL_MS.
const ACTIVE_TTL_MS = 5_000;
const activeCache = new WeakMap<Deps, { at: number; byAddress: Map<string, number> }>();

/** Active mailbox ids by address (lower case). */
export async function activeMailboxesByAddress(deps: Deps): Promise<Map<string, number>> {
  const cached = activeCache.get(deps);
  if (cached && Date.now() - cached.at < ACTIVE_TTL_MS) return cached.byAddress;
  const rows = await deps.db.selectFrom('mailboxes').select(['id', 'address']).where('is_active', '=', 1).execute();
  const byAddress = new Map(rows.map((r) => [r.address, r.id]));
  activeCache.set(deps, { at: Date.now(), byAddress });
  return byAddress;
}

export function forgetActiveMailboxes(deps: Deps): void {
  activeCache.delete(deps);
}

/** Every stored IMAP password (sealed or legacy clear text), for sealing at start. */
export function listStoredPasswords(db: Trx) {
  return db.selectFrom('mailboxes').select(['id', 'imap_password']).where('imap_password', 'is not', null).orderBy('id').execute();
}

/** Replaces a password only if it is still `from`: another process sealing it first wins. */
export async function replaceStoredPassword(db: Trx, id: number, from: string, to: string): Promise<boolean> {
  const r = await db.updateTable('mailboxes').set({ imap_password: to }).where('id', '=', id).where('imap_password', '=', from).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
