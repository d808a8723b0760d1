import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../lib/deps.ts';
import { actorOf } from '../../lib/access.ts';
import { idParam } from '../../../../common/schemas/shared.ts';
import {
  categoryListResponse,
  categorySchema,
  createCategoryBody,
  listCategoriesQuery,
  updateCategoryBody,
} from '../../../../common/schemas/categories.ts';
import * as categories from './categories.service.ts';

export function categoriesRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['categories'];

    app.get(
      '/categories',
      {
        config: { access: 'authenticated' },
        schema: {
          tags,
          summary: 'The category tree, flat and sorted by path or nested (?tree=1); requesters see active categories only',
          querystring: listCategoriesQuery,
          response: { 200: categoryListResponse },
        },
      },
      async (request) => ({ items: await categories.listCategories(deps, actorOf(request), request.query) }),
    );

    app.get(
      '/categories/:id',
      { config: { access: 'authenticated' }, schema: { tags, summary: 'One category', params: idParam, response: { 200: categorySchema } } },
      async (request) => categories.getCategory(deps, actorOf(request), request.params.id),
    );

    app.post(
      '/categories',
      { config: { access: 'admin' }, schema: { tags, summary: 'Create a category', body: createCategoryBody, response: { 201: categorySchema } } },
      async (request, reply) => reply.status(201).send(await categories.createCategory(deps, actorOf(request), request.body)),
    );

    app.patch(
      '/categories/:id',
      {
        config: { access: 'admin' },
        schema: { tags, summary: 'Rename, move or (de)activate a category', params: idParam, body: updateCategoryBody, response: { 200: categorySchema } },
      },
      async (request) => categories.updateCategory(deps, actorOf(request), request.params.id, request.body),
    );

    app.delete(
      '/categories/:id',
      { config: { access: 'admin' }, schema: { tags, summary: 'Delete a category no ticket or sub-category uses', params: idParam } },
      async (request, reply) => {
        await categories.deleteCategory(deps, actorOf(request), request.params.id);
        return reply.status(204).send();
      },
    );
  };
}
