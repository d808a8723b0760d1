// Turns planned notifications into outbound rows inside the ticket change's transaction:
// recipients (never our own addresses), language, the rendered template frozen as sent,
// threading headers, and the email.send job that delivers it after commit.
import { LANGUAGES, type Language } from '../../../../common/enums.ts';
import type { TemplateKind } from '../../../../common/schemas/email.ts';
import type { Config } from '../../config.ts';
import type { Trx } from '../../db/db.ts';
import { enqueueJob } from '../../lib/jobs.ts';
import { DEFAULT_TEMPLATES, type TemplateContent } from './default-templates.ts';
import { defaultFromAddress, formatMailAddress, isOwnAddress, newMessageId, parseMailAddress, plusTagged, type MailAddress } from './addresses.ts';
import { chooseMailFiles, withFilesNote } from './mail-files.ts';
import { emailOf, type Audience, type PlannedMail } from './notification-plan.ts';
import { renderTemplate, type RenderedMail, type TemplateView } from './template-render.ts';
import { templateInUse } from './templates.service.ts';
import type { TicketWritten } from './ticket-notifications.ts';
import * as repo from './outbound.repo.ts';

export const SEND_JOB = 'email.send';
export const SEND_MAX_ATTEMPTS = 8;
/** References keeps the first Message-ID and the most recent ones, up to this many. */
const MAX_REFERENCES = 20;

export const sendJobKey = (outboundId: number) => `${repo.SEND_KEY_PREFIX}${outboundId}`;

type Person = { id: number; email: string; name: string; language: string; is_active: number };

/**
 * A ticket's conversation as each audience knows it: the requester's side (mail received,
 * and mail sent to requesters) and the support team's (all of it, agent notifications too).
 */
interface Thread {
  ids: Record<Audience, string[]>;
  /** The latest message received, answered by whatever this change sends. */
  answered: string | null;
  /** The requester's last mail was auto-submitted: they get none from us. */
  requesterMuted: boolean;
}

/** The ticket's mailbox, else GUICHET_MAIL_FROM, else helpdesk@<host of the public URL>. */
export async function senderOf(trx: Trx, config: Config, mailboxId: number | null): Promise<MailAddress> {
  const mailbox = mailboxId === null ? undefined : await repo.findMailbox(trx, mailboxId);
  if (mailbox) return { name: mailbox.name, address: mailbox.address.toLowerCase() };
  return (config.mail.from ? parseMailAddress(config.mail.from) : null) ?? { name: null, address: defaultFromAddress(config.publicUrl) };
}

const AGENT_KINDS = new Set<string>(['agent_assigned', 'agent_new_reply']);

async function loadThread(w: TicketWritten, plans: PlannedMail[]): Promise<Thread> {
  const viaMail = w.events.map(emailOf).find((e) => typeof e?.inboundId === 'number');
  // A ticket just opened other than by mail has no conversation yet: no queries.
  if (w.before === null && !viaMail) return { ids: { requester: [], assignee: [] }, answered: null, requesterMuted: false };
  const conversation = await repo.listConversationIds(w.trx, w.ticket.id);
  const toAgents = new Set((await repo.listTicketOutboundKinds(w.trx, w.ticket.id)).filter((r) => AGENT_KINDS.has(r.kind)).map((r) => r.message_id));
  const all = conversation.map((r) => r.message_id);
  let answered = conversation.filter((r) => r.direction === 'in').at(-1)?.message_id ?? null;
  let requesterMuted = false;
  if (viaMail) {
    // Answer the very message this change came from, even before it is in the conversation.
    const inbound = await repo.findInbound(w.trx, viaMail.inboundId!);
    if (inbound) {
      answered = inbound.message_id;
      if (!all.includes(inbound.message_id)) all.push(inbound.message_id);
      requesterMuted = inbound.is_auto === 1;
    }
    requesterMuted ||= viaMail.auto === true;
  } else if (plans.some((p) => p.audience === 'requester')) {
    requesterMuted = (await repo.findLatestInbound(w.trx, w.ticket.id))?.is_auto === 1;
  }
  return { ids: { requester: all.filter((id) => !toAgents.has(id)), assignee: all }, answered, requesterMuted };
}

function cappedReferences(ids: string[]): string | null {
  if (ids.length === 0) return null;
  const kept = ids.length <= MAX_REFERENCES ? ids : [ids[0], ...ids.slice(ids.length - (MAX_REFERENCES - 1))];
  return kept.join(' ');
}

const languageOf = (l: string | undefined): Language => (LANGUAGES as readonly string[]).includes(l ?? '') ? (l as Language) : 'en';

