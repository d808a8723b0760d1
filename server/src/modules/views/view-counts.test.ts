// Saved-view counts over real HTTP: each count equals what the ticket list pages through for
// the same actor (own, shared and restricted-scope staff), the shared cache follows ticket
// writes, and the route's access and input rules.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { makeGroup, makeOrganisation, makeUser, uniq, type MadeUser } from '../../test/factories.ts';
import { assertProblem } from '../../test/assertions.ts';
import { startCastApp } from '../../test/cast-app.ts';
import { systemActor } from '../../lib/actor.ts';
import { countListedTickets } from '../tickets/tickets.service.ts';

let cast: Awaited<ReturnType<typeof startCastApp>>;
let api: Awaited<ReturnType<typeof startCastApp>>['api'];
let orgA: { id: number };
let orgB: { id: number };
let group: { id: number };
let requesterA: MadeUser;
let requesterB: MadeUser;
let scopedAgent: MadeUser;
const word = `zorglub${uniq()}`;

const openTicket = async (requester: MadeUser, extra: Record<string, unknown> = {}) => {
  const r = await api.post('/api/v1/tickets', { title: `Printer ${uniq()}`, description: 'It jams.', requesterId: requester.id, ...extra }, { token: cast.agent.token });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body as { id: number };
};
const createView = async (filters: Record<string, string>, token: string, isShared = false) => {
  const r = await api.post('/api/v1/views', { name: `View ${uniq()}`, filters, isShared }, { token });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body as { id: number; filters: Record<string, string> };
};
const counts = async (token: string, query = '') => {
  const r = await api.get(`/api/v1/views/counts${query}`, { token });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body as { cap: number; items: { id: number; count: number | null; isCapped: boolean }[] };
};
const countOf = async (token: string, viewId: number) => (await counts(token)).items.find((i) => i.id === viewId);

/** Every ticket the list shows for these filters, page by page. */
async function listTotal(token: string, filters: Record<string, string>): Promise<number> {
  let total = 0;
  let cursor: string | null = null;
  do {
    const r: { status: number; body: any } = await api.get(`/api/v1/tickets?${new URLSearchParams({ ...filters, limit: '200', ...(cursor && { cursor }) })}`, { token });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    total += r.body.items.length;
    cursor = r.body.nextCursor;
  } while (cursor);
  return total;
}

before(async () => {
  cast = await startCastApp();
  api = cast.api;
  orgA = await makeOrganisation(cast.t.deps);
  orgB = await makeOrganisation(cast.t.deps);
  group = await makeGroup(cast.t.deps);
  requesterA = await makeUser(cast.t.deps, { organisationId: orgA.id });
  requesterB = await makeUser(cast.t.deps, { organisationId: orgB.id });
  scopedAgent = await makeUser(cast.t.deps, { roles: ['agent'], servedOrganisationIds: [orgA.id], groupIds: [group.id] });
  await openTicket(requesterA, { groupId: group.id });
  await openTicket(requesterA, { groupId: group.id, title: `The ${word} printer` });
  await openTicket(requesterA, { assigneeId: cast.agent.id });
  await openTicket(requesterB, { groupId: group.id });
  await openTicket(requesterB, { title: `Another ${word} case` });
});
after(() => cast.t.close());

