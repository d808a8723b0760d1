// The targets of a policy: per priority, first response, next response (optional) and
// resolution, each a number and a unit.
import { useT } from '../../../../app/i18n.tsx';
import { PRIORITY_LEVELS, type SlaMetric } from '../api.ts';
import { UNITS, type Duration, type EditableTargets, type PriorityLevel, type Unit } from './durations.ts';
import { messages } from './messages.ts';

const COLUMNS: SlaMetric[] = ['firstResponse', 'nextResponse', 'resolution'];

export function TargetsTable({ targets, onChange }: { targets: EditableTargets; onChange(t: EditableTargets): void }) {
  const t = useT(messages);
  const set = (p: PriorityLevel, m: SlaMetric, d: Duration) => onChange({ ...targets, [p]: { ...targets[p], [m]: d } });
  return (
    <table className="data sla-targets">
      <caption>{t('targets')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('priority')}</th>
          {COLUMNS.map((m) => (
            <th scope="col" key={m}>
              {t(`metric_${m}`)}
              {m === 'nextResponse' && <div className="muted">{t('optional')}</div>}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {PRIORITY_LEVELS.map((p) => (
          <tr key={p}>
            <th scope="row">P{p}</th>
            {COLUMNS.map((m) => (
              <td key={m}>
                <DurationInput label={t('targetLabel', { priority: `P${p}`, metric: t(`metric_${m}`) })} required={m !== 'nextResponse'} value={targets[p][m]} onChange={(d) => set(p, m, d)} />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function DurationInput({ label, required, value, onChange }: { label: string; required: boolean; value: Duration; onChange(d: Duration): void }) {
  const t = useT(messages);
  return (
    <span className="sla-duration">
      <input type="number" aria-label={label} min={0} step="any" required={required} value={value.value} onChange={(e) => onChange({ ...value, value: e.target.value })} />
      <select aria-label={t('unitOf', { what: label })} value={value.unit} onChange={(e) => onChange({ ...value, unit: e.target.value as Unit })}>
        {(Object.keys(UNITS) as Unit[]).map((u) => (
          <option key={u} value={u}>
            {t(`unit_${u}`)}
          </option>
        ))}
      </select>
    </span>
  );
}
