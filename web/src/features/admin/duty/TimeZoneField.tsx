// A time-zone field: free text (the server checks the IANA name) with the browser's zones
// as suggestions.
import { useId } from 'react';
import { TextField } from '../../../ui/Field.tsx';
import { timeZoneNames } from './zones.ts';

export function TimeZoneField({ label, hint, value, onChange }: { label: string; hint?: string; value: string; onChange(v: string): void }) {
  const listId = useId();
  return (
    <>
      <TextField label={label} hint={hint} required autoComplete="off" spellCheck={false} list={listId} value={value} onChange={(e) => onChange(e.target.value)} />
      <datalist id={listId}>
        {timeZoneNames().map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
    </>
  );
}
