// Moving a problem through its lifecycle, and resolving it: the resolution note goes to
// every linked incident still open, as a public reply (the requester is mailed), and each
// is resolved with a resolution record that names the problem, all in one transaction.
import type { Problem, ProblemStatus, ResolveProblemInput } from '../../../../common/schemas/problems.ts';
import { LIMITS, OPEN_STATUSES, type TicketStatus } from '../../../../common/enums.ts';
import type { Trx } from '../../db/db.ts';
import type { Deps } from '../../lib/deps.ts';
import { isStaff, type Actor } from '../../lib/actor.ts';
import { isoNow } from '../../lib/clock.ts';
import { recordAudit } from '../../lib/audit.ts';
import { Conflict, Forbidden, Unprocessable } from '../../lib/errors.ts';
import { changeTicketIn, type TicketChange } from '../tickets/ticket-change.ts';
import { applyReply, applyResolution } from '../tickets/ticket-workflow.service.ts';
import { checkProblemMove, type MoveVia } from './problem-status.ts';
import { problemReference } from './problem-dto.ts';
import { publishTicketChanges } from './problem-links.ts';
import { forgetKnownErrors } from './known-errors.ts';
import { getProblem, problemNotVisible, readProblem } from './problems.service.ts';
import * as repo from './problems.repo.ts';

function requireStaff(actor: Actor): void {
  if (!isStaff(actor.roles)) throw new Forbidden('Problems are managed by the support team.');
}

async function lockForMove(trx: Trx, deps: Deps, actor: Actor, id: number, to: ProblemStatus, via: MoveVia) {
  const row = await repo.lockProblem(trx, deps.dialect, actor.scope, id);
  if (!row) throw problemNotVisible(id);
  const from = row.status as ProblemStatus;
  const check = checkProblemMove(from, to, { hasRootCause: !!row.root_cause, hasWorkaround: !!row.workaround }, via);
  if (!check.ok) {
    const detail = `${problemReference(id)}: ${check.reason}`;
    if (check.kind === 'missing') throw new Unprocessable(detail, { from, to, missing: check.missing });
    throw new Conflict(detail, { from, to, allowed: check.allowed });
  }
  return { row, from };
}

export async function transitionProblem(deps: Deps, actor: Actor, id: number, input: { to: ProblemStatus; note?: string }): Promise<Problem> {
  requireStaff(actor);
  const at = isoNow(deps.clock);
  await deps.db.transaction().execute(async (trx) => {
    const { row, from } = await lockForMove(trx, deps, actor, id, input.to, 'transition');
    const patch: Parameters<typeof repo.updateProblem>[2] = { status: input.to, updated_at: at };
    if (input.to === 'closed') patch.closed_at = at;
    if (from === 'resolved' && input.to === 'open') {
      // Reopened: the old resolution stays in the audit log.
      patch.resolved_at = null;
      patch.resolution = null;
    }
    await repo.updateProblem(trx, id, patch);
    await recordAudit(trx, actor, at, {
      action: 'problem.transition',
      entityType: 'problem',
      entityId: id,
      organisationId: row.organisation_id,
      data: { from, to: input.to, note: input.note ?? null, ...(patch.resolution === null ? { resolution: row.resolution } : {}) },
    });
    forgetKnownErrors();
  });
  forgetKnownErrors();
  return getProblem(deps, actor, id);
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export async function resolveProblem(deps: Deps, actor: Actor, id: number, input: ResolveProblemInput): Promise<{ problem: Problem; resolvedTicketIds: number[] }> {
  requireStaff(actor);
  const at = isoNow(deps.clock);
  const changes: TicketChange[] = [];
  const resolvedTicketIds: number[] = [];
  const problem = await deps.db.transaction().execute(async (trx) => {
    const { row, from } = await lockForMove(trx, deps, actor, id, 'resolved', 'resolve');
    await repo.updateProblem(trx, id, { status: 'resolved', resolution: input.resolution, resolved_at: at, updated_at: at });
    if (input.resolveIncidents) {
      const reference = problemReference(id);
      const field = LIMITS.resolutionField;
      // Only the open ones are locked and written: a large problem's closed history costs nothing.
      const open = (await repo.findVisibleTickets(trx, actor.scope, await repo.linkedTicketIds(trx, id))).filter((t) => OPEN_STATUSES.includes(t.status as TicketStatus));
      for (const ticketId of open.map((t) => t.id).sort((a, b) => a - b)) {
        const written = await changeTicketIn(trx, deps, actor, ticketId, 'ticket.resolve', async (c) => {
          // Already resolved or closed (or resolved since it was linked): left as it is.
          if (!OPEN_STATUSES.includes(c.row.status as TicketStatus)) return;
          await applyReply(c, { body: clip(input.resolution, LIMITS.body), internal: false }, { data: { problemId: id, reference } });
          await applyResolution(c, {
            symptoms: clip(c.row.title, field),
            diagnosis: clip(row.root_cause ?? row.title, field),
            actions: clip(input.resolution, field),
            result: clip(`Resolved with problem ${reference}: ${row.title}`, field),
          });
        });
        if (written) {
          changes.push(written);
          resolvedTicketIds.push(ticketId);
        }
      }
    }
    await recordAudit(trx, actor, at, {
      action: 'problem.resolve',
      entityType: 'problem',
      entityId: id,
      organisationId: row.organisation_id,
      data: { from, resolution: input.resolution, resolveIncidents: input.resolveIncidents, resolvedTicketIds },
    });
    forgetKnownErrors();
    return readProblem(trx, actor, id);
  });
  forgetKnownErrors();
  publishTicketChanges(deps, actor, changes);
  return { problem, resolvedTicketIds };
}
