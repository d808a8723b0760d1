import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../lib/deps.ts';
import { actorOf } from '../../lib/access.ts';
import { apiTokenSchema, createTokenBody, loginBody, meResponse } from '../../../../common/schemas/auth.ts';
import { idParam } from '../../../../common/schemas/shared.ts';
import { createdTokenSchema } from '../../../../common/schemas/users.ts';
import type { Actor } from '../../lib/actor.ts';
import * as auth from './auth.service.ts';

function me(actor: Actor) {
  return {
    id: actor.userId,
    email: actor.email,
    name: actor.name,
    roles: actor.roles,
    organisationId: actor.organisationId,
    isOrgManager: actor.isOrgManager,
    language: actor.language,
  };
}

export function authRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/auth/login',
      {
        config: { access: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } },
        schema: { tags: ['auth'], summary: 'Sign in; sets the session cookie', security: [], body: loginBody, response: { 200: meResponse } },
      },
      async (request, reply) => {
        const { secret, expiresAt, actor } = await auth.login(deps, request.body.email, request.body.password);
        reply.setCookie(auth.SESSION_COOKIE, secret, {
          path: '/',
          httpOnly: true,
          sameSite: 'lax',
          secure: deps.config.cookieSecure,
          expires: new Date(expiresAt),
        });
        return me(actor);
      },
    );

    app.post(
      '/auth/logout',
      { config: { access: 'public' }, schema: { tags: ['auth'], summary: 'Sign out', security: [] } },
      async (request, reply) => {
        const secret = request.cookies[auth.SESSION_COOKIE];
        if (secret) await auth.logout(deps, secret);
        reply.clearCookie(auth.SESSION_COOKIE, { path: '/' });
        return reply.status(204).send();
      },
    );

    app.get(
      '/auth/me',
      { config: { access: 'authenticated' }, schema: { tags: ['auth'], summary: 'The signed-in user', response: { 200: meResponse } } },
      async (request) => me(actorOf(request)),
    );

    app.get(
      '/auth/tokens',
      { config: { access: 'authenticated' }, schema: { tags: ['auth'], summary: 'My API tokens', response: { 200: z.object({ items: z.array(apiTokenSchema) }) } } },
      async (request) => {
        const rows = await auth.listApiTokens(deps, actorOf(request).userId);
        return {
          items: rows.map((r) => ({
            id: r.id,
            name: r.name,
            prefix: r.prefix,
            createdAt: r.created_at,
            lastUsedAt: r.last_used_at,
            expiresAt: r.expires_at,
            revokedAt: r.revoked_at,
          })),
        };
      },
    );

    app.post(
      '/auth/tokens',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['auth'],
          summary: 'Create an API token for myself (shown once)',
          body: createTokenBody,
          response: { 201: createdTokenSchema },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        return reply.status(201).send(await auth.createApiToken(deps, actor, actor.userId, request.body.name, request.body.expiresAt));
      },
    );

    app.delete(
      '/auth/tokens/:id',
      { config: { access: 'authenticated' }, schema: { tags: ['auth'], summary: 'Revoke one of my API tokens', params: idParam } },
      async (request, reply) => {
        const actor = actorOf(request);
        await auth.revokeApiToken(deps, actor, actor.userId, request.params.id);
        return reply.status(204).send();
      },
    );
  };
}
