import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../lib/deps.ts';
import { actorOf } from '../../lib/access.ts';
import { idParam } from '../../../../common/schemas/shared.ts';
import {
  assignBody,
  closeBody,
  countsResponse,
  createTicketBody,
  escalateBody,
  listTicketsQuery,
  noteBody,
  reopenBody,
  replyBody,
  resolutionRecord,
  ticketPage,
  ticketSchema,
  timelineResponse,
  updateTicketBody,
} from '../../../../common/schemas/tickets.ts';
import { countTickets, createTicket, getTicket, getTimeline, listTickets } from './tickets.service.ts';
import { addReply, assignTicket, closeTicket, escalateTicket, reopenTicket, resolveTicket, updateTicket } from './ticket-workflow.service.ts';

const tags = ['tickets'];
const one = { 200: ticketSchema };

export function ticketsRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/tickets',
      {
        config: { access: 'authenticated' },
        schema: { tags, summary: 'Open a ticket (requesters for themselves; staff name the requester)', body: createTicketBody, response: { 201: ticketSchema } },
      },
      async (request, reply) => reply.status(201).send(await createTicket(deps, actorOf(request), request.body)),
    );

    app.get(
      '/tickets',
      {
        config: { access: 'authenticated' },
        schema: { tags, summary: 'List tickets with filters, keyset pagination and ranked full-text search (q)', querystring: listTicketsQuery, response: { 200: ticketPage } },
      },
      async (request) => listTickets(deps, actorOf(request), request.query),
    );

    app.get(
      '/tickets/counts',
      { config: { access: 'agent' }, schema: { tags, summary: 'Queue counts for the agent sidebar', response: { 200: countsResponse } } },
      async (request) => countTickets(deps, actorOf(request)),
    );

    app.get(
      '/tickets/:id',
      { config: { access: 'authenticated' }, schema: { tags, summary: 'One ticket', params: idParam, response: one } },
      async (request) => getTicket(deps, actorOf(request), request.params.id),
    );

    app.patch(
      '/tickets/:id',
      {
        config: { access: 'agent' },
        schema: { tags, summary: 'Qualify or edit a ticket (fields, priority override, status, group/assignee, resolution draft)', params: idParam, body: updateTicketBody, response: one },
      },
      async (request) => updateTicket(deps, actorOf(request), request.params.id, request.body),
    );

    app.get(
      '/tickets/:id/timeline',
      { config: { access: 'authenticated' }, schema: { tags, summary: 'Replies, notes and every change, oldest first (requesters never see internal events)', params: idParam, response: { 200: timelineResponse } } },
      async (request) => getTimeline(deps, actorOf(request), request.params.id),
    );

    app.post(
      '/tickets/:id/replies',
      { config: { access: 'authenticated' }, schema: { tags, summary: 'Public reply, or internal note with "internal": true', params: idParam, body: replyBody, response: { 201: ticketSchema } } },
      async (request, reply) => reply.status(201).send(await addReply(deps, actorOf(request), request.params.id, request.body)),
    );

    app.post(
      '/tickets/:id/notes',
      { config: { access: 'agent' }, schema: { tags, summary: 'Internal note (never shown to the requester)', params: idParam, body: noteBody, response: { 201: ticketSchema } } },
      async (request, reply) =>
        reply.status(201).send(await addReply(deps, actorOf(request), request.params.id, { body: request.body.body, internal: true })),
    );

    app.post(
      '/tickets/:id/assign',
      { config: { access: 'agent' }, schema: { tags, summary: 'Assign to a group and/or agent; an empty body takes the ticket', params: idParam, body: assignBody.nullish(), response: one } },
      async (request) => assignTicket(deps, actorOf(request), request.params.id, request.body ?? {}),
    );

    app.post(
      '/tickets/:id/escalate',
      { config: { access: 'agent' }, schema: { tags, summary: 'Escalate to a higher tier or another group, with a hand-off note', params: idParam, body: escalateBody, response: one } },
      async (request) => escalateTicket(deps, actorOf(request), request.params.id, request.body),
    );

    app.post(
      '/tickets/:id/resolve',
      { config: { access: 'agent' }, schema: { tags, summary: 'Resolve with the resolution record', params: idParam, body: resolutionRecord, response: one } },
      async (request) => resolveTicket(deps, actorOf(request), request.params.id, request.body),
    );

    app.post(
      '/tickets/:id/close',
      { config: { access: 'authenticated' }, schema: { tags, summary: 'Close a resolved ticket (the requester accepting, or staff)', params: idParam, body: closeBody.nullish(), response: one } },
      async (request) => closeTicket(deps, actorOf(request), request.params.id, request.body?.note),
    );

    app.post(
      '/tickets/:id/reopen',
      { config: { access: 'authenticated' }, schema: { tags, summary: 'Reopen a resolved ticket', params: idParam, body: reopenBody.nullish(), response: one } },
      async (request) => reopenTicket(deps, actorOf(request), request.params.id, request.body?.reason),
    );
  };
}
