// Candidate problems: clusters of similar incidents found by the detection run (job or
// supervisor), listed for supervisors, who accept one (a problem linking its incidents) or
// dismiss it. The clustering itself is pure (clustering.ts) and runs before the write
// transaction, yielding to the event loop between steps, so that seconds of CPU neither hold
// the database nor stop the server answering; the transaction re-reads the candidates and the
// links under the detection lock, so two runs never duplicate a candidate.
import type { CandidateExplanation, CandidateStatus, ProblemCandidate, Problem } from '../../../../common/schemas/problems.ts';
import type { Deps } from '../../lib/deps.ts';
import type { Actor, Scope } from '../../lib/actor.ts';
import { isoNow } from '../../lib/clock.ts';
import { recordAudit } from '../../lib/audit.ts';
import { Conflict, NotFound } from '../../lib/errors.ts';
import type { TicketChange } from '../tickets/ticket-change.ts';
import { findClustersYielding, DEFAULT_CLUSTER_OPTIONS, type ClusterOptions } from './clustering.ts';
import { planCandidates } from './candidate-matching.ts';
import { createProblemIn, getProblem } from './problems.service.ts';
import { publishTicketChanges } from './problem-links.ts';
import * as repo from './candidates.repo.ts';

const DAY = 86_400_000;
const LIST_LIMIT = 200;

export interface DetectResult {
  proposed: number;
  updated: number;
  scanned: number;
  ms: number;
}

/** One detection run over the incidents of the window that the scope sees. */
export async function detectCandidates(deps: Deps, scope: Scope, options: Partial<ClusterOptions> = {}): Promise<DetectResult> {
  const started = performance.now();
  const windowDays = deps.config.problemWindowDays;
  const since = new Date(deps.clock.now().getTime() - windowDays * DAY).toISOString();
  const rows = await repo.findDetectionInput(deps.db, scope, since);
  const createdAt = new Map(rows.map((r) => [r.id, r.created_at]));
  const input = rows.map((r) => ({ id: r.id, title: r.title, description: r.description, categoryId: r.category_id, organisationId: r.organisation_id, createdAt: r.created_at }));
  const { clusters } = await findClustersYielding(input, options);
  const minSize = options.minSize ?? DEFAULT_CLUSTER_OPTIONS.minSize;

  const counts = await deps.db.transaction().execute(async (trx) => {
    await repo.lockDetection(trx, deps.dialect);
    const at = isoNow(deps.clock);
    const live = await repo.findLiveCandidates(trx, scope, since);
    const linked = await repo.linkedAmong(trx, clusters.flatMap((c) => c.members.map((m) => m.id)));
    const plan = planCandidates(clusters, (id) => createdAt.get(id)!, live, linked, { minSize, windowDays });
    for (const { draft, tickets } of plan.create) {
      const { id } = await repo.insertCandidate(trx, {
        status: 'proposed',
        title: draft.title,
        organisation_id: draft.organisationId,
        category_id: draft.categoryId,
        signature: draft.signature,
        explanation: JSON.stringify(draft.explanation),
        ticket_count: draft.ticketCount,
        first_at: draft.firstAt,
        last_at: draft.lastAt,
        problem_id: null,
        decided_by_id: null,
        decided_at: null,
        dismiss_reason: null,
        created_at: at,
        updated_at: at,
      });
      await repo.insertCandidateTickets(trx, id, tickets);
    }
    let updated = 0;
    for (const { id, draft, addTickets } of plan.update) {
      const patch = {
        explanation: JSON.stringify(draft.explanation),
        ticket_count: draft.ticketCount,
        first_at: draft.firstAt,
        last_at: draft.lastAt,
        updated_at: at,
      };
      // Accepted or dismissed since we read it: leave it as decided.
      if (!(await repo.refreshCandidate(trx, id, patch))) continue;
      await repo.insertCandidateTickets(trx, id, addTickets);
      updated++;
    }
    return { proposed: plan.create.length, updated };
  });
  return { ...counts, scanned: input.length, ms: Math.round(performance.now() - started) };
}

function toCandidate(v: repo.CandidateView, tickets: Awaited<ReturnType<typeof repo.listCandidateTickets>>): ProblemCandidate {
  return {
    id: v.id,
    status: v.status as CandidateStatus,
    title: v.title,
    organisationId: v.organisation_id,
    organisationName: v.organisation_name ?? null,
    categoryId: v.category_id,
    categoryName: v.category_name ?? null,
    ticketCount: v.ticket_count,
    firstAt: v.first_at,
    lastAt: v.last_at,
    explanation: JSON.parse(v.explanation) as CandidateExplanation,
    tickets: (tickets.get(v.id) ?? []).map((t) => ({ id: t.id, number: t.number, title: t.title, status: t.status, createdAt: t.created_at, similarity: t.similarity })),
    problemId: v.problem_id,
    decidedAt: v.decided_at,
    createdAt: v.created_at,
  };
}

