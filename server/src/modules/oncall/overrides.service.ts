// One-off changes to who is on call (a swap, cover for an absence), and the schedule a
// rotation makes with them.
import type { CreateOncallOverrideInput, OncallOverride } from '../../../../common/schemas/oncall.ts';
import type { Deps } from '../../lib/deps.ts';
import type { Actor } from '../../lib/actor.ts';
import { isoNow } from '../../lib/clock.ts';
import { recordAudit } from '../../lib/audit.ts';
import { NotFound, Unprocessable } from '../../lib/errors.ts';
import { loadRotationStates } from './oncall-state.ts';
import { findRotationOrFail, personOf } from './rotations.service.ts';
import { scheduleBetween } from './rotation.ts';
import * as repo from './oncall.repo.ts';

const DAY_MS = 86_400_000;
/** An override is a one-off: a longer change belongs in the rotation itself. */
const MAX_OVERRIDE_DAYS = 92;
const iso = (ms: number) => new Date(ms).toISOString();

function toOverride(o: repo.OverrideRow): OncallOverride {
  return { id: o.id, rotationId: o.rotation_id, user: { id: o.user_id, name: o.name, email: o.email }, startsAt: o.starts_at, endsAt: o.ends_at, note: o.note };
}

/** The rotation's overrides in force now or to come. */
export async function listOverrides(deps: Deps, rotationId: number): Promise<OncallOverride[]> {
  await findRotationOrFail(deps.db, rotationId);
  return (await repo.listOverrides(deps.db, [rotationId], isoNow(deps.clock))).map(toOverride);
}

export async function createOverride(deps: Deps, actor: Actor, rotationId: number, input: CreateOncallOverrideInput): Promise<OncallOverride> {
  const at = isoNow(deps.clock);
  const startsAt = Date.parse(input.startsAt);
  const endsAt = Date.parse(input.endsAt);
  if (!(endsAt > startsAt)) throw new Unprocessable(`"endsAt" (${input.endsAt}) must be after "startsAt" (${input.startsAt}).`);
  if (endsAt - startsAt > MAX_OVERRIDE_DAYS * DAY_MS) {
    throw new Unprocessable(`An override lasts at most ${MAX_OVERRIDE_DAYS} days; change the rotation's members for longer.`);
  }
  if (endsAt <= Date.parse(at)) throw new Unprocessable(`"endsAt" (${input.endsAt}) is already past: an override changes who is on call from now on.`);
  const id = await deps.db.transaction().execute(async (trx) => {
    await findRotationOrFail(trx, rotationId);
    const staff = await repo.findStaffStatus(trx, [input.userId]);
    if (!staff.has(input.userId)) throw new Unprocessable(`"userId": user ${input.userId} does not exist.`);
    if (!staff.get(input.userId)) throw new Unprocessable(`"userId": user ${input.userId} is not active staff (agent, supervisor or admin); only staff can be on call.`);
    const values = { rotation_id: rotationId, user_id: input.userId, starts_at: iso(startsAt), ends_at: iso(endsAt), note: input.note };
    const id = await repo.insertOverride(trx, values, at);
    await recordAudit(trx, actor, at, { action: 'oncall.override.create', entityType: 'oncall_override', entityId: id, data: values });
    return id;
  });
  return toOverride((await repo.findOverride(deps.db, id))!);
}

export async function deleteOverride(deps: Deps, actor: Actor, id: number): Promise<void> {
  const at = isoNow(deps.clock);
  await deps.db.transaction().execute(async (trx) => {
    const o = await repo.findOverride(trx, id);
    if (!o) throw new NotFound(`On-call override ${id} does not exist.`);
    await repo.deleteOverride(trx, id);
    await recordAudit(trx, actor, at, {
      action: 'oncall.override.delete',
      entityType: 'oncall_override',
      entityId: id,
      data: { rotationId: o.rotation_id, userId: o.user_id, startsAt: o.starts_at, endsAt: o.ends_at },
    });
  });
}

/** Who is on call, period by period, for `days` days from `from` (default now). */
export async function rotationSchedule(deps: Deps, rotationId: number, q: { from?: string; days: number }) {
  const row = await findRotationOrFail(deps.db, rotationId);
  const from = q.from === undefined ? deps.clock.now().getTime() : Date.parse(q.from);
  const to = from + q.days * DAY_MS;
  const [state] = await loadRotationStates(deps.db, [row], iso(from), iso(to));
  return {
    items: scheduleBetween(state.plan, state.overrides, from, to).map((i) => ({
      user: personOf(state, i.userId),
      from: iso(i.from),
      to: iso(i.to),
      override: i.overrideId !== null,
    })),
  };
}
