// Business calendars: create, change, delete (not while in use), and a check of their
// arithmetic for admins. Every write forgets the cached calendar once committed.
import { DateTime } from 'luxon';
import type { Deps } from '../../lib/deps.ts';
import type { Trx } from '../../db/db.ts';
import type { Actor } from '../../lib/actor.ts';
import { isoNow } from '../../lib/clock.ts';
import { recordAudit } from '../../lib/audit.ts';
import { isUniqueViolation } from '../../lib/db-errors.ts';
import { Conflict, NotFound, Unprocessable, ValidationError } from '../../lib/errors.ts';
import type { Calendar, CreateCalendarInput, UpdateCalendarInput } from '../../../../common/schemas/calendars.ts';
import { addBusinessMs, businessMsBetween, isOpenAt } from './business-time.ts';
import { forgetCalendar, loadBusinessCalendar, type LoadedCalendar } from './calendar-cache.ts';
import { calendarIssues, normaliseWeekHours, WEEKDAYS, type CalendarDraft } from './calendar-rules.ts';
import * as repo from './calendars.repo.ts';

export async function findCalendarOrFail(db: Trx, id: number): Promise<Calendar> {
  const cal = await repo.findCalendar(db, id);
  if (!cal) throw new NotFound(`Calendar ${id} does not exist.`);
  return cal;
}

async function checkDraft(trx: Trx, d: CalendarDraft & { name: string }, exceptId?: number): Promise<void> {
  const other = await repo.findCalendarByName(trx, d.name);
  if (other && other.id !== exceptId) throw new Conflict(`A calendar named "${other.name}" already exists (id ${other.id}).`, { calendarId: other.id });
  const issues = calendarIssues(d);
  if (issues.length) throw new Unprocessable(issues.map((i) => i.message).join(' '), { errors: issues });
}

function valuesOf(d: CalendarDraft & { name: string }): repo.CalendarValues {
  return {
    name: d.name,
    time_zone: d.timeZone,
    is_24x7: d.is24x7 ? 1 : 0,
    hours: JSON.stringify(normaliseWeekHours(d.hours)),
    holiday_country: d.holidayCountry,
    holiday_region: d.holidayRegion,
  };
}

async function raceSafe<T>(name: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (isUniqueViolation(err)) throw new Conflict(`A calendar named "${name}" already exists.`);
    throw err;
  }
}

export function listCalendars(deps: Deps): Promise<Calendar[]> {
  return repo.listCalendars(deps.db);
}

export function getCalendar(deps: Deps, id: number): Promise<Calendar> {
  return findCalendarOrFail(deps.db, id);
}

export async function createCalendar(deps: Deps, actor: Actor, input: CreateCalendarInput): Promise<Calendar> {
  const at = isoNow(deps.clock);
  const draft = { ...input, holidayRegion: input.holidayRegion || null };
  return raceSafe(input.name, () =>
    deps.db.transaction().execute(async (trx) => {
      await checkDraft(trx, draft);
      const id = await repo.insertCalendar(trx, valuesOf(draft), at);
      await recordAudit(trx, actor, at, { action: 'calendar.create', entityType: 'calendar', entityId: id, data: draft });
      return findCalendarOrFail(trx, id);
    }),
  );
}

export async function updateCalendar(deps: Deps, actor: Actor, id: number, input: UpdateCalendarInput): Promise<Calendar> {
  const at = isoNow(deps.clock);
  const result = await raceSafe(input.name ?? '', () =>
    deps.db.transaction().execute(async (trx) => {
      const before = await findCalendarOrFail(trx, id);
      const draft = {
        name: input.name ?? before.name,
        timeZone: input.timeZone ?? before.timeZone,
        is24x7: input.is24x7 ?? before.is24x7,
        hours: input.hours ?? before.hours,
        holidayCountry: input.holidayCountry !== undefined ? input.holidayCountry : before.holidayCountry,
        // A new country drops the old country's region unless one is given.
        holidayRegion:
          input.holidayRegion !== undefined ? input.holidayRegion || null : input.holidayCountry !== undefined && input.holidayCountry !== before.holidayCountry ? null : before.holidayRegion,
      };
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      const normalisedHours = normaliseWeekHours(draft.hours);
      for (const [field, from, to] of [
        ['name', before.name, draft.name],
        ['timeZone', before.timeZone, draft.timeZone],
        ['is24x7', before.is24x7, draft.is24x7],
        ['hours', before.hours, normalisedHours],
        ['holidayCountry', before.holidayCountry, draft.holidayCountry],
        ['holidayRegion', before.holidayRegion, draft.holidayRegion],
      ] as const) {
        if (JSON.stringify(from) !== JSON.stringify(to)) changes[field] = { from, to };
      }
      if (Object.keys(changes).length === 0) return before;
      await checkDraft(trx, draft, id);
      await repo.updateCalendar(trx, id, valuesOf(draft), at);
      await recordAudit(trx, actor, at, { action: 'calendar.update', entityType: 'calendar', entityId: id, data: changes });
      return findCalendarOrFail(trx, id);
    }),
  );
  forgetCalendar(id);
  return result;
}

