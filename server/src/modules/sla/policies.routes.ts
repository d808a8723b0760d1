import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../lib/deps.ts';
import { actorOf } from '../../lib/access.ts';
import { idParam } from '../../../../common/schemas/shared.ts';
import { createPolicyBody, policySchema, updatePolicyBody } from '../../../../common/schemas/sla.ts';
import * as policies from './policies.service.ts';

export function policiesRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['sla'];

    app.get(
      '/sla/policies',
      { config: { access: 'agent' }, schema: { tags, summary: 'SLA policies, the default first', response: { 200: z.object({ items: z.array(policySchema) }) } } },
      async () => ({ items: await policies.listPolicies(deps) }),
    );

    app.get(
      '/sla/policies/:id',
      { config: { access: 'agent' }, schema: { tags, summary: 'One SLA policy', params: idParam, response: { 200: policySchema } } },
      async (request) => policies.getPolicy(deps, request.params.id),
    );

    app.post(
      '/sla/policies',
      { config: { access: 'admin' }, schema: { tags, summary: 'Create an SLA policy', body: createPolicyBody, response: { 201: policySchema } } },
      async (request, reply) => reply.status(201).send(await policies.createPolicy(deps, actorOf(request), request.body)),
    );

    app.patch(
      '/sla/policies/:id',
      {
        config: { access: 'admin' },
        schema: { tags, summary: 'Change an SLA policy, or make it the default', params: idParam, body: updatePolicyBody, response: { 200: policySchema } },
      },
      async (request) => policies.updatePolicy(deps, actorOf(request), request.params.id, request.body),
    );

    app.delete(
      '/sla/policies/:id',
      { config: { access: 'admin' }, schema: { tags, summary: 'Delete a policy that is not the default and no contract uses', params: idParam } },
      async (request, reply) => {
        await policies.deletePolicy(deps, actorOf(request), request.params.id);
        return reply.status(204).send();
      },
    );
  };
}
