// Every route declares who may call it; registration fails without a declaration.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isStaff, isSupervisor, type Actor } from './actor.ts';
import { Forbidden, Unauthorized } from './errors.ts';

/**
 * - public: anyone, signed in or not;
 * - authenticated: any signed-in user (requesters included);
 * - agent: staff (agent, supervisor or admin);
 * - supervisor: supervisor or admin;
 * - admin: admin only.
 */
export type Access = 'public' | 'authenticated' | 'agent' | 'supervisor' | 'admin';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
}

export function requireAccessDeclarations(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const isInternal = route.url.startsWith('/api/docs') || route.method === 'HEAD';
    if (!isInternal && !route.config?.access) {
      throw new Error(`Route ${route.method} ${route.url} declares no access level (config.access).`);
    }
  });
}

export function checkAccess(request: FastifyRequest): void {
  const access = request.routeOptions.config?.access ?? 'public';
  if (access === 'public') return;
  const actor = request.actor;
  if (!actor) throw new Unauthorized();
  if (access === 'authenticated') return;
  if (access === 'agent' && isStaff(actor.roles)) return;
  if (access === 'supervisor' && isSupervisor(actor)) return;
  if (access === 'admin' && actor.roles.includes('admin')) return;
  throw new Forbidden(`This action needs the ${access} role.`);
}

/** The signed-in actor of a route whose access level guarantees one. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new Unauthorized();
  return request.actor;
}
