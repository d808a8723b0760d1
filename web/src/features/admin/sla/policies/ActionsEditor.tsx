// What happens when a target is about to be missed (warning) or missed (breach): a list of
// rules "on warning of first response: notify the assignee"; reassigning needs a group,
// escalating may name one (else the first group of the next tier).
import { useT } from '../../../../app/i18n.tsx';
import { Button } from '../../../../ui/Button.tsx';
import { useGroups } from '../../api.ts';
import { SLA_ACTIONS, SLA_METRICS, type SlaAction, type SlaActionKind } from '../api.ts';
import { messages } from './messages.ts';

/** An action being edited: the group as the select's value ('' for none). */
export type EditableAction = Omit<SlaAction, 'groupId'> & { groupId: string };

export const editableActions = (actions: SlaAction[]): EditableAction[] => actions.map((a) => ({ ...a, groupId: a.groupId ? String(a.groupId) : '' }));

export function actionsBody(actions: EditableAction[]): SlaAction[] {
  return actions.map(({ groupId, ...a }) => (groupId && usesGroup(a.do) ? { ...a, groupId: Number(groupId) } : a));
}

const usesGroup = (kind: SlaActionKind) => kind === 'reassign' || kind === 'escalate';

export function ActionsEditor({ actions, onChange }: { actions: EditableAction[]; onChange(a: EditableAction[]): void }) {
  const t = useT(messages);
  const groups = useGroups().data ?? [];
  const set = (i: number, patch: Partial<EditableAction>) => onChange(actions.map((a, j) => (j === i ? { ...a, ...patch } : a)));
  return (
    <fieldset className="admin-fieldset">
      <legend>{t('actions')}</legend>
      {actions.length === 0 && <p className="muted">{t('noActions')}</p>}
      <ol className="sla-actions-list">
        {actions.map((a, i) => {
          const n = i + 1;
          return (
            <li key={i}>
              <div className="sla-action" role="group" aria-label={t('actionN', { n })}>
                <select aria-label={t('actionOn', { n })} value={a.on} onChange={(e) => set(i, { on: e.target.value === 'breach' ? 'breach' : 'warning' })}>
                  <option value="warning">{t('on_warning')}</option>
                  <option value="breach">{t('on_breach')}</option>
                </select>
                <select aria-label={t('actionMetric', { n })} value={a.metric} onChange={(e) => set(i, { metric: e.target.value as SlaAction['metric'] })}>
                  <option value="any">{t('metric_any')}</option>
                  {SLA_METRICS.map((m) => (
                    <option key={m} value={m}>
                      {t(`metric_${m}`)}
                    </option>
                  ))}
                </select>
                <select aria-label={t('actionDo', { n })} value={a.do} onChange={(e) => set(i, { do: e.target.value as SlaActionKind })}>
                  {SLA_ACTIONS.map((k) => (
                    <option key={k} value={k}>
                      {t(`do_${k}`)}
                    </option>
                  ))}
                </select>
                {usesGroup(a.do) && (
                  <select aria-label={t('actionGroup', { n })} required={a.do === 'reassign'} value={a.groupId} onChange={(e) => set(i, { groupId: e.target.value })}>
                    <option value="">{a.do === 'escalate' ? t('nextTierGroup') : t('chooseGroup')}</option>
                    {groups.map((g) => (
                      <option key={g.id} value={g.id}>
                        {g.name}
                      </option>
                    ))}
                  </select>
                )}
                <Button variant="ghost" className="btn-small" aria-label={t('removeAction', { n })} onClick={() => onChange(actions.filter((_, j) => j !== i))}>
                  ×
                </Button>
              </div>
            </li>
          );
        })}
      </ol>
      <Button className="btn-small" onClick={() => onChange([...actions, { on: 'breach', metric: 'any', do: 'notify_assignee', groupId: '' }])} disabled={actions.length >= 30}>
        {t('addAction')}
      </Button>
    </fieldset>
  );
}
