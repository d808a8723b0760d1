// The knowledge base: articles (Markdown, FR/EN translations, internal or public, a review
// workflow and full version history), their links to tickets, readers' feedback, and the
// portal's self-help (deflection) sessions.
import { z } from 'zod';
import { LANGUAGES, LIMITS } from '../enums.ts';
import { dbId, dbIdString, isoDateTime, pageOf } from './shared.ts';

export const ARTICLE_STATUSES = ['draft', 'in_review', 'published', 'archived'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];
export const ARTICLE_AUDIENCES = ['internal', 'public'] as const;
export type ArticleAudience = (typeof ARTICLE_AUDIENCES)[number];
/** How a ticket relates to an article: drafted from it, linked in a reply, or helped resolve it. */
export const ARTICLE_TICKET_RELATIONS = ['source', 'linked', 'helped'] as const;
export type ArticleTicketRelation = (typeof ARTICLE_TICKET_RELATIONS)[number];
export const DEFLECTION_OUTCOMES = ['open', 'solved', 'submitted', 'abandoned'] as const;
export type DeflectionOutcome = (typeof DEFLECTION_OUTCOMES)[number];

export const KB_LIMITS = { title: 200, summary: 1_000, body: 200_000, tags: 20, tag: 40, comment: 2_000, query: 500, note: 500 } as const;

const title = z.string().trim().min(1, 'must not be empty').max(KB_LIMITS.title);
const summary = z.string().trim().max(KB_LIMITS.summary);
const body = z.string().min(1, 'must not be empty').max(KB_LIMITS.body).describe('Markdown; raw HTML is shown as text');
const tag = z.string().trim().toLowerCase().min(1).max(KB_LIMITS.tag).regex(/^[\p{L}\p{N}][\p{L}\p{N} ._-]*$/u, 'letters, digits, spaces, dots, dashes');
const tags = z.array(tag).max(KB_LIMITS.tags);

export const createArticleBody = z
  .object({
    title,
    body,
    language: z.enum(LANGUAGES),
    audience: z.enum(ARTICLE_AUDIENCES),
    status: z.enum(ARTICLE_STATUSES).optional().describe('default draft'),
    summary: summary.optional(),
    categoryId: dbId.nullable().optional(),
    tags: tags.optional(),
    organisationId: dbId.nullable().optional().describe('only this organisation (null: every organisation)'),
    /** Makes the new article a translation of this one (same group, another language). */
    translationOf: dbId.optional(),
  })
  .strict();
export type CreateArticleInput = z.infer<typeof createArticleBody>;

export const updateArticleBody = z
  .object({
    title: title.optional(),
    body: body.optional(),
    summary: summary.optional(),
    language: z.enum(LANGUAGES).optional(),
    audience: z.enum(ARTICLE_AUDIENCES).optional(),
    categoryId: dbId.nullable().optional(),
    tags: tags.optional(),
    organisationId: dbId.nullable().optional(),
    note: z.string().trim().max(KB_LIMITS.note).optional().describe('what changed, kept with the version'),
    /** The version the editor started from: a 409 instead of silently overwriting someone else's edit. */
    expectedVersion: z.number().int().positive().optional(),
  })
  .strict();
export type UpdateArticleInput = z.infer<typeof updateArticleBody>;

export const articleTransitionBody = z
  .object({ to: z.enum(ARTICLE_STATUSES), note: z.string().trim().max(KB_LIMITS.note).optional() })
  .strict();
export const restoreArticleBody = z.object({ version: z.number().int().positive() }).strict();
export const articleFeedbackBody = z
  .object({
    helpful: z.boolean(),
    comment: z.string().trim().max(KB_LIMITS.comment).optional(),
    /** Anonymous readers: a random id their browser keeps, so that one reader has one vote. */
    visitorId: z.string().min(16).max(100).optional(),
  })
  .strict();

