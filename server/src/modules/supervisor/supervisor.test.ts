// The supervisor's overview and bulk reassignment over real HTTP, on a small known data set.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { client, startTestApp, testDb, type TestApp } from '../../test/harness.ts';
import { makeGroup, makeOrganisation, makeUser, uniq, type MadeUser } from '../../test/factories.ts';
import { assertProblem } from '../../test/assertions.ts';
import { openTicketCounts } from './supervisor.repo.ts';

const NOW = new Date('2026-03-10T12:00:00Z');
let current = NOW;
const clock = { now: () => current };
const HOUR = 3_600_000;

let t: TestApp;
let api: ReturnType<typeof client>;
let admin: MadeUser;
let supervisor: MadeUser;
let restricted: MadeUser;
let ag1: MadeUser;
let ag2: MadeUser;
let ag3: MadeUser;
let requesterA: MadeUser;
let requesterB: MadeUser;
let g1: { id: number; name: string };
let g2: { id: number; name: string };
let ids: number[];

/** Opens a ticket as the admin, `hoursAgo` before NOW. */
async function open(hoursAgo: number, body: Record<string, unknown>): Promise<number> {
  current = new Date(NOW.getTime() - hoursAgo * HOUR);
  const r = await api.post('/api/v1/tickets', { title: `T ${uniq()}`, description: 'd', ...body }, { token: admin.token });
  current = NOW;
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.id;
}

before(async () => {
  t = await startTestApp({ clock });
  api = client(t);
  const [orgA, orgB] = [await makeOrganisation(t.deps), await makeOrganisation(t.deps)];
  g1 = await makeGroup(t.deps, { name: `First line ${uniq()}`, tier: 1 });
  g2 = await makeGroup(t.deps, { name: `Network ${uniq()}`, tier: 2 });
  admin = await makeUser(t.deps, { roles: ['admin'] });
  supervisor = await makeUser(t.deps, { roles: ['supervisor'] });
  restricted = await makeUser(t.deps, { roles: ['supervisor'], servedOrganisationIds: [orgA.id] });
  ag1 = await makeUser(t.deps, { roles: ['agent'], name: 'Agent One', groupIds: [g1.id] });
  ag2 = await makeUser(t.deps, { roles: ['agent'], name: 'Agent Two', groupIds: [g1.id] });
  ag3 = await makeUser(t.deps, { roles: ['agent'], name: 'Agent Three', groupIds: [g2.id] });
  const gone = await makeUser(t.deps, { roles: ['agent'], name: 'Agent Gone' });
  await t.deps.db.updateTable('users').set({ is_active: 0 }).where('id', '=', gone.id).execute();
  requesterA = await makeUser(t.deps, { organisationId: orgA.id });
  requesterB = await makeUser(t.deps, { organisationId: orgB.id });

  const A = { requesterId: requesterA.id };
  const B = { requesterId: requesterB.id };
  ids = [
    await open(1, { ...A, groupId: g1.id, assigneeId: ag1.id, impact: 1, urgency: 1 }), // P1, < 4 h
    await open(10, { ...A, groupId: g1.id, impact: 3, urgency: 3 }), // P3, 4–24 h, unassigned
    await open(48, { ...A, groupId: g2.id, assigneeId: ag3.id, impact: 2, urgency: 2 }), // P2, 1–3 days, pending below
    await open(120, { ...B, impact: 4, urgency: 4 }), // P5, 3–7 days, no group, unassigned
    await open(240, { ...B, groupId: g1.id, assigneeId: ag1.id, impact: 3, urgency: 3 }), // P3, > 7 days
  ];
  const pending = await api.patch(`/api/v1/tickets/${ids[2]}`, { status: 'pending' }, { token: admin.token });
  assert.equal(pending.body.status, 'pending');
  const done = await open(480, { ...A, groupId: g1.id, assigneeId: ag2.id });
  const resolved = await api.post(`/api/v1/tickets/${done}/resolve`, { symptoms: 's', diagnosis: 'd', actions: 'a', result: 'r' }, { token: admin.token });
  assert.equal(resolved.body.status, 'resolved', 'not open: counted nowhere');
});
after(() => t.close());

const overview = (who: MadeUser) => api.get('/api/v1/supervisor/overview', { token: who.token });
const perGroup = (body: any) => Object.fromEntries(body.byGroup.map((g: any) => [g.group?.id ?? 'none', [g.open, g.unassigned]]));
const agent = (body: any, who: MadeUser) => body.agents.find((a: any) => a.id === who.id);

