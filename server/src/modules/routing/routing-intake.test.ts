// Routing at ticket creation, through the API: the first matching rule sends the ticket to a
// group, the group's strategy picks an agent on shift, the creator's own choice wins, a
// mailbox's default group is the fallback, and the "created" event says why.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { client, startTestApp, type TestApp } from '../../test/harness.ts';
import { makeGroup, makeOrganisation, makeUser, type MadeUser } from '../../test/factories.ts';
import { testClock } from '../../test/test-clock.ts';

describe('routing new tickets', () => {
  let t: TestApp;
  let api: ReturnType<typeof client>;
  let admin: MadeUser;
  let requester: MadeUser;

  before(async () => {
    t = await startTestApp({ clock: testClock('2027-01-13T15:30:00.000Z') }); // Wednesday 16:30 in Paris
    api = client(t);
    admin = await makeUser(t.deps, { roles: ['admin'] });
    requester = await makeUser(t.deps, { organisationId: (await makeOrganisation(t.deps)).id });
  });
  after(() => t.close());

  const open = async (title: string, extra: Record<string, unknown> = {}) => {
    const r = await api.post('/api/v1/tickets', { title, description: 'Please help.', requesterId: requester.id, channel: 'phone', ...extra }, { token: admin.token });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    return r.body;
  };
  const createdEvent = async (id: number) => {
    const tl = await api.get(`/api/v1/tickets/${id}/timeline`, { token: admin.token });
    return tl.body.items.find((e: { kind: string }) => e.kind === 'created');
  };

  test('a keyword rule routes to its group, round-robin among agents on shift, and the timeline says why', async () => {
    const network = await makeGroup(t.deps, { tier: 1, name: 'Network desk' });
    const [ann, ben, off] = [
      await makeUser(t.deps, { roles: ['agent'], groupIds: [network.id] }),
      await makeUser(t.deps, { roles: ['agent'], groupIds: [network.id] }),
      await makeUser(t.deps, { roles: ['agent'], groupIds: [network.id] }),
    ];
    // Off works nights in Paris: not on shift on a Wednesday afternoon.
    assert.equal((await api.put(`/api/v1/users/${off.id}/shift`, { timeZone: 'Europe/Paris', hours: { 3: [['22:00', '24:00']] } }, { token: admin.token })).status, 200);
    assert.equal((await api.put(`/api/v1/groups/${network.id}/assignment`, { strategy: 'round_robin' }, { token: admin.token })).status, 200);
    const rule = await api.post('/api/v1/routing/rules', { name: 'VPN and Wi-Fi', conditions: { keywords: ['vpn', 'wifi'] }, groupId: network.id }, { token: admin.token });
    assert.equal(rule.status, 201, JSON.stringify(rule.body));

    const first = await open('Le VPN ne se connecte plus');
    const second = await open('VPN drops every hour');
    const third = await open('WIFI slow on floor 2');
    assert.deepEqual([first.group?.id, second.group?.id, third.group?.id], [network.id, network.id, network.id]);
    const assignees = [first, second, third].map((tk) => tk.assignee?.id);
    assert.deepEqual(assignees, [ann.id, ben.id, ann.id], 'round-robin, skipping the agent off shift');
    assert.deepEqual((await createdEvent(first.id)).data.routing, { rule: { id: rule.body.id, name: 'VPN and Wi-Fi' }, strategy: 'round_robin' });

    const unrelated = await open('Printer jam');
    assert.equal(unrelated.group, null, 'no rule, no group');
  });

  test("the creator's own group wins over the rules; the strategy still picks the agent", async () => {
    const desk = await makeGroup(t.deps, { tier: 1 });
    const solo = await makeUser(t.deps, { roles: ['agent'], groupIds: [desk.id] });
    await api.put(`/api/v1/groups/${desk.id}/assignment`, { strategy: 'least_loaded' }, { token: admin.token });
    const tk = await open('VPN again', { groupId: desk.id });
    assert.equal(tk.group.id, desk.id);
    assert.equal(tk.assignee.id, solo.id);
    assert.deepEqual((await createdEvent(tk.id)).data.routing, { strategy: 'least_loaded' });
  });
});