export const listArticlesQuery = z
  .object({
    q: z.string().trim().max(KB_LIMITS.query).optional().describe('ranked full-text search, accent-insensitive, French and English stems'),
    status: z.enum(ARTICLE_STATUSES).optional(),
    audience: z.enum(ARTICLE_AUDIENCES).optional(),
    language: z.enum(LANGUAGES).optional(),
    categoryId: dbIdString.optional().describe('this category and its sub-categories'),
    tag: tag.optional(),
    staleMonths: z.coerce.number().int().min(1).max(120).optional().describe('published articles not reviewed for this many months'),
    limit: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(20),
    cursor: z.string().max(200).optional(),
  })
  .strict();
export type ListArticlesQuery = z.infer<typeof listArticlesQuery>;

export const articleStats = z.object({
  views: z.number(),
  helpful: z.number(),
  notHelpful: z.number(),
  ticketsLinked: z.number().describe('tickets it came from, was linked in, or helped'),
});

export const articleTranslation = z.object({ id: z.number(), language: z.enum(LANGUAGES), title: z.string(), status: z.enum(ARTICLE_STATUSES) });

export const articleSchema = z.object({
  id: z.number(),
  translationGroup: z.number(),
  title: z.string(),
  summary: z.string(),
  body: z.string().describe('Markdown source'),
  bodyHtml: z.string().describe('the body rendered and sanitised'),
  tags: z.array(z.string()),
  language: z.enum(LANGUAGES),
  audience: z.enum(ARTICLE_AUDIENCES),
  status: z.enum(ARTICLE_STATUSES),
  version: z.number(),
  categoryId: z.number().nullable(),
  categoryName: z.string().nullable(),
  organisationId: z.number().nullable(),
  /** Staff only (null for requesters and visitors). */
  sourceTicketId: z.number().nullable(),
  sourceTicketNumber: z.number().nullable(),
  authorName: z.string().nullable(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  publishedAt: isoDateTime.nullable(),
  reviewedAt: isoDateTime.nullable(),
  stats: articleStats,
  translations: z.array(articleTranslation).describe('the other languages of this article that the reader may see'),
});
export type Article = z.infer<typeof articleSchema>;

export const articleSummary = z.object({
  id: z.number(),
  title: z.string(),
  summary: z.string(),
  language: z.enum(LANGUAGES),
  audience: z.enum(ARTICLE_AUDIENCES),
  status: z.enum(ARTICLE_STATUSES),
  categoryId: z.number().nullable(),
  tags: z.array(z.string()),
  updatedAt: isoDateTime,
  reviewedAt: isoDateTime.nullable(),
  stats: articleStats,
  /** Search only: relevance, higher is better (not comparable between the two back ends). */
  score: z.number().optional(),
});
export type ArticleSummary = z.infer<typeof articleSummary>;
export const articlePage = pageOf(articleSummary);

export const articleVersionSummary = z.object({
  version: z.number(),
  title: z.string(),
  status: z.enum(ARTICLE_STATUSES),
  authorName: z.string().nullable(),
  note: z.string().nullable(),
  createdAt: isoDateTime,
});
export const articleVersion = articleVersionSummary.extend({
  summary: z.string(),
  body: z.string(),
  tags: z.array(z.string()),
  categoryId: z.number().nullable(),
  language: z.enum(LANGUAGES),
  audience: z.enum(ARTICLE_AUDIENCES),
});
export type ArticleVersion = z.infer<typeof articleVersion>;

export const diffPart = z.object({ op: z.enum(['equal', 'insert', 'delete']), text: z.string() });
export type DiffPart = z.infer<typeof diffPart>;
export const articleDiffQuery = z.object({ from: z.coerce.number().int().positive(), to: z.coerce.number().int().positive() }).strict();
export const articleDiff = z.object({
  from: z.number(),
  to: z.number(),
  title: z.array(diffPart),
  summary: z.array(diffPart),
  body: z.array(diffPart).describe('line by line, changed lines word by word'),
  changed: z.array(z.string()).describe('other fields that changed: tags, category, audience, language'),
});
export type ArticleDiff = z.infer<typeof articleDiff>;

export const previewBody = z.object({ body: z.string().max(KB_LIMITS.body) }).strict();
export const previewResponse = z.object({ html: z.string() });

export const feedbackResponse = z.object({ helpful: z.number(), notHelpful: z.number(), yours: z.boolean().nullable() });

/** Categories that hold articles the reader may see, for browsing the help centre. */
export const kbCategory = z.object({ id: z.number(), name: z.string(), parentId: z.number().nullable(), articleCount: z.number() });
export const kbCategoryList = z.object({ items: z.array(kbCategory) });

// ---- tickets and articles ----
export const linkArticleBody = z.object({ articleId: dbId, relation: z.enum(['linked', 'helped']) }).strict();
export const ticketArticle = z.object({
  articleId: z.number(),
  title: z.string(),
  language: z.enum(LANGUAGES),
  audience: z.enum(ARTICLE_AUDIENCES),
  status: z.enum(ARTICLE_STATUSES),
  relations: z.array(z.enum(ARTICLE_TICKET_RELATIONS)),
  linkedAt: isoDateTime,
});
export const ticketArticleList = z.object({ items: z.array(ticketArticle) });
/** The other way round: the tickets an article came from, was linked in, or helped (the ones the reader may see). */
export const articleTicket = z.object({
  ticketId: z.number(),
  number: z.number(),
  title: z.string(),
  status: z.string(),
  relations: z.array(z.enum(ARTICLE_TICKET_RELATIONS)),
  linkedAt: isoDateTime,
});
export const articleTicketList = z.object({ items: z.array(articleTicket) });

export const articleSuggestion = z.object({
  id: z.number(),
  title: z.string(),
  summary: z.string(),
  language: z.enum(LANGUAGES),
  audience: z.enum(ARTICLE_AUDIENCES),
  categoryId: z.number().nullable(),
  /** Where a requester reads it (public articles) or an agent does (internal). */
  url: z.string(),
  /** Plain text to paste into a reply. */
  text: z.string(),
  score: z.number(),
  sameCategory: z.boolean(),
});
export type ArticleSuggestion = z.infer<typeof articleSuggestion>;
export const knownErrorSuggestion = z.object({
  problemId: z.number(),
  reference: z.string(),
  title: z.string(),
  status: z.string(),
  workaround: z.string(),
  score: z.number(),
  sharedTerms: z.array(z.string()),
});
export type KnownErrorSuggestion = z.infer<typeof knownErrorSuggestion>;
export const ticketSuggestions = z.object({ articles: z.array(articleSuggestion), knownErrors: z.array(knownErrorSuggestion) });
export type TicketSuggestions = z.infer<typeof ticketSuggestions>;

// ---- self-help in the portal ----
export const suggestQuery = z
  .object({
    q: z.string().trim().max(KB_LIMITS.query),
    categoryId: dbIdString.optional(),
    language: z.enum(LANGUAGES).optional(),
    session: z.string().min(16).max(100).optional().describe('the self-help attempt to record the suggestions in'),
    limit: z.coerce.number().int().min(1).max(10).default(5),
  })
  .strict();
export const suggestResponse = z.object({ items: z.array(articleSummary) });
export const deflectionEventBody = z.discriminatedUnion('event', [
  z.object({ event: z.literal('viewed'), articleId: dbId }).strict(),
  z.object({ event: z.literal('solved') }).strict(),
  z.object({ event: z.literal('abandoned') }).strict(),
  z.object({ event: z.literal('submitted'), ticketId: dbId }).strict(),
]);
export type DeflectionEvent = z.infer<typeof deflectionEventBody>;
export const deflectionReportQuery = z.object({ from: isoDateTime.optional(), to: isoDateTime.optional() }).strict();
export const deflectionReport = z.object({
  from: isoDateTime,
  to: isoDateTime,
  attempts: z.number().describe('self-help attempts that were shown at least one article'),
  solved: z.number().describe('the requester said an article solved it'),
  abandoned: z.number().describe('left without submitting (or idle for 30 minutes)'),
  submitted: z.number(),
  open: z.number().describe('still typing'),
  deflectionRate: z.number().nullable().describe('(solved + abandoned) / decided attempts'),
  topArticles: z.array(z.object({ id: z.number(), title: z.string(), deflected: z.number() })),
});
export type DeflectionReport = z.infer<typeof deflectionReport>;

export const articleIdParam = z.object({ id: dbIdString }).strict();
export const versionParam = z.object({ id: dbIdString, version: z.coerce.number().int().positive() }).strict();
