import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../lib/deps.ts';
import { actorOf } from '../../lib/access.ts';
import { logCallBody } from '../../../../common/schemas/calls.ts';
import { ticketSchema } from '../../../../common/schemas/tickets.ts';
import { logCall } from './calls.service.ts';

export function callsRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/calls',
      {
        config: { access: 'agent' },
        schema: {
          tags: ['tickets'],
          summary: 'Log a phone call: open a phone ticket for the caller and, with a resolution record, resolve it on the spot (first-contact resolution)',
          body: logCallBody,
          response: { 201: ticketSchema },
        },
      },
      async (request, reply) => reply.status(201).send(await logCall(deps, actorOf(request), request.body)),
    );
  };
}
