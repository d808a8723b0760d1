// Problems: the cause behind recurring incidents, with its root cause, workaround and the
// incidents linked to it. Transitions and resolution live in problem-resolution.service.ts.
import type { CreateProblemInput, Problem, ProblemStatus, ProblemSummary, UpdateProblemInput } from '../../../../common/schemas/problems.ts';
import type { Trx } from '../../db/db.ts';
import type { Deps } from '../../lib/deps.ts';
import { isStaff, type Actor } from '../../lib/actor.ts';
import { isoNow } from '../../lib/clock.ts';
import { recordAudit } from '../../lib/audit.ts';
import { Forbidden, NotFound, Unprocessable } from '../../lib/errors.ts';
import { foldAccents, searchWords } from '../../lib/search-terms.ts';
import { notVisible, type TicketChange } from '../tickets/ticket-change.ts';
import { findTicketView } from '../tickets/tickets.repo.ts';
import { initialStatus, requiredFields, label } from './problem-status.ts';
import { problemReference, toProblem, toProblemSummary } from './problem-dto.ts';
import { assertSameOrganisation, linkTicketsIn, publishTicketChanges, visibleTicketsOrFail, writeLinkEvent, type VisibleTicket } from './problem-links.ts';
import { forgetKnownErrors, scopeSeesProblem } from './known-errors.ts';
import * as repo from './problems.repo.ts';
import { decodeCursor, encodeCursor } from '../../lib/page-cursor.ts';

export function problemNotVisible(id: number): NotFound {
  return new NotFound(`Problem ${problemReference(id)} does not exist or is not visible to you.`);
}

function requireStaff(actor: Actor): void {
  if (!isStaff(actor.roles)) throw new Forbidden('Problems are managed by the support team.');
}

/** Which organisation a new problem belongs to (null: it spans several). */
function organisationFor(actor: Actor, tickets: VisibleTicket[]): number | null {
  const orgs = [...new Set(tickets.map((t) => t.organisation_id))];
  if (orgs.length === 1 && orgs[0] !== null) return orgs[0];
  if (actor.scope.kind === 'organisations') {
    if (actor.scope.organisationIds.length === 1) return actor.scope.organisationIds[0];
    throw new Unprocessable(
      tickets.length
        ? 'These incidents belong to several organisations: a problem spanning organisations is for staff who serve them all.'
        : 'You serve several organisations: link at least one incident so that the problem belongs to its organisation.',
    );
  }
  return null;
}

async function checkRefs(trx: Trx, input: { ownerGroupId?: number | null; categoryId?: number | null }): Promise<void> {
  if (input.ownerGroupId != null && !(await repo.groupExists(trx, input.ownerGroupId))) throw new Unprocessable(`ownerGroupId: group ${input.ownerGroupId} does not exist.`);
  if (input.categoryId != null && !(await repo.categoryExists(trx, input.categoryId))) throw new Unprocessable(`categoryId: category ${input.categoryId} does not exist.`);
}

/**
 * Writes a problem and links its incidents (a timeline event on each) inside the caller's
 * transaction; returns its id. `changes` collects the ticket changes to publish after
 * commit (publishTicketChanges). `organisationId`, when given, overrides the organisation
 * worked out from the incidents (e.g. a detected cluster's).
 */
