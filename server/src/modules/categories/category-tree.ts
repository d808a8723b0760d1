// Pure logic of the category tree: paths, the nested form, effective activeness, cycles.
import { CATEGORY_PATH_SEPARATOR, type Category, type CategoryNode } from '../../../../common/schemas/categories.ts';

export interface CategoryRow {
  id: number;
  parent_id: number | null;
  name: string;
  is_active: number;
  required_skill_id: number | null;
  created_at: string;
}

/** Walks up from a category; stops at the root, or if the data somehow holds a cycle. */
function ancestry(byId: Map<number, CategoryRow>, row: CategoryRow): CategoryRow[] {
  const chain = [row];
  const seen = new Set([row.id]);
  let parentId = row.parent_id;
  while (parentId !== null && !seen.has(parentId)) {
    const parent = byId.get(parentId);
    if (!parent) break;
    chain.unshift(parent);
    seen.add(parent.id);
    parentId = parent.parent_id;
  }
  return chain;
}

const compareSegments = (a: string[], b: string[]) => {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const c = a[i].localeCompare(b[i], 'en', { sensitivity: 'base' }) || a[i].localeCompare(b[i], 'en');
    if (c !== 0) return c;
  }
  return a.length - b.length;
};

/**
 * Every category with its path ("Hardware / Laptop"), sorted by path so that children
 * follow their parent. activeOnly keeps those that are active along with all their ancestors.
 */
export function toCategoryList(rows: CategoryRow[], opts: { activeOnly?: boolean } = {}): Category[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const entries = rows.map((row) => {
    const chain = ancestry(byId, row);
    return { row, segments: chain.map((c) => c.name), isEffectivelyActive: chain.every((c) => c.is_active === 1) };
  });
  return entries
    .filter((e) => !opts.activeOnly || e.isEffectivelyActive)
    .sort((a, b) => compareSegments(a.segments, b.segments) || a.row.id - b.row.id)
    .map(({ row, segments }) => ({
      id: row.id,
      parentId: row.parent_id,
      name: row.name,
      path: segments.join(CATEGORY_PATH_SEPARATOR),
      isActive: row.is_active === 1,
      requiredSkillId: row.required_skill_id,
      createdAt: row.created_at,
    }));
}

/** The nested form of a sorted list; an item whose parent was filtered out is left out too. */
export function toCategoryTree(list: Category[]): CategoryNode[] {
  const nodes = new Map<number, CategoryNode>(list.map((c) => [c.id, { ...c, children: [] }]));
  const roots: CategoryNode[] = [];
  for (const c of list) {
    const node = nodes.get(c.id)!;
    if (c.parentId === null) roots.push(node);
    else nodes.get(c.parentId)?.children.push(node);
  }
  return roots;
}

/** Whether putting category `id` under `newParentId` would make it its own ancestor. */
export function wouldCreateCycle(rows: CategoryRow[], id: number, newParentId: number | null): boolean {
  if (newParentId === null) return false;
  if (newParentId === id) return true;
  const byId = new Map(rows.map((r) => [r.id, r]));
  const parent = byId.get(newParentId);
  return parent !== undefined && ancestry(byId, parent).some((a) => a.id === id);
}

/** The segments of a path written with "/" and any spacing: "Hardware/Laptop", "Hardware / Laptop". */
export function splitCategoryPath(path: string): string[] {
  return path
    .split('/')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
