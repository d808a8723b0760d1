// GET /api/v1/live: the WebSocket that carries live updates and presence (see live.service.ts).
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { actorOf } from '../../lib/access.ts';
import type { Deps } from '../../lib/deps.ts';
import { Forbidden } from '../../lib/errors.ts';
import { SESSION_COOKIE } from '../auth/auth.service.ts';
import { createLiveHub, type LiveCredential } from './live.service.ts';
import { isSameOrigin } from '../../lib/origin.ts';

/** A process that cannot LISTEN yet still serves; browsers get updates once it can. */
const LISTEN_WAIT_MS = 5_000;


/**
 * Browsers send cookies with a WebSocket upgrade from any site, and the same-origin policy
 * does not apply to WebSockets: refuse a cookie-authenticated upgrade from another origin
 * (cross-site WebSocket hijacking).
 */
async function refuseCrossSite(request: FastifyRequest): Promise<void> {
  const origin = request.headers.origin;
  if (request.actor?.via === 'session' && origin !== undefined && !isSameOrigin(origin, request.headers.host)) {
    throw new Forbidden(`Cross-origin WebSocket from ${origin} refused.`);
  }
}

function credentialOf(request: FastifyRequest): LiveCredential {
  const actor = actorOf(request);
  if (actor.via === 'token') return { kind: 'token', secret: request.headers.authorization!.slice(7).trim() };
  return { kind: 'session', secret: request.cookies[SESSION_COOKIE]! };
}

export function liveRoutes(deps: Deps): FastifyPluginAsync {
  return async (app) => {
    const hub = createLiveHub(deps);
    app.addHook('onClose', () => hub.close());
    const waited = await Promise.race([deps.live.listening().then(() => true), new Promise<boolean>((r) => setTimeout(r, LISTEN_WAIT_MS, false).unref())]);
    if (!waited) deps.logger.warn('live: the bus is not listening yet; live updates start when it is');

    app.get(
      '/live',
      { websocket: true, config: { access: 'authenticated' }, onRequest: refuseCrossSite, schema: { tags: ['live'], summary: 'Live updates and presence (WebSocket)' } },
      (socket, request) => hub.attach(socket, actorOf(request), credentialOf(request)),
    );
  };
}
