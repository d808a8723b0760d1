// Skills: the list (with how many agents have each and how many categories require it),
// adding, renaming and deleting one; then agents' skills and categories' required skill.
import { useState } from 'react';
import { api } from '../../../app/api-client.ts';
import { useFormat, useT } from '../../../app/i18n.tsx';
import { Button } from '../../../ui/Button.tsx';
import { Notice } from '../../../ui/Feedback.tsx';
import { TextField } from '../../../ui/Field.tsx';
import { ConfirmDelete } from '../components/ConfirmDelete.tsx';
import { FormStatus } from '../components/FormStatus.tsx';
import { QueryList } from '../components/QueryList.tsx';
import { useFormRun } from '../components/useFormRun.ts';
import { useSelection } from '../components/useSelection.ts';
import { messages as admin } from '../messages.ts';
import { AgentSkills } from './AgentSkills.tsx';
import { useDutyMutation, useSkills, type Skill } from './api.ts';
import { CategorySkills } from './CategorySkills.tsx';
import { messages } from './messages.ts';

export function SkillsSection() {
  const t = useT(messages);
  const a = useT(admin);
  const f = useFormat();
  const skills = useSkills();
  const items = skills.data ?? [];
  const { selectedId, selected, select, notice, deleted } = useSelection(items);

  return (
    <section aria-labelledby="skills-heading">
      <h3 id="skills-heading">{t('s_skills')}</h3>
      <p className="muted">{t('skillsIntro')}</p>
      {notice && <Notice tone="success">{notice}</Notice>}
      <div className="duty-split">
        <div>
          <QueryList query={skills} count={items.length} empty={t('noSkills')}>
            <table className="data admin-table" aria-labelledby="skills-heading">
              <thead>
                <tr>
                  <th scope="col">{a('name')}</th>
                  <th scope="col" className="num">
                    {t('colAgents')}
                  </th>
                  <th scope="col" className="num">
                    {t('colCategories')}
                  </th>
                  <th scope="col">
                    <span className="visually-hidden">{a('actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((s) => (
                  <tr key={s.id} className={s.id === selectedId ? 'selected' : undefined}>
                    <td>{s.name}</td>
                    <td className="num">{f.number(s.agents)}</td>
                    <td className="num">{f.number(s.categories)}</td>
                    <td>
                      <Button className="btn-small" aria-label={t('editSkill', { name: s.name })} aria-pressed={s.id === selectedId} onClick={() => select(s.id)}>
                        {a('edit')}
                      </Button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </QueryList>
        </div>
        <div>
          <NewSkill onCreated={(s) => select(s.id)} />
          {selected && (
            <EditSkill key={selected.id} skill={selected} onDeleted={() => deleted(t('skillDeleted', { name: selected.name }))} />
          )}
        </div>
      </div>
      <div className="duty-split">
        <AgentSkills skills={items} />
        <CategorySkills skills={items} />
      </div>
    </section>
  );
}

function NewSkill({ onCreated }: { onCreated(s: Skill): void }) {
  const t = useT(messages);
  const a = useT(admin);
  const [name, setName] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const create = useDutyMutation((n: string) => api.post<Skill>('/skills', { name: n }));
  const { busy, error, submit } = useFormRun(async () => {
    setDone(null);
    const s = await create.mutateAsync(name);
    setName('');
    setDone(t('skillCreated', { name: s.name }));
    onCreated(s);
  });
  return (
    <section className="panel" aria-labelledby="skill-new-heading">
      <h4 id="skill-new-heading">{t('newSkill')}</h4>
      <form onSubmit={submit} className="admin-inline">
        <TextField label={a('name')} required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
        <Button variant="primary" type="submit" busy={busy}>
          {t('createSkill')}
        </Button>
      </form>
      <FormStatus error={error} success={done} />
    </section>
  );
}

function EditSkill({ skill, onDeleted }: { skill: Skill; onDeleted(): void }) {
  const t = useT(messages);
  const a = useT(admin);
  const [name, setName] = useState(skill.name);
  const [saved, setSaved] = useState(false);
  const rename = useDutyMutation((n: string) => api.patch<Skill>(`/skills/${skill.id}`, { name: n }));
  const remove = useDutyMutation(() => api.delete(`/skills/${skill.id}`), ['categories']);
  const { busy, error, submit } = useFormRun(async () => {
    setSaved(false);
    await rename.mutateAsync(name);
    setSaved(true);
  });
  return (
    <section className="panel stack" aria-labelledby="skill-edit-heading">
      <h4 id="skill-edit-heading">{t('editSkillTitle', { name: skill.name })}</h4>
      <form onSubmit={submit} className="admin-inline">
        <TextField label={a('name')} required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
        <Button variant="primary" type="submit" busy={busy}>
          {t('renameSkill')}
        </Button>
      </form>
      <FormStatus error={error} success={saved ? t('skillSaved') : null} />
      <ConfirmDelete label={t('deleteSkill')} confirmLabel={t('confirmDelete', { name: skill.name })} hint={t('deleteSkillHint')} run={() => remove.mutateAsync(undefined)} onDone={onDeleted} />
    </section>
  );
}
