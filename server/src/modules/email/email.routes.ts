// HTTP for the email channel: mailboxes (admin), inbound mail (submit raw, list, view the
// original, retry what failed) and a ticket's mail.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../lib/deps.ts';
import { actorOf } from '../../lib/access.ts';
import { dbIdString, idParam } from '../../../../common/schemas/shared.ts';
import {
  createMailboxBody,
  inboundDetailSchema,
  inboundPage,
  inboundSummarySchema,
  listInboundQuery,
  mailboxSchema,
  ticketEmailSchema,
  updateMailboxBody,
} from '../../../../common/schemas/email.ts';
import { ValidationError } from '../../lib/errors.ts';
import * as mailboxes from './mailboxes.service.ts';
import * as email from './email.service.ts';
import { receiveMessage } from './inbound.service.ts';

export function emailRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['email'];
    // A raw message is bytes in whatever charset its headers say: never decoded as text here.
    app.addContentTypeParser(['message/rfc822', 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: deps.config.mail.maxBytes }, (_req, body, done) => done(null, body));

    app.get(
      '/email/mailboxes',
      { config: { access: 'admin' }, schema: { tags, summary: 'Helpdesk mailboxes', response: { 200: z.object({ items: z.array(mailboxSchema) }) } } },
      async () => ({ items: await mailboxes.listMailboxes(deps) }),
    );
    app.post(
      '/email/mailboxes',
      { config: { access: 'admin' }, schema: { tags, summary: 'Add a helpdesk mailbox (SMTP address, optional IMAP polling)', body: createMailboxBody, response: { 201: mailboxSchema } } },
      async (request, reply) => reply.status(201).send(await mailboxes.createMailbox(deps, actorOf(request), request.body)),
    );
    app.patch(
      '/email/mailboxes/:id',
      { config: { access: 'admin' }, schema: { tags, summary: 'Change a mailbox (an omitted IMAP password is kept)', params: idParam, body: updateMailboxBody, response: { 200: mailboxSchema } } },
      async (request) => mailboxes.updateMailbox(deps, actorOf(request), request.params.id, request.body),
    );
    app.delete(
      '/email/mailboxes/:id',
      { config: { access: 'admin' }, schema: { tags, summary: 'Remove a mailbox; its mail and tickets stay', params: idParam } },
      async (request, reply) => {
        await mailboxes.deleteMailbox(deps, actorOf(request), request.params.id);
        return reply.status(204).send();
      },
    );

    app.post(
      '/email/inbound',
      {
        config: { access: 'admin' },
        schema: {
          tags,
          summary: 'Submit a raw message (Content-Type: message/rfc822), as a mail server would deliver it',
          querystring: z.object({ mailboxId: dbIdString.optional() }).strict(),
          response: { 202: z.object({ id: z.number(), duplicate: z.boolean() }) },
        },
      },
      async (request, reply) => {
        const raw = request.body;
        if (!Buffer.isBuffer(raw) || raw.length === 0) throw new ValidationError('Send the raw message as the body, with Content-Type: message/rfc822.');
        const result = await receiveMessage(deps, raw, { source: 'api', mailboxId: request.query.mailboxId ?? null, envelopeTo: [] });
        return reply.status(202).send(result);
      },
    );
    app.get(
      '/email/inbound',
      { config: { access: 'supervisor' }, schema: { tags, summary: 'Inbound mail, newest first (status=failed or held: what needs a look)', querystring: listInboundQuery, response: { 200: inboundPage } } },
      async (request) => email.listInbound(deps, actorOf(request), request.query),
    );
    app.get(
      '/email/inbound/:id',
      { config: { access: 'agent' }, schema: { tags, summary: 'One inbound message in full: headers, text, sanitised HTML, how it was threaded', params: idParam, response: { 200: inboundDetailSchema } } },
      async (request) => email.getInboundDetail(deps, actorOf(request), request.params.id),
    );
    app.get(
      '/email/inbound/:id/raw',
      { config: { access: 'agent' }, schema: { tags, summary: 'The message exactly as received (.eml)', params: idParam } },
      async (request, reply) => {
        const raw = await email.getInboundRaw(deps, actorOf(request), request.params.id);
        return reply
          .header('content-type', 'message/rfc822')
          .header('content-disposition', `attachment; filename="message-${request.params.id}.eml"`)
          .header('x-content-type-options', 'nosniff')
          .send(raw);
      },
    );
    app.post(
      '/email/inbound/:id/retry',
      { config: { access: 'admin' }, schema: { tags, summary: 'Process a failed or held message again', params: idParam, response: { 200: inboundSummarySchema } } },
      async (request) => email.retryInbound(deps, actorOf(request), request.params.id),
    );
    app.get(
      '/tickets/:id/email',
      { config: { access: 'agent' }, schema: { tags, summary: "A ticket's mail: people copied, messages received and sent", params: idParam, response: { 200: ticketEmailSchema } } },
      async (request) => email.getTicketEmail(deps, actorOf(request), request.params.id),
    );
  };
}
