// Problems over real HTTP: creation with incidents (timeline events on the tickets),
// visibility across organisations, lists and filters, links, the status machine.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { client, startTestApp, type TestApp } from '../../test/harness.ts';
import { makeCategory, makeGroup, makeOrganisation, makeTicket, makeUser, uniq, type MadeUser } from '../../test/factories.ts';
import { assertProblem } from '../../test/assertions.ts';
import { testClock } from '../../test/test-clock.ts';

const clock = testClock('2026-03-02T09:00:00.000Z');
let t: TestApp;
let api: ReturnType<typeof client>;
let admin: MadeUser;
let agent: MadeUser; // sees every organisation
let agentA: MadeUser; // serves organisation A only
let requesterA: MadeUser;
let requesterB: MadeUser;
let orgA: { id: number };
let orgB: { id: number };

before(async () => {
  t = await startTestApp({ clock });
  api = client(t);
  orgA = await makeOrganisation(t.deps, { name: `Org A ${uniq()}` });
  orgB = await makeOrganisation(t.deps, { name: `Org B ${uniq()}` });
  admin = await makeUser(t.deps, { roles: ['admin'] });
  agent = await makeUser(t.deps, { roles: ['agent'] });
  agentA = await makeUser(t.deps, { roles: ['agent'], servedOrganisationIds: [orgA.id] });
  requesterA = await makeUser(t.deps, { roles: ['requester'], organisationId: orgA.id });
  requesterB = await makeUser(t.deps, { roles: ['requester'], organisationId: orgB.id });
});
after(() => t.close());

const ticketOf = (r: MadeUser, title = `Incident ${uniq()}`) => makeTicket(t.deps, { requesterId: r.id, title });
const create = (body: Record<string, unknown>, token = agent.token) => api.post('/api/v1/problems', { title: `Problem ${uniq()}`, description: 'Several users affected.', ...body }, { token });
const timeline = async (ticketId: number, token = agent.token) => (await api.get(`/api/v1/tickets/${ticketId}/timeline`, { token })).body.items as { kind: string; internal: boolean; data: any }[];

describe('creating a problem', () => {
  test('links its incidents, each with an internal timeline event, and is audited', async () => {
    const [a1, a2] = [await ticketOf(requesterA), await ticketOf(requesterA)];
    const group = await makeGroup(t.deps);
    const category = await makeCategory(t.deps);
    const r = await create({ incidentIds: [a1.id, a2.id, a1.id], ownerGroupId: group.id, categoryId: category.id });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    const p = r.body;
    assert.equal(p.reference, `PRB-${p.id}`);
    assert.equal(p.status, 'open');
    assert.equal(p.organisationId, orgA.id, 'the single organisation of its incidents');
    assert.equal(p.ownerGroupName, group.name);
    assert.equal(p.categoryName, category.name);
    assert.equal(p.incidentCount, 2);
    assert.equal(p.openIncidentCount, 2);
    assert.deepEqual(p.incidents.map((i: { id: number }) => i.id).sort(), [a1.id, a2.id].sort());
    assert.equal(p.createdByName, agent.name);
    for (const ticket of [a1, a2]) {
      const events = (await timeline(ticket.id)).filter((e) => e.kind === 'problem');
      assert.equal(events.length, 1);
      assert.equal(events[0].internal, true);
      assert.deepEqual(events[0].data, { problemId: p.id, reference: p.reference, title: p.title, action: 'linked' });
      // The requester does not see the internal event.
      assert.equal((await timeline(ticket.id, requesterA.token)).filter((e) => e.kind === 'problem').length, 0);
    }
    const audit = await api.get(`/api/v1/audit?entityType=problem&entityId=${p.id}`, { token: admin.token });
    assert.deepEqual(audit.body.items.map((e: { action: string }) => e.action), ['problem.create']);
    assert.deepEqual(audit.body.items[0].data.incidentIds, [a1.id, a2.id].sort((x, y) => x - y));
  });

  test('the organisation: spanning ones belong to none; a root cause and workaround given at once make a known error', async () => {
    const [a, b] = [await ticketOf(requesterA), await ticketOf(requesterB)];
    const r = await create({ incidentIds: [a.id, b.id], rootCause: 'Certificate expired', workaround: 'Accept the old certificate' });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.equal(r.body.organisationId, null);
    assert.equal(r.body.status, 'known_error');
    assert.equal((await create({ rootCause: 'Disk full' })).body.status, 'root_cause_known');
    // A restricted agent's problem without incidents belongs to their only organisation.
    const mine = await create({}, agentA.token);
    assert.equal(mine.status, 201, JSON.stringify(mine.body));
    assert.equal(mine.body.organisationId, orgA.id);
  });

  test('incidents that do not exist or are not visible are named in a 422; bad references too', async () => {
    const b = await ticketOf(requesterB);
    const missing = await create({ incidentIds: [b.id, 99999999] }, agentA.token);
    assertProblem(missing, 422, { detail: new RegExp(`${b.id}, 99999999`) });
    assert.deepEqual(missing.body.ticketIds, [b.id, 99999999]);
    assertProblem(await create({ ownerGroupId: 99999999 }), 422, { detail: /ownerGroupId/ });
    assertProblem(await create({ categoryId: 99999999 }), 422, { detail: /categoryId/ });
    assertProblem(await create({ title: '' }), 400);
    assertProblem(await create({ organisationId: orgA.id }), 400);
  });
});