export async function queuePlannedMails(w: TicketWritten, plans: PlannedMail[]): Promise<void> {
  const { trx, deps, ticket, actor } = w;
  const people = await repo.findUsers(trx, [...new Set([ticket.requester_id, ticket.assignee_id].filter((id): id is number => id !== null))]);
  const person = (id: number | null): Person | undefined => people.find((p) => p.id === id);
  const requester = person(ticket.requester_id);
  const sender = await senderOf(trx, deps.config, ticket.mailbox_id);
  const configured = deps.config.mail.from ? parseMailAddress(deps.config.mail.from)?.address : undefined;
  const own = new Set([...(await repo.listMailboxAddresses(trx)), sender.address, ...(configured ? [configured] : [])]);
  const thread = await loadThread(w, plans);
  const ccs = plans.some((p) => p.withCcs) ? await repo.listCcs(trx, ticket.id) : [];
  const actorEmail = actor.email.toLowerCase();
  const templates = new Map<string, TemplateContent>();

  for (const plan of plans) {
    if (plan.audience === 'requester' && thread.requesterMuted) continue;
    const recipient = plan.audience === 'requester' ? requester : person(ticket.assignee_id);
    // Nobody is told by mail what they just did themselves; acknowledgements excepted.
    const skipActor = plan.kind !== 'ticket_created';
    const wanted = (email: string) => !isOwnAddress(email, own) && !(skipActor && email.toLowerCase() === actorEmail);
    let to = recipient && recipient.is_active === 1 && wanted(recipient.email) ? [recipient.email.toLowerCase()] : [];
    let cc = plan.withCcs ? ccs.map((c) => c.email.toLowerCase()).filter((e) => wanted(e) && !to.includes(e)) : [];
    if (to.length === 0) [to, cc] = [cc, []];
    if (to.length === 0) continue;

    const language = languageOf(recipient?.language);
    const forRequester = plan.audience === 'requester';
    // An agent's reply carries its public files, or says where they are when too large.
    const files = plan.kind === 'agent_reply' ? await chooseMailFiles(trx, ticket.id, plan.event, deps.config.mail.attachMaxBytes) : null;
    const view: TemplateView = {
      ticket: {
        number: ticket.number,
        title: ticket.title,
        url: `${deps.config.publicUrl}/${forRequester ? 'portal' : 'agent'}/tickets/${ticket.id}`,
        priority: `P${ticket.priority}`,
      },
      recipient: { name: recipient?.name ?? '' },
      requester: { name: requester?.name ?? '', email: requester?.email ?? '' },
      // Whoever wrote or changed it; Guichet itself when no person did.
      author: { name: actor.name },
      helpdesk: { name: sender.name ?? 'Guichet' },
      reply: { body: plan.event?.body ?? '' },
      resolution: { result: ticket.resolution_result ?? plan.event?.body ?? '' },
      survey: { url: `${deps.config.publicUrl}/portal/tickets/${ticket.id}` },
      files: { notAttached: files?.notAttached ?? '' },
    };
    const key = `${plan.kind}.${language}`;
    if (!templates.has(key)) templates.set(key, (await templateInUse(trx, plan.kind, language)).content);
    const template = files?.notAttached ? withFilesNote(templates.get(key)!, language) : templates.get(key)!;
    const mail = render(w, plan.kind, language, template, view);

    const messageId = newMessageId(ticket.number, sender.address);
    const ids = thread.ids[plan.audience];
    const outboundId = await repo.insertOutbound(trx, {
      ticket_id: ticket.id,
      event_id: plan.event?.id ?? null,
      kind: plan.kind,
      language,
      from_address: formatMailAddress(sender),
      reply_to: plusTagged(sender.address, ticket.number),
      to_addresses: JSON.stringify(to),
      cc_addresses: JSON.stringify(cc),
      subject: mail.subject,
      text_body: mail.text,
      html_body: mail.html,
      message_id: messageId,
      // The latest message received, else the first of the conversation.
      in_reply_to: thread.answered ?? ids[0] ?? null,
      references: cappedReferences(ids),
      status: 'queued',
      attempts: 0,
      last_error: null,
      created_at: w.at,
      sent_at: null,
    });
    await repo.insertOutboundAttachments(trx, outboundId, files?.attached ?? []);
    await repo.recordMessageId(trx, messageId, ticket.id, 'out', w.at);
    thread.ids.assignee.push(messageId);
    if (plan.audience === 'requester') thread.ids.requester.push(messageId);
    await enqueueJob(trx, { kind: SEND_JOB, payload: { outboundId }, dedupeKey: sendJobKey(outboundId), maxAttempts: SEND_MAX_ATTEMPTS }, w.at);
  }
}

/** A stored template that no longer renders must not stop the ticket change: use the default. */
function render(w: TicketWritten, kind: TemplateKind, language: Language, t: TemplateContent, view: TemplateView): RenderedMail {
  try {
    return renderTemplate(t, view, language);
  } catch (err) {
    w.deps.logger.warn({ err, kind, language }, 'notification template failed to render; the default was used');
    return renderTemplate(DEFAULT_TEMPLATES[language][kind], view, language);
  }
}
