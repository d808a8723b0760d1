// The category tree tickets are filed under, e.g. "Hardware / Laptop".
import { z } from 'zod';
import { dbId, isoDateTime } from './shared.ts';

/** Separator of the segments of a category path. */
export const CATEGORY_PATH_SEPARATOR = ' / ';

const name = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .refine((n) => !n.includes('/'), 'must not contain "/" (it separates the levels of a path)');
const flag = z.enum(['1', '0', 'true', 'false']).transform((v) => v === '1' || v === 'true');

export const createCategoryBody = z
  .object({ name, parentId: dbId.nullable().default(null) })
  .strict();
export type CreateCategoryInput = z.infer<typeof createCategoryBody>;

export const updateCategoryBody = z
  .object({
    name: name.optional(),
    parentId: dbId.nullable().optional().describe('null moves it to the top level'),
    isActive: z.boolean().optional(),
  })
  .strict();
export type UpdateCategoryInput = z.infer<typeof updateCategoryBody>;

export const listCategoriesQuery = z
  .object({
    tree: flag.optional().describe('1: nested under their parents instead of a flat list'),
    active: flag.optional().describe('1: only categories that are active, as are all their ancestors (always so for requesters)'),
  })
  .strict();

export const categorySchema = z.object({
  id: z.number(),
  parentId: z.number().nullable(),
  name: z.string(),
  path: z.string(),
  isActive: z.boolean(),
  /** Routing assigns tickets of this category (and its sub-categories) only to agents with this skill. */
  requiredSkillId: z.number().nullable(),
  createdAt: isoDateTime,
});
export type Category = z.infer<typeof categorySchema>;

export type CategoryNode = Category & { children: CategoryNode[] };
// Recursive, so OpenAPI shows it as a named component that refers to itself.
export const categoryNodeSchema: z.ZodType<CategoryNode> = categorySchema
  .extend({
    get children() {
      return z.array(categoryNodeSchema);
    },
  })
  .meta({ id: 'CategoryNode' });

export const categoryListResponse = z.object({
  // The nested form first: a flat item has no children, so it can only match the second.
  items: z.union([z.array(categoryNodeSchema), z.array(categorySchema)]),
});
