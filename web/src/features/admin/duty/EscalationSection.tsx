// Tier-escalation rules: the list, and the forms to add, change or delete one.
import { useState } from 'react';
import { useFormat, useT } from '../../../app/i18n.tsx';
import { common } from '../../../app/messages.ts';
import { Button } from '../../../ui/Button.tsx';
import { EmptyState, ErrorBanner, Notice, Spinner } from '../../../ui/Feedback.tsx';
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
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const selected = items.find((r) => r.id === selectedId);

  return (
    <section aria-labelledby="escalation-heading">
      <h3 id="escalation-heading">{t('s_escalation')}</h3>
      <p className="muted">{t('escalationIntro')}</p>
      {notice && <Notice tone="success">{notice}</Notice>}
      <div className="duty-split">
        <div>
          <ErrorBanner error={rules.error} title={a('loadError')} />
          {rules.isPending && <Spinner label={c('loading')} />}
          {rules.data && items.length === 0 && <EmptyState>{t('noEscalations')}</EmptyState>}
          {items.length > 0 && (
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
                      <Button className="btn-small" aria-label={t('editEscalation', { name: r.name })} aria-pressed={r.id === selectedId} onClick={() => setSelectedId(r.id)}>
                        {a('edit')}
                      </Button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
        <div>
          <NewEscalationRule
            onCreated={(r) => {
              setNotice(null);
              setSelectedId(r.id);
            }}
          />
          {selected ? (
            <EditEscalationRule
              key={selected.id}
              rule={selected}
              onDeleted={() => {
                setNotice(t('escalationDeleted', { name: selected.name }));
                setSelectedId(null);
              }}
            />
          ) : (
            <p className="muted">{t('pickEscalation')}</p>
          )}
        </div>
      </div>
    </section>
  );
}
