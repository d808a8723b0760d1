// Client contracts: an organisation served under an SLA policy, from a date to a date (either
// open). One organisation's contracts never overlap, so one policy applies on any day.
import type { Deps } from '../../lib/deps.ts';
import type { Trx } from '../../db/db.ts';
import type { Actor } from '../../lib/actor.ts';
import { isoNow } from '../../lib/clock.ts';
import { recordAudit } from '../../lib/audit.ts';
import { Conflict, NotFound, Unprocessable } from '../../lib/errors.ts';
import type { Contract, CreateContractInput, UpdateContractInput } from '../../../../common/schemas/sla.ts';
import { visibleOrganisationIds } from '../organisations/organisations.repo.ts';
import { isLocalDate } from '../calendars/calendar-rules.ts';
import * as repo from './contracts.repo.ts';

type Issue = { path: string; message: string };

interface ContractDraft {
  organisationId: number;
  name: string;
  policyId: number;
  startsOn: string | null;
  endsOn: string | null;
  notes: string;
}

/** Contracts are in force by UTC date, like the `active` flag. */
const todayOf = (deps: Deps) => isoNow(deps.clock).slice(0, 10);

async function findOrFail(deps: Deps, db: Trx, actor: Actor, id: number): Promise<Contract> {
  const contract = await repo.findContract(db, visibleOrganisationIds(actor.scope), id, todayOf(deps));
  if (!contract) throw new NotFound(`Contract ${id} does not exist.`);
  return contract;
}

const span = (from: string | null, to: string | null) => `${from ?? 'always'} to ${to ?? 'open-ended'}`;

async function checkDraft(deps: Deps, trx: Trx, actor: Actor, d: ContractDraft, exceptId?: number): Promise<void> {
  const issues: Issue[] = [];
  const visible = visibleOrganisationIds(actor.scope);
  const org = visible === 'all' || visible.includes(d.organisationId) ? await repo.lockOrganisation(trx, deps.dialect, d.organisationId) : undefined;
  if (!org) issues.push({ path: 'organisationId', message: `"organisationId": organisation ${d.organisationId} does not exist.` });
  if (!(await repo.findPolicyName(trx, d.policyId))) issues.push({ path: 'policyId', message: `"policyId": SLA policy ${d.policyId} does not exist.` });
  for (const field of ['startsOn', 'endsOn'] as const) {
    const v = d[field];
    if (v !== null && !isLocalDate(v)) issues.push({ path: field, message: `"${field}": ${v} is not a day of the calendar.` });
  }
  if (d.startsOn !== null && d.endsOn !== null && d.startsOn > d.endsOn) {
    issues.push({ path: 'endsOn', message: `"endsOn" (${d.endsOn}) is before "startsOn" (${d.startsOn}); a contract ends on or after the day it starts.` });
  }
  if (issues.length) throw new Unprocessable(issues.map((i) => i.message).join(' '), { errors: issues });
  const clash = (await repo.findOverlappingContracts(trx, d.organisationId, d.startsOn, d.endsOn, exceptId))[0];
  if (clash) {
    throw new Conflict(
      `The dates (${span(d.startsOn, d.endsOn)}) overlap contract "${clash.name}" (id ${clash.id}, ${span(clash.starts_on, clash.ends_on)}) of ${org!.name}; one organisation has one contract in force on any day.`,
      { contractId: clash.id },
    );
  }
}

function valuesOf(d: ContractDraft): repo.ContractValues {
  return { organisation_id: d.organisationId, name: d.name, sla_policy_id: d.policyId, starts_on: d.startsOn, ends_on: d.endsOn, notes: d.notes };
}

export function listContracts(deps: Deps, actor: Actor, f: { organisationId?: number }): Promise<Contract[]> {
  return repo.listContracts(deps.db, visibleOrganisationIds(actor.scope), f, todayOf(deps));
}

export function getContract(deps: Deps, actor: Actor, id: number): Promise<Contract> {
  return findOrFail(deps, deps.db, actor, id);
}

export async function createContract(deps: Deps, actor: Actor, input: CreateContractInput): Promise<Contract> {
  const at = isoNow(deps.clock);
  return deps.db.transaction().execute(async (trx) => {
    await checkDraft(deps, trx, actor, input);
    const id = await repo.insertContract(trx, valuesOf(input), at);
    await recordAudit(trx, actor, at, { action: 'contract.create', entityType: 'contract', entityId: id, organisationId: input.organisationId, data: input });
    return findOrFail(deps, trx, actor, id);
  });
}

export async function updateContract(deps: Deps, actor: Actor, id: number, input: UpdateContractInput): Promise<Contract> {
  const at = isoNow(deps.clock);
  return deps.db.transaction().execute(async (trx) => {
    const before = await findOrFail(deps, trx, actor, id);
    const draft: ContractDraft = {
      organisationId: before.organisation.id,
      name: input.name ?? before.name,
      policyId: input.policyId ?? before.policy.id,
      startsOn: input.startsOn !== undefined ? input.startsOn : before.startsOn,
      endsOn: input.endsOn !== undefined ? input.endsOn : before.endsOn,
      notes: input.notes ?? before.notes,
    };
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    const compare: [string, unknown, unknown][] = [
      ['name', before.name, draft.name],
      ['policyId', before.policy.id, draft.policyId],
      ['startsOn', before.startsOn, draft.startsOn],
      ['endsOn', before.endsOn, draft.endsOn],
      ['notes', before.notes, draft.notes],
    ];
    for (const [field, from, to] of compare) if (from !== to) changes[field] = { from, to };
    if (Object.keys(changes).length === 0) return before;
    await checkDraft(deps, trx, actor, draft, id);
    await repo.updateContract(trx, id, valuesOf(draft), at);
    await recordAudit(trx, actor, at, { action: 'contract.update', entityType: 'contract', entityId: id, organisationId: draft.organisationId, data: changes });
    return findOrFail(deps, trx, actor, id);
  });
}

export async function deleteContract(deps: Deps, actor: Actor, id: number): Promise<void> {
  const at = isoNow(deps.clock);
  await deps.db.transaction().execute(async (trx) => {
    const c = await findOrFail(deps, trx, actor, id);
    await repo.deleteContract(trx, id);
    await recordAudit(trx, actor, at, {
      action: 'contract.delete',
      entityType: 'contract',
      entityId: id,
      organisationId: c.organisation.id,
      data: { name: c.name, policyId: c.policy.id, startsOn: c.startsOn, endsOn: c.endsOn },
    });
  });
}
