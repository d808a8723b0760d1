// Self-help sessions: what a requester typed in the portal, which articles we suggested and
// they opened, and how it ended. Deflected = solved by an article, or left without
// submitting (said so, or idle for 30 minutes); not deflected = a request was submitted.
import type { DeflectionEvent, DeflectionOutcome, DeflectionReport } from '../../../../common/schemas/kb.ts';
import type { Deps } from '../../lib/deps.ts';
import type { Actor } from '../../lib/actor.ts';
import { isoNow } from '../../lib/clock.ts';
import { NotFound, Unprocessable, ValidationError } from '../../lib/errors.ts';
import { notVisible } from '../tickets/ticket-change.ts';
import { findTicketView } from '../tickets/tickets.repo.ts';
import { getArticle } from './articles.service.ts';
import * as repo from './deflection.repo.ts';

export const IDLE_MINUTES = 30;
const DEFAULT_REPORT_DAYS = 30;
const TOP_ARTICLES = 5;
const MAX_IDS = 200;

const parseIds = (json: string): number[] => {
  const v = JSON.parse(json) as unknown;
  return Array.isArray(v) ? v.filter((x): x is number => Number.isInteger(x)) : [];
};
const union = (a: number[], b: number[]) => [...new Set([...a, ...b])].slice(0, MAX_IDS);

/**
 * Records what was suggested in a signed-in reader's session: the latest query and every
 * article shown so far. A key that belongs to someone else is left alone.
 */
export async function recordSuggestions(deps: Deps, actor: Actor, key: string, query: string, articleIds: number[]): Promise<void> {
  if (articleIds.length === 0) return;
  const at = isoNow(deps.clock);
  await deps.db.transaction().execute(async (trx) => {
    await repo.insertSessionIfNew(trx, { key, userId: actor.userId, organisationId: actor.organisationId, at });
    const row = await repo.lockSession(trx, deps.dialect, key);
    if (!row || row.user_id !== actor.userId) return;
    await repo.updateSession(trx, row.id, {
      query,
      suggested_ids: JSON.stringify(union(parseIds(row.suggested_ids), articleIds)),
      updated_at: at,
    });
  });
}

/** The outcome after an event: submitting wins over everything, solving over abandoning. */
export function nextOutcome(current: DeflectionOutcome, event: DeflectionEvent['event']): DeflectionOutcome {
  switch (event) {
    case 'viewed':
      return current;
    case 'solved':
      return current === 'submitted' ? current : 'solved';
    case 'abandoned':
      return current === 'open' ? 'abandoned' : current;
    case 'submitted':
      return 'submitted';
  }
}

/** What the requester did next: opened an article, was helped, gave up, or submitted a request. */
export async function recordDeflectionEvent(deps: Deps, actor: Actor, key: string, event: DeflectionEvent): Promise<void> {
  // Checked before the transaction: reads elsewhere must not wait on it (SQLite has one connection).
  if (event.event === 'submitted' && !(await findTicketView(deps.db, actor.scope, event.ticketId))) throw notVisible(event.ticketId);
  if (event.event === 'viewed') await requireReadable(deps, actor, event.articleId);
  const at = isoNow(deps.clock);
  await deps.db.transaction().execute(async (trx) => {
    const row = await repo.lockSession(trx, deps.dialect, key);
    if (!row || row.user_id !== actor.userId) {
      throw new NotFound('No self-help session with this key is yours; sessions start when the portal shows you suggestions.');
    }
    await repo.updateSession(trx, row.id, {
      outcome: nextOutcome(row.outcome as DeflectionOutcome, event.event),
      ...(event.event === 'viewed' ? { viewed_ids: JSON.stringify(union(parseIds(row.viewed_ids), [event.articleId])) } : {}),
      ...(event.event === 'submitted' ? { ticket_id: event.ticketId } : {}),
      updated_at: at,
    });
  });
}

async function requireReadable(deps: Deps, actor: Actor, articleId: number): Promise<void> {
  try {
    await getArticle(deps, actor, articleId);
  } catch (err) {
    if (err instanceof NotFound) throw new Unprocessable(`Article ${articleId} does not exist or is not one you can read.`);
    throw err;
  }
}

function parseInstant(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw new ValidationError(`${name} must be an ISO 8601 date-time, e.g. 2026-12-01T00:00:00Z.`, [{ path: name, message: 'not a date-time' }]);
  return new Date(t).toISOString();
}

/** Self-help sessions started in [from, to) (default: the last 30 days), by outcome. */
export async function deflectionReport(deps: Deps, actor: Actor, q: { from?: string; to?: string }): Promise<DeflectionReport> {
  const now = deps.clock.now();
  const to = parseInstant('to', q.to) ?? now.toISOString();
  const from = parseInstant('from', q.from) ?? new Date(Date.parse(to) - DEFAULT_REPORT_DAYS * 86_400_000).toISOString();
  if (from >= to) throw new ValidationError('from must be before to.', [{ path: 'from', message: 'after to' }]);
  const filter: repo.ReportFilter = {
    from,
    to,
    idleBefore: new Date(now.getTime() - IDLE_MINUTES * 60_000).toISOString(),
    organisationIds: actor.scope.kind === 'organisations' ? actor.scope.organisationIds : null,
  };
  const counts = await repo.countOutcomes(deps.db, filter);
  const deflected = counts.solved + counts.abandoned;
  const decided = deflected + counts.submitted;
  return {
    from,
    to,
    ...counts,
    deflectionRate: decided === 0 ? null : Math.round((deflected / decided) * 1e4) / 1e4,
    topArticles: await repo.topDeflectingArticles(deps.db, deps.dialect, filter, TOP_ARTICLES),
  };
}
