// On-call rotations: who is paged for which tickets, in which order, handing over when; their
// one-off overrides; and the schedule they make. Supervisors write them, agents read them.
import { DateTime, IANAZone } from 'luxon';
import type { CreateRotationInput, Rotation, UpdateRotationInput } from '../../../../common/schemas/oncall.ts';
import type { Trx } from '../../db/db.ts';
import type { Deps } from '../../lib/deps.ts';
import type { Actor } from '../../lib/actor.ts';
import { isoNow } from '../../lib/clock.ts';
import { recordAudit } from '../../lib/audit.ts';
import { isUniqueViolation } from '../../lib/db-errors.ts';
import { Conflict, NotFound, Unprocessable } from '../../lib/errors.ts';
import { loadRotationStates, type RotationState } from './oncall-state.ts';
import { onCallAt } from './rotation.ts';
import * as repo from './oncall.repo.ts';

type Issue = { path: string; message: string };
const iso = (ms: number) => new Date(ms).toISOString();

export function isTimeZone(name: string): boolean {
  return IANAZone.isValidZone(name);
}

/** Rows to DTOs, with who is on call at `now`. */
export async function toRotations(db: Trx, rows: repo.RotationRow[], now: Date): Promise<Rotation[]> {
  const states = await loadRotationStates(db, rows, now.toISOString());
  const groups = new Map((await repo.findGroupNames(db, [...new Set(rows.flatMap((r) => (r.group_id === null ? [] : [r.group_id])))])).map((g) => [g.id, g]));
  const calendars = new Map((await repo.findCalendarNames(db, [...new Set(rows.flatMap((r) => (r.calendar_id === null ? [] : [r.calendar_id])))])).map((c) => [c.id, c]));
  return states.map((s) => {
    const { row } = s;
    const group = row.group_id === null ? undefined : groups.get(row.group_id);
    const calendar = row.calendar_id === null ? undefined : calendars.get(row.calendar_id);
    return {
      id: row.id,
      name: row.name,
      group: group ? { id: group.id, name: group.name } : null,
      calendar: calendar ? { id: calendar.id, name: calendar.name } : null,
      timeZone: row.time_zone,
      period: s.plan.period,
      handoverWeekday: row.handover_weekday,
      handoverTime: row.handover_time,
      startsOn: row.starts_on,
      ackMinutes: row.ack_minutes,
      webhookUrl: row.webhook_url,
      isActive: row.is_active === 1,
      members: s.members.map(userRefOf),
      current: currentOf(s, now.getTime()),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  });
}

const userRefOf = (u: { id: number; name: string; email: string }) => ({ id: u.id, name: u.name, email: u.email });

/** A person of the rotation or of one of its overrides. */
export function personOf(s: RotationState, userId: number) {
  const p = s.members.find((m) => m.id === userId) ?? s.overrideRows.find((o) => o.user_id === userId);
  return p ? { id: userId, name: p.name, email: p.email } : { id: userId, name: `#${userId}`, email: '' };
}

export function currentOf(s: RotationState, t: number): Rotation['current'] {
  const who = onCallAt(s.plan, s.overrides, t);
  return who ? { user: personOf(s, who.userId), until: iso(who.until), override: who.overrideId !== null } : null;
}

export async function listRotations(deps: Deps): Promise<Rotation[]> {
  return toRotations(deps.db, await repo.listRotations(deps.db), deps.clock.now());
}

export async function findRotationOrFail(db: Trx, id: number): Promise<repo.RotationRow> {
  const row = await repo.findRotation(db, id);
  if (!row) throw new NotFound(`On-call rotation ${id} does not exist.`);
  return row;
}

export async function getRotation(deps: Deps, id: number): Promise<Rotation> {
  return (await toRotations(deps.db, [await findRotationOrFail(deps.db, id)], deps.clock.now()))[0];
}

interface RotationDraft {
  name: string;
  groupId: number | null;
  calendarId: number | null;
  timeZone: string;
  period: 'daily' | 'weekly';
  handoverWeekday: number;
  handoverTime: string;
  startsOn: string;
  ackMinutes: number;
  webhookUrl: string | null;
  isActive: boolean;
  memberIds: number[];
}

/** Every problem with a rotation as it would be written, as problem+json details. */
async function checkDraft(trx: Trx, d: RotationDraft, exceptId?: number): Promise<void> {
  const other = await repo.findRotationByName(trx, d.name);
  if (other && other.id !== exceptId) throw new Conflict(`An on-call rotation named "${other.name}" already exists (id ${other.id}).`, { rotationId: other.id });
  const issues: Issue[] = [];
  if (!isTimeZone(d.timeZone)) issues.push({ path: 'timeZone', message: `"timeZone": "${d.timeZone}" is not a time zone (IANA name such as Europe/Paris).` });
  if (!DateTime.fromISO(d.startsOn, { zone: 'UTC' }).isValid) issues.push({ path: 'startsOn', message: `"startsOn": ${d.startsOn} is not a date of the calendar.` });
  if (d.handoverTime === '24:00') issues.push({ path: 'handoverTime', message: '"handoverTime": the hand-over is a time of day from 00:00 to 23:59; use 00:00 for midnight.' });
  if (d.groupId !== null && (await repo.findGroupNames(trx, [d.groupId])).length === 0) issues.push({ path: 'groupId', message: `"groupId": group ${d.groupId} does not exist.` });
  if (d.calendarId !== null && (await repo.findCalendarNames(trx, [d.calendarId])).length === 0) {
    issues.push({ path: 'calendarId', message: `"calendarId": calendar ${d.calendarId} does not exist.` });
  }
  const twice = [...new Set(d.memberIds.filter((id, i) => d.memberIds.indexOf(id) !== i))];
  if (twice.length) issues.push({ path: 'memberIds', message: `"memberIds": user ${twice.join(', ')} appears more than once; each member has one place in the order.` });
  const staff = await repo.findStaffStatus(trx, [...new Set(d.memberIds)]);
  const missing = d.memberIds.filter((id) => !staff.has(id));
  if (missing.length) issues.push({ path: 'memberIds', message: `"memberIds": user ${missing.join(', ')} does not exist.` });
  const notStaff = d.memberIds.filter((id) => staff.get(id) === false);
  if (notStaff.length) issues.push({ path: 'memberIds', message: `"memberIds": user ${notStaff.join(', ')} is not active staff (agent, supervisor or admin); only staff can be on call.` });
  if (d.isActive && d.memberIds.length === 0) issues.push({ path: 'memberIds', message: '"memberIds": an active rotation needs at least one member (or set isActive to false).' });
  if (issues.length) throw new Unprocessable(issues.map((i) => i.message).join(' '), { errors: issues });
}

function valuesOf(d: RotationDraft): repo.RotationValues {
  return {
    name: d.name,
    group_id: d.groupId,
    calendar_id: d.calendarId,
    time_zone: d.timeZone,
    period: d.period,
    handover_weekday: d.handoverWeekday,
    handover_time: d.handoverTime,
    starts_on: d.startsOn,
    ack_minutes: d.ackMinutes,
    webhook_url: d.webhookUrl,
    is_active: d.isActive ? 1 : 0,
  };
}

async function raceSafe<T>(name: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (isUniqueViolation(err)) throw new Conflict(`An on-call rotation named "${name}" already exists.`);
    throw err;
  }
}

