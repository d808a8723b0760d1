// pickAssignee on the real database: round-robin fairness and wrap, least-loaded with a
// required skill (inherited from a parent category), shifts deciding who is a candidate,
// the strategy endpoint, and (PostgreSQL) concurrent picks spreading over different agents.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { client, startTestApp, testDb, type TestApp } from '../../test/harness.ts';
import { makeCategory, makeGroup, makeRoleCast, makeTicket, makeUser } from '../../test/factories.ts';
import { assertProblem } from '../../test/assertions.ts';
import type { AssignmentStrategy } from '../../../../common/schemas/routing.ts';
import { pickAssignee, roundRobinOrder } from './assign.ts';

let t: TestApp;
let api: ReturnType<typeof client>;
let cast: Awaited<ReturnType<typeof makeRoleCast>>;
// Wednesday 13 January 2027, 15:30 UTC.
const AT = new Date('2027-01-13T15:30:00.000Z');

before(async () => {
  t = await startTestApp();
  api = client(t);
  cast = await makeRoleCast(t.deps);
});
after(() => t.close());

async function team(n: number, strategy: AssignmentStrategy) {
  const group = await makeGroup(t.deps);
  const ids: number[] = [];
  for (let i = 0; i < n; i++) ids.push((await makeUser(t.deps, { roles: ['agent'], groupIds: [group.id] })).id);
  await t.deps.db.updateTable('groups').set({ assignment_strategy: strategy }).where('id', '=', group.id).execute();
  return { groupId: group.id, ids };
}

const pick = (groupId: number, categoryId: number | null = null, ticketId?: number) =>
  t.deps.db.transaction().execute((trx) => pickAssignee(trx, t.deps, groupId, { id: ticketId, category_id: categoryId }, AT));

async function openTickets(assigneeId: number, n: number, status = 'in_progress') {
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    const ticket = await makeTicket(t.deps, { requesterId: cast.requester.id });
    await t.deps.db.updateTable('tickets').set({ assignee_id: assigneeId, status }).where('id', '=', ticket.id).execute();
    ids.push(ticket.id);
  }
  return ids;
}

async function cursorOf(groupId: number) {
  return (await t.deps.db.selectFrom('groups').select('last_assigned_user_id').where('id', '=', groupId).executeTakeFirstOrThrow()).last_assigned_user_id;
}

describe('roundRobinOrder', () => {
  test('starts after the cursor and wraps', () => {
    assert.deepEqual(roundRobinOrder([7, 3, 5], null), [3, 5, 7]);
    assert.deepEqual(roundRobinOrder([7, 3, 5], 3), [5, 7, 3]);
    assert.deepEqual(roundRobinOrder([7, 3, 5], 4), [5, 7, 3]);
    assert.deepEqual(roundRobinOrder([7, 3, 5], 7), [3, 5, 7]);
    assert.deepEqual(roundRobinOrder([7, 3, 5], 99), [3, 5, 7]);
  });
});

