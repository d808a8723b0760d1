import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../lib/deps.ts';
import { actorOf } from '../../lib/access.ts';
import { idParam } from '../../../../common/schemas/shared.ts';
import { rateTicketBody, satisfactionSchema } from '../../../../common/schemas/satisfaction.ts';
import { getSatisfaction, rateTicket } from './satisfaction.service.ts';

const tags = ['satisfaction'];

export function satisfactionRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/tickets/:id/satisfaction',
      {
        config: { access: 'authenticated' },
        schema: { tags, summary: "The requester's satisfaction rating of a ticket (404 until rated)", params: idParam, response: { 200: satisfactionSchema } },
      },
      async (request) => getSatisfaction(deps, actorOf(request), request.params.id),
    );

    app.put(
      '/tickets/:id/satisfaction',
      {
        config: { access: 'authenticated' },
        schema: {
          tags,
          summary: 'Rate a resolved or closed ticket, 1–5 with an optional comment (its requester or their organisation manager); again to correct it',
          params: idParam,
          body: rateTicketBody,
          response: { 200: satisfactionSchema, 201: satisfactionSchema },
        },
      },
      async (request, reply) => {
        const { rating, created } = await rateTicket(deps, actorOf(request), request.params.id, request.body);
        return reply.status(created ? 201 : 200).send(rating);
      },
    );
  };
}
