// Addresses and identifiers of outgoing mail: who it is from, where replies go (the
// ticket tag in the address), its Message-ID, and which addresses are our own.
import crypto from 'node:crypto';

export interface MailAddress {
  name: string | null;
  address: string; // lower case
}

/** "Name <a@b>", "<a@b>" or "a@b"; null when there is no plausible address. */
export function parseMailAddress(value: string): MailAddress | null {
  const angle = /^\s*(.*?)\s*<\s*([^<>\s]+@[^<>\s]+)\s*>\s*$/.exec(value);
  if (angle) {
    const name = angle[1].replace(/^"(.*)"$/, '$1').replace(/\\(.)/g, '$1').trim();
    return { name: name || null, address: angle[2].toLowerCase() };
  }
  const bare = value.trim();
  return /^[^\s<>@]+@[^\s<>@]+$/.test(bare) ? { name: null, address: bare.toLowerCase() } : null;
}

/** The header form, display name quoted (nodemailer encodes non-ASCII names). */
export function formatMailAddress(a: MailAddress): string {
  if (!a.name) return a.address;
  return `"${a.name.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[\r\n]+/g, ' ')}" <${a.address}>`;
}

export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}

/** support@example.com + 1042 → support+1042@example.com: replies carry the ticket. */
export function plusTagged(address: string, ticketNumber: number): string {
  const at = address.lastIndexOf('@');
  return `${address.slice(0, at)}+${ticketNumber}@${address.slice(at + 1)}`;
}

/** Without its +tag: support+1042@example.com → support@example.com. */
export function untagged(address: string): string {
  const lower = address.toLowerCase();
  const at = lower.lastIndexOf('@');
  const local = lower.slice(0, at);
  const plus = local.indexOf('+');
  return plus < 0 ? lower : `${local.slice(0, plus)}@${lower.slice(at + 1)}`;
}

/** A Message-ID, without angle brackets: guichet.1042.<random>@example.com. */
export function newMessageId(ticketNumber: number, fromAddress: string): string {
  return `guichet.${ticketNumber}.${crypto.randomBytes(9).toString('base64url')}@${domainOf(fromAddress)}`;
}

/** Whether an address is one of ours (exactly, or with a +tag): never mailed. */
export function isOwnAddress(address: string, own: ReadonlySet<string>): boolean {
  const lower = address.toLowerCase();
  return own.has(lower) || own.has(untagged(lower));
}

/** The default sender when neither the ticket's mailbox nor GUICHET_MAIL_FROM names one. */
export function defaultFromAddress(publicUrl: string): string {
  return `helpdesk@${new URL(publicUrl).hostname.replace(/^\[|\]$/g, '') || 'localhost'}`;
}
