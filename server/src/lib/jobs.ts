// The durable job queue: rows in `jobs`, enqueued inside the transaction that needs them
// and run after commit by startJobRunner, with retries and backoff.
//
// Life of a row:
//   pending  run_at = when it may run, locked_until null (or in the past)
//   running  locked_until = claim time + lockMs; attempts already counted
//   done     deleted (one-off jobs) or rescheduled at now + everyMs (recurring jobs)
//   failed   attempts < max_attempts: run_at = now + backoff (10 s doubling, capped at 1 h)
//   dead     attempts = max_attempts: run_at = DEAD_JOB_RUN_AT and dedupe_key cleared, so
//            the row and its last_error stay visible to an admin without blocking a new job
//            with the same key. `update jobs set run_at = <now>, attempts = 0` revives one.
//
// Delivery is at least once: a worker that dies mid-job leaves a lock that expires after
// lockMs, then another pass runs the job again. Handlers must tolerate a repeat.
// PostgreSQL: several processes may share the table; claims use FOR UPDATE SKIP LOCKED.
// SQLite: one in-process worker; a conditional UPDATE is the claim.
import type { Trx } from '../db/db.ts';
import type { Deps } from './deps.ts';
import { isoNow } from './clock.ts';

export const DEAD_JOB_RUN_AT = '9999-12-31T23:59:59.999Z';
const BACKOFF_BASE_MS = 10_000;
const BACKOFF_CAP_MS = 3_600_000;
const MAX_ERROR_LENGTH = 4_000;

/** Which try this is: a handler that keeps its own record of failures can tell the last one. */
export interface JobAttempt {
  attempt: number;
  maxAttempts: number;
}

/** Payloads are JSON; a handler declares the shape it expects. */
export type JobHandler = (deps: Deps, payload: any, attempt: JobAttempt) => Promise<void>;

export interface NewJob {
  kind: string;
  payload: unknown;
  /** ISO time before which the job does not run; defaults to `at`. */
  runAt?: string;
  /** While a job with this key exists (pending or running), enqueueing another is a no-op. */
  dedupeKey?: string;
  maxAttempts?: number;
}

export interface RecurringJob {
  kind: string;
  everyMs: number;
}

export interface JobRunnerOptions {
  /** Pause between passes when nothing was due; 0 starts no timer (passes only via runDueJobs). */
  pollMs?: number;
  /** Jobs claimed per pass. */
  batchSize?: number;
  /** How long a claim holds before another worker may take the job over. */
  lockMs?: number;
}

export interface JobRunner {
  /** Stops the timer and waits for the pass in progress. */
  stop(): Promise<void>;
  /** Runs one pass now (after any pass in progress); resolves to the number of jobs run. */
  runDueJobs(): Promise<number>;
}

