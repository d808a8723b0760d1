// Tickets over real HTTP: creation, qualification, lifecycle, replies, assignment,
// escalation, resolution, close and reopen, pagination and counts.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { client, startTestApp, type TestApp } from '../../test/harness.ts';
import { makeCategory, makeGroup, makeOrganisation, makeUser, uniq, type MadeUser } from '../../test/factories.ts';

let t: TestApp;
let api: ReturnType<typeof client>;
let domain: string;
let org: { id: number };
let agent: MadeUser;
let agent2: MadeUser;
let l2agent: MadeUser;
let requester: MadeUser;
let l1: { id: number; name: string };
let l2: { id: number; name: string };

before(async () => {
  t = await startTestApp();
  api = client(t);
  domain = `acme-${uniq()}.example`;
  org = await makeOrganisation(t.deps, { domains: [domain] });
  l1 = await makeGroup(t.deps, { tier: 1, name: `Service desk ${uniq()}` });
  l2 = await makeGroup(t.deps, { tier: 2, name: `Workstations L2 ${uniq()}` });
  agent = await makeUser(t.deps, { roles: ['agent'], groupIds: [l1.id] });
  agent2 = await makeUser(t.deps, { roles: ['agent'], groupIds: [l1.id] });
  l2agent = await makeUser(t.deps, { roles: ['agent'], groupIds: [l2.id] });
  requester = await makeUser(t.deps, { roles: ['requester'], organisationId: org.id, email: `req-${uniq()}@${domain}` });
});
after(() => t.close());

const open = (token: string, body: Record<string, unknown> = {}) =>
  api.post('/api/v1/tickets', { title: 'Printer jammed', description: 'The 3rd floor printer jams on every page.', ...body }, { token });

const record = { symptoms: 'Paper jams', diagnosis: 'Worn roller', actions: 'Replaced the roller', result: 'Prints again', code: 'fixed' };

describe('creating tickets', () => {
  test('an agent opens a ticket for a new requester, placed in the organisation of their email domain', async () => {
    const email = `new-${uniq()}@${domain}`;
    const r = await open(agent.token, { requester: { email, name: 'Jeanne Martin' }, impact: 1, urgency: 1, channel: 'phone' });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.equal(r.body.status, 'new');
    assert.equal(r.body.priority, 'P1');
    assert.equal(r.body.impact, 1);
    assert.equal(r.body.urgency, 1);
    assert.equal(r.body.channel, 'phone');
    assert.equal(r.body.reference, `#${r.body.number}`);
    assert.equal(r.body.requester.email, email);
    assert.equal(r.body.requester.name, 'Jeanne Martin');
    assert.equal(r.body.organisation.id, org.id);
    assert.ok(r.body.createdAt);
    const got = await api.get(`/api/v1/tickets/${r.body.id}`, { token: agent.token });
    assert.equal(got.status, 200);
    assert.deepEqual(got.body, r.body);
  });

  test('numbers are sequential and unique under concurrent creation', async () => {
    const rs = await Promise.all(Array.from({ length: 12 }, () => open(agent.token, { requester: { email: requester.email } })));
    const numbers = rs.map((r) => r.body.number).sort((a, b) => a - b);
    assert.equal(new Set(numbers).size, 12);
    assert.equal(numbers[11] - numbers[0], 11);
  });

  test('a requester opens a ticket for themselves, from the portal, with the default priority', async () => {
    const r = await open(requester.token);
    assert.equal(r.status, 201);
    assert.equal(r.body.requester.id, requester.id);
    assert.equal(r.body.channel, 'portal');
    assert.equal(r.body.priority, 'P3');
    assert.equal(r.body.type, 'incident');
  });

  test('a requester cannot choose the requester, group or assignee', async () => {
    for (const extra of [{ requester: { email: agent.email } }, { groupId: l1.id }, { assigneeId: agent.id }]) {
      const r = await open(requester.token, extra);
      assert.equal(r.status, 403, JSON.stringify(extra));
      assert.match(r.headers.get('content-type')!, /application\/problem\+json/);
    }
  });

  test('a requester may give the urgency and the type, never the impact or the channel', async () => {
    for (const extra of [{ impact: 1 }, { channel: 'phone' }]) {
      const r = await open(requester.token, extra);
      assert.equal(r.status, 403, JSON.stringify(extra));
      assert.match(r.body.detail, /impact and channel are set by the support team/);
    }
    const r = await open(requester.token, { urgency: 1, type: 'service_request' });
    assert.equal(r.status, 201);
    assert.equal(r.body.urgency, 1);
    assert.equal(r.body.impact, 3);
    assert.equal(r.body.type, 'service_request');
    assert.equal(r.body.channel, 'portal');
  });

  test('staff must name a requester', async () => {
    const r = await open(agent.token);
    assert.equal(r.status, 422);
    assert.match(r.body.detail, /requester/);
  });

  test('a category is named by id or by path; an unknown one is refused', async () => {
    const parent = await makeCategory(t.deps, { name: `Hardware ${uniq()}` });
    const child = await makeCategory(t.deps, { name: 'Laptop', parentId: parent.id });
    const byId = await open(agent.token, { requester: { email: requester.email }, category: child.id });
    assert.equal(byId.body.category.id, child.id);
    const byPath = await open(agent.token, { requester: { email: requester.email }, category: `${parent.name} / laptop` });
    assert.equal(byPath.status, 201, JSON.stringify(byPath.body));
    assert.equal(byPath.body.category.id, child.id);
    const unknown = await open(agent.token, { requester: { email: requester.email }, category: 999999 });
    assert.equal(unknown.status, 422);
  });

  test('created with an assignee, the ticket is assigned to them within their group', async () => {
    const r = await open(agent.token, { requester: { email: requester.email }, assigneeId: agent2.id });
    assert.equal(r.status, 201);
    assert.equal(r.body.status, 'assigned');
    assert.equal(r.body.assignee.id, agent2.id);
    assert.equal(r.body.group.id, l1.id);
  });
});

