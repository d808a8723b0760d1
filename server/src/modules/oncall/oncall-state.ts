// Rotations as rotation.ts reads them, loaded from the database: their plan (members in
// order) and the overrides that matter from an instant on; and whether a rotation pages now.
import type { Trx } from '../../db/db.ts';
import { isOpenAt } from '../calendars/business-time.ts';
import { loadBusinessCalendar } from '../calendars/calendar-cache.ts';
import * as repo from './oncall.repo.ts';
import type { OverrideSpan, RotationPlan } from './rotation.ts';

export interface RotationState {
  row: repo.RotationRow;
  plan: RotationPlan;
  overrides: OverrideSpan[];
  members: repo.MemberRow[];
  overrideRows: repo.OverrideRow[];
}

export function planOf(row: repo.RotationRow, memberIds: number[]): RotationPlan {
  return {
    timeZone: row.time_zone,
    period: row.period === 'daily' ? 'daily' : 'weekly',
    handoverWeekday: row.handover_weekday,
    handoverTime: row.handover_time,
    startsOn: row.starts_on,
    memberIds,
  };
}

export const spanOf = (o: repo.OverrideRow): OverrideSpan => ({ id: o.id, userId: o.user_id, startsAt: Date.parse(o.starts_at), endsAt: Date.parse(o.ends_at) });

/** Each rotation with its members and the overrides ending after `from` (and starting before `to`). */
export async function loadRotationStates(db: Trx, rows: repo.RotationRow[], from: string, to?: string): Promise<RotationState[]> {
  const ids = rows.map((r) => r.id);
  const members = await repo.listMembers(db, ids);
  const overrides = await repo.listOverrides(db, ids, from, to);
  return rows.map((row) => {
    const mine = members.filter((m) => m.rotation_id === row.id);
    const overrideRows = overrides.filter((o) => o.rotation_id === row.id);
    return { row, plan: planOf(row, mine.map((m) => m.id)), overrides: overrideRows.map(spanOf), members: mine, overrideRows };
  });
}

/** A rotation pages while its calendar is closed, or always when it has none. */
export async function isPagingAt(db: Trx, row: repo.RotationRow, t: number): Promise<boolean> {
  if (row.calendar_id === null) return true;
  return !isOpenAt(await loadBusinessCalendar(db, row.calendar_id), t);
}
