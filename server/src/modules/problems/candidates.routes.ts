// Candidate problems (detected clusters of similar incidents): supervisors list them, run
// the detection now, and accept or dismiss each. Restricted supervisors see and run it for
// their organisations only.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../lib/deps.ts';
import { actorOf } from '../../lib/access.ts';
import { idParam } from '../../../../common/schemas/shared.ts';
import {
  acceptCandidateBody,
  candidateList,
  detectResponse,
  dismissCandidateBody,
  listCandidatesQuery,
  problemCandidate,
  problemSchema,
} from '../../../../common/schemas/problems.ts';
import { acceptCandidate, detectCandidates, dismissCandidate, listCandidates } from './candidates.service.ts';

const tags = ['problems'];

export function candidatesRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/problem-candidates',
      {
        config: { access: 'supervisor' },
        schema: { tags, summary: 'Clusters of similar incidents proposed as problems (proposed by default), with why they were grouped', querystring: listCandidatesQuery, response: { 200: candidateList } },
      },
      async (request) => listCandidates(deps, actorOf(request), request.query.status),
    );

    app.post(
      '/problem-candidates/detect',
      {
        config: { access: 'supervisor' },
        schema: { tags, summary: 'Run the recurring-incident detection now over the incidents you see (the job runs it every 15 minutes)', response: { 200: detectResponse } },
      },
      async (request) => detectCandidates(deps, actorOf(request).scope),
    );

    app.post(
      '/problem-candidates/:id/accept',
      {
        config: { access: 'supervisor' },
        schema: { tags, summary: 'Accept: create the problem and link the incidents no problem links yet', params: idParam, body: acceptCandidateBody.nullish(), response: { 201: problemSchema } },
      },
      async (request, reply) => reply.status(201).send(await acceptCandidate(deps, actorOf(request), request.params.id, request.body ?? {})),
    );

    app.post(
      '/problem-candidates/:id/dismiss',
      {
        config: { access: 'supervisor' },
        schema: { tags, summary: 'Dismiss: the same tickets are not proposed again unless the cluster grows by half', params: idParam, body: dismissCandidateBody.nullish(), response: { 200: problemCandidate } },
      },
      async (request) => dismissCandidate(deps, actorOf(request), request.params.id, request.body?.reason),
    );
  };
}
