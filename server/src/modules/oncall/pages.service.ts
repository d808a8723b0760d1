// Pages as people see them: the list (a ticket's, or the open ones), and acknowledging one,
// which stops the re-notification of the ticket's incident.
import type { Page } from '../../../../common/schemas/oncall.ts';
import type { Deps } from '../../lib/deps.ts';
import { isSupervisor, type Actor } from '../../lib/actor.ts';
import { isoNow } from '../../lib/clock.ts';
import { recordAudit } from '../../lib/audit.ts';
import { Forbidden, NotFound } from '../../lib/errors.ts';
import { lockTicket } from '../tickets/tickets.repo.ts';
import * as pages from './pages.repo.ts';

const LIST_LIMIT = 200;

export function listPages(deps: Deps, actor: Actor, q: { ticketId?: number; open?: 'true' | 'false' }): Promise<Page[]> {
  return pages.listPages(deps.db, actor.scope, { ticketId: q.ticketId, open: q.open === undefined ? undefined : q.open === 'true', limit: LIST_LIMIT });
}

/**
 * The paged person, or a supervisor, acknowledges a page: every open page of that ticket is
 * acknowledged with it. Acknowledging again changes nothing.
 */
export async function acknowledgePage(deps: Deps, actor: Actor, id: number): Promise<Page> {
  const at = isoNow(deps.clock);
  await deps.db.transaction().execute(async (trx) => {
    const page = await pages.findPageView(trx, actor.scope, id);
    if (!page) throw new NotFound(`Page ${id} does not exist or is not visible to you.`);
    if (page.user.id !== actor.userId && !isSupervisor(actor)) {
      throw new Forbidden(`Page ${id} was sent to ${page.user.name}: only they or a supervisor can acknowledge it.`);
    }
    if (page.ackedAt !== null) return;
    // The ticket's lock orders this with a re-notification being sent (PostgreSQL).
    await lockTicket(trx, deps.dialect, page.ticket.id);
    const count = await pages.acknowledgeOpenPages(trx, page.ticket.id, actor.userId, at);
    await recordAudit(trx, actor, at, { action: 'oncall.page.ack', entityType: 'oncall_page', entityId: id, data: { ticketId: page.ticket.id, pages: count } });
  });
  return (await pages.findPageView(deps.db, actor.scope, id))!;
}
