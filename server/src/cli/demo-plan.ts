// Plans the demo tickets: for each, a story (scenario) told up to a final status, as
// timed actions that demo.command.ts replays through the ticket services. Pure and seeded,
// so a demo database looks the same every time.
import type { Language, PendingReason, Priority } from '../../../common/enums.ts';
import { DEMO_ORGANISATIONS, DEMO_STAFF, DEMO_SUPERVISOR_EMAIL, PHRASES, emailLocalPart, type DemoOrganisation, type GroupKey } from './demo-data.ts';
import { ISSUES, type Issue, type Resolution } from './demo-issues.ts';
import { seededRandom, type Rng } from '../../../common/seeded-random.ts';

export type Target = 'new' | 'assigned' | 'in_progress' | 'pending_requester' | 'pending_third_party' | 'resolved' | 'closed';
export type Scenario = 'standard' | 'phone' | 'escalated' | 'vendor' | 'reopened';

export type Action =
  | { kind: 'create'; via: 'portal' | 'email' | 'phone'; agent?: string }
  | { kind: 'take'; agent: string }
  | { kind: 'reply'; agent: string; body: string; internal: boolean; status?: 'pending' | 'in_progress'; pendingReason?: PendingReason }
  | { kind: 'requester-reply'; body: string }
  | { kind: 'escalate'; agent: string; group: GroupKey; note: string }
  | { kind: 'override'; agent: string; priority: Priority; reason: string }
  | { kind: 'resolve'; agent: string; fix: Resolution }
  | { kind: 'reopen'; agent: string; reason: string }
  | { kind: 'close'; by: 'requester' | 'system'; note: string };

export interface Step {
  at: number; // epoch ms
  action: Action;
}

export interface TicketPlan {
  index: number;
  target: Target;
  scenario: Scenario;
  language: Language;
  organisation: DemoOrganisation;
  requester: { name: string; email: string };
  issue: Issue;
  title: string;
  steps: Step[];
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
export const DEMO_SPAN_DAYS = 60;


const TARGET_WEIGHTS: Record<Target, number> = {
  new: 8,
  assigned: 7,
  in_progress: 12,
  pending_requester: 6,
  pending_third_party: 4,
  resolved: 11,
  closed: 52,
};

const SCENARIOS_FOR: Record<Target, Partial<Record<Scenario, number>>> = {
  new: { standard: 6, escalated: 4 },
  assigned: { standard: 6, escalated: 4 },
  in_progress: { standard: 5, escalated: 4, reopened: 1 },
  pending_requester: { standard: 6, escalated: 4 },
  pending_third_party: { vendor: 1 },
  resolved: { standard: 4, phone: 3, escalated: 2, vendor: 1, reopened: 1 },
  closed: { standard: 4, phone: 3, escalated: 2, vendor: 1, reopened: 1 },
};

/** The first tickets cover every status and story, so even `--tickets 15` shows them all. */
const COVERAGE: [Target, Scenario][] = [
  ['new', 'standard'],
  ['assigned', 'standard'],
  ['in_progress', 'standard'],
  ['pending_requester', 'standard'],
  ['pending_third_party', 'vendor'],
  ['resolved', 'phone'],
  ['closed', 'escalated'],
  ['closed', 'reopened'],
  ['resolved', 'standard'],
  ['closed', 'phone'],
  ['in_progress', 'escalated'],
  ['new', 'escalated'],
  ['closed', 'standard'],
  ['resolved', 'vendor'],
];

const agentsOf = (group: GroupKey) => DEMO_STAFF.filter((s) => s.group === group).map((s) => s.email);

function fill(text: string, vars: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (m, k: string) => vars[k] ?? m);
}

/** When the last step may happen, relative to now, for a ticket left in this status. */
const END_WINDOW: Record<Target, [number, number]> = {
  new: [36 * HOUR, 5 * MINUTE],
  assigned: [2 * DAY, 10 * MINUTE],
  in_progress: [5 * DAY, 10 * MINUTE],
  pending_requester: [12 * DAY, HOUR],
  pending_third_party: [12 * DAY, HOUR],
  resolved: [70 * HOUR, 10 * MINUTE], // younger than the 72 h auto-close
  closed: [DEMO_SPAN_DAYS * DAY, HOUR],
};

const isWeekend = (d: Date) => d.getUTCDay() === 0 || d.getUTCDay() === 6;

/** Support works on weekdays, 07:00–18:00 UTC; requesters write whenever they like. */
function isWorkingTime(t: number): boolean {
  const d = new Date(t);
  return !isWeekend(d) && d.getUTCHours() >= 7 && d.getUTCHours() < 18;
}

