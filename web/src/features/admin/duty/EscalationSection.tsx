// Tier-escalation rules: the list, and the forms to add, change or delete one.
import { useFormat, useT } from '../../../app/i18n.tsx';
import { common } from '../../../app/messages.ts';
import { Button } from '../../../ui/Button.tsx';
import { Notice } from '../../../ui/Feedback.tsx';
import { QueryList } from '../components/QueryList.tsx';
import { useSelection } from '../components/useSelection.ts';
import { messages as admin } from '../messages.ts';
import { useEscalationRules } from './api.ts';
import { EditEscalationRule, NewEscalationRule } from './EscalationForms.tsx';
import { messages } from './messages.ts';

export function EscalationSection() {
  const t = useT(messages);
  const a = useT(admin);
  const c = useT(common);
  const f = useFormat();
  const rules = useEscalationRules();
  const items = rules.data ?? [];
  const { selectedId, selected, select, notice, created, deleted } = useSelection(items);

  return (
    <section aria-labelledby="escalation-heading">
      <h3 id="escalation-heading">{t('s_escalation')}</h3>
      <p className="muted">{t('escalationIntro')}</p>
      {notice && <Notice tone="success">{notice}</Notice>}
      <div className="duty-split">
        <div>
          <QueryList query={rules} count={items.length} empty={t('noEscalations')}>
            <table className="data admin-table" aria-labelledby="escalation-heading">
              <thead>
                <tr>
                  <th scope="col">{t('colRule')}</th>
                  <th scope="col">{t('fromTier')}</th>
                  <th scope="col">{t('colAfter')}</th>
                  <th scope="col">{t('toGroup')}</th>
                  <th scope="col">{t('colState')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{a('actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((r) => (
                  <tr key={r.id} className={r.id === selectedId ? 'selected' : undefined}>
                    <td>{r.name}</td>
                    <td>{c('tier', { tier: r.fromTier })}</td>
                    <td>{t('minutes', { n: f.number(r.afterMinutes) })}</td>
                    <td>
                      {r.toGroup.name} ({c('tier', { tier: r.toGroup.tier })})
                    </td>
                    <td>{r.isActive ? a('active') : a('inactive')}</td>
                    <td>
                      <Button className="btn-small" aria-label={t('editEscalation', { name: r.name })} aria-pressed={r.id === selectedId} onClick={() => select(r.id)}>
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
          <NewEscalationRule onCreated={created} />
          {selected ? (
            <EditEscalationRule key={selected.id} rule={selected} onDeleted={() => deleted(t('escalationDeleted', { name: selected.name }))} />
          ) : (
            <p className="muted">{t('pickEscalation')}</p>
          )}
        </div>
      </div>
    </section>
  );
}
