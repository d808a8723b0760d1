// Problem management for the support team: problems, their linked incidents, lifecycle and
// resolution (which resolves the open incidents with it).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../lib/deps.ts';
import { actorOf } from '../../lib/access.ts';
import { idParam } from '../../../../common/schemas/shared.ts';
import {
  createProblemBody,
  linkIncidentsBody,
  listProblemsQuery,
  problemIdParam,
  problemIncidentParam,
  problemPage,
  problemSchema,
  problemTransitionBody,
  resolveProblemBody,
  resolveProblemResponse,
  ticketProblemList,
  updateProblemBody,
} from '../../../../common/schemas/problems.ts';
import { createProblem, getProblem, linkIncidents, listProblems, listTicketProblems, unlinkIncident, updateProblem } from './problems.service.ts';
import { resolveProblem, transitionProblem } from './problem-resolution.service.ts';

const tags = ['problems'];
const one = { 200: problemSchema };

export function problemsRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/problems',
      {
        config: { access: 'agent' },
        schema: { tags, summary: 'Problems, most recently updated first (status, open, text filters)', querystring: listProblemsQuery, response: { 200: problemPage } },
      },
      async (request) => listProblems(deps, actorOf(request), request.query),
    );

    app.post(
      '/problems',
      {
        config: { access: 'agent' },
        schema: { tags, summary: 'Record a problem, linking incidents to it', body: createProblemBody, response: { 201: problemSchema } },
      },
      async (request, reply) => reply.status(201).send(await createProblem(deps, actorOf(request), request.body)),
    );

    app.get(
      '/problems/:id',
      { config: { access: 'agent' }, schema: { tags, summary: 'One problem with the linked incidents you may see', params: problemIdParam, response: one } },
      async (request) => getProblem(deps, actorOf(request), request.params.id),
    );

    app.patch(
      '/problems/:id',
      {
        config: { access: 'agent' },
        schema: { tags, summary: 'Change a problem (title, description, root cause, workaround, owner group, category)', params: problemIdParam, body: updateProblemBody, response: one },
      },
      async (request) => updateProblem(deps, actorOf(request), request.params.id, request.body),
    );

    app.post(
      '/problems/:id/incidents',
      {
        config: { access: 'agent' },
        schema: { tags, summary: 'Link incidents (already linked ones are left as they are)', params: problemIdParam, body: linkIncidentsBody, response: one },
      },
      async (request) => linkIncidents(deps, actorOf(request), request.params.id, request.body.ticketIds),
    );

    app.delete(
      '/problems/:id/incidents/:ticketId',
      { config: { access: 'agent' }, schema: { tags, summary: 'Unlink an incident', params: problemIncidentParam } },
      async (request, reply) => {
        await unlinkIncident(deps, actorOf(request), request.params.id, request.params.ticketId);
        return reply.status(204).send();
      },
    );

    app.post(
      '/problems/:id/transitions',
      {
        config: { access: 'agent' },
        schema: {
          tags,
          summary: 'Move a problem: open → root_cause_known → known_error; resolved → closed or open (resolving has its own endpoint)',
          params: problemIdParam,
          body: problemTransitionBody,
          response: one,
        },
      },
      async (request) => transitionProblem(deps, actorOf(request), request.params.id, request.body),
    );

    app.post(
      '/problems/:id/resolve',
      {
        config: { access: 'agent' },
        schema: {
          tags,
          summary: 'Resolve a problem; its open incidents get the note as a reply and are resolved with it',
          params: problemIdParam,
          body: resolveProblemBody,
          response: { 200: resolveProblemResponse },
        },
      },
      async (request) => resolveProblem(deps, actorOf(request), request.params.id, request.body),
    );

    app.get(
      '/tickets/:id/problems',
      { config: { access: 'agent' }, schema: { tags, summary: 'The problems a ticket is linked to, with their workaround', params: idParam, response: { 200: ticketProblemList } } },
      async (request) => listTicketProblems(deps, actorOf(request), request.params.id),
    );
  };
}