describe('saved view counts', () => {
  test('each count is what the list shows, for own, shared and restricted-scope views', async () => {
    const own = [
      await createView({ organisationId: String(orgA.id) }, cast.agent.token),
      await createView({ groupId: String(group.id), status: 'open' }, cast.agent.token),
      await createView({ assigneeId: 'me', status: 'open' }, cast.agent.token),
      await createView({ q: word }, cast.agent.token),
      await createView({ q: word, organisationId: String(orgB.id) }, cast.agent.token),
    ];
    const shared = await createView({ organisationId: String(orgB.id), priority: 'P1,P2,P3,P4' }, cast.supervisor.token, true);
    const scopedOwn = await createView({ groupId: 'mine' }, scopedAgent.token);
    const hidden = await createView({ organisationId: String(orgA.id) }, cast.admin.token);

    for (const [who, views] of [
      [cast.agent, [...own, shared]],
      [scopedAgent, [scopedOwn, shared]],
    ] as const) {
      const body = await counts(who.token);
      assert.equal(body.cap, 10_000);
      assert.ok(!body.items.some((i) => i.id === hidden.id), 'another user’s private view is not counted');
      for (const v of views) {
        const item = body.items.find((i) => i.id === v.id);
        assert.ok(item, `view ${v.id} counted for ${who.name}`);
        assert.equal(item.count, await listTotal(who.token, v.filters), `view ${JSON.stringify(v.filters)} for ${who.name}`);
        assert.equal(item.isCapped, false);
      }
    }
    // The figures themselves, so the comparison above cannot pass on two empty lists.
    assert.deepEqual((await counts(cast.agent.token, `?ids=${own.map((v) => v.id).join(',')}`)).items.map((i) => i.count), [3, 3, 1, 2, 1]);
    assert.equal((await countOf(scopedAgent.token, shared.id))?.count, 0, 'organisation B is outside this agent’s scope');
    assert.equal((await countOf(scopedAgent.token, scopedOwn.id))?.count, 2, 'only the group tickets of organisation A');
  });

  test('a ticket write refreshes the shared count at once; until then the count is cached', async () => {
    const view = await createView({ organisationId: String(orgA.id), status: 'open' }, cast.supervisor.token, true);
    const before = (await countOf(cast.agent.token, view.id))!.count!;
    // A change behind the service's back (no write version bump) is not seen within the TTL…
    const [moved] = await cast.t.deps.db.selectFrom('tickets').select('id').where('organisation_id', '=', orgA.id).limit(1).execute();
    await cast.t.deps.db.updateTable('tickets').set({ organisation_id: orgB.id }).where('id', '=', moved.id).execute();
    assert.equal((await countOf(cast.supervisor.token, view.id))!.count, before, 'same scope, same filters: one shared figure');
    // …any ticket written through the service (here in the other organisation) refreshes it at once.
    await openTicket(requesterB);
    assert.equal((await countOf(cast.agent.token, view.id))!.count, before - 1);
    await openTicket(requesterA);
    assert.equal((await countOf(cast.agent.token, view.id))!.count, before);
    assert.equal(before, await listTotal(cast.agent.token, view.filters));
    await cast.t.deps.db.updateTable('tickets').set({ organisation_id: orgA.id }).where('id', '=', moved.id).execute();
  });

  test('counting stops one past the cap', async () => {
    const actor = systemActor();
    const q = { organisationId: orgA.id };
    const all = await countListedTickets(cast.t.deps, actor, q, 1_000);
    assert.ok(all >= 3);
    assert.equal(await countListedTickets(cast.t.deps, actor, q, 1), 2);
    assert.equal(await countListedTickets(cast.t.deps, actor, { q: word }, 1), 2, 'the search path too');
    assert.equal(await countListedTickets(cast.t.deps, actor, { q: '***' }, 10), 0, 'no word left to search');
  });

  test('a view whose stored filters no longer parse counts as null, the others still count', async () => {
    const broken = await createView({ status: 'open' }, cast.agent.token);
    await cast.t.deps.db.updateTable('saved_views').set({ filters: JSON.stringify({ priority: 'P9' }) }).where('id', '=', broken.id).execute();
    const body = await counts(cast.agent.token);
    assert.deepEqual(body.items.find((i) => i.id === broken.id), { id: broken.id, count: null, isCapped: false });
    assert.ok(body.items.some((i) => typeof i.count === 'number'));
  });

  test('staff only; ids are checked; ids of views one may not see are left out', async () => {
    assertProblem(await api.get('/api/v1/views/counts'), 401);
    assertProblem(await api.get('/api/v1/views/counts', { token: cast.requester.token }), 403);
    assertProblem(await api.get('/api/v1/views/counts?ids=abc', { token: cast.agent.token }), 400, { detail: /ids/ });
    assertProblem(await api.get('/api/v1/views/counts?ids=0', { token: cast.agent.token }), 400, { detail: /ids/ });
    assertProblem(await api.get('/api/v1/views/counts?ids=', { token: cast.agent.token }), 400, { detail: /ids/ });
    assertProblem(await api.get('/api/v1/views/counts?limit=5', { token: cast.agent.token }), 400, { detail: /limit/ });
    const hidden = await createView({}, cast.admin.token);
    const mine = await createView({}, cast.agent.token);
    const r = await counts(cast.agent.token, `?ids=${hidden.id},${mine.id},2147483647`);
    assert.deepEqual(r.items.map((i) => i.id), [mine.id]);
  });
});
