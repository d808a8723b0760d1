// One agent's skills: pick the agent, tick their skills, save (the list is replaced).
import { useState } from 'react';
import { api } from '../../../app/api-client.ts';
import { useT } from '../../../app/i18n.tsx';
import { common } from '../../../app/messages.ts';
import { Button } from '../../../ui/Button.tsx';
import { EmptyState, ErrorBanner, Spinner } from '../../../ui/Feedback.tsx';
import { SelectField } from '../../../ui/Field.tsx';
import { useStaff } from '../api.ts';
import { FormStatus } from '../components/FormStatus.tsx';
import { useFormRun } from '../components/useFormRun.ts';
import { messages as admin } from '../messages.ts';
import { useDutyMutation, useUserSkills, type Skill } from './api.ts';
import { messages } from './messages.ts';

export function AgentSkills({ skills }: { skills: Skill[] }) {
  const t = useT(messages);
  const staff = useStaff().data ?? [];
  const [userId, setUserId] = useState('');
  const agent = staff.find((u) => String(u.id) === userId);
  return (
    <section className="panel" aria-labelledby="agent-skills-heading">
      <h4 id="agent-skills-heading">{t('agentSkills')}</h4>
      <SelectField label={t('agent')} value={userId} onChange={(e) => setUserId(e.target.value)}>
        <option value="">{t('choose')}</option>
        {staff.map((u) => (
          <option key={u.id} value={u.id}>
            {u.name} ({u.email})
          </option>
        ))}
      </SelectField>
      {agent && <AgentSkillsForm key={agent.id} userId={agent.id} name={agent.name} skills={skills} />}
    </section>
  );
}

function AgentSkillsForm({ userId, name, skills }: { userId: number; name: string; skills: Skill[] }) {
  const t = useT(messages);
  const a = useT(admin);
  const c = useT(common);
  const current = useUserSkills(userId);
  if (current.isPending) return <Spinner label={c('loading')} />;
  if (current.error) return <ErrorBanner error={current.error} title={a('loadError')} />;
  if (skills.length === 0) return <EmptyState>{t('noSkills')}</EmptyState>;
  return <SkillChecks userId={userId} name={name} skills={skills} initial={current.data.map((s) => s.id)} />;
}

function SkillChecks({ userId, name, skills, initial }: { userId: number; name: string; skills: Skill[]; initial: number[] }) {
  const t = useT(messages);
  const [ids, setIds] = useState(initial);
  const [saved, setSaved] = useState(false);
  const save = useDutyMutation((skillIds: number[]) => api.put(`/users/${userId}/skills`, { skillIds }));
  const { busy, error, submit } = useFormRun(async () => {
    setSaved(false);
    await save.mutateAsync(ids);
    setSaved(true);
  });
  return (
    <form onSubmit={submit}>
      <fieldset className="admin-fieldset">
        <legend>{t('skillsOf', { name })}</legend>
        <div className="duty-checks">
          {skills.map((s) => (
            <label key={s.id} className="checkbox">
              <input type="checkbox" checked={ids.includes(s.id)} onChange={(e) => setIds(e.target.checked ? [...ids, s.id] : ids.filter((x) => x !== s.id))} /> {s.name}
            </label>
          ))}
        </div>
      </fieldset>
      <FormStatus error={error} success={saved ? t('agentSkillsSaved', { name }) : null} />
      <Button variant="primary" type="submit" busy={busy}>
        {t('saveAgentSkills')}
      </Button>
    </form>
  );
}
