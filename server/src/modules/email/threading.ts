// Which ticket a message belongs to, and why. References are tried first (In-Reply-To,
// then References from the newest), then the ticket tag in the subject, then the tag in
// the address it was sent to. A tag is easy to copy, so it only joins a ticket the sender
// takes part in; a reference had to come from the conversation itself. Nothing else (same
// subject, same sender) ever merges a message into a ticket.
import type { ParsedMail } from 'mailparser';
import type { EmailMatch } from '../../../../common/schemas/email.ts';
import type { Trx } from '../../db/db.ts';
import { OPEN_STATUSES } from '../../../../common/enums.ts';
import { addressTicketNumber, messageIdList, normalizeMessageId, subjectTicketNumber } from './message-ids.ts';
import * as repo from './inbound.repo.ts';

export interface Sender {
  userId: number | null;
  email: string;
  isStaff: boolean;
  organisationId: number | null;
  isOrgManager: boolean;
}

export type Threading =
  | { ticketId: number; number: number; match: EmailMatch; participant: boolean }
  | { ticketId: null; match: EmailMatch };

type ThreadTicket = NonNullable<Awaited<ReturnType<typeof repo.findTicketForThreading>>>;

export async function threadMessage(db: Trx, mail: ParsedMail, sender: Sender, recipients: string[]): Promise<Threading> {
  const inReplyTo = normalizeMessageId(typeof mail.inReplyTo === 'string' ? mail.inReplyTo : undefined);
  const references = messageIdList(mail.references).reverse();
  const ids = [...new Set([...(inReplyTo ? [inReplyTo] : []), ...references])];
  const known = await repo.ticketOfMessageIds(db, ids);
  let sawReference = ids.length > 0;
  let closed: ThreadTicket | undefined;
  let stranger: ThreadTicket | undefined;

  for (const id of ids) {
    const hit = known.find((k) => k.messageId === id);
    if (!hit) continue;
    const ticket = await repo.findTicketForThreading(db, { id: hit.ticketId });
    if (!ticket) continue;
    if (!isOpenOrResolved(ticket.status)) {
      closed ??= ticket;
      continue;
    }
    const by = id === inReplyTo ? 'in-reply-to' : 'references';
    return { ticketId: ticket.id, number: ticket.number, match: { by, messageId: id }, participant: await takesPart(db, ticket, sender) };
  }

  const tags: { by: 'subject-tag' | 'address-tag'; number: number }[] = [];
  const subjectTag = subjectTicketNumber(mail.subject);
  if (subjectTag !== null) tags.push({ by: 'subject-tag', number: subjectTag });
  for (const r of recipients) {
    const number = addressTicketNumber(r);
    if (number !== null) tags.push({ by: 'address-tag', number });
  }
  for (const tag of tags) {
    sawReference = true;
    const ticket = await repo.findTicketForThreading(db, { number: tag.number });
    if (!ticket) continue;
    if (!(await takesPart(db, ticket, sender))) {
      stranger ??= ticket;
      continue;
    }
    if (!isOpenOrResolved(ticket.status)) {
      closed ??= ticket;
      continue;
    }
    return { ticketId: ticket.id, number: ticket.number, match: { by: tag.by, ticketNumber: ticket.number }, participant: true };
  }

  if (closed) return { ticketId: null, match: { by: 'new', why: 'ticket-closed', relatedTicketNumber: closed.number } };
  if (stranger) return { ticketId: null, match: { by: 'new', why: 'not-participant', relatedTicketNumber: stranger.number } };
  return { ticketId: null, match: { by: 'new', why: sawReference ? 'unknown-reference' : 'no-reference' } };
}

function isOpenOrResolved(status: string): boolean {
  return status === 'resolved' || (OPEN_STATUSES as readonly string[]).includes(status);
}

/** The requester, someone copied, the support team, or the manager of the ticket's organisation. */
async function takesPart(db: Trx, ticket: ThreadTicket, sender: Sender): Promise<boolean> {
  if (sender.isStaff) return true;
  if (sender.userId !== null && sender.userId === ticket.requester_id) return true;
  if (sender.isOrgManager && sender.organisationId !== null && sender.organisationId === ticket.organisation_id) return true;
  return repo.isTicketCc(db, ticket.id, sender.email);
}
