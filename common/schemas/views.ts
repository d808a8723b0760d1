// Saved queue views: a named set of ticket-list filters, a sort and the columns shown.
// Filters are kept as the string query parameters GET /tickets takes, so a view opens as
// a plain list request and can be written in a URL.
import { z } from 'zod';
import { dbId, isoDateTime } from './shared.ts';
import { listTicketsQuery } from './tickets.ts';

export const VIEW_FILTER_KEYS = [
  'q',
  'status',
  'priority',
  'type',
  'channel',
  'groupId',
  'assigneeId',
  'organisationId',
  'requesterId',
  'categoryId',
  'tier',
  'createdFrom',
  'createdTo',
  'slaDueWithin',
] as const;
export type ViewFilterKey = (typeof VIEW_FILTER_KEYS)[number];
export type ViewFilters = Partial<Record<ViewFilterKey, string>>;

export const VIEW_COLUMNS = ['number', 'title', 'status', 'priority', 'requester', 'organisation', 'group', 'assignee', 'category', 'channel', 'type', 'created', 'updated', 'sla'] as const;
export type ViewColumn = (typeof VIEW_COLUMNS)[number];
export const DEFAULT_VIEW_COLUMNS: ViewColumn[] = ['number', 'title', 'status', 'priority', 'requester', 'organisation', 'assignee', 'updated'];

export const VIEW_SORTS = listTicketsQuery.shape.sort.unwrap().options;
export type ViewSort = (typeof VIEW_SORTS)[number];

export const VIEW_LIMITS = { name: 100, perOwner: 200 } as const;

/** Each value is checked as the list API would check it; what is stored is the string itself. */
export const viewFilters = z
  .partialRecord(z.enum(VIEW_FILTER_KEYS), z.string().trim().min(1).max(500))
  .superRefine((filters, ctx) => {
    const parsed = listTicketsQuery.safeParse(filters);
    if (parsed.success) return;
    for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message, input: filters });
  })
  .describe('query parameters of GET /tickets, as strings: {"status": "open", "priority": "P1,P2", "assigneeId": "me"}');

const name = z.string().trim().min(1).max(VIEW_LIMITS.name);
const columns = z
  .array(z.enum(VIEW_COLUMNS))
  .min(1)
  .max(VIEW_COLUMNS.length)
  .refine((c) => new Set(c).size === c.length, 'must not list a column twice');
const sort = z.enum(VIEW_SORTS);
const position = z.number().int().min(0).max(100_000);

export const createViewBody = z
  .object({
    name,
    filters: viewFilters.default({}),
    sort: sort.default('-created'),
    columns: columns.default(DEFAULT_VIEW_COLUMNS),
    isShared: z.boolean().default(false).describe('visible to every agent (supervisors and admins only)'),
    position: position.optional().describe('order in the navigation; after the others when left out'),
  })
  .strict();
export type CreateViewInput = z.infer<typeof createViewBody>;

export const updateViewBody = z
  .object({
    name: name.optional(),
    filters: viewFilters.optional().describe('replaces every filter'),
    sort: sort.optional(),
    columns: columns.optional(),
    isShared: z.boolean().optional(),
    position: position.optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'send at least one field to change');
export type UpdateViewInput = z.infer<typeof updateViewBody>;

export const savedViewSchema = z.object({
  id: z.number(),
  name: z.string(),
  owner: z.object({ id: z.number(), name: z.string() }),
  isShared: z.boolean(),
  filters: z.record(z.string(), z.string()),
  sort: sort,
  columns: z.array(z.enum(VIEW_COLUMNS)),
  position: z.number(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type SavedView = z.infer<typeof savedViewSchema>;
export const viewListResponse = z.object({ items: z.array(savedViewSchema) });

/**
 * Counting stops here: past it the sidebar shows "10,000+". Nobody works a queue by its
 * exact size at that depth, and an exact figure would cost a scan of every matching row on
 * each refresh; counting a capped id list costs at most this many index entries.
 */
export const VIEW_COUNT_CAP = 10_000;

export const viewCountsQuery = z
  .object({
    ids: z
      .string()
      .transform((s) => s.split(',').map((v) => v.trim()).filter(Boolean))
      .pipe(z.array(z.string().regex(/^\d+$/, 'must be a view id').transform(Number).pipe(dbId)).min(1).max(VIEW_LIMITS.perOwner * 2))
      .optional()
      .describe('comma-separated view ids; all my views and the shared ones when left out'),
  })
  .strict();
export type ViewCountsQuery = z.infer<typeof viewCountsQuery>;

export const viewCountSchema = z.object({
  id: z.number(),
  count: z.number().nullable().describe('tickets the view lists for me, at most cap; null when the stored filters no longer make a valid list query'),
  isCapped: z.boolean().describe('true: more than cap tickets'),
});
export type ViewCount = z.infer<typeof viewCountSchema>;
export const viewCountsResponse = z.object({ cap: z.number(), items: z.array(viewCountSchema) });
export type ViewCounts = z.infer<typeof viewCountsResponse>;