/** The next working morning, plus a few minutes to go through the overnight queue. */
function nextWorkingTime(t: number): number {
  const d = new Date(t);
  if (d.getUTCHours() >= 18) d.setUTCDate(d.getUTCDate() + 1);
  d.setUTCHours(7, 0, 0, 0);
  while (isWeekend(d)) d.setUTCDate(d.getUTCDate() + 1);
  return d.getTime() + (Math.floor(t / MINUTE) % 83) * MINUTE;
}

const isStaffAction = (a: Action) => !(a.kind === 'requester-reply' || a.kind === 'close' || (a.kind === 'create' && a.via !== 'phone'));

class Story {
  readonly steps: Step[] = [];
  constructor(
    private readonly rng: Rng,
    public t: number,
  ) {}
  /** Adds an action between min and max minutes after the previous one (staff: in working hours). */
  then(minMinutes: number, maxMinutes: number, action: Action): this {
    this.t += Math.round(this.rng.between(minMinutes, maxMinutes) * MINUTE);
    if (isStaffAction(action) && !isWorkingTime(this.t)) this.t = nextWorkingTime(this.t);
    this.steps.push({ at: this.t, action });
    return this;
  }
}

function pickIssue(rng: Rng, language: Language, scenario: Scenario): Issue {
  const pool = ISSUES[language].filter((i) =>
    scenario === 'phone' ? i.quick : scenario === 'escalated' ? i.escalateTo : scenario === 'vendor' ? i.vendor : true,
  );
  return rng.pick(pool);
}

/** Writes the story of one ticket, stopping at its target status. */
function tell(rng: Rng, p: Omit<TicketPlan, 'steps'>, start: number): Story {
  const s = new Story(rng, start);
  const ph = PHRASES[p.language];
  const first = p.requester.name.split(' ')[0];
  const say = (texts: string[], extra: Record<string, string> = {}) => fill(rng.pick(texts), { first, ...extra });
  const { issue, target, scenario } = p;
  const l1 = rng.pick(agentsOf('n1'));

  if (scenario === 'phone') {
    s.then(0, 0, { kind: 'create', via: 'phone', agent: l1 });
    s.then(3, 12, { kind: 'reply', agent: l1, internal: false, body: say(ph.phoneCall, { actions: issue.fix.actions }) });
    s.then(1, 4, { kind: 'resolve', agent: l1, fix: issue.fix });
    return close(rng, s, p);
  }

  s.then(0, 0, { kind: 'create', via: rng.chance(0.55) ? 'portal' : 'email' });
  if (target === 'new' && scenario === 'standard') return s;
  s.then(10, 240, { kind: 'take', agent: l1 });
  if (target === 'assigned' && scenario === 'standard') return s;
  s.then(2, 30, { kind: 'reply', agent: l1, internal: false, body: say(ph.pickup) });
  let worker = l1;

  if (scenario === 'escalated' && issue.escalateTo) {
    s.then(5, 90, { kind: 'reply', agent: l1, internal: true, body: issue.note });
    s.then(10, 180, { kind: 'escalate', agent: l1, group: issue.escalateTo, note: issue.handoff! });
    if (target === 'new') return s;
    worker = rng.pick(agentsOf(issue.escalateTo));
    s.then(20, 24 * 60, { kind: 'take', agent: worker });
    if (target === 'assigned') return s;
    s.then(5, 60, { kind: 'reply', agent: worker, internal: false, body: say(ph.working) });
    if (issue.escalateTo2 && target !== 'pending_requester') {
      s.then(60, 24 * 60, { kind: 'escalate', agent: worker, group: issue.escalateTo2, note: issue.handoff2! });
      worker = rng.pick(agentsOf(issue.escalateTo2));
      s.then(30, 8 * 60, { kind: 'take', agent: worker });
      s.then(10, 120, { kind: 'reply', agent: worker, internal: true, body: issue.note });
    }
  }

  const askRequester = target === 'pending_requester' || (target !== 'in_progress' && rng.chance(0.3));
  if (askRequester) {
    s.then(10, 120, { kind: 'reply', agent: worker, internal: false, body: `${first}, ${lowerFirst(issue.question)}`, status: 'pending', pendingReason: 'requester' });
    if (target === 'pending_requester') return s;
    s.then(30, 26 * 60, { kind: 'requester-reply', body: issue.answer });
  }
  if (scenario !== 'escalated') s.then(5, 120, { kind: 'reply', agent: worker, internal: true, body: issue.note });
  if (issue.impact + issue.urgency >= 5 && rng.chance(0.08)) {
    s.then(5, 60, { kind: 'override', agent: DEMO_SUPERVISOR_EMAIL, priority: 'P2', reason: rng.pick(ph.overrideReason) });
  }

  if (scenario === 'vendor' && issue.vendor) {
    const ref = `${p.language === 'fr' ? 'DOS' : 'CASE'}-${Math.floor(rng.between(10000, 99999))}`;
    s.then(10, 120, { kind: 'reply', agent: worker, internal: false, body: say(ph.vendorWait) });
    s.then(1, 10, { kind: 'reply', agent: worker, internal: true, body: ph.vendorNote(issue.vendor, ref), status: 'pending', pendingReason: 'third_party' });
    if (target === 'pending_third_party') return s;
    s.then(20 * 60, 5 * 24 * 60, { kind: 'reply', agent: worker, internal: true, body: ph.vendorBack(issue.vendor), status: 'in_progress' });
  }
  if (target === 'in_progress' && scenario !== 'reopened') return s;
  if (target === 'in_progress' || target === 'resolved' || target === 'closed') {
    s.then(30, 2 * 24 * 60, { kind: 'resolve', agent: worker, fix: issue.fix });
  }
  if (scenario === 'reopened') {
    // The requester answers the resolution (which reopens it), or calls and the agent reopens.
    const byPhone = rng.chance(0.4);
    if (byPhone) s.then(3 * 60, 2 * 24 * 60, { kind: 'reopen', agent: worker, reason: rng.pick(ph.reopenCall) });
    else s.then(3 * 60, 2 * 24 * 60, { kind: 'requester-reply', body: rng.pick(ph.reopen) });
    if (target === 'in_progress') return s;
    s.then(20, 4 * 60, { kind: 'reply', agent: worker, internal: false, body: say(ph.reopenAgain) });
    const again = p.language === 'fr' ? 'Seconde intervention après réouverture : ' : 'Second visit after the reopening: ';
    s.then(60, 24 * 60, { kind: 'resolve', agent: worker, fix: { ...issue.fix, actions: again + issue.fix.actions } });
  }
  return close(rng, s, p);
}

