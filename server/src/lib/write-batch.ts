// Group commit on SQLite: write transactions that arrive together share one COMMIT (each in
// its own savepoint, so one failure rolls back only its own work). A commit writes every
// page it touched to the WAL, so 32 tickets in one commit cost far less than 32 commits.
// PostgreSQL has real concurrency: plain transactions there.
import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Deps } from './deps.ts';

type Work<T> = (trx: Transaction<Database>) => Promise<T>;
interface Pending {
  work: Work<unknown>;
  resolve(v: unknown): void;
  reject(e: unknown): void;
}
interface Queue {
  pending: Pending[];
  running: boolean;
}

const MAX_BATCH = 64;
const queues = new WeakMap<object, Queue>();

export function batchedTransaction<T>(deps: Deps, work: Work<T>): Promise<T> {
  if (deps.dialect !== 'sqlite') return deps.db.transaction().execute(work);
  let q = queues.get(deps.db);
  if (!q) queues.set(deps.db, (q = { pending: [], running: false }));
  const queue = q;
  return new Promise<T>((resolve, reject) => {
    queue.pending.push({ work: work as Work<unknown>, resolve: resolve as (v: unknown) => void, reject });
    if (!queue.running) {
      queue.running = true;
      setImmediate(() => void drain(deps, queue));
    }
  });
}

async function drain(deps: Deps, q: Queue): Promise<void> {
  while (q.pending.length) {
    const batch = q.pending.splice(0, MAX_BATCH);
    const results: { ok: boolean; value?: unknown; error?: unknown }[] = [];
    try {
      await deps.db.transaction().execute(async (trx) => {
        for (const [i, p] of batch.entries()) {
          await sql.raw(`savepoint w${i}`).execute(trx);
          try {
            results.push({ ok: true, value: await p.work(trx) });
          } catch (error) {
            await sql.raw(`rollback to w${i}`).execute(trx);
            results.push({ ok: false, error });
          }
          await sql.raw(`release w${i}`).execute(trx);
        }
      });
      batch.forEach((p, i) => (results[i].ok ? p.resolve(results[i].value) : p.reject(results[i].error)));
    } catch (error) {
      for (const p of batch) p.reject(error);
    }
  }
  q.running = false;
}
