// Saved views' sidebar counts on the bench database: the views an agent typically keeps, the
// cold cost of each count (capped at VIEW_COUNT_CAP, and exact for comparison), and the
// whole GET /views/counts right after a ticket write, when every count is recomputed.
import type { Deps } from '../server/src/lib/deps.ts';
import { systemActor, type Actor } from '../server/src/lib/actor.ts';
import { countListedTickets } from '../server/src/modules/tickets/tickets.service.ts';
import { listTicketsQuery } from '../common/schemas/tickets.ts';
import { VIEW_COUNT_CAP } from '../common/schemas/views.ts';
import type { Fixtures } from './load-fixtures.ts';
import type { PooledRequest } from './load-client.ts';

const round1 = (n: number) => Math.round(n * 10) / 10;
const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Small, large and huge views: the huge ones are where the cap matters. */
function benchViews(fx: Fixtures, searchTerm: string): Record<string, Record<string, string>> {
  return {
    openP1P2: { status: 'open', priority: 'P1,P2' },
    groupUnassigned: { groupId: String(fx.busiestGroupId), assigneeId: 'none', status: 'open' },
    mineOpen: { assigneeId: 'me', status: 'open' },
    slaDueIn1h: { slaDueWithin: '60' },
    emailLast30Days: { channel: 'email', createdFrom: new Date(Date.now() - 30 * 86_400_000).toISOString() },
    allOpen: { status: 'open' },
    allClosed: { status: 'closed' },
    everything: {},
    search: { q: searchTerm },
  };
}

export async function createBenchViews(url: string, headers: Record<string, string>, fx: Fixtures, searchTerm: string) {
  const views = benchViews(fx, searchTerm);
  for (const [name, filters] of Object.entries(views)) {
    const res = await fetch(`${url}/api/v1/views`, { method: 'POST', headers, body: JSON.stringify({ name, filters }) });
    if (res.status !== 201) throw new Error(`POST /views ${name}: ${res.status} ${await res.text()}`);
  }
  return views;
}

/** Each view's count straight from the service (no cache), capped and exact: one warm-up, then the median of 7 alternating runs. */
export async function timeViewCountsCold(deps: Deps, fx: Fixtures, views: Record<string, Record<string, string>>) {
  const actor: Actor = { ...systemActor(), userId: fx.agent.id, roles: ['agent'] };
  const out: Record<string, { count: number; cappedMs: number; exactMs: number }> = {};
  for (const [name, filters] of Object.entries(views)) {
    const q = listTicketsQuery.parse(filters);
    const EXACT = 1_000_000_000;
    const ms = new Map<number, number[]>([[VIEW_COUNT_CAP, []], [EXACT, []]]);
    let count = await countListedTickets(deps, actor, q, EXACT);
    await countListedTickets(deps, actor, q, VIEW_COUNT_CAP);
    for (let i = 0; i < 7; i++) {
      for (const cap of [VIEW_COUNT_CAP, EXACT]) {
        const t0 = performance.now();
        const n = await countListedTickets(deps, actor, q, cap);
        ms.get(cap)!.push(performance.now() - t0);
        if (cap === EXACT) count = n;
      }
    }
    out[name] = { count, cappedMs: round1(median(ms.get(VIEW_COUNT_CAP)!)), exactMs: round1(median(ms.get(EXACT)!)) };
  }
  return out;
}

/** GET /views/counts just after a ticket write, when no count is cached: median of 5. */
export async function timeViewCountsAfterWrite(url: string, headers: Record<string, string>, create: PooledRequest) {
  const ms: number[] = [];
  for (let i = 0; i < 5; i++) {
    const res = await fetch(url + create.path, { method: create.method, headers, body: create.body });
    if (!res.ok) throw new Error(`${create.method} ${create.path}: ${res.status}`);
    const t0 = performance.now();
    await (await fetch(`${url}/api/v1/views/counts`, { headers })).arrayBuffer();
    ms.push(performance.now() - t0);
  }
  return round1(median(ms));
}
