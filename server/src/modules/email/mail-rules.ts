// What kind of mail this is, from its headers alone: mail we must never answer
// automatically (auto-replies, bulk and list mail, bounces), mail a machine wrote (which
// must not reopen or move a ticket), and delivery failure reports.
import type { ParsedMail } from 'mailparser';

export interface MailTraits {
  /** Why no automatic answer may go to it, or null for ordinary mail. */
  noAutoReply: string | null;
  /** Written by a machine (out-of-office, autoresponder, bounce): kept as a note, never a reply. */
  machine: boolean;
  bounce: boolean;
}

export function headerText(mail: ParsedMail, name: string): string {
  const v = mail.headers.get(name);
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'object' && 'value' in (v as object)) return String((v as { value: unknown }).value ?? '');
  return String(v);
}

const DAEMON = /^(mailer-daemon|postmaster|mail-daemon|mailerdaemon)@/i;

export function classifyMail(mail: ParsedMail, envelopeFrom: string | null): MailTraits {
  const from = mail.from?.value[0]?.address ?? '';
  const contentType = mail.headers.get('content-type') as { value?: string; params?: Record<string, string> } | undefined;
  const isReport = contentType?.value === 'multipart/report' && /delivery-status/i.test(contentType.params?.['report-type'] ?? '');
  const nullSender = envelopeFrom === '' || envelopeFrom === '<>';
  const bounce = isReport || DAEMON.test(from) || (nullSender && /undeliver|delivery status|returned mail|non remis|échec de (la )?remise/i.test(mail.subject ?? ''));
  if (bounce) return { noAutoReply: 'delivery failure report', machine: true, bounce };
  const machine = machineReason(mail);
  return { noAutoReply: machine ?? bulkReason(mail), machine: machine !== null, bounce: false };
}

function machineReason(mail: ParsedMail): string | null {
  const autoSubmitted = headerText(mail, 'auto-submitted').trim().toLowerCase();
  if (autoSubmitted && autoSubmitted !== 'no') return `Auto-Submitted: ${autoSubmitted}`;
  if (headerText(mail, 'precedence').trim().toLowerCase() === 'auto_reply') return 'Precedence: auto_reply';
  if (mail.headers.has('x-autoreply') || mail.headers.has('x-autorespond')) return 'X-Autoreply';
  return null;
}

function bulkReason(mail: ParsedMail): string | null {
  const precedence = headerText(mail, 'precedence').trim().toLowerCase();
  if (/^(bulk|list|junk)$/.test(precedence)) return `Precedence: ${precedence}`;
  // Exchange marks mail nobody should answer with All, OOF or AutoReply; RN/NRN/DR/NDR only
  // suppress read and delivery receipts, which ordinary mail carries too.
  const suppress = headerText(mail, 'x-auto-response-suppress');
  if (/\b(all|oof|autoreply)\b/i.test(suppress)) return `X-Auto-Response-Suppress: ${suppress.trim()}`;
  if (mail.headers.has('list-id') || mail.headers.has('list-unsubscribe')) return 'mailing list';
  return null;
}
