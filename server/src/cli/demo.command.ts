// guichet demo: a realistic helpdesk to try Guichet on. Everything goes through the
// services (organisations, users, groups, categories, then every ticket action), with a
// movable clock so that the timeline, audit log and search look like 60 days of real work.
import { loadDemoArticles } from './demo-kb.ts';
import crypto from 'node:crypto';
import type { Language } from '../../../common/enums.ts';
import { actorForUser, systemActor, type Actor } from '../lib/actor.ts';
import type { Deps } from '../lib/deps.ts';
import { createCategory } from '../modules/categories/categories.service.ts';
import { findCategoryIdByPath } from '../modules/categories/categories.repo.ts';
import { createGroup } from '../modules/groups/groups.service.ts';
import { findGroupByName } from '../modules/groups/groups.repo.ts';
import { createOrganisation } from '../modules/organisations/organisations.service.ts';
import { findOrganisationByName } from '../modules/organisations/organisations.repo.ts';
import { countTickets, createTicket } from '../modules/tickets/tickets.service.ts';
import { addReply, assignTicket, closeTicket, escalateTicket, reopenTicket, resolveTicket, updateTicket } from '../modules/tickets/ticket-workflow.service.ts';
import { createUser, getUser } from '../modules/users/users.service.ts';
import { findUserIdByEmail } from '../modules/users/users.repo.ts';
import { CliError, optionalString, positiveInt, type Command } from './args.ts';
import { describeDatabase, withContext } from './context.ts';
import { DEMO_ADMIN_EMAIL, DEMO_CATEGORIES, DEMO_GROUPS, DEMO_ORGANISATIONS, DEMO_STAFF, DEMO_SUPERVISOR_EMAIL, type GroupKey } from './demo-data.ts';
import { DEMO_SPAN_DAYS, demoRequesters, planTickets, type Action, type TicketPlan } from './demo-plan.ts';
import { createProgress } from './progress.ts';

const DAY = 24 * 3600_000;

/** A clock the loader moves to each action's moment. */
function movableClock(start: number) {
  let t = start;
  return { now: () => new Date(t), set: (ms: number) => void (t = ms) };
}

interface People {
  actors: Map<string, Actor>;
  created: number;
  existing: number;
}


async function ensureOrganisations(deps: Deps): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const o of DEMO_ORGANISATIONS) {
    const existing = await findOrganisationByName(deps.db, o.name);
    ids.set(o.name, existing?.id ?? (await createOrganisation(deps, systemActor(), { name: o.name, domains: [o.domain] })).id);
  }
  return ids;
}

async function ensureGroups(deps: Deps): Promise<Map<GroupKey, number>> {
  const ids = new Map<GroupKey, number>();
  for (const g of DEMO_GROUPS) {
    const existing = await findGroupByName(deps.db, g.name);
    ids.set(g.key, existing?.id ?? (await createGroup(deps, systemActor(), { name: g.name, tier: g.tier, description: g.description })).id);
  }
  return ids;
}

async function ensureCategories(deps: Deps): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  const ensure = async (path: string, name: string, parentId: number | null) => {
    const id = (await findCategoryIdByPath(deps.db, path)) ?? (await createCategory(deps, systemActor(), { name, parentId })).id;
    ids.set(path, id);
    return id;
  };
  for (const [parent, children] of Object.entries(DEMO_CATEGORIES)) {
    const parentId = await ensure(parent, parent, null);
    for (const child of children) await ensure(`${parent} / ${child}`, child, parentId);
  }
  return ids;
}

