// A notification to one member of the support team about a ticket, outside the requester's
// conversation (an on-call page, an SLA warning or breach): rendered in their language,
// frozen in an outbound row and delivered by email.send after commit. Without a relay
// nothing is queued, as for every notification.
import { LANGUAGES, type Language } from '../../../../common/enums.ts';
import type { TemplateKind } from '../../../../common/schemas/email.ts';
import type { Trx } from '../../db/db.ts';
import type { TicketRow } from '../../db/schema.ts';
import type { Deps } from '../../lib/deps.ts';
import { enqueueJob } from '../../lib/jobs.ts';
import { DEFAULT_TEMPLATES } from './default-templates.ts';
import { formatMailAddress, newMessageId, plusTagged } from './addresses.ts';
import { SEND_JOB, SEND_MAX_ATTEMPTS, senderOf, sendJobKey } from './outbound-compose.ts';
import { renderTemplate, type RenderedMail, type TemplateView } from './template-render.ts';
import { templateInUse } from './templates.service.ts';
import * as outbound from './outbound.repo.ts';

export interface StaffRecipient {
  id: number;
  name: string;
  email: string;
  language: string;
  is_active: number;
}

export const languageOf = (l: string): Language => ((LANGUAGES as readonly string[]).includes(l) ? (l as Language) : 'en');

/**
 * Queues `kind` to `person` about `ticket`; `view` adds the kind's own placeholders to the
 * ticket, recipient and helpdesk ones. Resolves to false when nothing was queued.
 */
export async function queueStaffMail(
  trx: Trx,
  deps: Deps,
  p: { kind: TemplateKind; ticket: TicketRow; person: StaffRecipient; eventId: number | null; view: (language: Language) => TemplateView; at: string },
): Promise<boolean> {
  if (!deps.config.mail.relayUrl || p.person.is_active !== 1 || !p.person.email) return false;
  const { ticket, person } = p;
  const language = languageOf(person.language);
  const sender = await senderOf(trx, deps.config, ticket.mailbox_id);
  const view: TemplateView = {
    ticket: { number: ticket.number, title: ticket.title, url: `${deps.config.publicUrl}/agent/tickets/${ticket.id}`, priority: `P${ticket.priority}` },
    recipient: { name: person.name },
    helpdesk: { name: sender.name ?? 'Guichet' },
    ...p.view(language),
  };
  const mail = render(deps, p.kind, language, (await templateInUse(trx, p.kind, language)).content, view);
  // Not recorded in the ticket's conversation: a reply still threads by the [#number] tag.
  const outboundId = await outbound.insertOutbound(trx, {
    ticket_id: ticket.id,
    event_id: p.eventId,
    kind: p.kind,
    language,
    from_address: formatMailAddress(sender),
    reply_to: plusTagged(sender.address, ticket.number),
    to_addresses: JSON.stringify([person.email.toLowerCase()]),
    cc_addresses: '[]',
    subject: mail.subject,
    text_body: mail.text,
    html_body: mail.html,
    message_id: newMessageId(ticket.number, sender.address),
    in_reply_to: null,
    references: null,
    status: 'queued',
    attempts: 0,
    last_error: null,
    created_at: p.at,
    sent_at: null,
  });
  await enqueueJob(trx, { kind: SEND_JOB, payload: { outboundId }, dedupeKey: sendJobKey(outboundId), maxAttempts: SEND_MAX_ATTEMPTS }, p.at);
  return true;
}

/** An admin's template that no longer renders must not stop the work: use the default. */
function render(deps: Deps, kind: TemplateKind, language: Language, t: { subject: string; text: string; html: string | null }, view: TemplateView): RenderedMail {
  try {
    return renderTemplate(t, view, language);
  } catch (err) {
    deps.logger.warn({ err, kind, language }, 'notification template failed to render; the default was used');
    return renderTemplate(DEFAULT_TEMPLATES[language][kind], view, language);
  }
}
