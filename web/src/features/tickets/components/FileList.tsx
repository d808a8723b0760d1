// Files chosen for the next message: a native file input and the list, each removable.
import { useId, useRef } from 'react';
import { useFormat, useT } from '../../../app/i18n.tsx';
import { messages } from '../messages.ts';

export function FileList({ files, onChange }: { files: File[]; onChange(files: File[]): void }) {
  const t = useT(messages);
  const f = useFormat();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  return (
    <div className="field">
      <label htmlFor={id}>{t('attachments')}</label>
      <input
        ref={input}
        id={id}
        type="file"
        multiple
        onChange={(e) => {
          onChange([...files, ...Array.from(e.target.files ?? [])]);
          e.target.value = ''; // so that choosing the same file again still fires
        }}
      />
      {files.length > 0 && (
        <ul className="composer-files">
          {files.map((file, i) => (
            <li key={`${file.name}-${i}`}>
              {file.name} <span className="muted">({f.number(Math.ceil(file.size / 1024))} KB)</span>
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
