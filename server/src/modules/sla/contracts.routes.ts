import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../lib/deps.ts';
import { actorOf } from '../../lib/access.ts';
import { idParam } from '../../../../common/schemas/shared.ts';
import { contractSchema, contractsQuery, createContractBody, updateContractBody } from '../../../../common/schemas/sla.ts';
import * as contracts from './contracts.service.ts';

export function contractsRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['sla'];

    app.get(
      '/contracts',
      {
        config: { access: 'supervisor' },
        schema: { tags, summary: "Client contracts (an organisation's SLA policy and dates)", querystring: contractsQuery, response: { 200: z.object({ items: z.array(contractSchema) }) } },
      },
      async (request) => ({ items: await contracts.listContracts(deps, actorOf(request), request.query) }),
    );

    app.get(
      '/contracts/:id',
      { config: { access: 'supervisor' }, schema: { tags, summary: 'One contract', params: idParam, response: { 200: contractSchema } } },
      async (request) => contracts.getContract(deps, actorOf(request), request.params.id),
    );

    app.post(
      '/contracts',
      { config: { access: 'admin' }, schema: { tags, summary: 'Create a contract', body: createContractBody, response: { 201: contractSchema } } },
      async (request, reply) => reply.status(201).send(await contracts.createContract(deps, actorOf(request), request.body)),
    );

    app.patch(
      '/contracts/:id',
      { config: { access: 'admin' }, schema: { tags, summary: "Change a contract's name, policy, dates or notes", params: idParam, body: updateContractBody, response: { 200: contractSchema } } },
      async (request) => contracts.updateContract(deps, actorOf(request), request.params.id, request.body),
    );

    app.delete(
      '/contracts/:id',
      { config: { access: 'admin' }, schema: { tags, summary: 'Delete a contract', params: idParam } },
      async (request, reply) => {
        await contracts.deleteContract(deps, actorOf(request), request.params.id);
        return reply.status(204).send();
      },
    );
  };
}
