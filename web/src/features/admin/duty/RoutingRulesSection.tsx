// Routing rules: the ordered list (the first rule whose conditions all hold sends a new
// ticket to its group), moved up and down, and the forms to add, change or delete one.
import { api } from '../../../app/api-client.ts';
import { categoryOptions } from '../../../app/category-options.ts';
import { useT } from '../../../app/i18n.tsx';
import { common } from '../../../app/messages.ts';
import { Button } from '../../../ui/Button.tsx';
import { Notice } from '../../../ui/Feedback.tsx';
import { useAllOrganisations, useCategoryTree } from '../api.ts';
import { FormStatus } from '../components/FormStatus.tsx';
import { QueryList } from '../components/QueryList.tsx';
import { useSelection } from '../components/useSelection.ts';
import { useMailboxes } from '../mail/api.ts';
import { messages as admin } from '../messages.ts';
import { useDutyMutation, useRoutingRules } from './api.ts';
import { messages } from './messages.ts';
import { readConditions } from './rule-fields.ts';
import { EditRule, NewRule } from './RuleForms.tsx';

export function RoutingRulesSection() {
  const t = useT(messages);
  const a = useT(admin);
  const rules = useRoutingRules();
  const items = [...(rules.data ?? [])].sort((x, y) => x.position - y.position);
  const { selectedId, selected, select, notice, setNotice, created, deleted } = useSelection(items);
  const reorder = useDutyMutation((ids: number[]) => api.put('/routing/rules/order', { ids }));
  const describe = useDescribeConditions();

  function move(index: number, by: -1 | 1) {
    const ids = items.map((r) => r.id);
    const [id] = ids.splice(index, 1);
    ids.splice(index + by, 0, id);
    setNotice(null);
    reorder.mutate(ids, { onSuccess: () => setNotice(t('moved', { name: items[index].name, position: index + by + 1 })) });
  }

  return (
    <section aria-labelledby="rules-heading">
      <h3 id="rules-heading">{t('s_rules')}</h3>
      <p className="muted">{t('rulesIntro')}</p>
      {notice && <Notice tone="success">{notice}</Notice>}
      <FormStatus error={reorder.error} />
      <div className="duty-split">
        <div>
          <QueryList query={rules} count={items.length} empty={t('noRules')}>
            <table className="data admin-table" aria-labelledby="rules-heading">
              <thead>
                <tr>
                  <th scope="col" className="num">
                    {t('colOrder')}
                  </th>
                  <th scope="col">{t('colRule')}</th>
                  <th scope="col">{t('colConditions')}</th>
                  <th scope="col">{t('colGroup')}</th>
                  <th scope="col">{t('colState')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{a('actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((r, i) => (
                  <tr key={r.id} className={r.id === selectedId ? 'selected' : undefined}>
                    <td className="num">{i + 1}</td>
                    <td>{r.name}</td>
                    <td>
                      <ul className="duty-conds">
                        {describe(r.conditions).map((line) => (
                          <li key={line}>{line}</li>
                        ))}
                      </ul>
                    </td>
                    <td>{r.group.name}</td>
                    <td>{r.isActive ? a('active') : a('inactive')}</td>
                    <td>
                      <div className="duty-row-actions">
                        <Button className="btn-small" aria-label={t('moveUp', { name: r.name })} disabled={i === 0 || reorder.isPending} onClick={() => move(i, -1)}>
                          ↑
                        </Button>
                        <Button className="btn-small" aria-label={t('moveDown', { name: r.name })} disabled={i === items.length - 1 || reorder.isPending} onClick={() => move(i, 1)}>
                          ↓
                        </Button>
                        <Button className="btn-small" aria-label={t('editRule', { name: r.name })} aria-pressed={r.id === selectedId} onClick={() => select(r.id)}>
                          {a('edit')}
                        </Button>
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </QueryList>
        </div>
        <div>
          <NewRule onCreated={created} />
          {selected ? (
            <EditRule key={selected.id} rule={selected} onDeleted={() => deleted(t('ruleDeleted', { name: selected.name }))} />
          ) : (
            <p className="muted">{t('pickRule')}</p>
          )}
        </div>
      </div>
    </section>
  );
}

/** One line per condition, with names instead of ids. */
function useDescribeConditions() {
  const t = useT(messages);
  const c = useT(common);
  const mailboxes = new Map((useMailboxes().data ?? []).map((m) => [m.id, m.name]));
  const categories = new Map(categoryOptions(useCategoryTree().data).map((o) => [o.id, o.path]));
  const organisations = new Map((useAllOrganisations().data ?? []).map((o) => [o.id, o.name]));
  const names = (ids: number[], from: Map<number, string>) => ids.map((id) => from.get(id) ?? `#${id}`).join(', ');
  return (raw: Record<string, unknown>): string[] => {
    const k = readConditions(raw);
    const lines: string[] = [];
    if (k.channels.length) lines.push(t('condChannels', { list: k.channels.map((ch) => c(`channel_${ch}`)).join(', ') }));
    if (k.mailboxIds.length) lines.push(t('condMailboxes', { list: names(k.mailboxIds, mailboxes) }));
    if (k.categoryIds.length) lines.push(t('condCategories', { list: names(k.categoryIds, categories) }));
    if (k.organisationIds.length) lines.push(t('condOrganisations', { list: names(k.organisationIds, organisations) }));
    if (k.keywords.length) lines.push(t('condKeywords', { list: k.keywords.join(', ') }));
    return lines;
  };
}
