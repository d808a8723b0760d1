// Reading `data.email` of a timeline event (a message that came by mail) without trusting
// its shape, and saying in words how it was threaded.
import type { Vars } from '../../../app/i18n.tsx';
import { obj, str, num } from '../components/event-data.ts';
import type { emailMessages } from './messages.ts';

type Key = keyof (typeof emailMessages)['en'];

export interface EmailOrigin {
  inboundId: number | null;
  match: {
    by: string | null;
    messageId: string | null;
    ticketNumber: number | null;
    why: string | null;
    relatedTicketNumber: number | null;
  } | null;
  auto: boolean;
  trimmed: boolean;
  /** Threaded onto the ticket by its headers, but from someone outside it: kept as an internal note. */
  notParticipant: boolean;
}

export function emailOrigin(data: Record<string, unknown> | null | undefined): EmailOrigin | null {
  const e = obj(data?.email);
  if (!e) return null;
  const m = obj(e.match);
  return {
    inboundId: num(e.inboundId),
    match: m
      ? { by: str(m.by), messageId: str(m.messageId), ticketNumber: num(m.ticketNumber), why: str(m.why), relatedTicketNumber: num(m.relatedTicketNumber) }
      : null,
    auto: e.auto === true,
    trimmed: e.trimmed === true,
    notParticipant: e.notParticipant === true,
  };
}

/** The message key (and its values) that explains the threading, or null when nothing was recorded. */
export function matchExplanation(match: EmailOrigin['match']): { key: Key; vars?: Vars } | null {
  if (!match) return null;
  const id = match.messageId ? match.messageId.replace(/^<|>$/g, '') : null;
  const n = match.ticketNumber;
  const related = match.relatedTicketNumber ?? n;
  switch (match.by) {
    case 'in-reply-to':
      return id ? { key: 'm_inReplyTo', vars: { messageId: id } } : null;
    case 'references':
      return id ? { key: 'm_references', vars: { messageId: id } } : null;
    case 'subject-tag':
      return n !== null ? { key: 'm_subjectTag', vars: { number: String(n) } } : null;
    case 'address-tag':
      return n !== null ? { key: 'm_addressTag', vars: { number: String(n) } } : { key: 'm_addressTagBare' };
    case 'bounce':
      return { key: 'm_bounce' };
    case 'new':
      if (match.why === 'no-reference') return { key: 'm_new_noReference' };
      if (match.why === 'unknown-reference') return { key: 'm_new_unknownReference' };
      if (match.why === 'ticket-closed' && related !== null) return { key: 'm_new_closed', vars: { number: String(related) } };
      if (match.why === 'not-participant' && related !== null) return { key: 'm_new_notParticipant', vars: { number: String(related) } };
      return { key: 'm_new' };
    default:
      return null;
  }
}
