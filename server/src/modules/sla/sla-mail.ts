// An SLA warning or breach by mail, to the assignee, the ticket's group, or the supervisors
// serving the ticket's organisation, each in their language with the due time in the
// policy calendar's zone.
import type { Language } from '../../../../common/enums.ts';
import type { SlaMetric } from '../../../../common/schemas/sla.ts';
import type { Trx } from '../../db/db.ts';
import type { TicketChange } from '../tickets/ticket-change.ts';
import { findUsers } from '../notifications/outbound.repo.ts';
import { queueStaffMail } from '../notifications/staff-mail.ts';

const METRIC_NAMES: Record<Language, Record<SlaMetric, string>> = {
  en: { firstResponse: 'first response', resolution: 'resolution', nextResponse: 'next response' },
  fr: { firstResponse: 'première réponse', resolution: 'résolution', nextResponse: 'réponse suivante' },
};

export interface SlaMailFacts {
  on: 'warning' | 'breach';
  metric: SlaMetric;
  dueAt: string | null;
  policyName: string;
  timeZone: string;
}

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

/** Queues the notification mail; resolves to how many people it was queued for (0 without a relay). */
export async function queueSlaMail(c: TicketChange, audience: Audience, f: SlaMailFacts): Promise<number> {
  if (!c.deps.config.mail.relayUrl) return 0;
  const ids = await slaRecipients(c.trx, audience, c.row);
  if (ids.length === 0) return 0;
  const people = await findUsers(c.trx, ids);
  let queued = 0;
  for (const person of people) {
    const sent = await queueStaffMail(c.trx, c.deps, {
      kind: f.on === 'warning' ? 'sla_warning' : 'sla_breach',
      ticket: c.row,
      person,
      eventId: null,
      view: (language) => ({ sla: { metric: METRIC_NAMES[language][f.metric], dueAt: f.dueAt ? formatDue(f.dueAt, language, f.timeZone) : '', policy: f.policyName } }),
      at: c.at,
    });
    if (sent) queued++;
  }
  return queued;
}

function formatDue(iso: string, language: Language, timeZone: string): string {
  const when = new Intl.DateTimeFormat(language === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(iso));
  return `${when} (${timeZone})`;
}
