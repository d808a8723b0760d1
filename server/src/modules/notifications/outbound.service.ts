// Reading outbound mail (supervisors watch what left and what failed) and sending a failed
// message again (admins).
import type { ListOutboundQuery, OutboundSummary } from '../../../../common/schemas/email.ts';
import type { Deps } from '../../lib/deps.ts';
import type { Actor } from '../../lib/actor.ts';
import { isoNow } from '../../lib/clock.ts';
import { recordAudit } from '../../lib/audit.ts';
import { enqueueJob } from '../../lib/jobs.ts';
import { Conflict, NotFound, ValidationError } from '../../lib/errors.ts';
import { SEND_JOB, SEND_MAX_ATTEMPTS, sendJobKey } from './outbound-compose.ts';
import * as repo from './outbound.repo.ts';

export function listOutbound(deps: Deps, actor: Actor, q: ListOutboundQuery) {
  let beforeId: number | undefined;
  if (q.cursor !== undefined) {
    beforeId = Number(q.cursor);
    if (!Number.isSafeInteger(beforeId) || beforeId <= 0) throw new ValidationError('cursor is not valid: pass back the nextCursor of a previous page unchanged.');
  }
  return repo.listOutbound(deps.db, actor.scope, { status: q.status, ticketId: q.ticketId, beforeId, limit: q.limit });
}

/** Queues a failed message again, as it was rendered; the next try runs at once. */
export async function retryOutbound(deps: Deps, actor: Actor, id: number): Promise<OutboundSummary> {
  const at = isoNow(deps.clock);
  await deps.db.transaction().execute(async (trx) => {
    const row = await repo.findOutbound(trx, id);
    if (!row) throw new NotFound(`Outbound message ${id} does not exist.`);
    if (!(await repo.requeueFailed(trx, id))) {
      throw new Conflict(`Outbound message ${id} is ${row.status}; only a failed message can be sent again.`, { currentStatus: row.status });
    }
    await enqueueJob(trx, { kind: SEND_JOB, payload: { outboundId: id }, dedupeKey: sendJobKey(id), maxAttempts: SEND_MAX_ATTEMPTS }, at);
    await recordAudit(trx, actor, at, { action: 'email.outbound.retry', entityType: 'outbound_message', entityId: id, data: { ticketId: row.ticket_id } });
  });
  return (await repo.findOutboundSummary(deps.db, id))!;
}
