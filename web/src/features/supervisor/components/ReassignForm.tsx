// Bulk reassignment of the selected tickets to a group and/or an agent. Each ticket goes
// through the server's single-assignment rules; the ones refused are listed with the reason.
import { useState, type FormEvent } from 'react';
import { useT } from '../../../app/i18n.tsx';
import { common } from '../../../app/messages.ts';
import { Button } from '../../../ui/Button.tsx';
import { SelectField } from '../../../ui/Field.tsx';
import { ErrorBanner, Notice } from '../../../ui/Feedback.tsx';
import { useReassign, type AgentLoad, type ReassignResult, type SupervisorOverview } from '../api.ts';
import { messages } from '../messages.ts';

type Group = NonNullable<SupervisorOverview['byGroup'][number]['group']>;

/** '' keeps the field as it is, 'none' clears it, else an id. */
const toTarget = (v: string) => (v === '' ? undefined : v === 'none' ? null : Number(v));

export function ReassignForm({
  selected,
  references,
  groups,
  agents,
  onDone,
}: {
  selected: number[];
  references: Map<number, string>;
  groups: Group[];
  agents: AgentLoad[];
  onDone(updated: number[]): void;
}) {
  const t = useT(messages);
  const c = useT(common);
  const [group, setGroup] = useState('');
  const [agent, setAgent] = useState('');
  const [formError, setFormError] = useState<string | null>(null);
  const [result, setResult] = useState<ReassignResult | null>(null);
  const reassign = useReassign();
  const groupId = toTarget(group);
  const choosable = typeof groupId === 'number' ? agents.filter((a) => a.groups.some((g) => g.id === groupId)) : agents;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const assigneeId = toTarget(agent);
    if (groupId === undefined && assigneeId === undefined) return setFormError(t('chooseTarget'));
    setFormError(null);
    setResult(null);
    const r = await reassign.mutateAsync({ ticketIds: selected, groupId, assigneeId }).catch(() => null);
    if (!r) return;
    setResult(r);
    onDone(r.updated);
  }

  return (
    <form className="reassign-form" onSubmit={submit} aria-labelledby="reassign-heading">
      <h3 id="reassign-heading">{t('reassignTitle')}</h3>
      <p className="muted">{t.plural('selected', selected.length)}</p>
      <div className="row reassign-fields">
        <SelectField
          label={t('targetGroup')}
          value={group}
          onChange={(e) => {
            setGroup(e.target.value);
            setAgent('');
          }}
        >
          <option value="">{t('keepGroup')}</option>
          <option value="none">{t('clearGroup')}</option>
          {groups.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name} ({c('tier', { tier: g.tier })})
            </option>
          ))}
        </SelectField>
        <SelectField label={t('targetAgent')} value={agent} onChange={(e) => setAgent(e.target.value)} hint={typeof groupId === 'number' ? t('agentsOfGroup') : undefined} error={formError}>
          <option value="">{t('keepAgent')}</option>
          <option value="none">{t('clearAgent')}</option>
          {choosable.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </SelectField>
        <Button variant="primary" type="submit" busy={reassign.isPending} disabled={selected.length === 0}>
          {t('reassign')}
        </Button>
      </div>
      <ErrorBanner error={reassign.error} />
      {result && result.updated.length > 0 && <Notice tone="success">{t.plural('reassigned', result.updated.length)}</Notice>}
      {result && result.failed.length > 0 && (
        <div className="banner banner-error" role="alert">
          <strong>{t.plural('failedTitle', result.failed.length)}</strong>
          <ul>
            {result.failed.map((f) => (
              <li key={f.id}>
                {references.get(f.id) ?? `#${f.id}`} — {f.detail}
              </li>
            ))}
          </ul>
        </div>
      )}
    </form>
  );
}
