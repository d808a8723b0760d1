// The on-call jobs: the webhook a paging tool consumes (oncall.webhook, retried with the
// queue's backoff) and the re-notification when a page is not acknowledged in time
// (oncall.renotify, due ack_minutes after the page; a restart leaves it in the queue).
import type { Deps } from '../../lib/deps.ts';
import type { JobHandler, RecurringJob } from '../../lib/jobs.ts';
import { systemActor } from '../../lib/actor.ts';
import { isoNow } from '../../lib/clock.ts';
import { publishTicketChange } from '../tickets/ticket-change.ts';
import { RENOTIFY_JOB, WEBHOOK_JOB, renotifyIn, type WebhookPayload } from './paging.ts';

const WEBHOOK_TIMEOUT_MS = 10_000;

/** POSTs the page as JSON; anything but a 2xx answer (or no answer in 10 s) is a failed try. */
export async function deliverWebhook(_deps: Deps, payload: WebhookPayload): Promise<void> {
  const res = await fetch(payload.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': 'Guichet on-call' },
    body: JSON.stringify(payload.body),
    signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    redirect: 'manual',
  });
  // The body is not needed; reading it frees the connection.
  await res.arrayBuffer().catch(() => undefined);
  if (res.status < 200 || res.status > 299) throw new Error(`The on-call webhook ${payload.url} answered ${res.status} to page ${payload.body.pageId}.`);
}

export async function renotifyPage(deps: Deps, payload: { pageId: number }): Promise<void> {
  const at = isoNow(deps.clock);
  const ticket = await deps.db.transaction().execute((trx) => renotifyIn(trx, deps, payload.pageId, at));
  if (ticket) publishTicketChange(deps, ticket, [{ kind: 'page', internal: true }], systemActor());
}

export function oncallJobs(): { handlers: Record<string, JobHandler>; recurring: RecurringJob[] } {
  return { handlers: { [WEBHOOK_JOB]: deliverWebhook, [RENOTIFY_JOB]: renotifyPage }, recurring: [] };
}