describe('visibility', () => {
  test('restricted agents see their organisations\' problems only; requesters are refused', async () => {
    const inA = (await create({ incidentIds: [(await ticketOf(requesterA)).id] })).body;
    const inB = (await create({ incidentIds: [(await ticketOf(requesterB)).id] })).body;
    const spanning = (await create({ incidentIds: [(await ticketOf(requesterA)).id, (await ticketOf(requesterB)).id] })).body;
    assert.equal((await api.get(`/api/v1/problems/${inA.id}`, { token: agentA.token })).status, 200);
    for (const hidden of [inB, spanning]) {
      assertProblem(await api.get(`/api/v1/problems/${hidden.id}`, { token: agentA.token }), 404, { detail: /PRB-/ });
      assertProblem(await api.patch(`/api/v1/problems/${hidden.id}`, { title: 'Mine now' }, { token: agentA.token }), 404);
      assertProblem(await api.post(`/api/v1/problems/${hidden.id}/transitions`, { to: 'closed' }, { token: agentA.token }), 404);
    }
    const listed = (await api.get('/api/v1/problems?limit=200', { token: agentA.token })).body.items.map((p: { id: number }) => p.id);
    assert.ok(listed.includes(inA.id));
    assert.ok(!listed.includes(inB.id) && !listed.includes(spanning.id));
    const all = (await api.get('/api/v1/problems?limit=200', { token: agent.token })).body.items.map((p: { id: number }) => p.id);
    assert.ok([inA.id, inB.id, spanning.id].every((id) => all.includes(id)));
    for (const [method, url] of [
      ['get', '/api/v1/problems'],
      ['get', `/api/v1/problems/${inA.id}`],
      ['post', '/api/v1/problems'],
      ['post', `/api/v1/problems/${inA.id}/resolve`],
      ['get', `/api/v1/tickets/${inA.incidents[0].id}/problems`],
    ] as const) {
      const r = method === 'get' ? await api.get(url, { token: requesterA.token }) : await api.post(url, { title: 'x', description: 'y', resolution: 'z' }, { token: requesterA.token });
      assertProblem(r, 403);
    }
    assertProblem(await api.get('/api/v1/problems'), 401);
  });

  test('a problem shows only the incidents its reader may see; a restricted agent cannot link another organisation\'s ticket', async () => {
    const a = await ticketOf(requesterA);
    const p = (await create({ incidentIds: [a.id] })).body;
    const b = await ticketOf(requesterB);
    assertProblem(await api.post(`/api/v1/problems/${p.id}/incidents`, { ticketIds: [b.id] }, { token: agentA.token }), 422, { detail: new RegExp(String(b.id)) });
    // Even staff who see both cannot put organisation B's incident in organisation A's problem.
    assertProblem(await api.post(`/api/v1/problems/${p.id}/incidents`, { ticketIds: [b.id] }, { token: agent.token }), 422, { detail: /another organisation/ });
    assert.deepEqual((await api.get(`/api/v1/problems/${p.id}`, { token: agentA.token })).body.incidents.map((i: { id: number }) => i.id), [a.id]);
  });
});

