// A ticket's SLA clock, as plain data and pure functions (no database): targets come from
// the policy for the ticket's priority; each due time is the start plus the target plus the
// business time spent paused, on the policy's calendar. So:
//   - pending (and resolved/closed) pause the clock; resuming adds the paused business time
//     to every unmet due time;
//   - a reopen resumes the resolution clock (the time spent resolved never counts);
//   - a priority change applies the new priority's targets as if it had been the priority
//     from the start: time already spent counts, so a raised priority may be due (or
//     breached) at once; targets already met stay as they were;
//   - a breach, once recorded, stays recorded (history keeps it) even if a later change
//     moves the due time.
import type { Selectable } from 'kysely';
import type { SlaAction, SlaMetric } from '../../../../common/schemas/sla.ts';
import type { TicketSlaTable } from '../../db/schema.ts';
import { addBusinessMs, businessMsBetween, type BusinessCalendar } from '../calendars/business-time.ts';

export type SlaClock = Omit<Selectable<TicketSlaTable>, 'ticket_id'>;

export interface PolicyTargets {
  firstResponse: number;
  resolution: number;
  nextResponse: number | null;
}

export interface LoadedPolicy {
  id: number;
  name: string;
  calendarId: number;
  /** Minutes, by priority 1..5. */
  targets: Record<number, PolicyTargets>;
  warnPercent: number;
  actions: SlaAction[];
}

/** A tier-escalation rule that applies to the ticket's current tier. */
export interface TierRule {
  id: number;
  afterMinutes: number;
}

export const METRIC_PREFIX = { firstResponse: 'fr', resolution: 'res', nextResponse: 'nr' } as const satisfies Record<SlaMetric, string>;
export const METRICS = Object.keys(METRIC_PREFIX) as SlaMetric[];
type Prefix = (typeof METRIC_PREFIX)[SlaMetric];

const MINUTE = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();
const ms = (isoTime: string) => Date.parse(isoTime);

/** Statuses in which the clock runs; in every other one it is stopped. */
export function clockRuns(status: string): boolean {
  return status === 'new' || status === 'assigned' || status === 'in_progress';
}

type MetricColumn = 'target_ms' | 'due_at' | 'met_at' | 'warned_at' | 'breached_at';
const columnsOf = (p: Prefix) =>
  ({ target_ms: `${p}_target_ms`, due_at: `${p}_due_at`, met_at: `${p}_met_at`, warned_at: `${p}_warned_at`, breached_at: `${p}_breached_at` }) as Record<MetricColumn, keyof SlaClock>;
// Column names per metric, built once: this runs for every clock the scheduler or a report reads.
const COLUMNS: Record<SlaMetric, Record<MetricColumn, keyof SlaClock>> = {
  firstResponse: columnsOf('fr'),
  resolution: columnsOf('res'),
  nextResponse: columnsOf('nr'),
};

/** Reads one metric's columns. */
export function metricOf(clock: SlaClock, metric: SlaMetric) {
  const c = COLUMNS[metric];
  return {
    targetMs: clock[c.target_ms] as number | null,
    dueAt: clock[c.due_at] as string | null,
    metAt: clock[c.met_at] as string | null,
    warnedAt: clock[c.warned_at] as string | null,
    breachedAt: clock[c.breached_at] as string | null,
  };
}

function put(clock: SlaClock, metric: SlaMetric, name: MetricColumn, value: string | number | null): void {
  (clock as unknown as Record<string, unknown>)[COLUMNS[metric][name]] = value;
}

/** Where a metric's clock starts, and how much of the paused time counts for it. */
function origin(clock: SlaClock, metric: SlaMetric): { start: number; pausedMs: number } | null {
  if (metric === 'nextResponse') {
    if (!clock.nr_started_at) return null;
    return { start: ms(clock.nr_started_at), pausedMs: clock.paused_ms - clock.nr_pause_base_ms };
  }
  return { start: ms(clock.started_at), pausedMs: clock.paused_ms };
}