describe('supervisor overview', () => {
  test('counts the open backlog by group, tier, priority and age; the oldest tickets; each agent’s load', async () => {
    const r = await overview(supervisor);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const b = r.body;
    assert.equal(b.generatedAt, NOW.toISOString());
    assert.equal(b.totalOpen, 5);
    assert.equal(b.unassigned, 2);
    assert.deepEqual(perGroup(b), { [g1.id]: [3, 1], [g2.id]: [1, 0], none: [1, 1] });
    assert.deepEqual(b.byGroup.at(-1).group, null, 'no group comes last');
    assert.deepEqual(b.byGroup[0].group, { id: g1.id, name: g1.name, tier: 1 });
    assert.deepEqual(b.byTier, [{ tier: 1, open: 4 }, { tier: 2, open: 1 }, { tier: 3, open: 0 }]);
    assert.deepEqual(b.byPriority.map((p: any) => [p.priority, p.open]), [['P1', 1], ['P2', 1], ['P3', 2], ['P4', 0], ['P5', 1]]);
    assert.deepEqual(b.byAge.map((a: any) => [a.bucket, a.open]), [['lt4h', 1], ['h4to24', 1], ['d1to3', 1], ['d3to7', 1], ['gt7d', 1]]);

    assert.deepEqual(b.oldest.map((o: any) => o.id), [ids[4], ids[3], ids[2], ids[1], ids[0]]);
    const oldest = b.oldest[0];
    assert.deepEqual(Object.keys(oldest).sort(), ['assignee', 'createdAt', 'group', 'id', 'number', 'organisation', 'priority', 'status', 'title']);
    assert.equal(oldest.createdAt, new Date(NOW.getTime() - 240 * HOUR).toISOString());
    assert.deepEqual(oldest.assignee, { id: ag1.id, name: 'Agent One' });
    assert.equal(oldest.priority, 'P3');
    assert.equal(b.oldest[1].group, null);
    assert.equal(b.oldest[2].status, 'pending');

    const names = b.agents.map((a: any) => a.name);
    assert.ok(!names.includes('Agent Gone'), 'inactive agents are left out');
    assert.ok(!b.agents.some((a: any) => a.id === supervisor.id), 'only users with the agent role');
    assert.deepEqual(agent(b, ag1), {
      id: ag1.id,
      name: 'Agent One',
      email: ag1.email,
      groups: [{ id: g1.id, name: g1.name, tier: 1 }],
      open: 2,
      pending: 0,
      byPriority: { P1: 1, P2: 0, P3: 1, P4: 0, P5: 0 },
    });
    assert.equal(agent(b, ag2).open, 0, 'a resolved ticket is not load');
    assert.deepEqual([agent(b, ag3).open, agent(b, ag3).pending, agent(b, ag3).byPriority.P2], [1, 1, 1]);
  });

  test('age buckets follow the clock', async () => {
    current = new Date(NOW.getTime() + 5 * HOUR);
    try {
      const b = (await overview(supervisor)).body;
      assert.deepEqual(b.byAge.map((a: any) => a.open), [0, 2, 1, 1, 1]);
    } finally {
      current = NOW;
    }
  });

  test('a supervisor restricted to some organisations sees only their tickets', async () => {
    const b = (await overview(restricted)).body;
    assert.equal(b.totalOpen, 3);
    assert.equal(b.unassigned, 1);
    assert.deepEqual(perGroup(b), { [g1.id]: [2, 1], [g2.id]: [1, 0], none: [0, 0] });
    assert.deepEqual(b.byPriority.map((p: any) => p.open), [1, 1, 1, 0, 0]);
    assert.deepEqual(b.oldest.map((o: any) => o.id), [ids[2], ids[1], ids[0]]);
    assert.deepEqual([agent(b, ag1).open, agent(b, ag1).byPriority.P3], [1, 0], 'the organisation B ticket is not counted');
  });

  test('on SQLite the counts are one covering scan of the open-tickets index', { skip: testDb !== 'sqlite' }, async () => {
    const q = openTicketCounts(t.deps.db, { kind: 'organisations', organisationIds: [1, 2] }, [NOW.toISOString()]).compile();
    const plan = t.deps.dbHandle.sqlite!.prepare(`explain query plan ${q.sql}`).all(...(q.parameters as unknown[])) as { detail: string }[];
    assert.deepEqual(plan.map((p) => p.detail), ['SEARCH t USING COVERING INDEX tickets_open_idx (status=?)']);
  });

  test('agents and requesters may not see it', async () => {
    assertProblem(await overview(ag1), 403);
    assertProblem(await overview(requesterA), 403);
    assertProblem(await api.post('/api/v1/supervisor/reassign', { ticketIds: [ids[0]], assigneeId: ag2.id }, { token: ag1.token }), 403);
    assertProblem(await api.get('/api/v1/supervisor/overview'), 401);
  });
});