export async function createRotation(deps: Deps, actor: Actor, input: CreateRotationInput): Promise<Rotation> {
  const at = isoNow(deps.clock);
  const draft: RotationDraft = { ...input };
  const id = await raceSafe(input.name, () =>
    deps.db.transaction().execute(async (trx) => {
      await checkDraft(trx, draft);
      const id = await repo.insertRotation(trx, valuesOf(draft), at);
      await repo.replaceMembers(trx, id, draft.memberIds);
      await recordAudit(trx, actor, at, { action: 'oncall.rotation.create', entityType: 'oncall_rotation', entityId: id, data: input });
      return id;
    }),
  );
  return getRotation(deps, id);
}

export async function updateRotation(deps: Deps, actor: Actor, id: number, input: UpdateRotationInput): Promise<Rotation> {
  const at = isoNow(deps.clock);
  await raceSafe(input.name ?? '', () =>
    deps.db.transaction().execute(async (trx) => {
      const row = await findRotationOrFail(trx, id);
      const memberIds = (await repo.listMembers(trx, [id])).map((m) => m.id);
      const before: RotationDraft = {
        name: row.name,
        groupId: row.group_id,
        calendarId: row.calendar_id,
        timeZone: row.time_zone,
        period: row.period === 'daily' ? 'daily' : 'weekly',
        handoverWeekday: row.handover_weekday,
        handoverTime: row.handover_time,
        startsOn: row.starts_on,
        ackMinutes: row.ack_minutes,
        webhookUrl: row.webhook_url,
        isActive: row.is_active === 1,
        memberIds,
      };
      const draft = { ...before, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) } as RotationDraft;
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      for (const key of Object.keys(draft) as (keyof RotationDraft)[]) {
        if (JSON.stringify(draft[key]) !== JSON.stringify(before[key])) changes[key] = { from: before[key], to: draft[key] };
      }
      if (Object.keys(changes).length === 0) return;
      await checkDraft(trx, draft, id);
      await repo.updateRotation(trx, id, valuesOf(draft), at);
      if (changes.memberIds) await repo.replaceMembers(trx, id, draft.memberIds);
      await recordAudit(trx, actor, at, { action: 'oncall.rotation.update', entityType: 'oncall_rotation', entityId: id, data: changes });
    }),
  );
  return getRotation(deps, id);
}

/** Deletes a rotation with its members, overrides and pages (the tickets' timelines keep the pages). */
export async function deleteRotation(deps: Deps, actor: Actor, id: number): Promise<void> {
  const at = isoNow(deps.clock);
  await deps.db.transaction().execute(async (trx) => {
    const row = await findRotationOrFail(trx, id);
    const memberIds = (await repo.listMembers(trx, [id])).map((m) => m.id);
    await repo.deleteRotation(trx, id);
    await recordAudit(trx, actor, at, { action: 'oncall.rotation.delete', entityType: 'oncall_rotation', entityId: id, data: { name: row.name, memberIds } });
  });
}
