// Knowledge-base articles: reading and searching (public, filtered by who reads), writing
// and the review workflow (staff), version history, Markdown preview, readers' feedback.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../lib/deps.ts';
import { actorOf } from '../../lib/access.ts';
import {
  articleDiff, articleDiffQuery, articleFeedbackBody, articleIdParam, articlePage, articleSchema, articleTransitionBody, articleVersion,
  articleVersionSummary, createArticleBody, feedbackResponse, kbCategoryList, listArticlesQuery, previewBody, previewResponse,
  restoreArticleBody, updateArticleBody, versionParam,
} from '../../../../common/schemas/kb.ts';
import { renderMarkdown } from './article-markdown.ts';
import { createArticle, getArticle, listArticles } from './articles.service.ts';
import { restoreArticle, reviewArticle, transitionArticle, updateArticle } from './article-edits.service.ts';
import { diffArticleVersions, getArticleVersion, listArticleVersions } from './article-versions.service.ts';
import { countArticleView, listKbCategories, voteOnArticle } from './article-feedback.service.ts';

// Anonymous readers are limited per address; signed-in ones are known and not limited here.
const anonymousOnly = { allowList: (request: { actor: unknown }) => request.actor !== null, timeWindow: '1 minute' };

export function kbRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['knowledge base'];

    app.get(
      '/kb/articles',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'Articles the reader may see: ranked search with q, stale ones with staleMonths, else most recently updated first',
          querystring: listArticlesQuery,
          response: { 200: articlePage },
        },
      },
      async (request) => listArticles(deps, request.actor, request.query),
    );

    app.post(
      '/kb/articles',
      {
        config: { access: 'agent' },
        schema: { tags, summary: 'Write an article (draft by default; only supervisors and admins publish)', body: createArticleBody, response: { 201: articleSchema } },
      },
      async (request, reply) => reply.status(201).send(await createArticle(deps, actorOf(request), request.body)),
    );

    app.get(
      '/kb/articles/:id',
      { config: { access: 'public' }, schema: { tags, summary: 'One article, rendered; 404 when the reader may not see it', params: articleIdParam, response: { 200: articleSchema } } },
      async (request) => getArticle(deps, request.actor, request.params.id),
    );

    app.patch(
      '/kb/articles/:id',
      {
        config: { access: 'agent' },
        schema: {
          tags,
          summary: 'Change an article: a new version (a published article stays published, the new version live); 409 if expectedVersion is stale',
          params: articleIdParam,
          body: updateArticleBody,
          response: { 200: articleSchema },
        },
      },
      async (request) => updateArticle(deps, actorOf(request), request.params.id, request.body),
    );

    app.post(
      '/kb/articles/:id/transitions',
      {
        config: { access: 'agent' },
        schema: { tags, summary: 'Move an article through draft → in_review → published → archived', params: articleIdParam, body: articleTransitionBody, response: { 200: articleSchema } },
      },
      async (request) => transitionArticle(deps, actorOf(request), request.params.id, request.body.to, request.body.note),
    );

    app.post(
      '/kb/articles/:id/review',
      { config: { access: 'supervisor' }, schema: { tags, summary: 'Confirm a published article is still right (it leaves the stale list)', params: articleIdParam, response: { 200: articleSchema } } },
      async (request) => reviewArticle(deps, actorOf(request), request.params.id),
    );

    app.get(
      '/kb/articles/:id/versions',
      {
        config: { access: 'agent' },
        schema: { tags, summary: 'Versions of an article, newest first', params: articleIdParam, response: { 200: z.object({ items: z.array(articleVersionSummary) }) } },
      },
      async (request) => listArticleVersions(deps, actorOf(request), request.params.id),
    );

    app.get(
      '/kb/articles/:id/versions/:version',
      { config: { access: 'agent' }, schema: { tags, summary: 'One version of an article in full', params: versionParam, response: { 200: articleVersion } } },
      async (request) => getArticleVersion(deps, actorOf(request), request.params.id, request.params.version),
    );

    app.get(
      '/kb/articles/:id/diff',
      {
        config: { access: 'agent' },
        schema: { tags, summary: 'What changed between two versions', params: articleIdParam, querystring: articleDiffQuery, response: { 200: articleDiff } },
      },
      async (request) => diffArticleVersions(deps, actorOf(request), request.params.id, request.query.from, request.query.to),
    );

    app.post(
      '/kb/articles/:id/restore',
      {
        config: { access: 'agent' },
        schema: { tags, summary: "Make an old version's content the next version", params: articleIdParam, body: restoreArticleBody, response: { 200: articleSchema } },
      },
      async (request) => restoreArticle(deps, actorOf(request), request.params.id, request.body.version),
    );

    app.post(
      '/kb/preview',
      { config: { access: 'agent' }, schema: { tags, summary: 'Render Markdown as an article body would be (sanitised HTML)', body: previewBody, response: { 200: previewResponse } } },
      async (request) => ({ html: renderMarkdown(request.body.body) }),
    );

    app.post(
      '/kb/articles/:id/feedback',
      {
        config: { access: 'public', rateLimit: { ...anonymousOnly, max: 30 } },
        schema: {
          tags,
          summary: '"Was this helpful?": one vote per reader (signed in, or a visitorId), changeable',
          params: articleIdParam,
          body: articleFeedbackBody,
          response: { 200: feedbackResponse },
        },
      },
      async (request) => voteOnArticle(deps, request.actor, request.params.id, request.body),
    );

    app.post(
      '/kb/articles/:id/views',
      { config: { access: 'public', rateLimit: { ...anonymousOnly, max: 120 } }, schema: { tags, summary: 'Count one view of an article', params: articleIdParam } },
      async (request, reply) => {
        await countArticleView(deps, request.actor, request.params.id);
        return reply.status(204).send();
      },
    );

    app.get(
      '/kb/categories',
      { config: { access: 'public' }, schema: { tags, summary: 'Categories holding articles the reader may see, with counts (sub-categories included)', response: { 200: kbCategoryList } } },
      async (request) => listKbCategories(deps, request.actor),
    );
  };
}