/** Adds a job in the caller's transaction; resolves to its id, or null when deduplicated. */
export async function enqueueJob(trx: Trx, job: NewJob, at: string): Promise<number | null> {
  const row = await trx
    .insertInto('jobs')
    .values({
      kind: job.kind,
      payload: JSON.stringify(job.payload ?? null),
      run_at: job.runAt ?? at,
      attempts: 0,
      max_attempts: job.maxAttempts ?? 10,
      dedupe_key: job.dedupeKey ?? null,
      created_at: at,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

/** Delay before the next try after `attempts` failed tries (1 → 10 s, 2 → 20 s, … ≤ 1 h). */
export function backoffMs(attempts: number): number {
  return Math.min(BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1), BACKOFF_CAP_MS);
}

export function recurringDedupeKey(kind: string): string {
  return `recurring:${kind}`;
}

interface ClaimedJob {
  id: number;
  kind: string;
  payload: string;
  attempts: number; // including this one
  max_attempts: number;
  dedupe_key: string | null;
}

const addMs = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

async function claimDueJobs(deps: Deps, kinds: string[], batchSize: number, lockMs: number): Promise<ClaimedJob[]> {
  const now = isoNow(deps.clock);
  const lockedUntil = addMs(now, lockMs);
  const due = (db: Trx) =>
    db
      .selectFrom('jobs')
      .select(['id', 'kind', 'payload', 'attempts', 'max_attempts', 'dedupe_key'])
      .where('run_at', '<=', now)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
      .where('kind', 'in', kinds)
      .orderBy('run_at')
      .orderBy('id')
      .limit(batchSize);

  if (deps.dialect === 'postgres') {
    return deps.db.transaction().execute(async (trx) => {
      const rows = await due(trx).forUpdate().skipLocked().execute();
      if (rows.length === 0) return [];
      await trx
        .updateTable('jobs')
        .set((eb) => ({ locked_until: lockedUntil, attempts: eb('attempts', '+', 1) }))
        .where(
          'id',
          'in',
          rows.map((r) => r.id),
        )
        .execute();
      return rows.map((r) => ({ ...r, attempts: r.attempts + 1 }));
    });
  }
  const claimed: ClaimedJob[] = [];
  for (const r of await due(deps.db).execute()) {
    const res = await deps.db
      .updateTable('jobs')
      .set((eb) => ({ locked_until: lockedUntil, attempts: eb('attempts', '+', 1) }))
      .where('id', '=', r.id)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 1) claimed.push({ ...r, attempts: r.attempts + 1 });
  }
  return claimed;
}

function errorText(err: unknown): string {
  const text = err instanceof Error ? (err.stack ?? err.message) : String(err);
  return text.length > MAX_ERROR_LENGTH ? text.slice(0, MAX_ERROR_LENGTH) + '…' : text;
}

async function runOne(deps: Deps, job: ClaimedJob, handler: JobHandler, everyMs: number | undefined): Promise<void> {
  let failure: unknown;
  // A claim beyond max_attempts means the previous worker died during the last try.
  if (everyMs === undefined && job.attempts > job.max_attempts) failure = new Error('The worker stopped during the last attempt.');
  else {
    try {
      await handler(deps, JSON.parse(job.payload), { attempt: job.attempts, maxAttempts: job.max_attempts });
    } catch (err) {
      failure = err ?? new Error('Job failed without an error.');
    }
  }
  const now = isoNow(deps.clock);
  const jobs = deps.db.updateTable('jobs').where('id', '=', job.id);
  if (failure === undefined) {
    if (everyMs === undefined) await deps.db.deleteFrom('jobs').where('id', '=', job.id).execute();
    else await jobs.set({ run_at: addMs(now, everyMs), attempts: 0, locked_until: null, last_error: null }).execute();
    return;
  }
  const lastError = errorText(failure);
  deps.logger.warn({ jobId: job.id, kind: job.kind, attempts: job.attempts, err: failure }, 'job failed');
  if (everyMs !== undefined) {
    // Recurring jobs never die: retry sooner than the next period, never later.
    const delay = Math.min(backoffMs(job.attempts), everyMs);
    await jobs.set({ run_at: addMs(now, delay), locked_until: null, last_error: lastError }).execute();
  } else if (job.attempts >= job.max_attempts) {
    deps.logger.error({ jobId: job.id, kind: job.kind }, 'job gave up after its last attempt');
    await jobs
      .set({ run_at: DEAD_JOB_RUN_AT, locked_until: null, last_error: lastError, dedupe_key: null, attempts: job.max_attempts })
      .execute();
  } else {
    await jobs.set({ run_at: addMs(now, backoffMs(job.attempts)), locked_until: null, last_error: lastError }).execute();
  }
}

/**
 * Runs due jobs of the handled kinds, polling every pollMs (timer in the runner only),
 * and keeps one row per recurring kind. Kinds without a handler here are left alone, for
 * another process or a later version.
 */
export function startJobRunner(
  deps: Deps,
  handlers: Record<string, JobHandler>,
  recurring: RecurringJob[] = [],
  opts: JobRunnerOptions = {},
): JobRunner {
  const pollMs = opts.pollMs ?? 1_000;
  const batchSize = opts.batchSize ?? 20;
  const lockMs = opts.lockMs ?? 5 * 60_000;
  const kinds = Object.keys(handlers);
  const periods = new Map(recurring.map((r) => [r.kind, r.everyMs]));
  for (const r of recurring) {
    if (!handlers[r.kind]) throw new Error(`Recurring job "${r.kind}" has no handler.`);
    if (!(r.everyMs > 0)) throw new Error(`Recurring job "${r.kind}" needs everyMs > 0.`);
  }

  let ensured = false;
  async function ensureRecurring() {
    const at = isoNow(deps.clock);
    for (const r of recurring) {
      await enqueueJob(deps.db, { kind: r.kind, payload: null, dedupeKey: recurringDedupeKey(r.kind) }, at);
    }
    ensured = true;
  }

  async function pass(): Promise<number> {
    if (!ensured) await ensureRecurring();
    if (kinds.length === 0) return 0;
    const claimed = await claimDueJobs(deps, kinds, batchSize, lockMs);
    for (const job of claimed) {
      await runOne(deps, job, handlers[job.kind], job.dedupe_key === recurringDedupeKey(job.kind) ? periods.get(job.kind) : undefined);
    }
    return claimed.length;
  }

  // Passes never overlap within one runner.
  let chain: Promise<unknown> = Promise.resolve();
  function runDueJobs(): Promise<number> {
    const next = chain.then(pass);
    chain = next.catch(() => {});
    return next;
  }

  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  function schedule(delay: number) {
    if (stopped || pollMs <= 0) return;
    timer = setTimeout(async () => {
      let ran = 0;
      try {
        ran = await runDueJobs();
      } catch (err) {
        deps.logger.error({ err }, 'job runner pass failed');
      }
      // A full batch suggests more are due: go again at once.
      schedule(ran >= batchSize ? 0 : pollMs);
    }, delay);
    timer.unref();
  }
  schedule(0);

  return {
    runDueJobs,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await chain;
    },
  };
}
