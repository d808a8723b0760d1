// SLA policies: targets per priority in business time on a calendar, and what happens on a
// warning or a breach. Exactly one policy is the default (tickets without a contract use it).
import type { Deps } from '../../lib/deps.ts';
import type { Trx } from '../../db/db.ts';
import type { Actor } from '../../lib/actor.ts';
import { isoNow } from '../../lib/clock.ts';
import { recordAudit } from '../../lib/audit.ts';
import { isUniqueViolation } from '../../lib/db-errors.ts';
import { Conflict, NotFound, Unprocessable } from '../../lib/errors.ts';
import type { CreatePolicyInput, SlaAction, SlaPolicy, SlaTargets, UpdatePolicyInput } from '../../../../common/schemas/sla.ts';
import { forgetSlaConfig } from './sla.repo.ts';
import { forgetDefaultPolicy } from './contracts.repo.ts';
import * as repo from './policies.repo.ts';

type Issue = { path: string; message: string };

interface PolicyDraft {
  name: string;
  description: string;
  calendarId: number;
  targets: SlaTargets;
  warnPercent: number;
  actions: SlaAction[];
}

async function findOrFail(db: Trx, id: number): Promise<SlaPolicy> {
  const policy = await repo.findPolicy(db, id);
  if (!policy) throw new NotFound(`SLA policy ${id} does not exist.`);
  return policy;
}

function targetIssues(targets: SlaTargets): Issue[] {
  const issues: Issue[] = [];
  for (const p of [1, 2, 3, 4, 5] as const) {
    const t = targets[p];
    if (t.firstResponse > t.resolution) {
      issues.push({ path: `targets.${p}`, message: `"targets.${p}": P${p}'s first response (${t.firstResponse} min) must come no later than its resolution (${t.resolution} min).` });
    }
  }
  return issues;
}

async function actionIssues(trx: Trx, actions: SlaAction[]): Promise<Issue[]> {
  const issues: Issue[] = [];
  const groups = await repo.existingGroupIds(trx, [...new Set(actions.flatMap((a) => (a.groupId === undefined ? [] : [a.groupId])))]);
  const seen = new Set<string>();
  actions.forEach((a, i) => {
    const at = `actions[${i}]`;
    const key = JSON.stringify([a.on, a.metric, a.do, a.groupId ?? null]);
    if (seen.has(key)) issues.push({ path: at, message: `"${at}": the same action (${a.do} on ${a.on} of ${a.metric}) is listed twice.` });
    seen.add(key);
    if (a.do === 'reassign' && a.groupId === undefined) issues.push({ path: `${at}.groupId`, message: `"${at}.groupId": reassign needs the group to reassign the ticket to.` });
    else if (a.groupId !== undefined && a.do !== 'reassign' && a.do !== 'escalate') {
      issues.push({ path: `${at}.groupId`, message: `"${at}.groupId": only reassign and escalate take a group; ${a.do} does not.` });
    } else if (a.groupId !== undefined && !groups.has(a.groupId)) issues.push({ path: `${at}.groupId`, message: `"${at}.groupId": group ${a.groupId} does not exist.` });
  });
  return issues;
}

async function checkDraft(trx: Trx, d: PolicyDraft, exceptId?: number): Promise<void> {
  const other = await repo.findPolicyByName(trx, d.name);
  if (other && other.id !== exceptId) throw new Conflict(`An SLA policy named "${other.name}" already exists (id ${other.id}).`, { policyId: other.id });
  const issues: Issue[] = [];
  if (!(await repo.findCalendarName(trx, d.calendarId))) issues.push({ path: 'calendarId', message: `"calendarId": calendar ${d.calendarId} does not exist.` });
  issues.push(...targetIssues(d.targets), ...(await actionIssues(trx, d.actions)));
  if (issues.length) throw new Unprocessable(issues.map((i) => i.message).join(' '), { errors: issues });
}

function valuesOf(d: PolicyDraft): repo.PolicyValues {
  return {
    name: d.name,
    description: d.description,
    calendar_id: d.calendarId,
    targets: JSON.stringify(d.targets),
    warn_percent: d.warnPercent,
    actions: JSON.stringify(d.actions),
  };
}

/** Caches that hold policies: the engine's and the default policy id. */
function forgetPolicies(): void {
  forgetSlaConfig();
  forgetDefaultPolicy();
}