describe('qualification and priority', () => {
  test('impact and urgency derive the priority through the matrix; an override needs a reason and sticks', async () => {
    const { body: tk } = await open(agent.token, { requester: { email: requester.email } });
    let r = await api.patch(`/api/v1/tickets/${tk.id}`, { impact: 2, urgency: 1 }, { token: agent.token });
    assert.equal(r.status, 200);
    assert.equal(r.body.priority, 'P2');
    r = await api.patch(`/api/v1/tickets/${tk.id}`, { priority: 'P1' }, { token: agent.token });
    assert.equal(r.status, 422);
    assert.match(r.body.detail, /priorityReason/);
    r = await api.patch(`/api/v1/tickets/${tk.id}`, { priority: 'P1', priorityReason: 'CEO laptop before board meeting' }, { token: agent.token });
    assert.equal(r.body.priority, 'P1');
    assert.equal(r.body.priorityOverridden, true);
    assert.equal(r.body.priorityReason, 'CEO laptop before board meeting');
    r = await api.patch(`/api/v1/tickets/${tk.id}`, { urgency: 4 }, { token: agent.token });
    assert.equal(r.body.priority, 'P1', 'the override survives a change of urgency');
    r = await api.patch(`/api/v1/tickets/${tk.id}`, { priority: null }, { token: agent.token });
    assert.equal(r.body.priorityOverridden, false);
    assert.equal(r.body.priority, 'P4', 'impact 2 × urgency 4 on the default matrix');
    const timeline = await api.get(`/api/v1/tickets/${tk.id}/timeline`, { token: agent.token });
    const fieldEvents = timeline.body.items.filter((e: any) => e.kind === 'field');
    assert.ok(fieldEvents.some((e: any) => e.data.reason === 'CEO laptop before board meeting'));
  });

  test('an admin can change the matrix; new qualifications follow it', async () => {
    const admin = await makeUser(t.deps, { roles: ['admin'] });
    const matrix = [
      [1, 1, 2, 2],
      [1, 2, 3, 3],
      [2, 3, 4, 4],
      [2, 3, 4, 5],
    ];
    assert.equal((await api.put('/api/v1/settings/priority-matrix', { matrix }, { token: agent.token })).status, 403);
    assert.equal((await api.put('/api/v1/settings/priority-matrix', { matrix: [[1]] }, { token: admin.token })).status, 400);
    const put = await api.put('/api/v1/settings/priority-matrix', { matrix }, { token: admin.token });
    assert.equal(put.status, 200);
    const r = await open(agent.token, { requester: { email: requester.email }, impact: 1, urgency: 2 });
    assert.equal(r.body.priority, 'P1');
    const { DEFAULT_PRIORITY_MATRIX } = await import('./priority-matrix.ts');
    await api.put('/api/v1/settings/priority-matrix', { matrix: DEFAULT_PRIORITY_MATRIX }, { token: admin.token });
  });
});

