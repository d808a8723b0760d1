// Creating a routing rule (it goes last unless placed), changing one, deleting one.
import { useState } from 'react';
import { api } from '../../../app/api-client.ts';
import { useT } from '../../../app/i18n.tsx';
import { ConfirmDelete } from '../components/ConfirmDelete.tsx';
import { FormFooter } from '../components/FormFooter.tsx';
import { FormStatus } from '../components/FormStatus.tsx';
import { useFormRun } from '../components/useFormRun.ts';
import { useNewForm } from '../components/useNewForm.ts';
import { useDutyMutation, type RoutingRule } from './api.ts';
import { messages } from './messages.ts';
import { ruleBody, ruleFields, type RuleFields } from './rule-fields.ts';
import { RuleFieldset } from './RuleFieldset.tsx';

function RuleForm({ rule, submitLabel, run }: { rule: RoutingRule | null; submitLabel: string; run(f: RuleFields): Promise<unknown> }) {
  const [fields, setFields] = useState(() => ruleFields(rule));
  const { busy, error, submit } = useFormRun(() => run(fields));
  return (
    <form onSubmit={submit}>
      <RuleFieldset fields={fields} onChange={setFields} />
      <FormFooter error={error} busy={busy} label={submitLabel} />
    </form>
  );
}

export function NewRule({ onCreated }: { onCreated(r: RoutingRule): void }) {
  const t = useT(messages);
  const created = useNewForm((r: RoutingRule) => t('ruleCreated', { name: r.name }), onCreated);
  const create = useDutyMutation((f: RuleFields) => api.post<RoutingRule>('/routing/rules', ruleBody(f)));
  return (
    <section className="panel" aria-labelledby="rule-new-heading">
      <h4 id="rule-new-heading">{t('newRule')}</h4>
      <RuleForm
        key={created.key}
        rule={null}
        submitLabel={t('createRule')}
        run={async (f) => {
          created.start();
          created.finish(await create.mutateAsync(f));
        }}
      />
      <FormStatus success={created.done} />
    </section>
  );
}

export function EditRule({ rule, onDeleted }: { rule: RoutingRule; onDeleted(): void }) {
  const t = useT(messages);
  const [saved, setSaved] = useState(false);
  const update = useDutyMutation((f: RuleFields) => api.patch<RoutingRule>(`/routing/rules/${rule.id}`, ruleBody(f)));
  const remove = useDutyMutation(() => api.delete(`/routing/rules/${rule.id}`));
  return (
    <section className="panel stack" aria-labelledby="rule-edit-heading">
      <h4 id="rule-edit-heading">{t('editRuleTitle', { name: rule.name })}</h4>
      <RuleForm
        rule={rule}
        submitLabel={t('saveRule')}
        run={async (f) => {
          setSaved(false);
          await update.mutateAsync(f);
          setSaved(true);
        }}
      />
      <FormStatus success={saved ? t('ruleSaved') : null} />
      <ConfirmDelete label={t('deleteRule')} confirmLabel={t('confirmDelete', { name: rule.name })} run={() => remove.mutateAsync(undefined)} onDone={onDeleted} />
    </section>
  );
}