describe('lists', () => {
  test('most recently updated first, filtered by status, open and text (any case, with or without accents), by pages', async () => {
    const word = `réseau${uniq()}`;
    const made = [];
    for (let i = 0; i < 3; i++) {
      clock.advance(1000);
      made.push((await create({ title: `Coupure ${word} n°${i}` })).body);
    }
    clock.advance(1000);
    const other = (await create({ title: `Imprimante ${uniq()}`, description: `Rien à voir avec ${word.toUpperCase()}` })).body;
    clock.advance(1000);
    await api.patch(`/api/v1/problems/${made[0].id}`, { rootCause: 'Switch défaillant' }, { token: agent.token }); // now the most recent
    const q = encodeURIComponent(word.replace('é', 'e').toUpperCase());
    const page1 = await api.get(`/api/v1/problems?q=${q}&limit=2`, { token: agent.token });
    assert.equal(page1.status, 200, JSON.stringify(page1.body));
    assert.deepEqual(page1.body.items.map((p: { id: number }) => p.id), [made[0].id, other.id]);
    const page2 = await api.get(`/api/v1/problems?q=${q}&limit=2&cursor=${page1.body.nextCursor}`, { token: agent.token });
    assert.deepEqual(page2.body.items.map((p: { id: number }) => p.id), [made[2].id, made[1].id]);
    assert.equal(page2.body.nextCursor, null);
    await api.post(`/api/v1/problems/${made[0].id}/transitions`, { to: 'root_cause_known' }, { token: agent.token });
    const rck = (await api.get(`/api/v1/problems?q=${q}&status=root_cause_known`, { token: agent.token })).body.items;
    assert.deepEqual(rck.map((p: { id: number }) => p.id), [made[0].id]);
    await api.post(`/api/v1/problems/${made[1].id}/resolve`, { resolution: 'Switch replaced' }, { token: agent.token });
    const open = (await api.get(`/api/v1/problems?q=${q}&open=true`, { token: agent.token })).body.items.map((p: { id: number }) => p.id);
    assert.deepEqual(open.sort(), [made[0].id, made[2].id, other.id].sort());
    const done = (await api.get(`/api/v1/problems?q=${q}&open=false`, { token: agent.token })).body.items.map((p: { id: number }) => p.id);
    assert.deepEqual(done, [made[1].id]);
    assertProblem(await api.get('/api/v1/problems?cursor=nonsense', { token: agent.token }), 400, { detail: /cursor/ });
  });
});

describe('links', () => {
  test('linking is idempotent; unlinking writes an event; a ticket lists its problems with their workaround', async () => {
    const [x, y] = [await ticketOf(requesterA), await ticketOf(requesterA)];
    const p = (await create({ incidentIds: [x.id], rootCause: 'Bad driver', workaround: 'Use the old driver' })).body;
    const link = () => api.post(`/api/v1/problems/${p.id}/incidents`, { ticketIds: [x.id, y.id] }, { token: agent.token });
    assert.equal((await link()).status, 200);
    const again = await link();
    assert.equal(again.body.incidentCount, 2);
    for (const id of [x.id, y.id]) assert.equal((await timeline(id)).filter((e) => e.kind === 'problem').length, 1, `one link event on ${id}`);
    const list = await api.get(`/api/v1/tickets/${y.id}/problems`, { token: agent.token });
    assert.equal(list.status, 200, JSON.stringify(list.body));
    assert.deepEqual(list.body.items.map((i: { id: number; workaround: string }) => [i.id, i.workaround]), [[p.id, 'Use the old driver']]);
    assert.equal((await api.delete(`/api/v1/problems/${p.id}/incidents/${y.id}`, { token: agent.token })).status, 204);
    assertProblem(await api.delete(`/api/v1/problems/${p.id}/incidents/${y.id}`, { token: agent.token }), 404, { detail: /not linked/ });
    assert.deepEqual((await timeline(y.id)).filter((e) => e.kind === 'problem').map((e) => e.data.action), ['linked', 'unlinked']);
    assert.deepEqual((await api.get(`/api/v1/tickets/${y.id}/problems`, { token: agent.token })).body.items, []);
    const b = await ticketOf(requesterB);
    assertProblem(await api.get(`/api/v1/tickets/${b.id}/problems`, { token: agentA.token }), 404);
    const audit = await api.get(`/api/v1/audit?entityType=problem&entityId=${p.id}`, { token: admin.token });
    assert.deepEqual(audit.body.items.map((e: { action: string }) => e.action), ['problem.unlink', 'problem.link', 'problem.create']);
  });
});

