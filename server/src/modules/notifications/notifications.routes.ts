// Outbound mail: the notification templates (admins), the outbound list (supervisors) and
// sending a failed message again (admins).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../lib/deps.ts';
import { actorOf } from '../../lib/access.ts';
import { idParam } from '../../../../common/schemas/shared.ts';
import {
  listOutboundQuery,
  outboundPage,
  outboundSummarySchema,
  previewTemplateBody,
  templateParams,
  templatePreviewSchema,
  templateSchema,
  updateTemplateBody,
} from '../../../../common/schemas/email.ts';
import * as templates from './templates.service.ts';
import * as outbound from './outbound.service.ts';

export function notificationsRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['email'];
    const admin = { access: 'admin' } as const;

    app.get(
      '/email/templates',
      { config: admin, schema: { tags, summary: 'Every notification template, by kind and language', response: { 200: z.object({ items: z.array(templateSchema) }) } } },
      async () => ({ items: await templates.listTemplates(deps) }),
    );

    app.get(
      '/email/templates/:kind/:language',
      { config: admin, schema: { tags, summary: 'One notification template (the one in use)', params: templateParams, response: { 200: templateSchema } } },
      async (request) => templates.getTemplate(deps, request.params.kind, request.params.language),
    );

    app.put(
      '/email/templates/:kind/:language',
      {
        config: admin,
        schema: {
          tags,
          summary: 'Replace a notification template (checked: mustache syntax and known placeholders)',
          params: templateParams,
          body: updateTemplateBody,
          response: { 200: templateSchema },
        },
      },
      async (request) => templates.saveTemplate(deps, actorOf(request), request.params.kind, request.params.language, request.body),
    );

    app.delete(
      '/email/templates/:kind/:language',
      { config: admin, schema: { tags, summary: 'Go back to the built-in template; returns it', params: templateParams, response: { 200: templateSchema } } },
      async (request) => templates.resetTemplate(deps, actorOf(request), request.params.kind, request.params.language),
    );

    app.post(
      '/email/templates/:kind/:language/preview',
      {
        config: admin,
        schema: {
          tags,
          summary: 'Render a template (or an unsaved draft of it) with example values',
          params: templateParams,
          body: previewTemplateBody.nullish(),
          response: { 200: templatePreviewSchema },
        },
      },
      async (request) => templates.previewTemplate(deps, request.params.kind, request.params.language, request.body ?? {}),
    );

    app.get(
      '/email/outbound',
      { config: { access: 'supervisor' }, schema: { tags, summary: 'Outgoing mail, newest first', querystring: listOutboundQuery, response: { 200: outboundPage } } },
      async (request) => outbound.listOutbound(deps, actorOf(request), request.query),
    );

    app.post(
      '/email/outbound/:id/retry',
      { config: admin, schema: { tags, summary: 'Send a failed message again', params: idParam, response: { 200: outboundSummarySchema } } },
      async (request) => outbound.retryOutbound(deps, actorOf(request), request.params.id),
    );
  };
}