export async function createProblemIn(
  trx: Trx,
  deps: Deps,
  actor: Actor,
  input: CreateProblemInput & { candidateId?: number; organisationId?: number | null },
  changes: TicketChange[] = [],
): Promise<number> {
  requireStaff(actor);
  const at = isoNow(deps.clock);
  const tickets = await visibleTicketsOrFail(trx, actor, input.incidentIds ?? []);
  let organisationId: number | null;
  if (input.organisationId !== undefined) {
    organisationId = input.organisationId;
    if (!scopeSeesProblem(actor.scope, organisationId)) throw new Forbidden('This problem would belong to an organisation you do not serve.');
  } else organisationId = organisationFor(actor, tickets);
  assertSameOrganisation({ id: null, organisation_id: organisationId }, tickets);
  await checkRefs(trx, input);
  const facts = { hasRootCause: !!input.rootCause, hasWorkaround: !!input.workaround };
  const { id } = await repo.insertProblem(trx, {
    title: input.title,
    description: input.description,
    status: initialStatus(facts),
    root_cause: input.rootCause ?? null,
    workaround: input.workaround ?? null,
    resolution: null,
    owner_group_id: input.ownerGroupId ?? null,
    organisation_id: organisationId,
    category_id: input.categoryId ?? null,
    candidate_id: input.candidateId ?? null,
    created_by_id: actor.userId > 0 ? actor.userId : null,
    created_at: at,
    updated_at: at,
    resolved_at: null,
    closed_at: null,
  });
  const linked = await linkTicketsIn(trx, deps, actor, { id, title: input.title }, tickets.map((t) => t.id), at, changes);
  await recordAudit(trx, actor, at, {
    action: 'problem.create',
    entityType: 'problem',
    entityId: id,
    organisationId,
    data: { title: input.title, status: initialStatus(facts), incidentIds: linked, candidateId: input.candidateId ?? null },
  });
  forgetKnownErrors();
  return id;
}

export async function createProblem(deps: Deps, actor: Actor, input: CreateProblemInput): Promise<Problem> {
  const changes: TicketChange[] = [];
  const id = await deps.db.transaction().execute((trx) => createProblemIn(trx, deps, actor, input, changes));
  publishTicketChanges(deps, actor, changes);
  return getProblem(deps, actor, id);
}

/** One problem with the linked incidents the reader may see. */
export async function getProblem(deps: Deps, actor: Actor, id: number): Promise<Problem> {
  return readProblem(deps.db, actor, id);
}

export async function readProblem(db: Trx, actor: Actor, id: number): Promise<Problem> {
  requireStaff(actor);
  const row = await repo.findProblemView(db, actor.scope, id);
  if (!row) throw problemNotVisible(id);
  return toProblem(row, await repo.listIncidentViews(db, actor.scope, id));
}

export interface ListProblemsQuery {
  status?: ProblemStatus;
  open?: 'true' | 'false';
  q?: string;
  limit: number;
  cursor?: string;
}

export async function listProblems(deps: Deps, actor: Actor, q: ListProblemsQuery): Promise<{ items: ProblemSummary[]; nextCursor: string | null }> {
  requireStaff(actor);
  const cursor = decodeCursor(q.cursor);
  let statuses: ProblemStatus[] | undefined = q.status ? [q.status] : undefined;
  if (q.open !== undefined) {
    const active = (s: ProblemStatus) => (s !== 'resolved' && s !== 'closed') === (q.open === 'true');
    statuses = (statuses ?? (['open', 'root_cause_known', 'known_error', 'resolved', 'closed'] as ProblemStatus[])).filter(active);
  }
  const ids = q.q ? await matchingIds(deps, actor, q.q, statuses) : undefined;
  const rows = await repo.listProblemSummaries(deps.db, actor.scope, { statuses, ids }, {
    after: cursor?.i !== undefined ? { value: cursor.v!, id: cursor.i } : undefined,
    limit: q.limit,
  });
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(toProblemSummary),
    nextCursor: rows.length > q.limit && last ? encodeCursor({ v: last.updated_at, i: last.id }) : null,
  };
}

/**
 * Problems whose title or description contains every word, in any case and with or
 * without accents ("reseau" finds "Réseau"). Done in memory: SQLite's lower() folds ASCII
 * only, and problems number in the hundreds.
 */
async function matchingIds(deps: Deps, actor: Actor, text: string, statuses?: ProblemStatus[]): Promise<number[] | undefined> {
  const words = searchWords(text).map((w) => foldAccents(w.word));
  if (words.length === 0) return undefined;
  const rows = await repo.listProblemTexts(deps.db, actor.scope, statuses);
  return rows.filter((r) => {
    const hay = foldAccents(`${r.title}\n${r.description}`);
    return words.every((w) => hay.includes(w));
  }).map((r) => r.id);
}

const FIELD_COLUMNS = {
  title: 'title',
  description: 'description',
  rootCause: 'root_cause',
  workaround: 'workaround',
  ownerGroupId: 'owner_group_id',
  categoryId: 'category_id',
} as const;