function close(rng: Rng, s: Story, p: Omit<TicketPlan, 'steps'>): Story {
  if (p.target !== 'closed') return s;
  if (rng.chance(0.3)) return s.then(60, 30 * 60, { kind: 'close', by: 'requester', note: rng.pick(PHRASES[p.language].thanks) });
  // What the auto-close job does, 72 hours after the resolution (it runs every 5 minutes).
  return s.then(72 * 60 + 1, 72 * 60 + 5, { kind: 'close', by: 'system', note: 'Closed automatically 72 hours after resolution.' });
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/** Every requester of the demo organisations, with their email. */
export function demoRequesters(org: DemoOrganisation) {
  return org.people.map((name, i) => ({ name, email: `${emailLocalPart(name)}@${org.domain}`, isManager: i === 0 }));
}

export function planTickets(count: number, now: number, seed = 20261129): TicketPlan[] {
  const rng = seededRandom(seed);
  const plans: TicketPlan[] = [];
  for (let index = 0; index < count; index++) {
    let [target, scenario] = COVERAGE[index] ?? [rng.weighted(TARGET_WEIGHTS), undefined];
    scenario ??= rng.weighted(SCENARIOS_FOR[target] as Record<Scenario, number>);
    const organisation = rng.pick(DEMO_ORGANISATIONS);
    const requester = rng.pick(demoRequesters(organisation));
    const issue = pickIssue(rng, organisation.language, scenario);
    const base = { index, target, scenario, language: organisation.language, organisation, requester, issue, title: rng.pick(issue.titles) };
    // Place the story so that its last step falls in the target's window (a fresh ticket
    // stays new for hours, not weeks). Its length depends on where nights and weekends
    // fall, so aim, measure, and aim again.
    const seed = Math.floor(rng.next() * 2 ** 32);
    const [oldest, newest] = END_WINDOW[target];
    const end = rng.between(now - oldest, now - newest);
    let length = 0;
    let steps: Step[] = [];
    for (let attempt = 0; attempt < 6; attempt++) {
      const start = Math.round(Math.max(now - DEMO_SPAN_DAYS * DAY, end - length));
      steps = tell(seededRandom(seed), base, start).steps;
      const last = steps[steps.length - 1].at;
      if (last >= now - oldest && last <= now - newest) break;
      length = last - start;
    }
    // Never in the future, whatever the story's length.
    const overshoot = steps[steps.length - 1].at - (now - newest);
    if (overshoot > 0) steps = steps.map((st) => ({ ...st, at: st.at - overshoot }));
    plans.push({ ...base, steps });
  }
  return plans;
}