async function ensurePeople(deps: Deps, password: string, orgIds: Map<string, number>, groupIds: Map<GroupKey, number>): Promise<People> {
  const people: People = { actors: new Map(), created: 0, existing: 0 };
  const ensure = async (input: Parameters<typeof createUser>[2]) => {
    const found = await findUserIdByEmail(deps.db, input.email);
    const user = found ? await getUser(deps, systemActor(), found.id) : await createUser(deps, systemActor(), input);
    people[found ? 'existing' : 'created']++;
    people.actors.set(user.email, actorForUser(user, 'session'));
  };
  for (const s of DEMO_STAFF) {
    await ensure({ email: s.email, name: s.name, roles: s.roles, password, language: 'fr', groupIds: s.group ? [groupIds.get(s.group)!] : [] });
  }
  for (const o of DEMO_ORGANISATIONS) {
    for (const r of demoRequesters(o)) {
      // Managers can sign in to the portal; the others write in by email.
      await ensure({
        email: r.email,
        name: r.name,
        roles: ['requester'],
        organisationId: orgIds.get(o.name)!,
        isOrgManager: r.isManager,
        language: o.language as Language,
        password: r.isManager ? password : undefined,
      });
    }
  }
  return people;
}

/** Replays one planned action through the ticket services. */
async function perform(deps: Deps, plan: TicketPlan, action: Action, ctx: { ticketIds: Map<number, number>; people: People; categories: Map<string, number>; groups: Map<GroupKey, number> }) {
  const actor = (email: string) => {
    const a = ctx.people.actors.get(email);
    if (!a) throw new Error(`demo: no account ${email}`);
    return a;
  };
  const requester = actor(plan.requester.email);
  const id = ctx.ticketIds.get(plan.index)!;
  switch (action.kind) {
    case 'create': {
      const base = {
        title: plan.title,
        description: plan.issue.body,
        type: plan.issue.type,
        impact: plan.issue.impact,
        urgency: plan.issue.urgency,
        category: ctx.categories.get(plan.issue.category)!,
      };
      const ticket =
        action.via === 'portal'
          ? await createTicket(deps, requester, { ...base, impact: undefined }) // requesters give the urgency only
          : action.via === 'email'
            ? await createTicket(deps, systemActor(), { ...base, channel: 'email', requesterId: requester.userId })
            : await createTicket(deps, actor(action.agent!), { ...base, channel: 'phone', requesterId: requester.userId, assigneeId: actor(action.agent!).userId });
      ctx.ticketIds.set(plan.index, ticket.id);
      return;
    }
    case 'take':
      await assignTicket(deps, actor(action.agent), id, {});
      return;
    case 'reply':
      await addReply(deps, actor(action.agent), id, { body: action.body, internal: action.internal, status: action.status, pendingReason: action.pendingReason });
      return;
    case 'requester-reply':
      await addReply(deps, requester, id, { body: action.body, internal: false });
      return;
    case 'escalate':
      await escalateTicket(deps, actor(action.agent), id, { groupId: ctx.groups.get(action.group)!, note: action.note });
      return;
    case 'override':
      await updateTicket(deps, actor(action.agent), id, { priority: action.priority, priorityReason: action.reason });
      return;
    case 'resolve':
      await resolveTicket(deps, actor(action.agent), id, action.fix);
      return;
    case 'reopen':
      await reopenTicket(deps, actor(action.agent), id, action.reason);
      return;
    case 'close':
      await closeTicket(deps, action.by === 'requester' ? requester : systemActor(), id, action.note);
      return;
  }
}

async function loadTickets(deps: Deps, clock: ReturnType<typeof movableClock>, plans: TicketPlan[], ctx: Omit<Parameters<typeof perform>[3], 'ticketIds'>) {
  // All actions of all tickets in time order: ticket numbers, event ids and audit entries
  // then grow with time, as in a real helpdesk.
  const steps = plans.flatMap((plan) => plan.steps.map((step, i) => ({ plan, step, isLast: i === plan.steps.length - 1 })));
  steps.sort((a, b) => a.step.at - b.step.at || a.plan.index - b.plan.index);
  const progress = createProgress(plans.length, 'tickets');
  const ticketIds = new Map<number, number>();
  let done = 0;
  for (const { plan, step, isLast } of steps) {
    clock.set(step.at);
    try {
      await perform(deps, plan, step.action, { ...ctx, ticketIds });
    } catch (err) {
      process.stderr.write('\n');
      throw new Error(`demo ticket ${plan.index} (${plan.scenario} → ${plan.target}), action ${step.action.kind}: ${(err as Error).message}`, { cause: err });
    }
    if (isLast) progress.update(++done);
  }
  progress.finish();
}