/** Due instant of a metric after `share` of its target, paused time added (ms), or null. */
function pointOf(cal: BusinessCalendar, clock: SlaClock, metric: SlaMetric, share = 1): number | null {
  const o = origin(clock, metric);
  const target = metricOf(clock, metric).targetMs;
  if (!o || target === null) return null;
  return addBusinessMs(cal, o.start, Math.round(target * share) + Math.max(0, o.pausedMs));
}

/** Recomputes the due time of every unmet metric (the clock must be running). */
export function refreshDueTimes(cal: BusinessCalendar, clock: SlaClock): void {
  for (const m of METRICS) {
    const s = metricOf(clock, m);
    if (s.metAt || s.targetMs === null) continue;
    const due = pointOf(cal, clock, m);
    put(clock, m, 'due_at', due === null ? null : iso(due));
  }
}

/** Every column of a clock (the values do not matter): the insert's column list. */
export function newClockShape(): SlaClock {
  const always = { timeZone: 'UTC', always: true, hours: {}, isHoliday: () => false };
  const flat = { firstResponse: 1, resolution: 1, nextResponse: null };
  return newClock(always, { id: 0, name: '', calendarId: 0, targets: { 1: flat }, warnPercent: 80, actions: [] }, 1, new Date(0).toISOString());
}

/** A fresh clock for a ticket created at `at`. */
export function newClock(cal: BusinessCalendar, policy: LoadedPolicy, priority: number, at: string): SlaClock {
  const t = targetsFor(policy, priority);
  const clock: SlaClock = {
    policy_id: policy.id,
    calendar_id: policy.calendarId,
    priority,
    started_at: at,
    paused_at: null,
    paused_ms: 0,
    fr_target_ms: t.firstResponse * MINUTE,
    fr_due_at: null,
    fr_met_at: null,
    fr_warned_at: null,
    fr_breached_at: null,
    res_target_ms: t.resolution * MINUTE,
    res_due_at: null,
    res_met_at: null,
    res_warned_at: null,
    res_breached_at: null,
    nr_target_ms: null,
    nr_started_at: null,
    nr_pause_base_ms: 0,
    nr_due_at: null,
    nr_met_at: null,
    nr_warned_at: null,
    nr_breached_at: null,
    tier_started_at: at,
    tier_pause_base_ms: 0,
    wake_at: null,
    updated_at: at,
  };
  refreshDueTimes(cal, clock);
  return clock;
}

export function targetsFor(policy: LoadedPolicy, priority: number): PolicyTargets {
  const t = policy.targets[priority];
  if (!t) throw new Error(`SLA policy ${policy.name} has no targets for P${priority}`);
  return t;
}

/** The documented priority rule: the new priority's targets, counted from the start. */
export function retarget(cal: BusinessCalendar, clock: SlaClock, policy: LoadedPolicy, priority: number): void {
  const t = targetsFor(policy, priority);
  clock.priority = priority;
  if (!clock.fr_met_at) clock.fr_target_ms = t.firstResponse * MINUTE;
  if (!clock.res_met_at) clock.res_target_ms = t.resolution * MINUTE;
  if (clock.nr_started_at && !clock.nr_met_at) clock.nr_target_ms = t.nextResponse === null ? null : t.nextResponse * MINUTE;
  if (!clock.paused_at) refreshDueTimes(cal, clock);
}

export function pause(clock: SlaClock, at: string): void {
  if (!clock.paused_at) clock.paused_at = at;
}

/** Restarts a stopped clock: the paused business time moves every unmet due time later. */
export function resume(cal: BusinessCalendar, clock: SlaClock, at: string): void {
  if (!clock.paused_at) return;
  clock.paused_ms += Math.max(0, businessMsBetween(cal, ms(clock.paused_at), ms(at)));
  clock.paused_at = null;
  refreshDueTimes(cal, clock);
}

/**
 * Marks a metric met at `at`. Met after its due time without a recorded breach (the
 * scheduler had not run yet), the breach is recorded now: returns true in that case.
 */
export function meet(clock: SlaClock, metric: SlaMetric, at: string): boolean {
  const s = metricOf(clock, metric);
  if (s.metAt || s.targetMs === null) return false;
  put(clock, metric, 'met_at', at);
  if (s.dueAt && ms(at) > ms(s.dueAt) && !s.breachedAt) {
    put(clock, metric, 'breached_at', s.dueAt);
    return true;
  }
  return false;
}

