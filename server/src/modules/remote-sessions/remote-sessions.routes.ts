import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../lib/deps.ts';
import { actorOf } from '../../lib/access.ts';
import { idParam } from '../../../../common/schemas/shared.ts';
import {
  createRemoteSessionBody,
  remoteSessionListResponse,
  remoteSessionParams,
  remoteSessionSchema,
  updateRemoteSessionBody,
} from '../../../../common/schemas/remote-sessions.ts';
import { endRemoteSession, listRemoteSessions, recordRemoteSession } from './remote-sessions.service.ts';

const tags = ['remote sessions'];

export function remoteSessionsRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/tickets/:id/remote-sessions',
      {
        config: { access: 'agent' },
        schema: { tags, summary: 'Remote-assistance sessions recorded on a ticket, oldest first', params: idParam, response: { 200: remoteSessionListResponse } },
      },
      async (request) => ({ items: await listRemoteSessions(deps, actorOf(request), request.params.id) }),
    );

    app.post(
      '/tickets/:id/remote-sessions',
      {
        config: { access: 'agent' },
        schema: {
          tags,
          summary: "Record a remote-assistance session (needs the requester's consent); writes an internal timeline event",
          params: idParam,
          body: createRemoteSessionBody,
          response: { 201: remoteSessionSchema },
        },
      },
      async (request, reply) => reply.status(201).send(await recordRemoteSession(deps, actorOf(request), request.params.id, request.body)),
    );

    app.patch(
      '/tickets/:id/remote-sessions/:sessionId',
      {
        config: { access: 'agent' },
        schema: { tags, summary: 'End a session (endedAt ≥ startedAt) and/or say what was done', params: remoteSessionParams, body: updateRemoteSessionBody, response: { 200: remoteSessionSchema } },
      },
      async (request) => endRemoteSession(deps, actorOf(request), request.params.id, request.params.sessionId, request.body),
    );
  };
}