describe('lifecycle', () => {
  test('open statuses move among themselves; pending records its reason', async () => {
    const { body: tk } = await open(agent.token, { requester: { email: requester.email }, assigneeId: agent.id });
    let r = await api.patch(`/api/v1/tickets/${tk.id}`, { status: 'in_progress' }, { token: agent.token });
    assert.equal(r.body.status, 'in_progress');
    r = await api.patch(`/api/v1/tickets/${tk.id}`, { status: 'pending', pendingReason: 'third_party' }, { token: agent.token });
    assert.equal(r.body.status, 'pending');
    assert.equal(r.body.pendingReason, 'third_party');
    r = await api.patch(`/api/v1/tickets/${tk.id}`, { status: 'in_progress' }, { token: agent.token });
    assert.equal(r.body.pendingReason, null);
  });

  test('every other move is refused with a clear error', async () => {
    const { body: tk } = await open(agent.token, { requester: { email: requester.email } });
    let r = await api.patch(`/api/v1/tickets/${tk.id}`, { status: 'closed' }, { token: agent.token });
    assert.equal(r.status, 409);
    assert.match(r.body.detail, /Only a resolved ticket can be closed/);
    r = await api.patch(`/api/v1/tickets/${tk.id}`, { status: 'assigned' }, { token: agent.token });
    assert.equal(r.status, 409, 'assigned needs an assignee');
    r = await api.patch(`/api/v1/tickets/${tk.id}`, { status: 'resolved' }, { token: agent.token });
    assert.equal(r.status, 422, 'resolving needs the record');
    assert.deepEqual(r.body.missing, ['symptoms', 'diagnosis', 'actions', 'result']);
    await api.post(`/api/v1/tickets/${tk.id}/resolve`, record, { token: agent.token });
    r = await api.post(`/api/v1/tickets/${tk.id}/close`, undefined, { token: agent.token });
    assert.equal(r.status, 200);
    assert.equal(r.body.status, 'closed');
    assert.ok(r.body.closedAt);
    for (const status of ['new', 'in_progress', 'resolved']) {
      r = await api.patch(`/api/v1/tickets/${tk.id}`, { status }, { token: agent.token });
      assert.equal(r.status, 409);
    }
    r = await api.post(`/api/v1/tickets/${tk.id}/reopen`, {}, { token: agent.token });
    assert.equal(r.status, 409);
    assert.match(r.body.detail, /closed ticket is final/);
    r = await api.post(`/api/v1/tickets/${tk.id}/replies`, { body: 'hello?' }, { token: requester.token });
    assert.equal(r.status, 409);
  });

  test('resolving needs a complete record; a phone call solved on the spot is a first-contact resolution', async () => {
    const { body: tk } = await open(agent.token, { requester: { email: requester.email }, channel: 'phone' });
    let r = await api.post(`/api/v1/tickets/${tk.id}/resolve`, { ...record, diagnosis: '  ' }, { token: agent.token });
    assert.equal(r.status, 400);
    assert.match(r.body.detail, /diagnosis/);
    r = await api.post(`/api/v1/tickets/${tk.id}/resolve`, record, { token: agent.token });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.status, 'resolved');
    assert.deepEqual(r.body.resolution, record);
    assert.equal(r.body.firstContactResolution, true);
    assert.ok(r.body.resolvedAt);
  });

  test('a ticket that waited on the requester, was escalated or reopened is not a first-contact resolution', async () => {
    const { body: a } = await open(agent.token, { requester: { email: requester.email } });
    await api.patch(`/api/v1/tickets/${a.id}`, { status: 'pending' }, { token: agent.token });
    const ra = await api.post(`/api/v1/tickets/${a.id}/resolve`, record, { token: agent.token });
    assert.equal(ra.body.firstContactResolution, false);
    const { body: b } = await open(agent.token, { requester: { email: requester.email } });
    await api.post(`/api/v1/tickets/${b.id}/escalate`, { groupId: l2.id, note: 'Needs a hardware swap' }, { token: agent.token });
    const rb = await api.post(`/api/v1/tickets/${b.id}/resolve`, record, { token: l2agent.token });
    assert.equal(rb.body.firstContactResolution, false);
  });

  test('the requester accepts (closes) or reopens a resolved ticket; a requester reply reopens it too', async () => {
    const { body: tk } = await open(requester.token);
    await api.post(`/api/v1/tickets/${tk.id}/assign`, {}, { token: agent.token });
    await api.post(`/api/v1/tickets/${tk.id}/resolve`, record, { token: agent.token });
    let r = await api.post(`/api/v1/tickets/${tk.id}/reopen`, { reason: 'It jams again' }, { token: requester.token });
    assert.equal(r.status, 200);
    assert.equal(r.body.status, 'in_progress');
    assert.equal(r.body.reopenCount, 1);
    assert.equal(r.body.resolvedAt, null);
    await api.post(`/api/v1/tickets/${tk.id}/resolve`, record, { token: agent.token });
    r = await api.post(`/api/v1/tickets/${tk.id}/replies`, { body: 'Still broken, sorry' }, { token: requester.token });
    assert.equal(r.status, 201);
    assert.equal(r.body.status, 'in_progress');
    assert.equal(r.body.reopenCount, 2);
    await api.post(`/api/v1/tickets/${tk.id}/resolve`, record, { token: agent.token });
    r = await api.post(`/api/v1/tickets/${tk.id}/close`, {}, { token: requester.token });
    assert.equal(r.status, 200);
    assert.equal(r.body.status, 'closed');
  });

  test('a requester cannot resolve, edit, assign, escalate or write internal notes', async () => {
    const { body: tk } = await open(requester.token);
    assert.equal((await api.post(`/api/v1/tickets/${tk.id}/resolve`, record, { token: requester.token })).status, 403);
    assert.equal((await api.patch(`/api/v1/tickets/${tk.id}`, { title: 'x' }, { token: requester.token })).status, 403);
    assert.equal((await api.post(`/api/v1/tickets/${tk.id}/assign`, {}, { token: requester.token })).status, 403);
    assert.equal((await api.post(`/api/v1/tickets/${tk.id}/escalate`, { tier: 2, note: 'x' }, { token: requester.token })).status, 403);
    assert.equal((await api.post(`/api/v1/tickets/${tk.id}/replies`, { body: 'x', internal: true }, { token: requester.token })).status, 403);
    assert.equal((await api.post(`/api/v1/tickets/${tk.id}/notes`, { body: 'x' }, { token: requester.token })).status, 403);
  });
});