/** A requester's reply starts the wait for the next answer (when the policy has that target). */
export function startNextResponse(cal: BusinessCalendar, clock: SlaClock, policy: LoadedPolicy, at: string): void {
  const target = targetsFor(policy, clock.priority).nextResponse;
  if (target === null) return;
  if (clock.nr_started_at && !clock.nr_met_at) return; // already waiting: the first unanswered message counts
  clock.nr_target_ms = target * MINUTE;
  clock.nr_started_at = at;
  clock.nr_pause_base_ms = clock.paused_ms;
  clock.nr_met_at = clock.nr_warned_at = clock.nr_breached_at = null;
  clock.nr_due_at = null;
  if (!clock.paused_at) refreshDueTimes(cal, clock);
}

/** The earliest unmet due time while the clock runs (what the queues sort on). */
export function nextDueAt(clock: SlaClock): string | null {
  if (clock.paused_at) return null;
  let next: string | null = null;
  for (const m of METRICS) {
    const s = metricOf(clock, m);
    if (s.metAt || !s.dueAt) continue;
    if (next === null || s.dueAt < next) next = s.dueAt;
  }
  return next;
}

export interface DueWork {
  warnings: SlaMetric[];
  breaches: SlaMetric[];
  tierRule: TierRule | null;
}

function tierPoint(cal: BusinessCalendar, clock: SlaClock, rule: TierRule): number {
  return addBusinessMs(cal, ms(clock.tier_started_at), rule.afterMinutes * MINUTE + Math.max(0, clock.paused_ms - clock.tier_pause_base_ms));
}

/** What is due at `now`: warnings, breaches and the first tier rule whose time has come. */
export function dueWork(cal: BusinessCalendar, clock: SlaClock, policy: LoadedPolicy, tierRules: TierRule[], now: number): DueWork {
  const work: DueWork = { warnings: [], breaches: [], tierRule: null };
  if (clock.paused_at) return work;
  for (const m of METRICS) {
    const s = metricOf(clock, m);
    if (s.metAt || s.targetMs === null || !s.dueAt) continue;
    if (!s.breachedAt && ms(s.dueAt) <= now) work.breaches.push(m);
    else if (!s.warnedAt && !s.breachedAt && (pointOf(cal, clock, m, policy.warnPercent / 100) ?? Infinity) <= now) work.warnings.push(m);
  }
  work.tierRule = tierRules.find((r) => tierPoint(cal, clock, r) <= now) ?? null;
  return work;
}

export function recordWarning(clock: SlaClock, metric: SlaMetric, at: string): void {
  put(clock, metric, 'warned_at', at);
}

export function recordBreach(clock: SlaClock, metric: SlaMetric): void {
  const s = metricOf(clock, metric);
  put(clock, metric, 'breached_at', s.dueAt);
  if (!s.warnedAt) put(clock, metric, 'warned_at', s.dueAt);
}

/** The next instant something may fire: a warning, a breach or a tier rule (null when stopped). */
export function wakeAt(cal: BusinessCalendar, clock: SlaClock, policy: LoadedPolicy, tierRules: TierRule[]): string | null {
  if (clock.paused_at) return null;
  let next = Infinity;
  for (const m of METRICS) {
    const s = metricOf(clock, m);
    if (s.metAt || s.targetMs === null || !s.dueAt || s.breachedAt) continue;
    next = Math.min(next, s.warnedAt ? ms(s.dueAt) : (pointOf(cal, clock, m, policy.warnPercent / 100) ?? ms(s.dueAt)));
  }
  for (const r of tierRules) next = Math.min(next, tierPoint(cal, clock, r));
  return Number.isFinite(next) ? iso(next) : null;
}

/** The tier the ticket is at changed: tier rules count from now. */
export function enterTier(clock: SlaClock, at: string): void {
  clock.tier_started_at = at;
  clock.tier_pause_base_ms = clock.paused_ms;
}