describe('status', () => {
  test('moves need what they rest on; wrong moves list the allowed ones; closed is final', async () => {
    const p = (await create({})).body;
    const move = (to: string) => api.post(`/api/v1/problems/${p.id}/transitions`, { to, note: 'step' }, { token: agent.token });
    const patch = (body: Record<string, unknown>) => api.patch(`/api/v1/problems/${p.id}`, body, { token: agent.token });
    assertProblem(await move('root_cause_known'), 422, { detail: /rootCause/ });
    assertProblem(await move('known_error'), 422, { detail: /rootCause \(the root cause\) and workaround/ });
    assertProblem(await move('closed'), 409, { detail: /root cause known, known error/ });
    assert.deepEqual((await move('closed')).body.allowed, ['root_cause_known', 'known_error']);
    assertProblem(await move('resolved'), 409, { detail: /resolve/ });
    assert.equal((await patch({ rootCause: 'Expired certificate on the proxy' })).status, 200);
    assert.equal((await move('root_cause_known')).body.status, 'root_cause_known');
    assertProblem(await patch({ rootCause: null }), 422, { detail: /root cause/ });
    assertProblem(await move('known_error'), 422, { detail: /workaround/ });
    assertProblem(await move('open'), 409, { detail: /known error/ });
    assert.equal((await patch({ workaround: 'Bypass the proxy' })).status, 200);
    assert.equal((await move('known_error')).body.status, 'known_error');
    assertProblem(await patch({ workaround: null }), 422, { detail: /workaround/ });
    assertProblem(await move('known_error'), 409, { detail: /already/ });
    const resolved = await api.post(`/api/v1/problems/${p.id}/resolve`, { resolution: 'Certificate renewed' }, { token: agent.token });
    assert.equal(resolved.status, 200, JSON.stringify(resolved.body));
    assert.equal(resolved.body.problem.status, 'resolved');
    assert.ok(resolved.body.problem.resolvedAt);
    assertProblem(await api.post(`/api/v1/problems/${p.id}/resolve`, { resolution: 'Again' }, { token: agent.token }), 409, { detail: /already resolved/ });
    const reopened = await move('open');
    assert.equal(reopened.body.status, 'open');
    assert.equal(reopened.body.resolvedAt, null);
    assert.equal(reopened.body.resolution, null);
    await api.post(`/api/v1/problems/${p.id}/resolve`, { resolution: 'Certificate renewed for good' }, { token: agent.token });
    const closed = await move('closed');
    assert.equal(closed.body.status, 'closed');
    assert.ok(closed.body.closedAt);
    assertProblem(await move('open'), 409, { detail: /final/ });
    assertProblem(await patch({ title: 'Later' }), 422, { detail: /closed/ });
    assertProblem(await move('nowhere'), 400);
    const audit = await api.get(`/api/v1/audit?entityType=problem&entityId=${p.id}`, { token: admin.token });
    const actions = audit.body.items.map((e: { action: string }) => e.action).reverse();
    assert.deepEqual(actions, ['problem.create', 'problem.update', 'problem.transition', 'problem.update', 'problem.transition', 'problem.resolve', 'problem.transition', 'problem.resolve', 'problem.transition']);
    assert.deepEqual(audit.body.items[0].data, { from: 'resolved', to: 'closed', note: 'step' });
  });
});
