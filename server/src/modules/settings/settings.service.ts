import type { Trx } from '../../db/db.ts';
import type { Deps } from '../../lib/deps.ts';
import type { Actor } from '../../lib/actor.ts';
import { isoNow } from '../../lib/clock.ts';
import { recordAudit } from '../../lib/audit.ts';
import { DEFAULT_PRIORITY_MATRIX, type PriorityMatrix } from '../tickets/priority-matrix.ts';
import { readSetting, writeSetting } from './settings.repo.ts';

const PRIORITY_MATRIX = 'priority_matrix';

export async function getPriorityMatrix(db: Trx): Promise<PriorityMatrix> {
  return (await readSetting<PriorityMatrix>(db, PRIORITY_MATRIX)) ?? DEFAULT_PRIORITY_MATRIX;
}

/** Changes the matrix for tickets qualified from now on; existing priorities stay as they are. */
export async function setPriorityMatrix(deps: Deps, actor: Actor, matrix: PriorityMatrix): Promise<PriorityMatrix> {
  const at = isoNow(deps.clock);
  await deps.db.transaction().execute(async (trx) => {
    const before = await getPriorityMatrix(trx);
    await writeSetting(trx, PRIORITY_MATRIX, matrix, at);
    await recordAudit(trx, actor, at, { action: 'settings.priority_matrix', entityType: 'setting', entityId: PRIORITY_MATRIX, data: { before, after: matrix } });
  });
  return matrix;
}
