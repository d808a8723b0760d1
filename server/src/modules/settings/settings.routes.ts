import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../lib/deps.ts';
import { actorOf } from '../../lib/access.ts';
import { priorityMatrixSchema } from '../tickets/priority-matrix.ts';
import { getPriorityMatrix, setPriorityMatrix } from './settings.service.ts';

const matrixBody = z.object({ matrix: priorityMatrixSchema }).strict();

export function settingsRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/settings/priority-matrix',
      { config: { access: 'authenticated' }, schema: { tags: ['settings'], summary: 'The impact × urgency → priority matrix', response: { 200: matrixBody } } },
      async () => ({ matrix: await getPriorityMatrix(deps.db) }),
    );
    app.put(
      '/settings/priority-matrix',
      { config: { access: 'admin' }, schema: { tags: ['settings'], summary: 'Replace the priority matrix', body: matrixBody, response: { 200: matrixBody } } },
      async (request) => ({ matrix: await setPriorityMatrix(deps, actorOf(request), request.body.matrix) }),
    );
  };
}