async function raceSafe<T>(name: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (isUniqueViolation(err)) throw new Conflict(`An SLA policy named "${name}" already exists.`);
    throw err;
  } finally {
    forgetPolicies();
  }
}

export function listPolicies(deps: Deps): Promise<SlaPolicy[]> {
  return repo.listPolicies(deps.db);
}

export function getPolicy(deps: Deps, id: number): Promise<SlaPolicy> {
  return findOrFail(deps.db, id);
}

export async function createPolicy(deps: Deps, actor: Actor, input: CreatePolicyInput): Promise<SlaPolicy> {
  const at = isoNow(deps.clock);
  return raceSafe(input.name, () =>
    deps.db.transaction().execute(async (trx) => {
      if (input.isDefault) await repo.lockDefault(trx, deps.dialect);
      await checkDraft(trx, input);
      const id = await repo.insertPolicy(trx, valuesOf(input), at);
      if (input.isDefault) await repo.makeDefault(trx, id, at);
      await recordAudit(trx, actor, at, { action: 'sla_policy.create', entityType: 'sla_policy', entityId: id, data: input });
      return findOrFail(trx, id);
    }),
  );
}

export async function updatePolicy(deps: Deps, actor: Actor, id: number, input: UpdatePolicyInput): Promise<SlaPolicy> {
  const at = isoNow(deps.clock);
  return raceSafe(input.name ?? '', () =>
    deps.db.transaction().execute(async (trx) => {
      if (input.isDefault) await repo.lockDefault(trx, deps.dialect);
      const before = await findOrFail(trx, id);
      const draft: PolicyDraft = {
        name: input.name ?? before.name,
        description: input.description ?? before.description,
        calendarId: input.calendarId ?? before.calendar.id,
        targets: input.targets ?? (before.targets as SlaTargets),
        warnPercent: input.warnPercent ?? before.warnPercent,
        actions: input.actions ?? before.actions,
      };
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      const compare: [string, unknown, unknown][] = [
        ['name', before.name, draft.name],
        ['description', before.description, draft.description],
        ['calendarId', before.calendar.id, draft.calendarId],
        ['targets', before.targets, draft.targets],
        ['warnPercent', before.warnPercent, draft.warnPercent],
        ['actions', before.actions, draft.actions],
        ['isDefault', before.isDefault, input.isDefault ? true : before.isDefault],
      ];
      for (const [field, from, to] of compare) if (JSON.stringify(from) !== JSON.stringify(to)) changes[field] = { from, to };
      if (Object.keys(changes).length === 0) return before;
      await checkDraft(trx, draft, id);
      await repo.updatePolicy(trx, id, valuesOf(draft), at);
      if (changes.isDefault) await repo.makeDefault(trx, id, at);
      await recordAudit(trx, actor, at, { action: 'sla_policy.update', entityType: 'sla_policy', entityId: id, data: changes });
      return findOrFail(trx, id);
    }),
  );
}

export async function deletePolicy(deps: Deps, actor: Actor, id: number): Promise<void> {
  const at = isoNow(deps.clock);
  try {
    await deps.db.transaction().execute(async (trx) => {
      const policy = await findOrFail(trx, id);
      if (policy.isDefault) throw new Conflict(`"${policy.name}" is the default SLA policy; make another policy the default before deleting it.`);
      const users = await repo.findPolicyUsers(trx, id);
      if (users.contracts.length) {
        const names = users.contracts.map((c) => `"${c.name}" (${c.organisation}, id ${c.id})`).join(', ');
        throw new Conflict(`SLA policy "${policy.name}" is used by ${users.contracts.length} contract(s): ${names}; give them another policy first.`, { contracts: users.contracts });
      }
      if (users.ticketClocks) {
        throw new Conflict(`SLA policy "${policy.name}" timed the SLA clock of ${users.ticketClocks} ticket(s) and stays for their history; it cannot be deleted.`, { tickets: users.ticketClocks });
      }
      await repo.deletePolicy(trx, id);
      await recordAudit(trx, actor, at, { action: 'sla_policy.delete', entityType: 'sla_policy', entityId: id, data: { name: policy.name, calendarId: policy.calendar.id } });
    });
  } finally {
    forgetPolicies();
  }
}
