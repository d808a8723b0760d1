// A mailbox form's fields as the inputs hold them (strings), and the request body they make.
import type { CreateMailboxInput, UpdateMailboxInput } from '../../../../../common/schemas/email.ts';
import type { Mailbox } from './api.ts';

export interface MailboxFields {
  name: string;
  address: string;
  useImap: boolean;
  host: string;
  port: string;
  tls: boolean;
  user: string;
  password: string;
  folder: string;
  processedAction: 'move' | 'flag';
  processedFolder: string;
  pollSeconds: string;
  defaultGroupId: string;
  defaultCategoryId: string;
  defaultOrganisationId: string;
  active: boolean;
}

const id = (v: number | null) => (v === null ? '' : String(v));
const idOrNull = (v: string) => (v === '' ? null : Number(v));

export function mailboxFields(m: Mailbox | null): MailboxFields {
  const imap = m?.imap ?? null;
  return {
    name: m?.name ?? '',
    address: m?.address ?? '',
    useImap: imap !== null,
    host: imap?.host ?? '',
    port: String(imap?.port ?? 993),
    tls: imap?.tls ?? true,
    user: imap?.user ?? '',
    password: '',
    folder: imap?.folder ?? 'INBOX',
    processedAction: imap?.processedAction ?? 'move',
    processedFolder: imap?.processedFolder ?? 'Processed',
    pollSeconds: String(imap?.pollSeconds ?? 60),
    defaultGroupId: id(m?.defaultGroupId ?? null),
    defaultCategoryId: id(m?.defaultCategoryId ?? null),
    defaultOrganisationId: id(m?.defaultOrganisationId ?? null),
    active: m?.active ?? true,
  };
}

/** The body for POST or PATCH; an empty password is left out, so the stored one is kept. */
export function mailboxBody(f: MailboxFields): CreateMailboxInput & UpdateMailboxInput {
  return {
    name: f.name,
    address: f.address.trim(),
    imap: f.useImap
      ? {
          host: f.host,
          port: Number(f.port),
          tls: f.tls,
          user: f.user,
          ...(f.password ? { password: f.password } : {}),
          folder: f.folder,
          processedAction: f.processedAction,
          processedFolder: f.processedFolder,
          pollSeconds: Number(f.pollSeconds),
        }
      : null,
    defaultGroupId: idOrNull(f.defaultGroupId),
    defaultCategoryId: idOrNull(f.defaultCategoryId),
    defaultOrganisationId: idOrNull(f.defaultOrganisationId),
    active: f.active,
  };
}
