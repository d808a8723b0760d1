// "Who is on duty now": the staff on shift (shifts/on-duty.ts) with their groups, and the
// person on call in each active rotation, with whether that rotation pages right now.
import type { OncallNow } from '../../../../common/schemas/oncall.ts';
import type { Deps } from '../../lib/deps.ts';
import { onDutyAt } from '../shifts/on-duty.ts';
import { isPagingAt, loadRotationStates } from './oncall-state.ts';
import { personOf } from './rotations.service.ts';
import { onCallAt } from './rotation.ts';
import * as repo from './oncall.repo.ts';

export async function oncallNow(deps: Deps): Promise<OncallNow> {
  const now = deps.clock.now();
  const t = now.getTime();
  const at = now.toISOString();

  const duty = await onDutyAt(deps.db, now);
  const ids = [...duty.keys()];
  const users = await repo.findUsers(deps.db, ids);
  const groups = await repo.listUserGroups(deps.db, ids);
  const onDuty = users
    .sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id)
    .map((u) => ({
      user: { id: u.id, name: u.name, email: u.email },
      groups: groups.filter((g) => g.user_id === u.id).map((g) => ({ id: g.id, name: g.name, tier: g.tier })),
      until: duty.get(u.id)!.until,
      source: duty.get(u.id)!.source,
    }));

  const rotations = await repo.listRotations(deps.db, { activeOnly: true });
  const states = await loadRotationStates(deps.db, rotations, at);
  const groupNames = new Map((await repo.findGroupNames(deps.db, rotations.flatMap((r) => (r.group_id === null ? [] : [r.group_id])))).map((g) => [g.id, g]));
  const onCall: OncallNow['onCall'] = [];
  for (const s of states) {
    const who = onCallAt(s.plan, s.overrides, t);
    if (!who) continue;
    const group = s.row.group_id === null ? undefined : groupNames.get(s.row.group_id);
    onCall.push({
      rotation: { id: s.row.id, name: s.row.name },
      group: group ? { id: group.id, name: group.name } : null,
      user: personOf(s, who.userId),
      until: new Date(who.until).toISOString(),
      override: who.overrideId !== null,
      active: await isPagingAt(deps.db, s.row, t),
    });
  }
  return { at, onDuty, onCall };
}
