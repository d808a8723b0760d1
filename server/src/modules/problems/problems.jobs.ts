// The recurring-incident detection job: every 15 minutes, clusters the window's incidents
// that no problem links and proposes (or updates) candidate problems. The job queue runs one
// at a time; a run started by a supervisor meanwhile waits on the detection lock.
import type { JobHandler, RecurringJob } from '../../lib/jobs.ts';
import { detectCandidates } from './candidates.service.ts';

export const DETECT_JOB = 'problems.detect';

export function problemJobs(): { handlers: Record<string, JobHandler>; recurring: RecurringJob[] } {
  return {
    handlers: {
      [DETECT_JOB]: async (deps) => {
        const r = await detectCandidates(deps, { kind: 'all' });
        if (r.proposed || r.updated) deps.logger.info(r, 'recurring incidents: candidate problems proposed or updated');
      },
    },
    recurring: [{ kind: DETECT_JOB, everyMs: 15 * 60_000 }],
  };
}
