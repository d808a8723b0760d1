// Every module's background jobs, gathered for the runner that main.ts starts.
import type { JobHandler, RecurringJob } from './lib/jobs.ts';
import { ticketJobs } from './modules/tickets/tickets.jobs.ts';

export function allJobs(): { handlers: Record<string, JobHandler>; recurring: RecurringJob[] } {
  const modules = [ticketJobs()];
  return {
    handlers: Object.assign({}, ...modules.map((m) => m.handlers)),
    recurring: modules.flatMap((m) => m.recurring),
  };
}
