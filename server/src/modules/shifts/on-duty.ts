// Who is on duty at an instant. Rules, in order:
//  1. a one-off override covering the instant decides ('on' = extra duty, 'off' = absence);
//     when several cover it, the shortest (most specific) wins, then the newest;
//  2. otherwise the user's weekly pattern, read in the user's own time zone;
//  3. a staff user with no pattern at all counts as on duty ('no_pattern'): shifts are
//     opt-in, and a team that uses them gives everyone a pattern.
import { DateTime } from 'luxon';
import type { Db, Trx } from '../../db/db.ts';
import { STAFF_ROLES } from '../../../../common/enums.ts';
import type { WeekHours } from '../../../../common/schemas/calendars.ts';
import { type BusinessCalendar, isOpenAt, nextChange } from '../calendars/business-time.ts';

export type OnDutySource = 'shift' | 'override' | 'no_pattern';
export interface OnDuty {
  /** When this stretch of duty ends (ISO 8601); null when it does not (no pattern, round-the-clock pattern). */
  until: string | null;
  source: OnDutySource;
}

const DAY_MINUTES = 24 * 60;

/** A weekly pattern as the business-time arithmetic reads it (no holidays: an absence is an 'off' override). */
export function shiftCalendar(timeZone: string, hours: WeekHours): BusinessCalendar {
  const zone = DateTime.local().setZone(timeZone).isValid ? timeZone : 'UTC';
  return { timeZone: zone, always: false, hours, isHoliday: () => false };
}

/** Every day covered from 00:00 to 24:00: the shift never ends (and nextChange would chase it forever). */
function isRoundTheClock(hours: WeekHours): boolean {
  for (let d = 1; d <= 7; d++) {
    const ranges = [...(hours[d as keyof WeekHours] ?? [])]
      .map(([a, b]) => [minutes(a), minutes(b)] as const)
      .sort((x, y) => x[0] - y[0]);
    let reach = 0;
    for (const [a, b] of ranges) if (a <= reach) reach = Math.max(reach, b);
    if (reach < DAY_MINUTES) return false;
  }
  return true;
}

function minutes(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

function parseHours(json: string): WeekHours {
  try {
    const v = JSON.parse(json);
    return v && typeof v === 'object' ? (v as WeekHours) : {};
  } catch {
    return {};
  }
}

/** Whether a weekly pattern has the user on duty at `t`, and until when. */
export function patternDutyAt(timeZone: string, hours: WeekHours, t: number): OnDuty | null {
  const cal = shiftCalendar(timeZone, hours);
  if (!isOpenAt(cal, t)) return null;
  if (isRoundTheClock(hours)) return { until: null, source: 'shift' };
  const end = nextChange(cal, t);
  return { until: end === null ? null : new Date(end).toISOString(), source: 'shift' };
}

/**
 * The active staff users (agents, supervisors, admins; only `userIds` when given) on duty at
 * `at`, keyed by user id. Two queries: staff with their patterns, overrides covering `at`.
 */
export async function onDutyAt(db: Db | Trx, at: Date, userIds?: number[]): Promise<Map<number, OnDuty>> {
  const result = new Map<number, OnDuty>();
  if (userIds && userIds.length === 0) return result;
  const atIso = at.toISOString();
  const t = at.getTime();

  let staffQuery = db
    .selectFrom('users as u')
    .leftJoin('agent_shifts as s', 's.user_id', 'u.id')
    .select(['u.id', 's.time_zone', 's.hours'])
    .where('u.is_active', '=', 1)
    .where((eb) => eb.exists(eb.selectFrom('user_roles as r').select('r.user_id').whereRef('r.user_id', '=', 'u.id').where('r.role', 'in', STAFF_ROLES)));
  if (userIds) staffQuery = staffQuery.where('u.id', 'in', userIds);
  const staff = await staffQuery.orderBy('u.id').execute();
  if (staff.length === 0) return result;

  let overrideQuery = db
    .selectFrom('shift_overrides')
    .select(['id', 'user_id', 'kind', 'starts_at', 'ends_at'])
    .where('ends_at', '>', atIso)
    .where('starts_at', '<=', atIso);
  if (userIds) overrideQuery = overrideQuery.where('user_id', 'in', userIds);
  const overrides = await overrideQuery.execute();

  const decisive = new Map<number, (typeof overrides)[number]>();
  const span = (o: (typeof overrides)[number]) => Date.parse(o.ends_at) - Date.parse(o.starts_at);
  for (const o of overrides) {
    const best = decisive.get(o.user_id);
    if (!best || span(o) < span(best) || (span(o) === span(best) && o.id > best.id)) decisive.set(o.user_id, o);
  }

  for (const u of staff) {
    const o = decisive.get(u.id);
    if (o) {
      if (o.kind === 'on') result.set(u.id, { until: o.ends_at, source: 'override' });
      continue;
    }
    if (u.time_zone === null || u.hours === null) {
      result.set(u.id, { until: null, source: 'no_pattern' });
      continue;
    }
    const duty = patternDutyAt(u.time_zone, parseHours(u.hours), t);
    if (duty) result.set(u.id, duty);
  }
  return result;
}
