import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import type { Deps } from '../../lib/deps.ts';
import { actorOf } from '../../lib/access.ts';
import { idParam, pageOf } from '../../../../common/schemas/shared.ts';
import { createTokenBody } from '../../../../common/schemas/auth.ts';
import { createUserBody, createdTokenSchema, listUsersQuery, updateMeBody, updateUserBody, userSchema } from '../../../../common/schemas/users.ts';
import { SESSION_COOKIE } from '../auth/auth.service.ts';
import { hashSecret } from '../auth/tokens.ts';
import * as users from './users.service.ts';

/** The stored id of the session making the request, which a password change keeps. */
function currentSessionId(request: FastifyRequest): string | undefined {
  const secret = request.cookies[SESSION_COOKIE];
  return secret && request.actor?.via === 'session' ? hashSecret(secret) : undefined;
}

export function usersRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['users'];

    app.get(
      '/users',
      {
        config: { access: 'agent' },
        schema: { tags, summary: 'Search the people the caller may see', querystring: listUsersQuery, response: { 200: pageOf(userSchema) } },
      },
      async (request) => users.listUsers(deps, actorOf(request), request.query),
    );

    app.get(
      '/users/me',
      { config: { access: 'authenticated' }, schema: { tags, summary: 'My account', response: { 200: userSchema } } },
      async (request) => users.getMe(deps, actorOf(request)),
    );

    app.patch(
      '/users/me',
      {
        config: { access: 'authenticated', rateLimit: { max: 20, timeWindow: '1 minute' } },
        schema: { tags, summary: 'Change my name, language or password', body: updateMeBody, response: { 200: userSchema } },
      },
      async (request) => users.updateMe(deps, actorOf(request), request.body, currentSessionId(request)),
    );

    app.get(
      '/users/:id',
      { config: { access: 'agent' }, schema: { tags, summary: 'One user', params: idParam, response: { 200: userSchema } } },
      async (request) => users.getUser(deps, actorOf(request), request.params.id),
    );

    app.post(
      '/users',
      { config: { access: 'admin' }, schema: { tags, summary: 'Create a user', body: createUserBody, response: { 201: userSchema } } },
      async (request, reply) => reply.status(201).send(await users.createUser(deps, actorOf(request), request.body)),
    );

    app.patch(
      '/users/:id',
      {
        config: { access: 'admin' },
        schema: { tags, summary: 'Change a user', params: idParam, body: updateUserBody, response: { 200: userSchema } },
      },
      async (request) => users.updateUser(deps, actorOf(request), request.params.id, request.body, currentSessionId(request)),
    );

    app.delete(
      '/users/:id',
      { config: { access: 'admin' }, schema: { tags, summary: 'Deactivate a user (they keep their history)', params: idParam } },
      async (request, reply) => {
        await users.deactivateUser(deps, actorOf(request), request.params.id);
        return reply.status(204).send();
      },
    );

    app.post(
      '/users/:id/tokens',
      {
        config: { access: 'admin' },
        schema: { tags, summary: "Create an API token for a user, e.g. an integration (shown once)", params: idParam, body: createTokenBody, response: { 201: createdTokenSchema } },
      },
      async (request, reply) => reply.status(201).send(await users.createUserToken(deps, actorOf(request), request.params.id, request.body.name, request.body.expiresAt)),
    );
  };
}
