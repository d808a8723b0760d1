// Importing holidays from an iCalendar (.ics) file: read in the browser as text, sent as is;
// the server keeps the all-day events and says what it imported, updated and skipped.
import { useId, useState, type FormEvent } from 'react';
import { api } from '../../../../app/api-client.ts';
import { useT } from '../../../../app/i18n.tsx';
import { Button } from '../../../../ui/Button.tsx';
import { Notice } from '../../../../ui/Feedback.tsx';
import { FormStatus } from '../../components/FormStatus.tsx';
import { useSlaMutation, type ImportResult } from '../api.ts';
import { messages } from '../messages.ts';

const MAX_BYTES = 2_000_000;

export function HolidayImport({ calendarId }: { calendarId: number }) {
  const t = useT(messages);
  const inputId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [tooBig, setTooBig] = useState(false);
  const [result, setResult] = useState<ImportResult | null>(null);
  const run = useSlaMutation(async (f: File) => api.post<ImportResult>(`/calendars/${calendarId}/holidays/import`, { ics: await f.text() }));

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!file) return;
    setResult(null);
    run.mutate(file, { onSuccess: setResult });
  }

  return (
    <form onSubmit={submit} aria-labelledby="holiday-import-heading" className="sla-subform">
      <h5 id="holiday-import-heading">{t('importTitle')}</h5>
      <div className="field">
        <label htmlFor={inputId}>{t('importFile')}</label>
        <input
          id={inputId}
          type="file"
          accept=".ics,text/calendar"
          aria-describedby={`${inputId}-hint`}
          required
          onChange={(e) => {
            const f = e.target.files?.[0] ?? null;
            setTooBig(!!f && f.size > MAX_BYTES);
            setFile(f);
            setResult(null);
          }}
        />
        <div className="field-hint" id={`${inputId}-hint`}>
          {t('importHint')}
        </div>
      </div>
      {tooBig && <FormStatus error={new Error(t('importTooBig'))} />}
      <FormStatus error={run.error} />
      {result && <ImportSummary result={result} />}
      <Button type="submit" busy={run.isPending} disabled={!file || tooBig}>
        {t('importButton')}
      </Button>
    </form>
  );
}

function ImportSummary({ result }: { result: ImportResult }) {
  const t = useT(messages);
  return (
    <Notice tone={result.skipped.length > 0 ? 'warning' : 'success'}>
      {t('importDone', { imported: result.imported, updated: result.updated, skipped: result.skipped.length })}
      {result.skipped.length > 0 && (
        <ul className="sla-skipped">
          {result.skipped.map((s, i) => (
            <li key={i}>{t('importSkipped', { summary: s.summary || t('untitled'), reason: s.reason })}</li>
          ))}
        </ul>
      )}
    </Notice>
  );
}
