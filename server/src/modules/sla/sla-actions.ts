// What a warning or a breach does, as the policy says: notify people, raise the priority,
// reassign, escalate. Each runs on the locked ticket inside the scheduler's change, so the
// action and the record that it happened commit together (or not at all).
import type { SlaAction, SlaMetric } from '../../../../common/schemas/sla.ts';
import { priorityLabel } from '../tickets/priority-matrix.ts';
import { changeAssignment, set, type TicketChange } from '../tickets/ticket-change.ts';
import { applyEscalation } from '../tickets/ticket-workflow.service.ts';
import * as ticketsRepo from '../tickets/tickets.repo.ts';
import type { LoadedPolicy } from './sla-clock.ts';
import { queueSlaMail, type SlaMailFacts } from './sla-mail.ts';

const METRIC_LABEL: Record<SlaMetric, string> = { firstResponse: 'first response', resolution: 'resolution', nextResponse: 'next response' };

/** Runs the policy's actions for one warning or breach; returns what was done, for the timeline. */
export async function runSlaActions(c: TicketChange, policy: LoadedPolicy, timeZone: string, on: 'warning' | 'breach', metric: SlaMetric, dueAt: string | null): Promise<string[]> {
  const done: string[] = [];
  const actions = policy.actions.filter((a) => a.on === on && (a.metric === 'any' || a.metric === metric));
  const why = `SLA ${on} (${METRIC_LABEL[metric]}, policy ${policy.name})`;
  for (const action of actions) {
    const outcome = await runOne(c, action, why, { on, metric, dueAt, policyName: policy.name, timeZone });
    if (outcome) done.push(outcome);
  }
  return done;
}

async function runOne(c: TicketChange, action: SlaAction, why: string, what: SlaMailFacts): Promise<string | null> {
  switch (action.do) {
    case 'notify_assignee':
    case 'notify_group':
    case 'notify_supervisors': {
      const sent = await queueSlaMail(c, action.do, what);
      return `${action.do}:${sent}`;
    }
    case 'raise_priority': {
      if (c.row.priority <= 1) return null;
      const from = c.row.priority;
      set(c, 'priority', from - 1);
      set(c, 'is_priority_overridden', 1);
      set(c, 'priority_reason', `Raised automatically: ${why}`);
      c.events.push({ kind: 'field', internal: true, data: { changes: { priority: { from, to: from - 1 } }, reason: `Raised automatically: ${why}` } });
      return `raise_priority:${priorityLabel(from - 1)}`;
    }
    case 'reassign': {
      if (action.groupId === undefined || action.groupId === c.row.group_id) return null;
      if (!(await ticketsRepo.findGroup(c.trx, action.groupId))) return null; // deleted since
      await changeAssignment(c, { groupId: action.groupId, assigneeId: null }, { allowTierUp: true });
      return `reassign:${action.groupId}`;
    }
    case 'escalate': {
      const target = action.groupId !== undefined ? await ticketsRepo.findGroup(c.trx, action.groupId) : (await ticketsRepo.findGroupsAtTier(c.trx, c.row.tier + 1))[0];
      if (!target || target.tier <= c.row.tier || target.id === c.row.group_id) return null;
      await applyEscalation(c, target, `Escalated automatically: ${why}.`);
      return `escalate:${target.id}`;
    }
  }
}

/** The hand-off note of a tier rule: why, and what the ticket already holds. */
export async function tierHandOffNote(c: TicketChange, rule: { name: string; afterMinutes: number }): Promise<string> {
  const lines = [`Escalated automatically by the rule "${rule.name}": unresolved at tier ${c.row.tier} after ${rule.afterMinutes} business minutes.`];
  if (c.row.resolution_symptoms) lines.push(`Symptoms so far: ${c.row.resolution_symptoms}`);
  if (c.row.resolution_diagnosis) lines.push(`Diagnosis so far: ${c.row.resolution_diagnosis}`);
  const lastNote = await c.trx
    .selectFrom('ticket_events')
    .select('body')
    .where('ticket_id', '=', c.row.id)
    .where('kind', 'in', ['note', 'escalation'])
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (lastNote?.body) lines.push(`Last note: ${lastNote.body}`);
  return lines.join('\n');
}
