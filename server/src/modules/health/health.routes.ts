import { sql } from 'kysely';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../lib/deps.ts';

export function healthRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/healthz',
      {
        config: { access: 'public' },
        schema: { tags: ['health'], summary: 'Liveness and database reachability', security: [], response: { 200: z.object({ status: z.literal('ok'), database: z.string() }) } },
      },
      async () => {
        await sql`select 1`.execute(deps.db);
        return { status: 'ok' as const, database: deps.dialect };
      },
    );
  };
}
