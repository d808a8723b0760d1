// Rows to API shapes. Requesters get a narrower timeline than staff.
import type { Ticket, TimelineEvent } from '../../../../common/schemas/tickets.ts';
import { priorityLabel } from './priority-matrix.ts';
import type { TicketViewRow } from './tickets.repo.ts';

export function toTicket(r: TicketViewRow & { rank?: number }): Ticket {
  const hasResolution = r.resolution_symptoms ?? r.resolution_diagnosis ?? r.resolution_actions ?? r.resolution_result ?? r.resolution_code;
  return {
    id: r.id,
    number: r.number,
    reference: `#${r.number}`,
    type: r.type as Ticket['type'],
    title: r.title,
    description: r.description,
    status: r.status as Ticket['status'],
    pendingReason: r.pending_reason as Ticket['pendingReason'],
    channel: r.channel as Ticket['channel'],
    requester: { id: r.requester_id, name: r.requester_name, email: r.requester_email },
    organisation: r.organisation_id !== null && r.organisation_name !== null ? { id: r.organisation_id, name: r.organisation_name } : null,
    category: r.category_id !== null && r.category_name !== null ? { id: r.category_id, name: r.category_name } : null,
    impact: r.impact,
    urgency: r.urgency,
    priority: priorityLabel(r.priority),
    priorityOverridden: r.is_priority_overridden === 1,
    priorityReason: r.priority_reason,
    tier: r.tier,
    group: r.group_id !== null && r.group_name !== null ? { id: r.group_id, name: r.group_name, tier: r.group_tier! } : null,
    assignee: r.assignee_id !== null && r.assignee_name !== null ? { id: r.assignee_id, name: r.assignee_name, email: r.assignee_email! } : null,
    resolution:
      hasResolution != null
        ? {
            symptoms: r.resolution_symptoms,
            diagnosis: r.resolution_diagnosis,
            actions: r.resolution_actions,
            result: r.resolution_result,
            code: r.resolution_code,
          }
        : null,
    firstContactResolution: r.is_first_contact_resolution === 1,
    reopenCount: r.reopen_count,
    escalationCount: r.escalation_count,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    firstResponseAt: r.first_response_at,
    resolvedAt: r.resolved_at,
    closedAt: r.closed_at,
    slaDueAt: r.sla_due_at,
    ...(r.rank !== undefined ? { rank: Number(r.rank) } : {}),
  };
}

interface EventRow {
  id: number;
  kind: string;
  author_id: number | null;
  is_internal: number;
  body: string | null;
  data: string | null;
  created_at: string;
  author_name: string | null;
  author_email: string | null;
}

// What a requester may read of an event's details: nothing about internal routing.
const REQUESTER_VISIBLE_DATA = new Set(['status', 'close', 'reopen', 'created', 'resolution', 'attachment']);

export function toTimelineEvent(e: EventRow, forStaff: boolean): TimelineEvent {
  let data = e.data ? (JSON.parse(e.data) as Record<string, unknown>) : null;
  if (!forStaff && data && !REQUESTER_VISIBLE_DATA.has(e.kind)) data = null;
  if (!forStaff && data && e.kind === 'resolution') data = { from: data.from, to: data.to, result: (data.record as { result?: string })?.result };
  // A requester sees the files of a public reply, not how it travelled (mail headers).
  if (!forStaff && e.kind === 'reply' && data === null && e.data) data = pickAttachments(JSON.parse(e.data) as Record<string, unknown>);
  return {
    id: e.id,
    kind: e.kind as TimelineEvent['kind'],
    author: e.author_id !== null && e.author_name !== null ? { id: e.author_id, name: e.author_name, email: e.author_email! } : null,
    internal: e.is_internal === 1,
    body: e.body,
    data,
    createdAt: e.created_at,
  };
}

function pickAttachments(data: Record<string, unknown>): Record<string, unknown> | null {
  return Array.isArray(data.attachments) ? { attachments: data.attachments } : null;
}

const fileIds = (e: TimelineEvent): number[] =>
  Array.isArray(e.data?.attachments) ? (e.data.attachments as { id?: unknown }[]).map((a) => Number(a.id)) : [];

/**
 * Files uploaded for a reply or note show on the message's card, so their upload line is
 * dropped when every file it lists is named by a message in the same (already filtered)
 * timeline: a requester never loses the line of a public file named only by an internal note.
 */
export function withoutMessageUploads(events: TimelineEvent[]): TimelineEvent[] {
  const named = new Set(events.filter((e) => e.kind === 'reply' || e.kind === 'note').flatMap(fileIds));
  if (named.size === 0) return events;
  return events.filter((e) => {
    if (e.kind !== 'attachment') return true;
    const ids = fileIds(e);
    return ids.length === 0 || !ids.every((id) => named.has(id));
  });
}
