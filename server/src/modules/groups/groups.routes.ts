import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../lib/deps.ts';
import { actorOf } from '../../lib/access.ts';
import { idParam } from '../../../../common/schemas/shared.ts';
import { createGroupBody, groupSchema, setGroupMembersBody, updateGroupBody } from '../../../../common/schemas/groups.ts';
import * as groups from './groups.service.ts';

export function groupsRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['groups'];

    app.get(
      '/groups',
      { config: { access: 'agent' }, schema: { tags, summary: 'Support groups with their members', response: { 200: z.object({ items: z.array(groupSchema) }) } } },
      async () => ({ items: await groups.listGroups(deps) }),
    );

    app.get(
      '/groups/:id',
      { config: { access: 'agent' }, schema: { tags, summary: 'One support group', params: idParam, response: { 200: groupSchema } } },
      async (request) => groups.getGroup(deps, request.params.id),
    );

    app.post(
      '/groups',
      { config: { access: 'admin' }, schema: { tags, summary: 'Create a support group', body: createGroupBody, response: { 201: groupSchema } } },
      async (request, reply) => reply.status(201).send(await groups.createGroup(deps, actorOf(request), request.body)),
    );

    app.patch(
      '/groups/:id',
      {
        config: { access: 'admin' },
        schema: { tags, summary: 'Rename a group, change its tier or description', params: idParam, body: updateGroupBody, response: { 200: groupSchema } },
      },
      async (request) => groups.updateGroup(deps, actorOf(request), request.params.id, request.body),
    );

    app.delete(
      '/groups/:id',
      { config: { access: 'admin' }, schema: { tags, summary: 'Delete a group no ticket refers to', params: idParam } },
      async (request, reply) => {
        await groups.deleteGroup(deps, actorOf(request), request.params.id);
        return reply.status(204).send();
      },
    );

    app.put(
      '/groups/:id/members',
      {
        config: { access: 'supervisor' },
        schema: { tags, summary: 'Replace the members of a group (staff only)', params: idParam, body: setGroupMembersBody, response: { 200: groupSchema } },
      },
      async (request) => groups.setGroupMembers(deps, actorOf(request), request.params.id, request.body.userIds),
    );
  };
}
