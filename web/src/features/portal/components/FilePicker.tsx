// Choosing files to attach: a native file input (keyboard and screen-reader friendly) and
// the list of chosen files, each removable.
import { useId, useRef } from 'react';
import { useFormat, useT } from '../../../app/i18n.tsx';
import { portalMessages } from '../messages.ts';
import { MAX_FILES_PER_UPLOAD } from '../api.ts';

export function FilePicker({ files, onChange, label, error }: { files: File[]; onChange(files: File[]): void; label: string; error?: string | null }) {
  const t = useT(portalMessages);
  const f = useFormat();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        ref={input}
        id={id}
        type="file"
        multiple
        className="portal-file-input"
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
        aria-invalid={!!error || undefined}
        onChange={(e) => {
          onChange([...files, ...Array.from(e.target.files ?? [])]);
          // Emptied so that choosing the same file again after removing it still fires.
          e.target.value = '';
        }}
      />
      <div className="field-hint" id={`${id}-hint`}>
        {t('fieldAttachmentsHint', { max: MAX_FILES_PER_UPLOAD })}
      </div>
      {error && (
        <div className="field-error" id={`${id}-error`}>
          {error}
        </div>
      )}
      {files.length > 0 && (
        <ul className="portal-files">
          {files.map((file, i) => (
            <li key={`${file.name}-${i}`}>
              <span className="portal-file-name">{file.name}</span> <span className="muted">{t('sizeKb', { size: f.number(Math.ceil(file.size / 1024)) })}</span>
              <button
                type="button"
                className="btn btn-ghost"
                aria-label={t('removeFile', { name: file.name })}
                onClick={() => {
                  onChange(files.filter((_, j) => j !== i));
                  input.current?.focus();
                }}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
