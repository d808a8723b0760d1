import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../lib/deps.ts';
import { actorOf } from '../../lib/access.ts';
import { idParam, pageOf } from '../../../../common/schemas/shared.ts';
import {
  createOrganisationBody,
  listOrganisationsQuery,
  organisationSchema,
  updateOrganisationBody,
} from '../../../../common/schemas/organisations.ts';
import * as organisations from './organisations.service.ts';

export function organisationsRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['organisations'];

    app.get(
      '/organisations',
      {
        config: { access: 'agent' },
        schema: { tags, summary: 'Client organisations the caller serves', querystring: listOrganisationsQuery, response: { 200: pageOf(organisationSchema) } },
      },
      async (request) => organisations.listOrganisations(deps, actorOf(request), request.query),
    );

    app.get(
      '/organisations/:id',
      { config: { access: 'agent' }, schema: { tags, summary: 'One organisation', params: idParam, response: { 200: organisationSchema } } },
      async (request) => organisations.getOrganisation(deps, actorOf(request), request.params.id),
    );

    app.post(
      '/organisations',
      {
        config: { access: 'admin' },
        schema: { tags, summary: 'Create an organisation', body: createOrganisationBody, response: { 201: organisationSchema } },
      },
      async (request, reply) => reply.status(201).send(await organisations.createOrganisation(deps, actorOf(request), request.body)),
    );

    app.patch(
      '/organisations/:id',
      {
        config: { access: 'admin' },
        schema: { tags, summary: 'Rename an organisation or replace its domains', params: idParam, body: updateOrganisationBody, response: { 200: organisationSchema } },
      },
      async (request) => organisations.updateOrganisation(deps, actorOf(request), request.params.id, request.body),
    );

    app.delete(
      '/organisations/:id',
      { config: { access: 'admin' }, schema: { tags, summary: 'Delete an organisation that has no users or tickets', params: idParam } },
      async (request, reply) => {
        await organisations.deleteOrganisation(deps, actorOf(request), request.params.id);
        return reply.status(204).send();
      },
    );
  };
}
