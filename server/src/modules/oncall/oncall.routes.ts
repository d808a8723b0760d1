import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../lib/deps.ts';
import { actorOf } from '../../lib/access.ts';
import { idParam } from '../../../../common/schemas/shared.ts';
import {
  createOncallOverrideBody,
  createRotationBody,
  oncallNowResponse,
  oncallOverrideSchema,
  oncallScheduleQuery,
  oncallScheduleResponse,
  pageSchema,
  pagesQuery,
  rotationSchema,
  updateRotationBody,
} from '../../../../common/schemas/oncall.ts';
import * as rotations from './rotations.service.ts';
import * as overrides from './overrides.service.ts';
import { acknowledgePage, listPages } from './pages.service.ts';
import { oncallNow } from './oncall-now.service.ts';

export function oncallRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['on-call'];

    app.get(
      '/oncall/now',
      { config: { access: 'agent' }, schema: { tags, summary: 'Who is on duty (shifts) and who is on call (rotations) now', response: { 200: oncallNowResponse } } },
      async () => oncallNow(deps),
    );

    app.get(
      '/oncall/rotations',
      { config: { access: 'agent' }, schema: { tags, summary: 'On-call rotations, with who is on call now', response: { 200: z.object({ items: z.array(rotationSchema) }) } } },
      async () => ({ items: await rotations.listRotations(deps) }),
    );

    app.get(
      '/oncall/rotations/:id',
      { config: { access: 'agent' }, schema: { tags, summary: 'One on-call rotation', params: idParam, response: { 200: rotationSchema } } },
      async (request) => rotations.getRotation(deps, request.params.id),
    );

    app.post(
      '/oncall/rotations',
      {
        config: { access: 'supervisor' },
        schema: { tags, summary: 'Create an on-call rotation (members in order, staff only)', body: createRotationBody, response: { 201: rotationSchema } },
      },
      async (request, reply) => reply.status(201).send(await rotations.createRotation(deps, actorOf(request), request.body)),
    );

    app.patch(
      '/oncall/rotations/:id',
      {
        config: { access: 'supervisor' },
        schema: { tags, summary: 'Change an on-call rotation; memberIds replaces the order', params: idParam, body: updateRotationBody, response: { 200: rotationSchema } },
      },
      async (request) => rotations.updateRotation(deps, actorOf(request), request.params.id, request.body),
    );

    app.delete(
      '/oncall/rotations/:id',
      { config: { access: 'supervisor' }, schema: { tags, summary: 'Delete an on-call rotation with its overrides and pages', params: idParam } },
      async (request, reply) => {
        await rotations.deleteRotation(deps, actorOf(request), request.params.id);
        return reply.status(204).send();
      },
    );

    app.get(
      '/oncall/rotations/:id/schedule',
      {
        config: { access: 'agent' },
        schema: { tags, summary: 'Who is on call, period by period (overrides included)', params: idParam, querystring: oncallScheduleQuery, response: { 200: oncallScheduleResponse } },
      },
      async (request) => overrides.rotationSchedule(deps, request.params.id, request.query),
    );

    app.get(
      '/oncall/rotations/:id/overrides',
      {
        config: { access: 'agent' },
        schema: { tags, summary: 'Overrides of a rotation in force now or to come', params: idParam, response: { 200: z.object({ items: z.array(oncallOverrideSchema) }) } },
      },
      async (request) => ({ items: await overrides.listOverrides(deps, request.params.id) }),
    );

    app.post(
      '/oncall/rotations/:id/overrides',
      {
        config: { access: 'supervisor' },
        schema: { tags, summary: 'Put someone on call for a while instead of the rotation', params: idParam, body: createOncallOverrideBody, response: { 201: oncallOverrideSchema } },
      },
      async (request, reply) => reply.status(201).send(await overrides.createOverride(deps, actorOf(request), request.params.id, request.body)),
    );

    app.delete(
      '/oncall/overrides/:id',
      { config: { access: 'supervisor' }, schema: { tags, summary: 'Delete an on-call override', params: idParam } },
      async (request, reply) => {
        await overrides.deleteOverride(deps, actorOf(request), request.params.id);
        return reply.status(204).send();
      },
    );

    app.get(
      '/oncall/pages',
      {
        config: { access: 'agent' },
        schema: { tags, summary: 'Pages sent, newest first (a ticket’s, or the unacknowledged ones)', querystring: pagesQuery, response: { 200: z.object({ items: z.array(pageSchema) }) } },
      },
      async (request) => ({ items: await listPages(deps, actorOf(request), request.query) }),
    );

    app.post(
      '/oncall/pages/:id/ack',
      { config: { access: 'agent' }, schema: { tags, summary: 'Acknowledge a page (the person paged, or a supervisor); stops re-notification', params: idParam, response: { 200: pageSchema } } },
      async (request) => acknowledgePage(deps, actorOf(request), request.params.id),
    );
  };
}
