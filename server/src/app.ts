// buildApp(deps): the whole HTTP application, each module registered in one line. It never
// listens; main.ts and the tests do.
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import websocket from '@fastify/websocket';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler } from 'fastify-type-provider-zod';
import { validatorWithoutNul } from './lib/validation.ts';
import type { Deps } from './lib/deps.ts';
import { LIVE_MAX_CLIENT_MESSAGE } from '../../common/live.ts';
import { checkAccess, requireAccessDeclarations } from './lib/access.ts';
import { errorHandler, sendProblem } from './lib/problem.ts';
import { Forbidden } from './lib/errors.ts';
import { SESSION_COOKIE, actorFromSession, actorFromToken } from './modules/auth/auth.service.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { healthRoutes } from './modules/health/health.routes.ts';
import { organisationsRoutes } from './modules/organisations/organisations.routes.ts';
import { usersRoutes } from './modules/users/users.routes.ts';
import { groupsRoutes } from './modules/groups/groups.routes.ts';
import { categoriesRoutes } from './modules/categories/categories.routes.ts';
import { settingsRoutes } from './modules/settings/settings.routes.ts';
import { ticketsRoutes } from './modules/tickets/tickets.routes.ts';
import { attachmentsRoutes } from './modules/attachments/attachments.routes.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { remoteSessionsRoutes } from './modules/remote-sessions/remote-sessions.routes.ts';
import { callsRoutes } from './modules/calls/calls.routes.ts';
import { viewsRoutes } from './modules/views/views.routes.ts';
import { satisfactionRoutes } from './modules/satisfaction/satisfaction.routes.ts';
import { liveRoutes } from './modules/live/live.routes.ts';
import { supervisorRoutes } from './modules/supervisor/supervisor.routes.ts';
import { emailRoutes } from './modules/email/email.routes.ts';
import { webRoutes } from './modules/web/web.routes.ts';
import { notificationsRoutes } from './modules/notifications/notifications.routes.ts';
import { shiftsRoutes } from './modules/shifts/shifts.routes.ts';
import { skillsRoutes } from './modules/skills/skills.routes.ts';
import { routingRoutes } from './modules/routing/routing.routes.ts';
import { oncallRoutes } from './modules/oncall/oncall.routes.ts';
import { calendarsRoutes } from './modules/calendars/calendars.routes.ts';
import { policiesRoutes } from './modules/sla/policies.routes.ts';
import { contractsRoutes } from './modules/sla/contracts.routes.ts';
import { kbRoutes } from './modules/kb/kb.routes.ts';
import { kbTicketsRoutes } from './modules/kb/kb-tickets.routes.ts';
import { problemsRoutes } from './modules/problems/problems.routes.ts';
import { candidatesRoutes } from './modules/problems/candidates.routes.ts';
import { isSameOrigin } from './lib/origin.ts';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export async function buildApp(deps: Deps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger,
    // Two log lines per request cost more than the request itself at load: on only for debug.
    logController: new LogController({ disableRequestLogging: !['debug', 'trace'].includes(deps.config.logLevel) }),
    bodyLimit: deps.config.bodyLimit,
    trustProxy: false,
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: false,
    ajv: undefined,
    // A malformed URL (bad percent-encoding) is answered before routing: in our shape too.
    frameworkErrors: (error, request, reply) => errorHandler(error, request, reply),
  });
  app.setValidatorCompiler(validatorWithoutNul);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  // JSON only (multipart where a route says so): the default text/plain parser would hand a
  // string to a schema that wants an object, a confusing 400 instead of a 415.
  app.removeContentTypeParser('text/plain');
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, request, { status: 404, title: 'Not Found', detail: `No route ${request.method} ${request.url.split('?')[0]}.` }),
  );
  app.decorateRequest('actor', null);
  requireAccessDeclarations(app);

  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(websocket, { options: { maxPayload: LIVE_MAX_CLIENT_MESSAGE } });
  await app.register(multipart, { limits: { fileSize: deps.config.attachmentMaxBytes, files: 10, fields: 20 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Guichet API', version: '1', description: 'REST API of the Guichet helpdesk. Errors are application/problem+json (RFC 9457).' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'API token from `guichet token create`' },
          cookie: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
    },
    transform: jsonSchemaTransform,
    // Puts the schemas that have a meta id (recursive ones) in components.schemas, where
    // the $refs of the operations point.
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { url: '/api/v1/openapi.json' } as never });

  // Who is calling, then whether the route lets them: before the body is even parsed.
  app.addHook('onRequest', async (request) => {
    const auth = request.headers.authorization;
    if (auth?.toLowerCase().startsWith('bearer ')) {
      request.actor = (await actorFromToken(deps, auth.slice(7).trim())) ?? null;
    } else {
      const secret = request.cookies[SESSION_COOKIE];
      if (secret) {
        request.actor = (await actorFromSession(deps, secret)) ?? null;
        // Cookie-authenticated writes must come from our own origin (CSRF defence on top
        // of SameSite=Lax).
        const origin = request.headers.origin;
        if (request.actor && origin !== undefined && UNSAFE_METHODS.has(request.method) && !isSameOrigin(origin, request.headers.host)) {
          throw new Forbidden(`Cross-origin request from ${origin} refused.`);
        }
      }
    }
    checkAccess(request);
  });

  app.get('/api/v1/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());
  await app.register(healthRoutes(deps));
  const api = { prefix: '/api/v1' };
  await app.register(authRoutes(deps), api);
  await app.register(organisationsRoutes(deps), api);
  await app.register(usersRoutes(deps), api);
  await app.register(groupsRoutes(deps), api);
  await app.register(categoriesRoutes(deps), api);
  await app.register(settingsRoutes(deps), api);
  await app.register(ticketsRoutes(deps), api);
  await app.register(attachmentsRoutes(deps), api);
  await app.register(auditRoutes(deps), api);
  await app.register(remoteSessionsRoutes(deps), api);
  await app.register(callsRoutes(deps), api);
  await app.register(viewsRoutes(deps), api);
  await app.register(liveRoutes(deps), api);
  await app.register(satisfactionRoutes(deps), api);
  await app.register(supervisorRoutes(deps), api);
  await app.register(notificationsRoutes(deps), api);
  await app.register(emailRoutes(deps), api);
  await app.register(shiftsRoutes(deps), api);
  await app.register(skillsRoutes(deps), api);
  await app.register(routingRoutes(deps), api);
  await app.register(oncallRoutes(deps), api);
  await app.register(calendarsRoutes(deps), api);
  await app.register(policiesRoutes(deps), api);
  await app.register(contractsRoutes(deps), api);
  await app.register(kbRoutes(deps), api);
  await app.register(kbTicketsRoutes(deps), api);
  await app.register(problemsRoutes(deps), api);
  await app.register(candidatesRoutes(deps), api);
  await app.register(webRoutes(deps));
  return app;
}