export async function deleteCalendar(deps: Deps, actor: Actor, id: number): Promise<void> {
  const at = isoNow(deps.clock);
  await deps.db.transaction().execute(async (trx) => {
    const cal = await findCalendarOrFail(trx, id);
    const users = await repo.findCalendarUsers(trx, id);
    const named = [
      ...users.policies.map((p) => `SLA policy "${p.name}" (id ${p.id})`),
      ...users.rotations.map((r) => `on-call rotation "${r.name}" (id ${r.id})`),
    ];
    if (named.length) {
      throw new Conflict(`Calendar "${cal.name}" is used by ${named.join(', ')}; choose another calendar there first.`, {
        policies: users.policies,
        rotations: users.rotations,
      });
    }
    if (users.hasTicketClocks) throw new Conflict(`Calendar "${cal.name}" still times the SLA clock of some tickets; it cannot be deleted.`);
    await repo.deleteCalendar(trx, id);
    await recordAudit(trx, actor, at, { action: 'calendar.delete', entityType: 'calendar', entityId: id, data: { name: cal.name, timeZone: cal.timeZone } });
  });
  forgetCalendar(id);
}

/** How far the check looks ahead for addMinutes: beyond that the answer would not help anyone. */
const CHECK_HORIZON_YEARS = 10;

function weeklyOpenMs(cal: LoadedCalendar): number {
  if (cal.always) return 7 * 86_400_000;
  return WEEKDAYS.flatMap((d) => cal.hours[d] ?? []).reduce((sum, [a, b]) => sum + (minutes(b) - minutes(a)) * 60_000, 0);
}
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** addBusinessMs, refused when the answer lies beyond the horizon (cheaply when the hours alone say so). */
function addWithinHorizon(cal: LoadedCalendar, from: number, wanted: number, horizon: number): number {
  const refuse = () =>
    new Unprocessable(`"addMinutes": ${wanted / 60_000} business minutes reach beyond ${CHECK_HORIZON_YEARS} years on this calendar (it is open about ${Math.round(weeklyOpenMs(cal) / 60_000)} minutes a week).`);
  // One extra week covers a DST day that is longer than its hours say.
  if (wanted > weeklyOpenMs(cal) * ((horizon - from) / (7 * 86_400_000) + 1)) throw refuse();
  let to: number;
  try {
    to = addBusinessMs(cal, from, wanted);
  } catch (err) {
    if (err instanceof RangeError) throw new Unprocessable(`"addMinutes": ${err.message}`);
    throw err;
  }
  if (to > horizon) throw refuse();
  return to;
}

/** The calendar's arithmetic between two instants, or N business minutes after one. */
export async function checkBusinessTime(deps: Deps, id: number, q: { from: string; to?: string; addMinutes?: number }) {
  if ((q.to === undefined) === (q.addMinutes === undefined)) {
    throw new ValidationError('Give either "to" (measure the business time until then) or "addMinutes" (find the instant that many business minutes later), not both nor neither.');
  }
  const cal = await loadBusinessCalendar(deps.db, id);
  const from = Date.parse(q.from);
  const horizon = DateTime.fromMillis(from).plus({ years: CHECK_HORIZON_YEARS }).toMillis();
  let to: number;
  if (q.to !== undefined) {
    to = Date.parse(q.to);
    if (Math.abs(to - from) > horizon - from) throw new Unprocessable(`"from" and "to" are more than ${CHECK_HORIZON_YEARS} years apart.`);
  } else {
    to = addWithinHorizon(cal, from, q.addMinutes! * 60_000, horizon);
  }
  return {
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    businessMinutes: businessMsBetween(cal, from, to) / 60_000,
    openNow: isOpenAt(cal, deps.clock.now().getTime()),
  };
}
