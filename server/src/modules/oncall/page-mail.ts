// The page by mail: an oncall_page notification to the person paged, queued through the
// outbound mail module (a row frozen as rendered, sent by email.send after commit). Without a
// relay nothing is queued, as for every notification.
import { LANGUAGES, type Language } from '../../../../common/enums.ts';
import type { Trx } from '../../db/db.ts';
import type { TicketRow } from '../../db/schema.ts';
import type { Deps } from '../../lib/deps.ts';
import { enqueueJob } from '../../lib/jobs.ts';
import { DEFAULT_TEMPLATES } from '../notifications/default-templates.ts';
import { formatMailAddress, newMessageId, plusTagged } from '../notifications/addresses.ts';
import { SEND_JOB, SEND_MAX_ATTEMPTS, senderOf, sendJobKey } from '../notifications/outbound-compose.ts';
import { renderTemplate, type RenderedMail, type TemplateView } from '../notifications/template-render.ts';
import { templateInUse } from '../notifications/templates.service.ts';
import * as outbound from '../notifications/outbound.repo.ts';

export interface PagedPerson {
  id: number;
  name: string;
  email: string;
  language: string;
  is_active: number;
}

export const ackUrlOf = (publicUrl: string, pageId: number) => `${publicUrl}/agent/on-duty?ack=${pageId}`;

const languageOf = (l: string): Language => ((LANGUAGES as readonly string[]).includes(l) ? (l as Language) : 'en');

export async function queuePageMail(
  trx: Trx,
  deps: Deps,
  p: { ticket: TicketRow; person: PagedPerson; pageId: number; eventId: number; level: number; rotationName: string; at: string },
): Promise<void> {
  if (!deps.config.mail.relayUrl || p.person.is_active !== 1 || !p.person.email) return;
  const { ticket, person } = p;
  const language = languageOf(person.language);
  const sender = await senderOf(trx, deps.config, ticket.mailbox_id);
  const view: TemplateView = {
    ticket: { number: ticket.number, title: ticket.title, url: `${deps.config.publicUrl}/agent/tickets/${ticket.id}`, priority: `P${ticket.priority}` },
    recipient: { name: person.name },
    helpdesk: { name: sender.name ?? 'Guichet' },
    page: { ackUrl: ackUrlOf(deps.config.publicUrl, p.pageId), rotation: p.rotationName, level: p.level },
  };
  const mail = render(deps, language, (await templateInUse(trx, 'oncall_page', language)).content, view);
  // Not recorded in the ticket's conversation: a reply still threads by the [#number] tag.
  const outboundId = await outbound.insertOutbound(trx, {
    ticket_id: ticket.id,
    event_id: p.eventId,
    kind: 'oncall_page',
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
}

/** An admin's template that no longer renders must not stop the page: use the default. */
function render(deps: Deps, language: Language, t: { subject: string; text: string; html: string | null }, view: TemplateView): RenderedMail {
  try {
    return renderTemplate(t, view, language);
  } catch (err) {
    deps.logger.warn({ err, kind: 'oncall_page', language }, 'notification template failed to render; the default was used');
    return renderTemplate(DEFAULT_TEMPLATES[language].oncall_page, view, language);
  }
}
