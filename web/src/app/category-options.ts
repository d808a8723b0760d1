// The category tree as a flat list for one select: parents before their children, each
// with its depth (for indentation) and its full path (what the option says).
import type { CategoryNode } from '../../../common/schemas/categories.ts';

export interface CategoryOption {
  id: number;
  path: string;
  depth: number;
}

export function categoryOptions(nodes: readonly CategoryNode[] | undefined, depth = 0, out: CategoryOption[] = []): CategoryOption[] {
  for (const n of nodes ?? []) {
    out.push({ id: n.id, path: n.path, depth });
    categoryOptions(n.children, depth + 1, out);
  }
  return out;
}
