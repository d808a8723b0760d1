// Placeholder: built in issue 6.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../lib/deps.ts';

export function candidatesRoutes(_deps: Deps): FastifyPluginAsyncZod {
  return async () => {};
}
