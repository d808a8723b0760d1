import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../lib/deps.ts';
import { actorOf } from '../../lib/access.ts';
import { idParam } from '../../../../common/schemas/shared.ts';
import { createViewBody, savedViewSchema, updateViewBody, viewCountsQuery, viewCountsResponse, viewListResponse } from '../../../../common/schemas/views.ts';
import * as views from './views.service.ts';
import { countViews } from './view-counts.service.ts';

export function viewsRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['views'];

    app.get(
      '/views',
      { config: { access: 'agent' }, schema: { tags, summary: 'My saved queue views, then the views shared with every agent', response: { 200: viewListResponse } } },
      async (request) => ({ items: await views.listViews(deps, actorOf(request)) }),
    );

    app.get(
      '/views/counts',
      {
        config: { access: 'agent' },
        schema: { tags, summary: 'How many tickets each of my views and the shared ones lists for me (capped: isCapped means more than cap)', querystring: viewCountsQuery, response: { 200: viewCountsResponse } },
      },
      async (request) => countViews(deps, actorOf(request), request.query.ids),
    );

    app.get(
      '/views/:id',
      { config: { access: 'agent' }, schema: { tags, summary: 'One saved view (mine or shared)', params: idParam, response: { 200: savedViewSchema } } },
      async (request) => views.getView(deps, actorOf(request), request.params.id),
    );

    app.post(
      '/views',
      {
        config: { access: 'agent' },
        schema: { tags, summary: 'Save a queue view (filters, sort, columns); only supervisors and admins may share it', body: createViewBody, response: { 201: savedViewSchema } },
      },
      async (request, reply) => reply.status(201).send(await views.createView(deps, actorOf(request), request.body)),
    );

    app.patch(
      '/views/:id',
      { config: { access: 'agent' }, schema: { tags, summary: 'Change one of my views', params: idParam, body: updateViewBody, response: { 200: savedViewSchema } } },
      async (request) => views.updateView(deps, actorOf(request), request.params.id, request.body),
    );

    app.delete(
      '/views/:id',
      { config: { access: 'agent' }, schema: { tags, summary: 'Delete one of my views', params: idParam } },
      async (request, reply) => {
        await views.deleteView(deps, actorOf(request), request.params.id);
        return reply.status(204).send();
      },
    );
  };
}
