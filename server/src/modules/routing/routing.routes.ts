import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../lib/deps.ts';
import { actorOf } from '../../lib/access.ts';
import { idParam } from '../../../../common/schemas/shared.ts';
import { groupSchema } from '../../../../common/schemas/groups.ts';
import {
  createEscalationRuleBody,
  createRoutingRuleBody,
  escalationRuleSchema,
  reorderRoutingRulesBody,
  routingRuleSchema,
  setAssignmentStrategyBody,
  updateEscalationRuleBody,
  updateRoutingRuleBody,
} from '../../../../common/schemas/routing.ts';
import * as routing from './routing.service.ts';
import * as escalation from './escalation.service.ts';

export function routingRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['routing'];
    const rules = z.object({ items: z.array(routingRuleSchema) });

    app.get(
      '/routing/rules',
      { config: { access: 'agent' }, schema: { tags, summary: 'Routing rules, first match first', response: { 200: rules } } },
      async () => ({ items: await routing.listRules(deps) }),
    );

    app.post(
      '/routing/rules',
      {
        config: { access: 'admin' },
        schema: { tags, summary: 'Add a routing rule (at the end, or at `position`)', body: createRoutingRuleBody, response: { 201: routingRuleSchema } },
      },
      async (request, reply) => reply.status(201).send(await routing.createRule(deps, actorOf(request), request.body)),
    );

    app.put(
      '/routing/rules/order',
      { config: { access: 'admin' }, schema: { tags, summary: 'Put every routing rule in a new order', body: reorderRoutingRulesBody, response: { 200: rules } } },
      async (request) => ({ items: await routing.reorderRules(deps, actorOf(request), request.body.ids) }),
    );

    app.patch(
      '/routing/rules/:id',
      { config: { access: 'admin' }, schema: { tags, summary: 'Change a routing rule', params: idParam, body: updateRoutingRuleBody, response: { 200: routingRuleSchema } } },
      async (request) => routing.updateRule(deps, actorOf(request), request.params.id, request.body),
    );

    app.delete(
      '/routing/rules/:id',
      { config: { access: 'admin' }, schema: { tags, summary: 'Delete a routing rule', params: idParam } },
      async (request, reply) => {
        await routing.deleteRule(deps, actorOf(request), request.params.id);
        return reply.status(204).send();
      },
    );

    app.put(
      '/groups/:id/assignment',
      {
        config: { access: 'admin' },
        schema: {
          tags,
          summary: 'How tickets routed to a group get an assignee: manual, round_robin or least_loaded (among members on shift with the required skill)',
          params: idParam,
          body: setAssignmentStrategyBody,
          response: { 200: groupSchema },
        },
      },
      async (request) => routing.setAssignmentStrategy(deps, actorOf(request), request.params.id, request.body.strategy),
    );

    app.get(
      '/escalation-rules',
      { config: { access: 'agent' }, schema: { tags, summary: 'Tier-escalation rules', response: { 200: z.object({ items: z.array(escalationRuleSchema) }) } } },
      async () => ({ items: await escalation.listEscalationRules(deps) }),
    );

    app.post(
      '/escalation-rules',
      { config: { access: 'admin' }, schema: { tags, summary: 'Add a tier-escalation rule', body: createEscalationRuleBody, response: { 201: escalationRuleSchema } } },
      async (request, reply) => reply.status(201).send(await escalation.createEscalationRule(deps, actorOf(request), request.body)),
    );

    app.patch(
      '/escalation-rules/:id',
      {
        config: { access: 'admin' },
        schema: { tags, summary: 'Change a tier-escalation rule', params: idParam, body: updateEscalationRuleBody, response: { 200: escalationRuleSchema } },
      },
      async (request) => escalation.updateEscalationRule(deps, actorOf(request), request.params.id, request.body),
    );

    app.delete(
      '/escalation-rules/:id',
      { config: { access: 'admin' }, schema: { tags, summary: 'Delete a tier-escalation rule', params: idParam } },
      async (request, reply) => {
        await escalation.deleteEscalationRule(deps, actorOf(request), request.params.id);
        return reply.status(204).send();
      },
    );
  };
}
