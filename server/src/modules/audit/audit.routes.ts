import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../lib/deps.ts';
import { auditPage, listAuditQuery } from '../../../../common/schemas/audit.ts';
import { listAuditEntries } from './audit.repo.ts';

export function auditRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/audit',
      {
        config: { access: 'admin' },
        schema: { tags: ['audit'], summary: 'The audit log, newest first', querystring: listAuditQuery, response: { 200: auditPage } },
      },
      // Reading needs no rules beyond the admin check: the route calls the repo directly.
      async (request) => listAuditEntries(deps.db, request.query),
    );
  };
}
