// SQL for the IMAP poller: which mailboxes it fetches from, and what it records after a poll.
import type { Trx } from '../../db/db.ts';

const POLL_COLUMNS = [
  'id',
  'address',
  'imap_host',
  'imap_port',
  'imap_tls',
  'imap_user',
  'imap_password',
  'imap_folder',
  'processed_action',
  'processed_folder',
  'poll_seconds',
  'is_active',
  'last_polled_at',
] as const;

export type PollableMailboxRow = NonNullable<Awaited<ReturnType<typeof findPollableMailbox>>>;

export function findPollableMailbox(db: Trx, id: number) {
  return db.selectFrom('mailboxes').select(POLL_COLUMNS).where('id', '=', id).executeTakeFirst();
}

/** Active mailboxes with an IMAP server; the caller decides which are due. */
export function listImapMailboxes(db: Trx) {
  return db.selectFrom('mailboxes').select(['id', 'poll_seconds', 'last_polled_at']).where('is_active', '=', 1).where('imap_host', 'is not', null).orderBy('id').execute();
}

export async function recordPoll(db: Trx, id: number, at: string, error: string | null): Promise<void> {
  await db.updateTable('mailboxes').set({ last_polled_at: at, last_poll_error: error }).where('id', '=', id).execute();
}
