// Browsing by topic: the categories that hold articles the reader may see, top-level ones as
// cards with their sub-topics beneath, each with its number of articles.
import { Link } from 'react-router';
import { useT } from '../../../app/i18n.tsx';
import type { KbCategory } from '../api.ts';
import { helpMessages } from '../messages.ts';

export function TopicGrid({ topics, current }: { topics: KbCategory[]; current: number | null }) {
  const t = useT(helpMessages);
  const ids = new Set(topics.map((c) => c.id));
  // A sub-topic whose parent holds nothing visible stands at the top level.
  const roots = topics.filter((c) => c.parentId === null || !ids.has(c.parentId));
  const childrenOf = (id: number) => topics.filter((c) => c.parentId === id);
  const sorted = (list: KbCategory[]) => [...list].sort((a, b) => a.name.localeCompare(b.name, t.lang));
  const link = (c: KbCategory) => (
    <Link to={`/help?topic=${c.id}`} aria-current={current === c.id ? 'page' : undefined}>
      {c.name}
    </Link>
  );

  return (
    <ul className="help-topics">
      {sorted(roots).map((root) => {
        const children = sorted(childrenOf(root.id));
        return (
          <li key={root.id} className="help-topic">
            <span className="help-topic-name">{link(root)}</span>
            <span className="help-topic-count">{t.plural('articleCount', root.articleCount)}</span>
            {children.length > 0 && (
              <ul className="help-subtopics">
                {children.map((c) => (
                  <li key={c.id}>
                    {link(c)} <span className="muted">({c.articleCount})</span>
                  </li>
                ))}
              </ul>
            )}
          </li>
        );
      })}
    </ul>
  );
}