export async function updateProblem(deps: Deps, actor: Actor, id: number, input: UpdateProblemInput): Promise<Problem> {
  requireStaff(actor);
  const at = isoNow(deps.clock);
  return deps.db.transaction().execute(async (trx) => {
    const row = await repo.lockProblem(trx, deps.dialect, actor.scope, id);
    if (!row) throw problemNotVisible(id);
    if (row.status === 'closed') throw new Unprocessable(`${problemReference(id)} is closed: a closed problem is final and cannot be edited.`);
    await checkRefs(trx, input);
    const patch: Record<string, unknown> = {};
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const [field, col] of Object.entries(FIELD_COLUMNS)) {
      const value = input[field as keyof UpdateProblemInput];
      if (value === undefined || value === row[col]) continue;
      patch[col] = value;
      changes[field] = { from: row[col], to: value };
    }
    for (const field of requiredFields(row.status as ProblemStatus)) {
      if (input[field] === null) {
        throw new Unprocessable(`${field}: a ${label(row.status as ProblemStatus)} problem keeps its ${field === 'rootCause' ? 'root cause' : 'workaround'}; it cannot be cleared.`);
      }
    }
    if (Object.keys(changes).length === 0) return readProblem(trx, actor, id);
    await repo.updateProblem(trx, id, { ...patch, updated_at: at });
    await recordAudit(trx, actor, at, { action: 'problem.update', entityType: 'problem', entityId: id, organisationId: row.organisation_id, data: changes });
    forgetKnownErrors();
    return readProblem(trx, actor, id);
  });
}

export async function linkIncidents(deps: Deps, actor: Actor, id: number, ticketIds: number[]): Promise<Problem> {
  requireStaff(actor);
  const at = isoNow(deps.clock);
  const changes: TicketChange[] = [];
  await deps.db.transaction().execute(async (trx) => {
    const row = await repo.lockProblem(trx, deps.dialect, actor.scope, id);
    if (!row) throw problemNotVisible(id);
    if (row.status === 'closed') throw new Unprocessable(`${problemReference(id)} is closed: link the incidents to an open problem.`);
    const tickets = await visibleTicketsOrFail(trx, actor, ticketIds);
    assertSameOrganisation(row, tickets);
    const linked = await linkTicketsIn(trx, deps, actor, row, tickets.map((t) => t.id), at, changes);
    if (linked.length === 0) return;
    await repo.updateProblem(trx, id, { updated_at: at });
    await recordAudit(trx, actor, at, { action: 'problem.link', entityType: 'problem', entityId: id, organisationId: row.organisation_id, data: { ticketIds: linked } });
  });
  publishTicketChanges(deps, actor, changes);
  return getProblem(deps, actor, id);
}

export async function unlinkIncident(deps: Deps, actor: Actor, id: number, ticketId: number): Promise<void> {
  requireStaff(actor);
  const at = isoNow(deps.clock);
  const changes: TicketChange[] = [];
  await deps.db.transaction().execute(async (trx) => {
    const row = await repo.lockProblem(trx, deps.dialect, actor.scope, id);
    if (!row) throw problemNotVisible(id);
    if (!(await findTicketView(trx, actor.scope, ticketId))) throw notVisible(ticketId);
    if (!(await repo.deleteLink(trx, id, ticketId))) throw new NotFound(`Ticket ${ticketId} is not linked to ${problemReference(id)}.`);
    await writeLinkEvent(trx, deps, actor, row, ticketId, 'unlinked', changes);
    await repo.updateProblem(trx, id, { updated_at: at });
    await recordAudit(trx, actor, at, { action: 'problem.unlink', entityType: 'problem', entityId: id, organisationId: row.organisation_id, data: { ticketId } });
  });
  publishTicketChanges(deps, actor, changes);
}

/** The problems a ticket is linked to (its page), with their workaround. */
export async function listTicketProblems(deps: Deps, actor: Actor, ticketId: number) {
  requireStaff(actor);
  if (!(await findTicketView(deps.db, actor.scope, ticketId))) throw notVisible(ticketId);
  const rows = await repo.listProblemsOfTicket(deps.db, actor.scope, ticketId);
  return { items: rows.map((r) => ({ ...toProblemSummary(r), workaround: r.workaround })) };
}