describe('replies, notes and the timeline', () => {
  test('the first public agent reply is the first response and starts the work; requesters never see notes', async () => {
    const { body: tk } = await open(requester.token, { title: 'VPN drops' });
    await api.post(`/api/v1/tickets/${tk.id}/assign`, {}, { token: agent.token });
    let r = await api.post(`/api/v1/tickets/${tk.id}/notes`, { body: 'Suspect the Wi-Fi driver' }, { token: agent.token });
    assert.equal(r.status, 201);
    assert.equal(r.body.firstResponseAt, null, 'an internal note is not a response');
    r = await api.post(`/api/v1/tickets/${tk.id}/replies`, { body: 'Can you send the VPN log?', status: 'pending' }, { token: agent.token });
    assert.ok(r.body.firstResponseAt);
    assert.equal(r.body.status, 'pending');
    r = await api.post(`/api/v1/tickets/${tk.id}/replies`, { body: 'Here it is' }, { token: requester.token });
    assert.equal(r.body.status, 'in_progress', 'the requester answered');

    const staffView = await api.get(`/api/v1/tickets/${tk.id}/timeline`, { token: agent.token });
    const kinds = staffView.body.items.map((e: any) => e.kind);
    assert.deepEqual(kinds, ['created', 'assignment', 'status', 'note', 'reply', 'status', 'reply', 'status']);
    const note = staffView.body.items.find((e: any) => e.kind === 'note');
    assert.equal(note.internal, true);
    assert.equal(note.author.id, agent.id);

    const requesterView = await api.get(`/api/v1/tickets/${tk.id}/timeline`, { token: requester.token });
    assert.ok(requesterView.body.items.every((e: any) => e.internal === false));
    assert.ok(!JSON.stringify(requesterView.body).includes('Wi-Fi driver'));
    assert.deepEqual(
      requesterView.body.items.filter((e: any) => e.kind === 'reply').map((e: any) => e.body),
      ['Can you send the VPN log?', 'Here it is'],
    );
  });

  test('every change is in the append-only audit log with its author', async () => {
    const { body: tk } = await open(agent.token, { requester: { email: requester.email } });
    await api.patch(`/api/v1/tickets/${tk.id}`, { title: 'Printer jammed (floor 3)' }, { token: agent.token });
    const rows = await t.deps.db.selectFrom('audit_log').selectAll().where('entity_type', '=', 'ticket').where('entity_id', '=', String(tk.id)).orderBy('id').execute();
    assert.deepEqual(rows.map((r) => r.action), ['ticket.create', 'ticket.update']);
    assert.ok(rows.every((r) => r.actor_id === agent.id));
    await assert.rejects(t.deps.db.updateTable('audit_log').set({ action: 'tampered' }).where('id', '=', rows[0].id).execute(), /append-only/);
  });
});