describe('bulk reassignment', () => {
  test('each visible ticket is reassigned; an invisible one is reported as failed, the rest go through', async () => {
    const a1 = await open(2, { requesterId: requesterA.id, groupId: g1.id });
    const a2 = await open(3, { requesterId: requesterA.id, groupId: g1.id, assigneeId: ag1.id });
    const b1 = await open(2, { requesterId: requesterB.id, groupId: g1.id });
    const r = await api.post('/api/v1/supervisor/reassign', { ticketIds: [a1, b1, a2, a1], assigneeId: ag2.id }, { token: restricted.token });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.deepEqual(r.body.updated, [a1, a2]);
    assert.equal(r.body.failed.length, 1);
    assert.equal(r.body.failed[0].id, b1);
    assert.equal(r.body.failed[0].status, 404);
    assert.match(r.body.failed[0].detail, /not visible/);
    for (const id of [a1, a2]) {
      const ticket = (await api.get(`/api/v1/tickets/${id}`, { token: admin.token })).body;
      assert.equal(ticket.assignee.id, ag2.id);
      assert.equal(ticket.status, 'assigned');
    }
    assert.equal((await api.get(`/api/v1/tickets/${b1}`, { token: admin.token })).body.assignee, null, 'untouched');
    const timeline = (await api.get(`/api/v1/tickets/${a1}/timeline`, { token: admin.token })).body.items;
    assert.ok(timeline.some((e: any) => e.kind === 'assignment'), 'the same timeline event as one assignment');
  });

  test('the rules of a single assignment apply to each ticket, with the reason', async () => {
    const a1 = await open(2, { requesterId: requesterA.id, groupId: g1.id, assigneeId: ag1.id });
    const r = await api.post('/api/v1/supervisor/reassign', { ticketIds: [a1, ids[2]], groupId: g1.id, assigneeId: null }, { token: supervisor.token });
    assert.deepEqual(r.body.updated, [a1, ids[2]], JSON.stringify(r.body.failed));
    const moved = (await api.get(`/api/v1/tickets/${ids[2]}`, { token: admin.token })).body;
    assert.deepEqual([moved.group.id, moved.tier, moved.assignee], [g1.id, 1, null], 'a tier 2 ticket handed back to tier 1');

    const up = await api.post('/api/v1/supervisor/reassign', { ticketIds: [a1], groupId: g2.id }, { token: supervisor.token });
    assert.deepEqual(up.body.updated, []);
    assert.equal(up.body.failed[0].status, 409);
    assert.match(up.body.failed[0].detail, /escalate/);
    const notMember = await api.post('/api/v1/supervisor/reassign', { ticketIds: [a1], assigneeId: ag3.id }, { token: supervisor.token });
    assert.equal(notMember.body.failed[0].status, 422);
    assert.match(notMember.body.failed[0].detail, /not a member/);
  });

  test('bad requests are 400s', async () => {
    const cases: [unknown, RegExp][] = [
      [{ ticketIds: [], assigneeId: ag2.id }, /body\.ticketIds/],
      [{ ticketIds: Array.from({ length: 201 }, (_, i) => i + 1), assigneeId: ag2.id }, /body\.ticketIds/],
      [{ ticketIds: [ids[0]] }, /groupId or an assigneeId/],
      [{ ticketIds: ['x'], groupId: g1.id }, /body\.ticketIds\.0/],
      [{ ticketIds: [ids[0]], groupId: g1.id, status: 'new' }, /unknown field "status"|status/],
    ];
    for (const [body, detail] of cases) assertProblem(await api.post('/api/v1/supervisor/reassign', body, { token: supervisor.token }), 400, { detail });
  });
});