export const demoCommand: Command = {
  name: 'demo',
  summary: `Load a realistic demo dataset: organisations, staff in N1/N2/N3 groups, categories and tickets of the last ${DEMO_SPAN_DAYS} days.`,
  options: {
    tickets: { type: 'string', valueName: 'N', description: 'How many tickets (default 400)' },
    password: { type: 'string', description: 'Password of the demo accounts (default: generated and printed)' },
    force: { type: 'boolean', description: 'Add the demo even if the database already has tickets' },
  },
  notes: `The demo refuses a database that already has tickets: it is meant for a fresh one,
e.g. GUICHET_DATA=./demo-data guichet demo && GUICHET_DATA=./demo-data guichet serve`,
  async run(args) {
    const count = positiveInt(args, 'tickets', 400);
    if (count > 100_000) throw new CliError('--tickets: at most 100000.');
    const password = optionalString(args, 'password') ?? `demo-${crypto.randomBytes(6).toString('base64url')}`;
    if (password.length < 8) throw new CliError('--password must have at least 8 characters.');
    const now = Date.now();
    const clock = movableClock(now - (DEMO_SPAN_DAYS + 1) * DAY);
    await withContext(
      async ({ deps }) => {
        const existing = await deps.db.selectFrom('tickets').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
        if (Number(existing.n) > 0 && !args.values.force) {
          throw new CliError(`The database already has ${existing.n} tickets; the demo is meant for an empty one. Pass --force to add it anyway.`);
        }
        process.stderr.write(`Loading the demo into ${describeDatabase(deps.config)}…\n`);
        const organisations = await ensureOrganisations(deps);
        const groups = await ensureGroups(deps);
        const categories = await ensureCategories(deps);
        const people = await ensurePeople(deps, password, organisations, groups);
        await loadTickets(deps, clock, planTickets(count, now), { people, categories, groups });
        const articles = await loadDemoArticles(deps, people.actors.get(DEMO_SUPERVISOR_EMAIL)!, categories);

        clock.set(Date.now());
        const counts = await countTickets(deps, people.actors.get(DEMO_ADMIN_EMAIL)!);
        const byStatus = Object.entries(counts.byStatus).map(([s, n]) => `${s.replace('_', ' ')} ${n}`).join(', ');
        console.log(
          `Demo loaded: ${organisations.size} organisations, ${groups.size} groups, ${categories.size} categories, ` +
            `${people.created} new accounts, ${count} tickets (${byStatus}), ${articles} knowledge-base articles.`,
        );
        const manager = demoRequesters(DEMO_ORGANISATIONS[0])[0];
        const l1 = DEMO_STAFF.find((s) => s.group === 'n1' && !s.roles.includes('supervisor'))!;
        console.log('');
        console.log(people.existing > 0 ? `Sign in with (accounts that already existed kept their password):` : `Sign in with password "${password}":`);
        const rows: [string, string][] = [
          ['admin', DEMO_ADMIN_EMAIL],
          ['supervisor', DEMO_SUPERVISOR_EMAIL],
          ['agent (N1)', l1.email],
          ['requester', `${manager.email} (manages ${DEMO_ORGANISATIONS[0].name})`],
        ];
        for (const [role, who] of rows) console.log(`  ${role.padEnd(12)}${who}`);
        if (people.existing > 0) console.log(`  password of new accounts: ${password}`);
      },
      { clock },
    );
  },
};
