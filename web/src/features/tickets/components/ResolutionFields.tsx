// The resolution record's fields (shared by the resolution panel and the phone-call form).
import type { Ref } from 'react';
import { useT } from '../../../app/i18n.tsx';
import { TextArea, TextField } from '../../../ui/Field.tsx';
import { panelMessages } from '../panel-messages.ts';

export interface ResolutionDraft {
  symptoms: string;
  diagnosis: string;
  actions: string;
  result: string;
  code: string;
}
export const REQUIRED_FIELDS = ['symptoms', 'diagnosis', 'actions', 'result'] as const;
export type ResolutionErrors = Partial<Record<(typeof REQUIRED_FIELDS)[number], string>>;
export const emptyResolution: ResolutionDraft = { symptoms: '', diagnosis: '', actions: '', result: '', code: '' };

/** Errors for the required fields left empty (empty object when complete). */
export function missingFields(r: ResolutionDraft, message: string): ResolutionErrors {
  return Object.fromEntries(REQUIRED_FIELDS.filter((f) => !r[f].trim()).map((f) => [f, message]));
}

/** The record as the API takes it: trimmed, the optional code left out when empty. */
export function toRecord(r: ResolutionDraft) {
  const code = r.code.trim();
  return { symptoms: r.symptoms.trim(), diagnosis: r.diagnosis.trim(), actions: r.actions.trim(), result: r.result.trim(), ...(code ? { code } : {}) };
}

export function ResolutionFields({
  value,
  onChange,
  errors = {},
  firstField,
}: {
  value: ResolutionDraft;
  onChange(v: ResolutionDraft): void;
  errors?: ResolutionErrors;
  firstField?: Ref<HTMLTextAreaElement>;
}) {
  const t = useT(panelMessages);
  return (
    <>
      {REQUIRED_FIELDS.map((f, i) => (
        <TextArea
          key={f}
          ref={i === 0 ? firstField : undefined}
          label={t(`res_${f}`)}
          rows={2}
          required
          maxLength={10_000}
          error={errors[f]}
          value={value[f]}
          onChange={(e) => onChange({ ...value, [f]: e.target.value })}
        />
      ))}
      <TextField label={t('res_codeOptional')} maxLength={64} value={value.code} onChange={(e) => onChange({ ...value, code: e.target.value })} />
    </>
  );
}
