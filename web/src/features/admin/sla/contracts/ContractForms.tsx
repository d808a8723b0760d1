// Creating, changing and deleting a contract: the organisation (fixed once created), the
// policy, an optional period (either end may stay open) and notes.
import { useState } from 'react';
import { api } from '../../../../app/api-client.ts';
import { useT } from '../../../../app/i18n.tsx';
import { SelectField, TextArea, TextField } from '../../../../ui/Field.tsx';
import { useAllOrganisations } from '../../api.ts';
import { ConfirmDelete } from '../../components/ConfirmDelete.tsx';
import { FormFooter } from '../../components/FormFooter.tsx';
import { FormStatus } from '../../components/FormStatus.tsx';
import { useFormRun } from '../../components/useFormRun.ts';
import { messages as admin } from '../../messages.ts';
import { usePolicies, useSlaMutation, type Contract } from '../api.ts';
import { messages } from './messages.ts';

interface ContractFields {
  organisationId: string;
  name: string;
  policyId: string;
  startsOn: string;
  endsOn: string;
  notes: string;
}

const fieldsOf = (k: Contract | null, organisationId: number | null): ContractFields => ({
  organisationId: k ? String(k.organisation.id) : organisationId ? String(organisationId) : '',
  name: k?.name ?? '',
  policyId: k ? String(k.policy.id) : '',
  startsOn: k?.startsOn ?? '',
  endsOn: k?.endsOn ?? '',
  notes: k?.notes ?? '',
});

const changesOf = (f: ContractFields) => ({ name: f.name, policyId: Number(f.policyId), startsOn: f.startsOn || null, endsOn: f.endsOn || null, notes: f.notes });

function ContractForm({ contract, initial, submitLabel, run, onDone }: { contract: Contract | null; initial: ContractFields; submitLabel: string; run(f: ContractFields): Promise<Contract>; onDone(k: Contract): void }) {
  const t = useT(messages);
  const a = useT(admin);
  const organisations = useAllOrganisations().data ?? [];
  const policies = usePolicies().data ?? [];
  const [f, setF] = useState(initial);
  const set = <K extends keyof ContractFields>(k: K, v: ContractFields[K]) => setF((prev) => ({ ...prev, [k]: v }));
  const { busy, error, submit } = useFormRun(async () => onDone(await run(f)));

  return (
    <form onSubmit={submit}>
      <div className="grid-2">
        {contract ? (
          <TextField label={t('organisation')} readOnly value={contract.organisation.name} hint={t('organisationFixed')} />
        ) : (
          <SelectField label={t('organisation')} required value={f.organisationId} onChange={(e) => set('organisationId', e.target.value)}>
            <option value="">{t('chooseOrganisation')}</option>
            {organisations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </SelectField>
        )}
        <TextField label={a('name')} required maxLength={200} value={f.name} onChange={(e) => set('name', e.target.value)} />
      </div>
      <SelectField label={t('policy')} required value={f.policyId} onChange={(e) => set('policyId', e.target.value)}>
        <option value="">{t('choosePolicy')}</option>
        {policies.map((p) => (
          <option key={p.id} value={p.id}>
            {p.isDefault ? t('policyDefault', { name: p.name }) : p.name}
          </option>
        ))}
      </SelectField>
      <div className="grid-2">
        <TextField label={t('startsOn')} hint={t('startsOnHint')} type="date" value={f.startsOn} max={f.endsOn || undefined} onChange={(e) => set('startsOn', e.target.value)} />
        <TextField label={t('endsOn')} hint={t('endsOnHint')} type="date" value={f.endsOn} min={f.startsOn || undefined} onChange={(e) => set('endsOn', e.target.value)} />
      </div>
      <TextArea label={t('notes')} rows={3} maxLength={5000} value={f.notes} onChange={(e) => set('notes', e.target.value)} />
      <FormFooter error={error} busy={busy} label={submitLabel} />
    </form>
  );
}

export function NewContract({ organisationId, onCreated }: { organisationId: number | null; onCreated(k: Contract): void }) {
  const t = useT(messages);
  const create = useSlaMutation((f: ContractFields) => api.post<Contract>('/contracts', { organisationId: Number(f.organisationId), ...changesOf(f) }));
  return (
    <section className="panel sla-form" aria-labelledby="contract-new-heading">
      <h4 id="contract-new-heading">{t('newContract')}</h4>
      <ContractForm key={organisationId ?? 0} contract={null} initial={fieldsOf(null, organisationId)} submitLabel={t('createContract')} run={(f) => create.mutateAsync(f)} onDone={onCreated} />
    </section>
  );
}

export function EditContract({ contract, onDeleted }: { contract: Contract; onDeleted(): void }) {
  const t = useT(messages);
  const [saved, setSaved] = useState(false);
  const update = useSlaMutation((f: ContractFields) => api.patch<Contract>(`/contracts/${contract.id}`, changesOf(f)));
  const remove = useSlaMutation(() => api.delete(`/contracts/${contract.id}`));
  return (
    <section className="panel sla-form stack" aria-labelledby="contract-edit-heading">
      <h4 id="contract-edit-heading">{t('contractTitle', { name: contract.name, organisation: contract.organisation.name })}</h4>
      <ContractForm
        contract={contract}
        initial={fieldsOf(contract, null)}
        submitLabel={t('saveContract')}
        run={(f) => {
          setSaved(false);
          return update.mutateAsync(f);
        }}
        onDone={() => setSaved(true)}
      />
      <FormStatus success={saved ? t('contractSaved') : null} />
      <ConfirmDelete label={t('deleteContract')} confirmLabel={t('confirmDeleteContract', { name: contract.name })} hint={t('deleteContractHint')} run={() => remove.mutateAsync(undefined)} onDone={onDeleted} />
    </section>
  );
}
