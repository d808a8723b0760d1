// Placeholder: built in issue 6 (the recurring-incident detection job).
import type { JobHandler, RecurringJob } from '../../lib/jobs.ts';

export function problemJobs(): { handlers: Record<string, JobHandler>; recurring: RecurringJob[] } {
  return { handlers: {}, recurring: [] };
}
