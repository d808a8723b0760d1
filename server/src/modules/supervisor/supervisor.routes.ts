import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../lib/deps.ts';
import { actorOf } from '../../lib/access.ts';
import { reassignBody, reassignResponse, supervisorOverview } from '../../../../common/schemas/supervisor.ts';
import { getOverview, reassignTickets } from './supervisor.service.ts';

export function supervisorRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['supervisor'];

    app.get(
      '/supervisor/overview',
      {
        config: { access: 'supervisor' },
        schema: { tags, summary: 'Open backlog by group, tier, priority and age; the oldest tickets; each agent’s load', response: { 200: supervisorOverview } },
      },
      async (request) => getOverview(deps, actorOf(request)),
    );

    app.post(
      '/supervisor/reassign',
      {
        config: { access: 'supervisor' },
        schema: {
          tags,
          summary: 'Reassign up to 200 tickets to a group and/or an agent, each in its own transaction; failures are reported per ticket',
          body: reassignBody,
          response: { 200: reassignResponse },
        },
      },
      async (request) => reassignTickets(deps, actorOf(request), request.body),
    );
  };
}