describe('assignment and escalation', () => {
  test('take it, hand to a colleague, refuse a non-member and a tier jump', async () => {
    const { body: tk } = await open(agent.token, { requester: { email: requester.email }, groupId: l1.id });
    let r = await api.post(`/api/v1/tickets/${tk.id}/assign`, undefined, { token: agent.token });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.assignee.id, agent.id);
    assert.equal(r.body.status, 'assigned');
    r = await api.post(`/api/v1/tickets/${tk.id}/assign`, { assigneeId: agent2.id }, { token: agent.token });
    assert.equal(r.body.assignee.id, agent2.id);
    r = await api.post(`/api/v1/tickets/${tk.id}/assign`, { assigneeId: l2agent.id }, { token: agent.token });
    assert.equal(r.status, 422);
    assert.match(r.body.detail, /not a member/);
    r = await api.post(`/api/v1/tickets/${tk.id}/assign`, { groupId: l2.id }, { token: agent.token });
    assert.equal(r.status, 409);
    assert.match(r.body.detail, /escalate/);
    r = await api.post(`/api/v1/tickets/${tk.id}/assign`, { assigneeId: requester.id }, { token: agent.token });
    assert.equal(r.status, 422);
    r = await api.post(`/api/v1/tickets/${tk.id}/assign`, { assigneeId: null }, { token: agent.token });
    assert.equal(r.body.assignee, null);
    assert.equal(r.body.status, 'new');
  });

  test('escalation needs a hand-off note, goes up, and is documented on the timeline', async () => {
    const { body: tk } = await open(agent.token, { requester: { email: requester.email }, assigneeId: agent.id });
    let r = await api.post(`/api/v1/tickets/${tk.id}/escalate`, { tier: 2 }, { token: agent.token });
    assert.equal(r.status, 400);
    assert.match(r.body.detail, /note/);
    r = await api.post(`/api/v1/tickets/${tk.id}/escalate`, { note: 'x' }, { token: agent.token });
    assert.equal(r.status, 400, 'tier or group is required');
    const handOff = 'Roller replaced, still jams: needs the fuser checked on site.';
    r = await api.post(`/api/v1/tickets/${tk.id}/escalate`, { groupId: l2.id, note: handOff }, { token: agent.token });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.tier, 2);
    assert.equal(r.body.group.id, l2.id);
    assert.equal(r.body.assignee, null);
    assert.equal(r.body.status, 'new');
    assert.equal(r.body.escalationCount, 1);
    const tl = await api.get(`/api/v1/tickets/${tk.id}/timeline`, { token: agent.token });
    const esc = tl.body.items.find((e: any) => e.kind === 'escalation');
    assert.equal(esc.body, handOff);
    assert.equal(esc.internal, true);
    assert.deepEqual(esc.data.from, { tier: 1, group: { id: l1.id, name: l1.name } });
    assert.deepEqual(esc.data.to, { tier: 2, group: { id: l2.id, name: l2.name } });
    assert.equal(esc.author.id, agent.id);
    r = await api.post(`/api/v1/tickets/${tk.id}/escalate`, { groupId: l1.id, note: 'back?' }, { token: l2agent.token });
    assert.equal(r.status, 409, 'escalation does not go down');
    r = await api.post(`/api/v1/tickets/${tk.id}/assign`, { groupId: l1.id }, { token: l2agent.token });
    assert.equal(r.status, 200, 'handing back down is an assignment');
    assert.equal(r.body.tier, 1);
  });

  test('escalating by tier alone needs exactly one group at that tier', async () => {
    const tier3a = await makeGroup(t.deps, { tier: 3, name: `Network L3 ${uniq()}` });
    const { body: tk } = await open(agent.token, { requester: { email: requester.email } });
    let r = await api.post(`/api/v1/tickets/${tk.id}/escalate`, { tier: 3, note: 'Core switch issue' }, { token: agent.token });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.group.id, tier3a.id);
    await makeGroup(t.deps, { tier: 3, name: `Servers L3 ${uniq()}` });
    const { body: tk2 } = await open(agent.token, { requester: { email: requester.email } });
    r = await api.post(`/api/v1/tickets/${tk2.id}/escalate`, { tier: 3, note: 'Core switch issue' }, { token: agent.token });
    assert.equal(r.status, 422);
    assert.match(r.body.detail, /several groups/);
  });
});

