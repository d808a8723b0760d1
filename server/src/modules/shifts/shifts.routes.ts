import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../lib/deps.ts';
import { actorOf } from '../../lib/access.ts';
import { idParam } from '../../../../common/schemas/shared.ts';
import { createShiftOverrideBody, setShiftBody, shiftOverrideSchema, shiftOverridesQuery, shiftSchema } from '../../../../common/schemas/shifts.ts';
import * as shifts from './shifts.service.ts';

export function shiftsRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['shifts'];

    app.get(
      '/shifts',
      { config: { access: 'agent' }, schema: { tags, summary: 'Every staff member’s weekly shift pattern', response: { 200: z.object({ items: z.array(shiftSchema) }) } } },
      async () => ({ items: await shifts.listShifts(deps) }),
    );

    app.get(
      '/users/:id/shift',
      { config: { access: 'agent' }, schema: { tags, summary: 'A staff member’s weekly shift pattern', params: idParam, response: { 200: shiftSchema } } },
      async (request) => shifts.getShift(deps, request.params.id),
    );

    app.put(
      '/users/:id/shift',
      {
        config: { access: 'supervisor' },
        schema: { tags, summary: 'Set a staff member’s weekly shift pattern, in their own time zone', params: idParam, body: setShiftBody, response: { 200: shiftSchema } },
      },
      async (request) => shifts.setShift(deps, actorOf(request), request.params.id, request.body),
    );

    app.delete(
      '/users/:id/shift',
      { config: { access: 'supervisor' }, schema: { tags, summary: 'Remove a shift pattern (the user then counts as on duty at all times)', params: idParam } },
      async (request, reply) => {
        await shifts.deleteShift(deps, actorOf(request), request.params.id);
        return reply.status(204).send();
      },
    );

    app.get(
      '/shift-overrides',
      {
        config: { access: 'agent' },
        schema: { tags, summary: 'One-off shift changes that end after `from` (default now)', querystring: shiftOverridesQuery, response: { 200: z.object({ items: z.array(shiftOverrideSchema) }) } },
      },
      async (request) => ({ items: await shifts.listOverrides(deps, request.query) }),
    );

    app.post(
      '/shift-overrides',
      {
        config: { access: 'supervisor' },
        schema: { tags, summary: 'Add extra duty (on) or an absence (off)', body: createShiftOverrideBody, response: { 201: shiftOverrideSchema } },
      },
      async (request, reply) => reply.status(201).send(await shifts.createOverride(deps, actorOf(request), request.body)),
    );

    app.delete(
      '/shift-overrides/:id',
      { config: { access: 'supervisor' }, schema: { tags, summary: 'Remove a one-off shift change', params: idParam } },
      async (request, reply) => {
        await shifts.deleteOverride(deps, actorOf(request), request.params.id);
        return reply.status(204).send();
      },
    );
  };
}
