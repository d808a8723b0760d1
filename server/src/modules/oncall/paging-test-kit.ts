// What the paging tests share: a local HTTP server standing for a paging tool's webhook,
// a movable clock, and a P1 ticket paged the way the ticket services do it.
import http from 'node:http';
import type { Deps } from '../../lib/deps.ts';
import { makeTicket } from '../../test/factories.ts';
import { pageOnCallIfNeeded } from './paging.ts';

export interface WebhookCall {
  contentType: string | undefined;
  body: any;
}

export interface WebhookServer {
  url: string;
  calls: WebhookCall[];
  /** Answers the next n calls with this status. */
  failNext(n: number, status?: number): void;
  close(): Promise<void>;
}

export async function startWebhookServer(): Promise<WebhookServer> {
  const calls: WebhookCall[] = [];
  let failures = 0;
  let failStatus = 500;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      calls.push({ contentType: req.headers['content-type'], body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      if (failures > 0) {
        failures--;
        res.writeHead(failStatus).end('no');
      } else res.writeHead(202).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/hooks/page`,
    calls,
    failNext(n, status = 500) {
      failures = n;
      failStatus = status;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A ticket of the group at priority `priority`, then paged as a ticket write would, at the clock's time. */
export async function openTicketAndPage(deps: Deps, o: { requesterId: number; groupId: number; priority?: number; title?: string }) {
  const { id } = await makeTicket(deps, { requesterId: o.requesterId, groupId: o.groupId, title: o.title });
  const at = deps.clock.now().toISOString();
  return deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('tickets')
      .set({ priority: o.priority ?? 1, is_priority_overridden: 1 })
      .where('id', '=', id)
      .execute();
    const ticket = await trx.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    await pageOnCallIfNeeded(trx, deps, ticket, at);
    return ticket;
  });
}
