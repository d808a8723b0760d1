import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../lib/deps.ts';
import { actorOf } from '../../lib/access.ts';
import { idParam } from '../../../../common/schemas/shared.ts';
import {
  categoryRequiredSkillSchema,
  createSkillBody,
  setRequiredSkillBody,
  setUserSkillsBody,
  skillSchema,
  userSkillsResponse,
} from '../../../../common/schemas/routing.ts';
import * as skills from './skills.service.ts';

export function skillsRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['skills'];

    app.get(
      '/skills',
      { config: { access: 'agent' }, schema: { tags, summary: 'Skills, with how many agents have each and how many categories require it', response: { 200: z.object({ items: z.array(skillSchema) }) } } },
      async () => ({ items: await skills.listSkills(deps) }),
    );

    app.post(
      '/skills',
      { config: { access: 'admin' }, schema: { tags, summary: 'Create a skill', body: createSkillBody, response: { 201: skillSchema } } },
      async (request, reply) => reply.status(201).send(await skills.createSkill(deps, actorOf(request), request.body.name)),
    );

    app.patch(
      '/skills/:id',
      { config: { access: 'admin' }, schema: { tags, summary: 'Rename a skill', params: idParam, body: createSkillBody, response: { 200: skillSchema } } },
      async (request) => skills.renameSkill(deps, actorOf(request), request.params.id, request.body.name),
    );

    app.delete(
      '/skills/:id',
      { config: { access: 'admin' }, schema: { tags, summary: 'Delete a skill (agents lose it, categories stop requiring it)', params: idParam } },
      async (request, reply) => {
        await skills.deleteSkill(deps, actorOf(request), request.params.id);
        return reply.status(204).send();
      },
    );

    app.get(
      '/users/:id/skills',
      { config: { access: 'agent' }, schema: { tags, summary: 'A user’s skills', params: idParam, response: { 200: userSkillsResponse } } },
      async (request) => ({ items: await skills.getUserSkills(deps, request.params.id) }),
    );

    app.put(
      '/users/:id/skills',
      {
        config: { access: 'supervisor' },
        schema: { tags, summary: 'Replace a staff member’s skills', params: idParam, body: setUserSkillsBody, response: { 200: userSkillsResponse } },
      },
      async (request) => ({ items: await skills.setUserSkills(deps, actorOf(request), request.params.id, request.body.skillIds) }),
    );

    app.put(
      '/categories/:id/required-skill',
      {
        config: { access: 'admin' },
        schema: {
          tags,
          summary: 'The skill an agent needs to be assigned tickets of this category (and its sub-categories without one); null for none',
          params: idParam,
          body: setRequiredSkillBody,
          response: { 200: categoryRequiredSkillSchema },
        },
      },
      async (request) => skills.setCategoryRequiredSkill(deps, actorOf(request), request.params.id, request.body.skillId),
    );
  };
}
