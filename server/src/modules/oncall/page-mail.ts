// The page by mail: an oncall_page notification to the person paged (see staff-mail.ts).
import type { Trx } from '../../db/db.ts';
import type { TicketRow } from '../../db/schema.ts';
import type { Deps } from '../../lib/deps.ts';
import { queueStaffMail, type StaffRecipient } from '../notifications/staff-mail.ts';

export type PagedPerson = StaffRecipient;

export const ackUrlOf = (publicUrl: string, pageId: number) => `${publicUrl}/agent/on-duty?ack=${pageId}`;

export async function queuePageMail(
  trx: Trx,
  deps: Deps,
  p: { ticket: TicketRow; person: PagedPerson; pageId: number; eventId: number; level: number; rotationName: string; at: string },
): Promise<void> {
  await queueStaffMail(trx, deps, {
    kind: 'oncall_page',
    ticket: p.ticket,
    person: p.person,
    eventId: p.eventId,
    view: () => ({ page: { ackUrl: ackUrlOf(deps.config.publicUrl, p.pageId), rotation: p.rotationName, level: p.level } }),
    at: p.at,
  });
}
