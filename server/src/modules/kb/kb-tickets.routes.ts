// Tickets and the knowledge base: one-click article from a resolved ticket, articles linked
// to a ticket, suggestions for agents; and the portal's self-help (suggestions while a
// requester types, what they did next, the deflection report).
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../lib/deps.ts';
import { actorOf } from '../../lib/access.ts';
import { dbIdString, idParam } from '../../../../common/schemas/shared.ts';
import {
  ARTICLE_TICKET_RELATIONS,
  articleSchema,
  articleTicketList,
  deflectionEventBody,
  deflectionReport,
  deflectionReportQuery,
  linkArticleBody,
  suggestQuery,
  suggestResponse,
  ticketArticleList,
  ticketSuggestions,
} from '../../../../common/schemas/kb.ts';
import { draftArticleFromTicket, linkArticle, listArticleTickets, listTicketArticles, unlinkArticle } from './ticket-articles.service.ts';
import { suggestForRequest, suggestForTicket } from './suggestions.service.ts';
import { deflectionReport as buildDeflectionReport, recordDeflectionEvent, recordSuggestions } from './deflection.service.ts';

const ticketArticleParams = z.object({ id: dbIdString, articleId: dbIdString }).strict();
const unlinkQuery = z.object({ relation: z.enum(ARTICLE_TICKET_RELATIONS).optional().describe('linked or helped; both when absent') }).strict();
const sessionParam = z.object({ session: z.string().min(16).max(100) }).strict();
/** Signed-in readers count apart (a whole office may share one address); visitors by address. */
const perReader = (request: FastifyRequest) => (request.actor ? `user:${request.actor.userId}` : request.ip);

export function kbTicketsRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['knowledge base'];

    app.post(
      '/tickets/:id/article',
      {
        config: { access: 'agent' },
        schema: {
          tags,
          summary: "Draft an internal article from a resolved ticket's resolution record (the one already drafted, if any)",
          params: idParam,
          response: { 200: articleSchema, 201: articleSchema },
        },
      },
      async (request, reply) => {
        const { article, created } = await draftArticleFromTicket(deps, actorOf(request), request.params.id);
        return reply.status(created ? 201 : 200).send(article);
      },
    );

    app.get(
      '/tickets/:id/articles',
      { config: { access: 'agent' }, schema: { tags, summary: 'Articles drafted from, linked in, or that helped this ticket', params: idParam, response: { 200: ticketArticleList } } },
      async (request) => listTicketArticles(deps, actorOf(request), request.params.id),
    );

    app.get(
      '/kb/articles/:id/tickets',
      { config: { access: 'agent' }, schema: { tags, summary: 'Tickets this article came from, was linked in, or helped (those you may see)', params: idParam, response: { 200: articleTicketList } } },
      async (request) => listArticleTickets(deps, actorOf(request), request.params.id),
    );

    app.post(
      '/tickets/:id/articles',
      {
        config: { access: 'agent' },
        schema: { tags, summary: 'Record that an article was linked in a reply, or helped (idempotent)', params: idParam, body: linkArticleBody, response: { 200: ticketArticleList } },
      },
      async (request) => linkArticle(deps, actorOf(request), request.params.id, request.body),
    );

    app.delete(
      '/tickets/:id/articles/:articleId',
      { config: { access: 'agent' }, schema: { tags, summary: "Remove an article's linked or helped mark from a ticket", params: ticketArticleParams, querystring: unlinkQuery } },
      async (request, reply) => {
        await unlinkArticle(deps, actorOf(request), request.params.id, request.params.articleId, request.query.relation);
        return reply.status(204).send();
      },
    );

    app.get(
      '/tickets/:id/suggestions',
      { config: { access: 'agent' }, schema: { tags, summary: "Published articles and known errors matching the ticket's text and category", params: idParam, response: { 200: ticketSuggestions } } },
      async (request) => suggestForTicket(deps, actorOf(request), request.params.id),
    );

    app.get(
      '/kb/suggestions',
      {
        config: { access: 'public', rateLimit: { max: 60, timeWindow: '1 minute', keyGenerator: perReader } },
        schema: { tags, summary: 'Public articles for a request being typed; recorded in the self-help session when signed in', querystring: suggestQuery, response: { 200: suggestResponse } },
      },
      async (request) => {
        const { q, categoryId, language, session, limit } = request.query;
        const items = await suggestForRequest(deps, request.actor, { q, categoryId, language, limit });
        if (session && request.actor) await recordSuggestions(deps, request.actor, session, q, items.map((a) => a.id));
        return { items };
      },
    );

    app.post(
      '/kb/deflections/:session',
      {
        config: { access: 'authenticated', rateLimit: { max: 120, timeWindow: '1 minute', keyGenerator: perReader } },
        schema: { tags, summary: 'What the requester did after the suggestions: viewed an article, solved, abandoned, submitted', params: sessionParam, body: deflectionEventBody },
      },
      async (request, reply) => {
        await recordDeflectionEvent(deps, actorOf(request), request.params.session, request.body);
        return reply.status(204).send();
      },
    );

    app.get(
      '/kb/deflection-report',
      { config: { access: 'supervisor' }, schema: { tags, summary: 'Self-help attempts and the deflection rate over a period (default the last 30 days)', querystring: deflectionReportQuery, response: { 200: deflectionReport } } },
      async (request) => buildDeflectionReport(deps, actorOf(request), request.query),
    );
  };
}
