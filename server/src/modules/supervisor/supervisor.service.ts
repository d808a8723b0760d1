// The supervisor's overview of the open backlog, and bulk reassignment through the same
// assignment path as one ticket at a time.
import { AGE_BUCKETS, type ReassignInput, type ReassignResult, type SupervisorOverview } from '../../../../common/schemas/supervisor.ts';
import { PRIORITIES, TIERS, type Priority, type TicketStatus } from '../../../../common/enums.ts';
import type { Deps } from '../../lib/deps.ts';
import type { Actor } from '../../lib/actor.ts';
import { AppError } from '../../lib/errors.ts';
import { priorityLabel } from '../tickets/priority-matrix.ts';
import { assignTicket } from '../tickets/ticket-workflow.service.ts';
import * as repo from './supervisor.repo.ts';
import { ticketWriteVersion } from '../tickets/tickets.repo.ts';
import { sharedPerScope } from '../../lib/scope-cache.ts';

const HOUR = 3_600_000;
/** Lower bounds of the age buckets but the last, newest first: 4 h, 24 h, 3 days, 7 days. */
const AGE_LIMITS_MS = [4 * HOUR, 24 * HOUR, 72 * HOUR, 168 * HOUR];
const OLDEST_SHOWN = 20;

const zeroPerPriority = (): Record<Priority, number> => ({ P1: 0, P2: 0, P3: 0, P4: 0, P5: 0 });

/** Every supervisor's screen refetches after each ticket change: one computation serves them all for a moment. */
const OVERVIEW_TTL_MS = 3_000;

export function getOverview(deps: Deps, actor: Actor): Promise<SupervisorOverview> {
  return sharedPerScope(deps, 'supervisor-overview', actor.scope, { ttlMs: OVERVIEW_TTL_MS, version: ticketWriteVersion() }, () => computeOverview(deps, actor));
}

async function computeOverview(deps: Deps, actor: Actor): Promise<SupervisorOverview> {
  const now = deps.clock.now();
  const ageLimits = AGE_LIMITS_MS.map((ms) => new Date(now.getTime() - ms).toISOString());
  const { db } = deps;
  const [counts, oldest, groups, agents, memberships] = await Promise.all([
    repo.countOpenTickets(db, actor.scope, ageLimits),
    repo.listOldestOpen(db, actor.scope, OLDEST_SHOWN),
    repo.listGroups(db),
    repo.listActiveAgents(db),
    repo.listAgentMemberships(db),
  ]);

  const byGroup = new Map<number | null, { open: number; unassigned: number }>([...groups.map((g) => [g.id, { open: 0, unassigned: 0 }] as const), [null, { open: 0, unassigned: 0 }]]);
  const byTier = new Map<number, number>(TIERS.map((t) => [t, 0]));
  const byPriority = zeroPerPriority();
  // createdSince[i]: open tickets created at or after ageLimits[i] (cumulative).
  const createdSince = ageLimits.map(() => 0);
  const load = new Map<number, { open: number; pending: number; byPriority: Record<Priority, number> }>();
  let totalOpen = 0;
  let unassigned = 0;
  for (const row of counts) {
    const n = Number(row.n);
    const priority = priorityLabel(row.priority);
    totalOpen += n;
    ageLimits.forEach((_, i) => (createdSince[i] += Number(row[`since_${i}`] ?? 0)));
    byTier.set(row.tier, (byTier.get(row.tier) ?? 0) + n);
    byPriority[priority] += n;
    // A group created after the groups were read still counts, under its id.
    const g = byGroup.get(row.group_id) ?? byGroup.set(row.group_id, { open: 0, unassigned: 0 }).get(row.group_id)!;
    g.open += n;
    if (row.assignee_id === null) {
      unassigned += n;
      g.unassigned += n;
      continue;
    }
    const l = load.get(row.assignee_id) ?? load.set(row.assignee_id, { open: 0, pending: 0, byPriority: zeroPerPriority() }).get(row.assignee_id)!;
    l.open += n;
    if (row.status === 'pending') l.pending += n;
    l.byPriority[priority] += n;
  }
  // Cumulative counts to buckets: newest bucket first, the last one is "older than all limits".
  const byAge = AGE_BUCKETS.map((_, i) => (i === 0 ? createdSince[0] : i < ageLimits.length ? createdSince[i] - createdSince[i - 1] : totalOpen - createdSince[i - 1]));

  const groupById = new Map(groups.map((g) => [g.id, g]));
  return {
    generatedAt: now.toISOString(),
    totalOpen,
    unassigned,
    byGroup: [...byGroup].map(([id, counts]) => {
      const g = id === null ? undefined : groupById.get(id);
      return { group: id === null ? null : { id, name: g?.name ?? `#${id}`, tier: g?.tier ?? 0 }, ...counts };
    }),
    byTier: [...byTier].sort(([a], [b]) => a - b).map(([tier, open]) => ({ tier, open })),
    byPriority: PRIORITIES.map((priority) => ({ priority, open: byPriority[priority] })),
    byAge: AGE_BUCKETS.map((bucket, i) => ({ bucket, open: byAge[i] })),
    oldest: oldest.map((r) => ({
      id: r.id,
      number: r.number,
      title: r.title,
      priority: priorityLabel(r.priority),
      status: r.status as TicketStatus,
      group: r.group_id !== null && r.group_name !== null ? { id: r.group_id, name: r.group_name, tier: r.group_tier! } : null,
      assignee: r.assignee_id !== null && r.assignee_name !== null ? { id: r.assignee_id, name: r.assignee_name } : null,
      organisation: r.organisation_id !== null && r.organisation_name !== null ? { id: r.organisation_id, name: r.organisation_name } : null,
      createdAt: r.created_at,
    })),
    agents: agents.map((a) => ({
      ...a,
      groups: memberships.filter((m) => m.user_id === a.id).flatMap((m) => groupById.get(m.group_id) ?? []),
      ...(load.get(a.id) ?? { open: 0, pending: 0, byPriority: zeroPerPriority() }),
    })),
  };
}

/**
 * Reassigns each ticket in its own transaction through assignTicket, so every rule of a
 * single assignment holds; one ticket's refusal does not undo the others.
 */
export async function reassignTickets(deps: Deps, actor: Actor, input: ReassignInput): Promise<ReassignResult> {
  const result: ReassignResult = { updated: [], failed: [] };
  const target = {
    ...(input.groupId !== undefined && { groupId: input.groupId }),
    ...(input.assigneeId !== undefined && { assigneeId: input.assigneeId }),
  };
  for (const id of new Set(input.ticketIds)) {
    try {
      await assignTicket(deps, actor, id, target);
      result.updated.push(id);
    } catch (err) {
      if (!(err instanceof AppError)) {
        deps.logger.error({ err, ticketId: id }, 'bulk reassignment failed on a ticket');
        result.failed.push({ id, status: 500, detail: 'An unexpected error stopped this ticket; it was left as it was.' });
      } else result.failed.push({ id, status: err.status, detail: err.message });
    }
  }
  return result;
}
