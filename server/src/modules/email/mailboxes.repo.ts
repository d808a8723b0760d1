// SQL for helpdesk mailboxes.
import type { Trx } from '../../db/db.ts';
import type { Deps } from '../../lib/deps.ts';

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

export async function countActiveMailboxes(db: Trx): Promise<number> {
  const r = await db.selectFrom('mailboxes').select((eb) => eb.fn.countAll<number>().as('n')).where('is_active', '=', 1).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Our own addresses (every mailbox, and the configured sender): mail from them is a loop. */
export async function helpdeskAddresses(deps: Deps): Promise<Set<string>> {
  const rows = await deps.db.selectFrom('mailboxes').select('address').execute();
  const set = new Set(rows.map((r) => r.address));
  const from = deps.config.mail.from;
  if (from) {
    const m = /<([^>]+)>/.exec(from);
    set.add((m ? m[1] : from).trim().toLowerCase());
  }
  return set;
}