describe('listing', () => {
  test('filters and keyset pagination walk every ticket exactly once', async () => {
    const tag = uniq();
    const email = `list-${tag}@${domain}`;
    const created = [];
    for (let i = 0; i < 7; i++) created.push((await open(agent.token, { requester: { email }, title: `List ${tag} ${i}`, urgency: i % 2 ? 1 : 4 })).body);
    const requesterId = created[0].requester.id;
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const r: any = await api.get(`/api/v1/tickets?requesterId=${requesterId}&limit=3${cursor ? `&cursor=${cursor}` : ''}`, { token: agent.token });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      seen.push(...r.body.items.map((x: any) => x.id));
      cursor = r.body.nextCursor;
      pages++;
    } while (cursor);
    assert.equal(pages, 3);
    assert.deepEqual(seen, created.map((c) => c.id).reverse(), 'newest first, no duplicates, none missed');

    const asc = await api.get(`/api/v1/tickets?requesterId=${requesterId}&sort=created&limit=2`, { token: agent.token });
    assert.deepEqual(asc.body.items.map((x: any) => x.id), [created[0].id, created[1].id]);

    const byPriority = await api.get(`/api/v1/tickets?requesterId=${requesterId}&priority=P4`, { token: agent.token });
    assert.ok(byPriority.body.items.length > 0 && byPriority.body.items.every((x: any) => x.priority === 'P4'));

    const bad = await api.get('/api/v1/tickets?cursor=not-a-cursor', { token: agent.token });
    assert.equal(bad.status, 400);
    assert.match(bad.body.detail, /cursor/);
    const badStatus = await api.get('/api/v1/tickets?status=nope', { token: agent.token });
    assert.equal(badStatus.status, 400);
  });

  test('status, assignee, group, organisation, channel and date filters', async () => {
    const { body: mine } = await open(agent.token, { requester: { email: requester.email }, assigneeId: agent2.id, channel: 'chat' });
    const r1 = await api.get('/api/v1/tickets?assigneeId=me&status=open&limit=200', { token: agent2.token });
    assert.ok(r1.body.items.some((x: any) => x.id === mine.id));
    assert.ok(r1.body.items.every((x: any) => x.assignee?.id === agent2.id && ['new', 'assigned', 'in_progress', 'pending'].includes(x.status)));
    const r2 = await api.get(`/api/v1/tickets?groupId=${l1.id}&channel=chat`, { token: agent.token });
    assert.ok(r2.body.items.some((x: any) => x.id === mine.id));
    const r3 = await api.get(`/api/v1/tickets?organisationId=${org.id}&createdFrom=${encodeURIComponent(mine.createdAt)}`, { token: agent.token });
    assert.ok(r3.body.items.every((x: any) => x.createdAt >= mine.createdAt && x.organisation.id === org.id));
    const r4 = await api.get(`/api/v1/tickets?createdTo=2000-01-01T00:00:00Z`, { token: agent.token });
    assert.equal(r4.body.items.length, 0);
  });

  test('queue counts reflect my tickets and the unassigned ones in my groups', async () => {
    const before = (await api.get('/api/v1/tickets/counts', { token: agent2.token })).body;
    await open(agent.token, { requester: { email: requester.email }, assigneeId: agent2.id, impact: 1, urgency: 1 });
    await open(agent.token, { requester: { email: requester.email }, groupId: l1.id });
    const after = (await api.get('/api/v1/tickets/counts', { token: agent2.token })).body;
    assert.equal(after.open.mine, before.open.mine + 1);
    assert.equal(after.open.unassignedInMyGroups, before.open.unassignedInMyGroups + 1);
    assert.equal(after.open.byPriority.P1, before.open.byPriority.P1 + 1);
    assert.equal(after.byStatus.assigned, before.byStatus.assigned + 1);
    assert.equal(after.open.total, before.open.total + 2);
    assert.equal((await api.get('/api/v1/tickets/counts', { token: requester.token })).status, 403);
  });
});
