// The web app: files from the Vite build, and index.html for every other page path so
// that the browser's router takes over (/agent/tickets/42 reloaded still works).
import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { Deps } from '../../lib/deps.ts';
import { NotFound } from '../../lib/errors.ts';

// Scripts only from our own files: text from a ticket or a mail can never run, even if a
// bug let it into the page. Inline styles stay allowed (React style attributes).
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "object-src 'none'",
].join('; ');

const NOT_BUILT = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Guichet</title>
<h1>Guichet</h1><p>The web app is not built. Run <code>npm run build</code> (or <code>npm start</code>, which builds it) and reload.</p>
<p>The API is up: <a href="/api/docs">/api/docs</a>.</p></html>`;

function sendIndex(reply: FastifyReply, hasBuild: boolean) {
  reply.header('content-security-policy', CSP).header('cache-control', 'no-cache').header('x-content-type-options', 'nosniff').header('referrer-policy', 'same-origin');
  if (!hasBuild) return reply.type('text/html; charset=utf-8').send(NOT_BUILT);
  return reply.sendFile('index.html', { cacheControl: false });
}

export function webRoutes(deps: Deps): FastifyPluginAsync {
  return async (app) => {
    const root = deps.config.webDist;
    const hasBuild = () => fs.existsSync(path.join(root, 'index.html'));
    await app.register(fastifyStatic, { root, serve: false, preCompressed: true });

    // Vite names assets by content hash: cache them for good.
    app.get('/assets/*', { config: { access: 'public' }, schema: { hide: true } }, (request, reply) => {
      const file = (request.params as { '*': string })['*'];
      reply.header('x-content-type-options', 'nosniff');
      return reply.sendFile(path.posix.join('assets', file), { maxAge: 31_536_000_000, immutable: true });
    });

    app.get('/*', { config: { access: 'public' }, schema: { hide: true } }, (request, reply) => {
      const urlPath = request.url.split('?')[0];
      if (urlPath.startsWith('/api/') || urlPath === '/api') throw new NotFound(`No route GET ${urlPath}.`);
      return sendIndex(reply, hasBuild());
    });
  };
}
