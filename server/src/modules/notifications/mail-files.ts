// The files an agent's reply mail carries. Chosen when the mail is composed (the reply's
// public files, all of them or none: GUICHET_MAIL_ATTACH_MAX_BYTES in total), recorded as
// references on the outbound row, and read from the attachment store when it is sent.
import crypto from 'node:crypto';
import type { Language } from '../../../../common/enums.ts';
import type { Trx } from '../../db/db.ts';
import type { Deps } from '../../lib/deps.ts';
import { listPublicFilesOfMessage } from '../attachments/attachments.repo.ts';
import { openBlob } from '../attachments/attachment-store.ts';
import { FILES_NOT_ATTACHED, type TemplateContent } from './default-templates.ts';
import type { WrittenEvent } from './ticket-notifications.ts';
import * as repo from './outbound.repo.ts';

export interface MailFileChoice {
  /** Attachment ids the mail carries, in order. */
  attached: number[];
  /** Names of the files left on the ticket because together they pass the cap; '' when none. */
  notAttached: string;
}

const NONE: MailFileChoice = { attached: [], notAttached: '' };

/** The ids a message named when it was written (see filesOfMessage). */
function namedIds(event: WrittenEvent): number[] {
  const list = event.data?.attachments;
  if (!Array.isArray(list)) return [];
  return list.map((a) => (a as { id?: unknown }).id).filter((id): id is number => typeof id === 'number');
}

/** All the reply's public files if they fit under `maxBytes` together, else none (a partial set would mislead). */
export async function chooseMailFiles(trx: Trx, ticketId: number, event: WrittenEvent | null, maxBytes: number): Promise<MailFileChoice> {
  if (!event || event.internal) return NONE;
  const files = await listPublicFilesOfMessage(trx, ticketId, event.id, namedIds(event));
  if (files.length === 0) return NONE;
  const total = files.reduce((sum, f) => sum + f.size, 0);
  if (total <= maxBytes) return { attached: files.map((f) => f.id), notAttached: '' };
  return { attached: [], notAttached: files.map((f) => f.filename).join(', ') };
}

/** A customised template that does not mention files.notAttached still says where the files are. */
export function withFilesNote(t: TemplateContent, language: Language): TemplateContent {
  const note = FILES_NOT_ATTACHED[language];
  const has = (part: string) => part.includes('files.notAttached');
  return {
    ...t,
    text: has(t.text) ? t.text : `${t.text.trimEnd()}\n${note.text}\n`,
    html: t.html === null || has(t.html) ? t.html : `${t.html}\n${note.html}`,
  };
}

/** A file the mail must carry is not in the store: sending without it would mislead, so the send fails for good. */
export class MissingMailFileError extends Error {
  readonly isPermanent = true;
}

export interface MailAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

/** The outbound row's files with their bytes, checked against their digest. */
export async function readMailFiles(deps: Deps, outboundId: number): Promise<MailAttachment[]> {
  const files = await repo.listOutboundAttachments(deps.db, outboundId);
  const out: MailAttachment[] = [];
  for (const f of files) {
    const blob = await openBlob(deps.config.dataDir, f.sha256);
    const content = blob ? await blob.handle.readFile().finally(() => blob.handle.close()) : null;
    if (!content || crypto.createHash('sha256').update(content).digest('hex') !== f.sha256) {
      deps.logger.error({ outboundId, attachmentId: f.id, sha256: f.sha256 }, 'a file of an outgoing mail is missing from storage');
      throw new MissingMailFileError(
        `The file "${f.filename}" (attachment ${f.id}) is ${content ? 'damaged' : 'missing'} in the attachment store, so this mail, which carries it, was not sent. Restore the file, then send the mail again.`,
      );
    }
    out.push({ filename: f.filename, contentType: f.content_type, content });
  }
  return out;
}
