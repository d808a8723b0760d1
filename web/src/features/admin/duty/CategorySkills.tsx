// The skill a category requires: tickets filed under it are assigned automatically only to
// agents who have it. Each change is saved at once.
import { useState } from 'react';
import { api } from '../../../app/api-client.ts';
import { categoryOptions } from '../../../app/category-options.ts';
import { useT } from '../../../app/i18n.tsx';
import { ErrorBanner, Notice } from '../../../ui/Feedback.tsx';
import { useCategoryTree, type CategoryNode } from '../api.ts';
import { QueryList } from '../components/QueryList.tsx';
import { useDutyMutation, type Skill } from './api.ts';
import { messages } from './messages.ts';

/** Each category's required skill, from the category tree. */
function requiredOf(nodes: readonly CategoryNode[] | undefined, out = new Map<number, number | null>()) {
  for (const n of nodes ?? []) {
    out.set(n.id, n.requiredSkillId);
    requiredOf(n.children, out);
  }
  return out;
}

export function CategorySkills({ skills }: { skills: Skill[] }) {
  const t = useT(messages);
  const tree = useCategoryTree();
  const categories = categoryOptions(tree.data);
  const stored = requiredOf(tree.data);
  const [chosen, setChosen] = useState<Record<number, number | null>>({});
  const [notice, setNotice] = useState<string | null>(null);
  const save = useDutyMutation((v: { id: number; skillId: number | null }) => api.put(`/categories/${v.id}/required-skill`, { skillId: v.skillId }), ['categories']);

  function change(id: number, path: string, skillId: number | null) {
    setNotice(null);
    save.mutate(
      { id, skillId },
      {
        onSuccess: () => {
          setChosen((m) => ({ ...m, [id]: skillId }));
          const skill = skills.find((s) => s.id === skillId);
          setNotice(skill ? t('requiredSaved', { category: path, skill: skill.name }) : t('requiredCleared', { category: path }));
        },
      },
    );
  }

  return (
    <section className="panel" aria-labelledby="category-skills-heading">
      <h4 id="category-skills-heading">{t('categorySkills')}</h4>
      <p className="muted">{t('categorySkillsHint')}</p>
      {notice && <Notice tone="success">{notice}</Notice>}
      <ErrorBanner error={save.error} />
      <QueryList query={tree} count={categories.length} empty={t('noCategories')}>
        <div className="duty-scroll">
          <table className="data admin-table" aria-labelledby="category-skills-heading">
            <thead>
              <tr>
                <th scope="col">{t('colCategory')}</th>
                <th scope="col">{t('colRequiredSkill')}</th>
              </tr>
            </thead>
            <tbody>
              {categories.map((o) => {
                const value = o.id in chosen ? chosen[o.id] : (stored.get(o.id) ?? null);
                return (
                  <tr key={o.id}>
                    <td>{o.path}</td>
                    <td>
                      <select
                        className="duty-select"
                        aria-label={t('requiredSkillFor', { category: o.path })}
                        value={value ?? 'none'}
                        disabled={save.isPending}
                        onChange={(e) => e.target.value && change(o.id, o.path, e.target.value === 'none' ? null : Number(e.target.value))}
                      >
                        <option value="none">{t('noSkillRequired')}</option>
                        {skills.map((s) => (
                          <option key={s.id} value={s.id}>
                            {s.name}
                          </option>
                        ))}
                      </select>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </QueryList>
    </section>
  );
}
