// The category tree as nested lists; each category is a button that selects it.
import { useT } from '../../../app/i18n.tsx';
import type { CategoryNode } from '../api.ts';
import { messages } from './messages.ts';

export function CategoryTree({ nodes, selectedId, onSelect }: { nodes: CategoryNode[]; selectedId: number | null; onSelect(node: CategoryNode): void }) {
  const t = useT(messages);
  const branch = (list: CategoryNode[]) => (
    <ul>
      {list.map((n) => (
        <li key={n.id}>
          <button type="button" className="admin-node" aria-pressed={n.id === selectedId} onClick={() => onSelect(n)}>
            {n.name}
            {!n.isActive && <span className="muted"> {t('inactive')}</span>}
          </button>
          {n.children.length > 0 && branch(n.children)}
        </li>
      ))}
    </ul>
  );
  return (
    <nav className="admin-tree" aria-label={t('treeLabel')}>
      {branch(nodes)}
    </nav>
  );
}

/** Every category, depth first, for pickers. */
export function flatten(nodes: CategoryNode[]): CategoryNode[] {
  return nodes.flatMap((n) => [n, ...flatten(n.children)]);
}