export async function listCandidates(deps: Deps, actor: Actor, status: CandidateStatus): Promise<{ items: ProblemCandidate[] }> {
  const views = await repo.listCandidateViews(deps.db, actor.scope, status, LIST_LIMIT);
  const tickets = await repo.listCandidateTickets(deps.db, views.map((v) => v.id));
  return { items: views.map((v) => toCandidate(v, tickets)) };
}

const notVisible = (id: number) => new NotFound(`Candidate problem ${id} does not exist or is not visible to you.`);

export async function getCandidate(deps: Deps, actor: Actor, id: number): Promise<ProblemCandidate> {
  const v = await repo.findCandidateView(deps.db, actor.scope, id);
  if (!v) throw notVisible(id);
  return toCandidate(v, await repo.listCandidateTickets(deps.db, [id]));
}

function defaultDescription(e: CandidateExplanation): string {
  const terms = e.sharedTerms.map((t) => `${t.term} (${t.tickets}/${e.ticketCount})`).join(', ');
  return `Detected as recurring: ${e.summary}${terms ? `\nShared terms: ${terms}.` : ''}`;
}

/** Accepting creates the problem with the candidate's tickets that no problem links yet. */
export async function acceptCandidate(
  deps: Deps,
  actor: Actor,
  id: number,
  body: { title?: string; description?: string; ownerGroupId?: number | null },
): Promise<Problem> {
  const changes: TicketChange[] = [];
  const problemId = await deps.db.transaction().execute(async (trx) => {
    const row = await repo.lockCandidate(trx, deps.dialect, actor.scope, id);
    if (!row) throw notVisible(id);
    if (row.status !== 'proposed') throw new Conflict(`Candidate problem ${id} was already ${row.status}.`, { candidateStatus: row.status });
    const incidentIds = await repo.unlinkedTicketIds(trx, id);
    if (incidentIds.length === 0) throw new Conflict(`Every incident of candidate problem ${id} is linked to a problem already: dismiss it.`);
    const explanation = JSON.parse(row.explanation) as CandidateExplanation;
    const at = isoNow(deps.clock);
    const pid = await createProblemIn(
      trx,
      deps,
      actor,
      {
        title: body.title ?? row.title,
        description: body.description ?? defaultDescription(explanation),
        incidentIds,
        ownerGroupId: body.ownerGroupId,
        categoryId: row.category_id,
        candidateId: id,
        organisationId: row.organisation_id,
      },
      changes,
    );
    if (!(await repo.decideCandidate(trx, id, { status: 'accepted', problem_id: pid, decided_by_id: actor.userId > 0 ? actor.userId : null, decided_at: at, dismiss_reason: null }))) {
      throw new Conflict(`Candidate problem ${id} was decided meanwhile.`);
    }
    await recordAudit(trx, actor, at, { action: 'problem_candidate.accept', entityType: 'problem_candidate', entityId: id, organisationId: row.organisation_id, data: { problemId: pid, incidentIds } });
    return pid;
  });
  publishTicketChanges(deps, actor, changes);
  return getProblem(deps, actor, problemId);
}

export async function dismissCandidate(deps: Deps, actor: Actor, id: number, reason: string | undefined): Promise<ProblemCandidate> {
  await deps.db.transaction().execute(async (trx) => {
    const row = await repo.lockCandidate(trx, deps.dialect, actor.scope, id);
    if (!row) throw notVisible(id);
    if (row.status !== 'proposed') throw new Conflict(`Candidate problem ${id} was already ${row.status}.`, { candidateStatus: row.status });
    const at = isoNow(deps.clock);
    const decided = { status: 'dismissed' as const, problem_id: null, decided_by_id: actor.userId > 0 ? actor.userId : null, decided_at: at, dismiss_reason: reason ?? null };
    if (!(await repo.decideCandidate(trx, id, decided))) throw new Conflict(`Candidate problem ${id} was decided meanwhile.`);
    await recordAudit(trx, actor, at, { action: 'problem_candidate.dismiss', entityType: 'problem_candidate', entityId: id, organisationId: row.organisation_id, data: { reason: reason ?? null } });
  });
  return getCandidate(deps, actor, id);
}
