// Automatic assignment within a group. Candidates are the group's active members who are on
// duty at the instant (shifts/on-duty.ts) and, when the ticket's category or its nearest
// ancestor requires a skill, have it. Strategies:
//  - manual: nobody is picked;
//  - round_robin: the first candidate after the group's cursor in user-id order, wrapping;
//  - least_loaded: fewest open tickets assigned, ties broken in that same round-robin order.
// Both move the cursor in the caller's transaction; on PostgreSQL the group row is locked
// first, so concurrent creations queue on it and never pick from the same cursor position.
import type { Trx } from '../../db/db.ts';
import type { Deps } from '../../lib/deps.ts';
import { onDutyAt } from '../shifts/on-duty.ts';
import * as repo from './assign.repo.ts';

export type AutoStrategy = 'round_robin' | 'least_loaded';

/** Candidates in round-robin order: those after the cursor first, then from the start. */
export function roundRobinOrder(candidateIds: readonly number[], cursor: number | null): number[] {
  const sorted = [...candidateIds].sort((a, b) => a - b);
  if (cursor === null) return sorted;
  const i = sorted.findIndex((id) => id > cursor);
  return i <= 0 ? sorted : [...sorted.slice(i), ...sorted.slice(0, i)];
}

export async function pickAssignee(
  trx: Trx,
  deps: Deps,
  groupId: number,
  ticket: { id?: number; category_id: number | null },
  at: Date,
): Promise<{ userId: number; strategy: AutoStrategy } | null> {
  const group = await repo.lockGroupCursor(trx, deps.dialect, groupId);
  if (!group) return null;
  const strategy = group.assignment_strategy;
  if (strategy !== 'round_robin' && strategy !== 'least_loaded') return null;

  const members = await repo.activeMemberIds(trx, groupId);
  if (members.length === 0) return null;
  const onDuty = await onDutyAt(trx, at, members);
  let candidates = members.filter((id) => onDuty.has(id));
  if (candidates.length === 0) return null;
  const skillId = ticket.category_id === null ? null : await repo.requiredSkillOf(trx, ticket.category_id);
  if (skillId !== null) {
    const skilled = await repo.usersWithSkill(trx, skillId, candidates);
    candidates = candidates.filter((id) => skilled.has(id));
  }
  if (candidates.length === 0) return null;

  const order = roundRobinOrder(candidates, group.last_assigned_user_id);
  let userId = order[0];
  if (strategy === 'least_loaded') {
    const loads = await repo.openLoads(trx, candidates, ticket.id);
    for (const id of order) if ((loads.get(id) ?? 0) < (loads.get(userId) ?? 0)) userId = id;
  }
  await repo.setGroupCursor(trx, groupId, userId);
  return { userId, strategy };
}
