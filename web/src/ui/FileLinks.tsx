// The files a reply or note carries, as download links with their size: on the agent's
// timeline card and in the requester's conversation alike.
import { useFormat, useT } from '../app/i18n.tsx';
import { common } from '../app/messages.ts';

export interface FileLink {
  id: number;
  filename: string;
  size: number;
}

/** The files listed in an event's data (`attachments`), skipping anything malformed. */
export function filesOfEvent(data: Record<string, unknown> | null | undefined): FileLink[] {
  const list = Array.isArray(data?.attachments) ? (data.attachments as unknown[]) : [];
  return list.filter((a): a is FileLink => {
    const o = a as Partial<FileLink> | null;
    return typeof o?.id === 'number' && typeof o.filename === 'string' && typeof o.size === 'number';
  });
}

export function FileLinks({ files }: { files: FileLink[] }) {
  const c = useT(common);
  const f = useFormat();
  if (files.length === 0) return null;
  return (
    <ul className="msg-files" aria-label={c('messageFiles')}>
      {files.map((a) => (
        <li key={a.id}>
          <a href={`/api/v1/attachments/${a.id}/content`} download={a.filename}>
            {a.filename}
          </a>{' '}
          <span className="muted">{c('fileSizeKb', { size: f.number(Math.max(1, Math.ceil(a.size / 1024))) })}</span>
        </li>
      ))}
    </ul>
  );
}
