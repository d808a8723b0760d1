// Agents' shifts: a weekly pattern per staff user in their own time zone, and one-off
// overrides (extra duty, absence). onDutyAt (on-duty.ts) reads them; this file writes them.
import type { Deps } from '../../lib/deps.ts';
import type { Trx } from '../../db/db.ts';
import type { Actor } from '../../lib/actor.ts';
import { isoNow } from '../../lib/clock.ts';
import { recordAudit } from '../../lib/audit.ts';
import { NotFound, Unprocessable } from '../../lib/errors.ts';
import type { CreateShiftOverrideInput, SetShiftInput, Shift, ShiftOverride } from '../../../../common/schemas/shifts.ts';
import { type Issue, normaliseWeekHours, timeZoneIssues, weekHoursIssues } from '../calendars/calendar-rules.ts';
import * as repo from './shifts.repo.ts';

/** An override longer than this is almost certainly a typing mistake (a year's absence is two). */
const MAX_OVERRIDE_DAYS = 366;

function shiftOf(r: repo.ShiftRow): Shift {
  return { user: { id: r.id, name: r.name, email: r.email }, timeZone: r.time_zone, hours: JSON.parse(r.hours), updatedAt: r.updated_at };
}

function overrideOf(r: repo.OverrideRow): ShiftOverride {
  return {
    id: r.id,
    user: { id: r.user_id, name: r.user_name, email: r.user_email },
    kind: r.kind as 'on' | 'off',
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    note: r.note,
  };
}

function unprocessable(issues: Issue[]): never {
  throw new Unprocessable(issues.map((i) => i.message).join(' '), { errors: issues });
}

/** 404 for a user that does not exist; `path` names the field in the 422 for one that is not active staff. */
async function staffOrFail(trx: Trx, userId: number, path: string | null) {
  const user = await repo.findUserStaffStatus(trx, userId);
  if (!user) {
    if (path === null) throw new NotFound(`User ${userId} does not exist.`);
    unprocessable([{ path, message: `"${path}": user ${userId} does not exist.` }]);
  }
  if (!user.isActiveStaff) {
    const where = path ?? 'id';
    unprocessable([{ path: where, message: `"${where}": user ${userId} (${user.name}) is not active staff (agent, supervisor or admin); only staff work shifts.` }]);
  }
  return user;
}

export async function listShifts(deps: Deps): Promise<Shift[]> {
  return (await repo.listShifts(deps.db)).map(shiftOf);
}

export async function getShift(deps: Deps, userId: number): Promise<Shift> {
  const row = await repo.findShift(deps.db, userId);
  if (!row) {
    if (!(await repo.findUserStaffStatus(deps.db, userId))) throw new NotFound(`User ${userId} does not exist.`);
    throw new NotFound(`User ${userId} has no shift pattern: without one a staff user counts as on duty at all times.`);
  }
  return shiftOf(row);
}

export async function setShift(deps: Deps, actor: Actor, userId: number, input: SetShiftInput): Promise<Shift> {
  const issues = [...timeZoneIssues(input.timeZone), ...weekHoursIssues(input.hours)];
  if (issues.length) unprocessable(issues);
  const at = isoNow(deps.clock);
  const hours = normaliseWeekHours(input.hours);
  return deps.db.transaction().execute(async (trx) => {
    await staffOrFail(trx, userId, null);
    const before = await repo.findShift(trx, userId);
    await repo.upsertShift(trx, { userId, timeZone: input.timeZone, hours: JSON.stringify(hours), at });
    await recordAudit(trx, actor, at, {
      action: 'shift.set',
      entityType: 'user',
      entityId: userId,
      data: { from: before ? { timeZone: before.time_zone, hours: JSON.parse(before.hours) } : null, to: { timeZone: input.timeZone, hours } },
    });
    return shiftOf((await repo.findShift(trx, userId))!);
  });
}

export async function deleteShift(deps: Deps, actor: Actor, userId: number): Promise<void> {
  const at = isoNow(deps.clock);
  await deps.db.transaction().execute(async (trx) => {
    const before = await repo.findShift(trx, userId);
    if (!before) throw new NotFound(`User ${userId} has no shift pattern.`);
    await repo.deleteShift(trx, userId);
    await recordAudit(trx, actor, at, { action: 'shift.delete', entityType: 'user', entityId: userId, data: { timeZone: before.time_zone, hours: JSON.parse(before.hours) } });
  });
}

export async function listOverrides(deps: Deps, q: { from?: string; to?: string; userId?: number }): Promise<ShiftOverride[]> {
  const from = q.from ? new Date(q.from).toISOString() : isoNow(deps.clock);
  const to = q.to ? new Date(q.to).toISOString() : undefined;
  if (to !== undefined && to <= from) unprocessable([{ path: 'to', message: `"to": ${to} is not after "from" (${from}).` }]);
  return (await repo.listOverrides(deps.db, { from, to, userId: q.userId })).map(overrideOf);
}

export async function createOverride(deps: Deps, actor: Actor, input: CreateShiftOverrideInput): Promise<ShiftOverride> {
  // Stored as UTC ISO strings so that text comparison is time order on both back ends.
  const startsAt = new Date(input.startsAt).toISOString();
  const endsAt = new Date(input.endsAt).toISOString();
  if (endsAt <= startsAt) unprocessable([{ path: 'endsAt', message: `"endsAt": ${input.endsAt} is not after "startsAt" (${input.startsAt}).` }]);
  if (Date.parse(endsAt) - Date.parse(startsAt) > MAX_OVERRIDE_DAYS * 86_400_000) {
    unprocessable([{ path: 'endsAt', message: `"endsAt": an override lasts at most ${MAX_OVERRIDE_DAYS} days; add another for a longer absence.` }]);
  }
  const at = isoNow(deps.clock);
  return deps.db.transaction().execute(async (trx) => {
    await staffOrFail(trx, input.userId, 'userId');
    const id = await repo.insertOverride(trx, { userId: input.userId, kind: input.kind, startsAt, endsAt, note: input.note, at });
    await recordAudit(trx, actor, at, { action: 'shift_override.create', entityType: 'shift_override', entityId: id, data: { ...input, startsAt, endsAt } });
    return overrideOf((await repo.findOverride(trx, id))!);
  });
}

export async function deleteOverride(deps: Deps, actor: Actor, id: number): Promise<void> {
  const at = isoNow(deps.clock);
  await deps.db.transaction().execute(async (trx) => {
    const before = await repo.findOverride(trx, id);
    if (!before) throw new NotFound(`Shift override ${id} does not exist.`);
    await repo.deleteOverride(trx, id);
    await recordAudit(trx, actor, at, { action: 'shift_override.delete', entityType: 'shift_override', entityId: id, data: overrideOf(before) });
  });
}