describe('pickAssignee', () => {
  test('round-robin gives each member a turn in user-id order, wrapping, and moves the cursor', async () => {
    const { groupId, ids } = await team(3, 'round_robin');
    const picks = [];
    for (let i = 0; i < 7; i++) picks.push(await pick(groupId));
    assert.deepEqual(picks.map((p) => p?.userId), [ids[0], ids[1], ids[2], ids[0], ids[1], ids[2], ids[0]]);
    assert.ok(picks.every((p) => p?.strategy === 'round_robin'));
    assert.equal(await cursorOf(groupId), ids[0]);
  });

  test('a member off duty or inactive is skipped and the turn passes to the next', async () => {
    const { groupId, ids } = await team(3, 'round_robin');
    assert.equal((await pick(groupId))?.userId, ids[0]);
    // The next in line goes off duty: the turn passes to the one after.
    await t.deps.db.insertInto('shift_overrides').values({ user_id: ids[1], kind: 'off', starts_at: '2027-01-13T00:00:00.000Z', ends_at: '2027-01-14T00:00:00.000Z', note: '', created_at: AT.toISOString() }).execute();
    assert.equal((await pick(groupId))?.userId, ids[2]);
    // An inactive member is never picked.
    await t.deps.db.updateTable('users').set({ is_active: 0 }).where('id', '=', ids[0]).execute();
    assert.equal((await pick(groupId))?.userId, ids[2]);
  });

  test('manual groups, unknown groups and groups without members give null', async () => {
    const manual = await team(2, 'manual');
    assert.equal(await pick(manual.groupId), null);
    assert.equal(await cursorOf(manual.groupId), null);
    assert.equal(await pick(999_999), null);
    const empty = await team(0, 'least_loaded');
    assert.equal(await pick(empty.groupId), null);
  });

  test('nobody on shift gives null and leaves the cursor alone', async () => {
    const { groupId, ids } = await team(2, 'round_robin');
    // Both work nine to five in Tokyo, where it is 00:30.
    for (const id of ids) {
      await t.deps.db.insertInto('agent_shifts').values({ user_id: id, time_zone: 'Asia/Tokyo', hours: JSON.stringify({ 3: [['09:00', '17:00']], 4: [['09:00', '17:00']] }), updated_at: AT.toISOString() }).execute();
    }
    assert.equal(await pick(groupId), null);
    assert.equal(await cursorOf(groupId), null);
    // One of them works Paris hours instead (16:30 there): the only candidate.
    await t.deps.db.updateTable('agent_shifts').set({ time_zone: 'Europe/Paris' }).where('user_id', '=', ids[1]).execute();
    assert.deepEqual(await pick(groupId), { userId: ids[1], strategy: 'round_robin' });
  });

  test('least-loaded picks the skilled candidate with the fewest open tickets; ties go round-robin', async () => {
    const { groupId, ids } = await team(4, 'least_loaded');
    const [heavy, light, unskilled, other] = ids;
    const skill = await t.deps.db.insertInto('skills').values({ name: `Databases ${AT.getTime()}-${groupId}`, created_at: AT.toISOString() }).returning('id').executeTakeFirstOrThrow();
    for (const id of [heavy, light, other]) await t.deps.db.insertInto('user_skills').values({ user_id: id, skill_id: skill.id }).execute();
    // The parent category requires the skill; the ticket is filed under its child.
    const parent = await makeCategory(t.deps);
    const child = await makeCategory(t.deps, { parentId: parent.id });
    await t.deps.db.updateTable('categories').set({ required_skill_id: skill.id }).where('id', '=', parent.id).execute();

    await openTickets(heavy, 3);
    const lightTickets = await openTickets(light, 1, 'pending');
    const otherTickets = await openTickets(other, 2);
    await openTickets(other, 5, 'resolved'); // closed work does not count
    await openTickets(light, 4, 'closed');
    // unskilled has no tickets at all but lacks the skill.
    assert.deepEqual(await pick(groupId, child.id), { userId: light, strategy: 'least_loaded' });
    assert.equal(await cursorOf(groupId), light);

    // Without a required skill, the idle unskilled agent wins.
    assert.equal((await pick(groupId, null))?.userId, unskilled);

    // Loads are light 1, other 2, heavy 3; other resolves one, tying with light at 1.
    await t.deps.db.updateTable('tickets').set({ status: 'resolved' }).where('id', '=', otherTickets[0]).execute();
    // The tie goes to whichever comes first after the cursor, in user-id order.
    await t.deps.db.updateTable('groups').set({ last_assigned_user_id: light }).where('id', '=', groupId).execute();
    assert.equal((await pick(groupId, child.id))?.userId, other);
    await t.deps.db.updateTable('groups').set({ last_assigned_user_id: other }).where('id', '=', groupId).execute();
    assert.equal((await pick(groupId, child.id))?.userId, light);

    // The ticket being assigned does not count against its current assignee.
    await t.deps.db.updateTable('groups').set({ last_assigned_user_id: light }).where('id', '=', groupId).execute();
    assert.equal((await pick(groupId, child.id, lightTickets[0]))?.userId, light);

    // Nobody with the skill on duty: null.
    for (const id of [heavy, light, other]) {
      await t.deps.db.insertInto('shift_overrides').values({ user_id: id, kind: 'off', starts_at: '2027-01-13T00:00:00.000Z', ends_at: '2027-01-14T00:00:00.000Z', note: '', created_at: AT.toISOString() }).execute();
    }
    assert.equal(await pick(groupId, child.id), null);
  });

  if (testDb === 'postgres') {
    test('PostgreSQL: concurrent picks in separate transactions go to different agents', async () => {
      const { groupId, ids } = await team(4, 'round_robin');
      const picks = await Promise.all(
        ids.map(() =>
          t.deps.db.transaction().execute(async (trx) => {
            const p = await pickAssignee(trx, t.deps, groupId, { category_id: null }, AT);
            // Hold the transaction a moment, as a ticket creation would, so the picks overlap.
            await new Promise((r) => setTimeout(r, 30));
            return p?.userId;
          }),
        ),
      );
      assert.deepEqual([...picks].sort((a, b) => a! - b!), ids);

      // Least-loaded: each transaction assigns its own new ticket before committing, as ticket creation does.
      const loaded = await team(3, 'least_loaded');
      const tickets = [];
      for (let i = 0; i < 3; i++) tickets.push((await makeTicket(t.deps, { requesterId: cast.requester.id })).id);
      const spread = await Promise.all(
        tickets.map((ticketId) =>
          t.deps.db.transaction().execute(async (trx) => {
            const p = await pickAssignee(trx, t.deps, loaded.groupId, { id: ticketId, category_id: null }, AT);
            await trx.updateTable('tickets').set({ assignee_id: p!.userId, status: 'assigned' }).where('id', '=', ticketId).execute();
            await new Promise((r) => setTimeout(r, 30));
            return p?.userId;
          }),
        ),
      );
      assert.equal(new Set(spread).size, 3, `picks: ${spread.join(', ')}`);
    });
  }
});

describe('PUT /groups/{id}/assignment', () => {
  test('an admin sets the strategy; the group shows it; others may not; bad values are refused', async () => {
    const group = await makeGroup(t.deps);
    const r = await api.put(`/api/v1/groups/${group.id}/assignment`, { strategy: 'least_loaded' }, { token: cast.admin.token });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.assignmentStrategy, 'least_loaded');
    assert.equal((await api.get(`/api/v1/groups/${group.id}`, { token: cast.agent.token })).body.assignmentStrategy, 'least_loaded');
    assert.equal((await api.put(`/api/v1/groups/${group.id}/assignment`, { strategy: 'manual' }, { token: cast.supervisor.token })).status, 403);
    assertProblem(await api.put(`/api/v1/groups/${group.id}/assignment`, { strategy: 'random' }, { token: cast.admin.token }), 400);
    assertProblem(await api.put('/api/v1/groups/999999/assignment', { strategy: 'manual' }, { token: cast.admin.token }), 404, { detail: 'Group 999999 does not exist.' });
    const audit = await t.deps.db.selectFrom('audit_log').select('data').where('action', '=', 'group.assignment.set').where('entity_id', '=', String(group.id)).execute();
    assert.deepEqual(audit.map((a) => JSON.parse(a.data!)), [{ from: 'manual', to: 'least_loaded' }]);
  });
});
