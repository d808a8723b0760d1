// The SLA clock through the API with a controllable clock: targets from creation, pause and
// resume, first and next response, priority changes, reopen, business-hours contracts, and
// the queue's sort and filter.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { client, startTestApp, type TestApp } from '../../test/harness.ts';
import { makeOrganisation, makeUser, type MadeUser } from '../../test/factories.ts';
import { testClock, type TestClock } from '../../test/test-clock.ts';

const MIN = 60_000;
const plus = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

describe('SLA clock', () => {
  let t: TestApp;
  let api: ReturnType<typeof client>;
  let clock: TestClock;
  let agent: MadeUser;
  let requester: MadeUser;
  let targets: Record<string, { firstResponse: number; resolution: number; nextResponse: number | null }>;

  before(async () => {
    clock = testClock('2026-12-02T10:00:00.000Z');
    t = await startTestApp({ clock });
    api = client(t);
    agent = await makeUser(t.deps, { roles: ['agent'] });
    requester = await makeUser(t.deps, { organisationId: (await makeOrganisation(t.deps)).id });
    const policy = await t.deps.db.selectFrom('sla_policies').select('targets').where('is_default', '=', 1).executeTakeFirstOrThrow();
    targets = JSON.parse(policy.targets);
  });
  after(() => t.close());

  const open = async (body: Record<string, unknown> = {}) => {
    const r = await api.post('/api/v1/tickets', { title: 'Printer jam', description: 'Paper stuck.', requesterId: requester.id, ...body }, { token: agent.token });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    return r.body as { id: number; createdAt: string; priority: string };
  };
  const get = async (id: number, token = agent.token) => (await api.get(`/api/v1/tickets/${id}`, { token })).body;
  const patch = async (id: number, body: Record<string, unknown>) => {
    const r = await api.patch(`/api/v1/tickets/${id}`, body, { token: agent.token });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    return r.body;
  };

  test('every new ticket has targets from creation under the default 24/7 policy', async () => {
    const tk = await open();
    const { sla, slaDueAt } = await get(tk.id);
    const p = Number(tk.priority.slice(1));
    assert.equal(sla.policy.name, 'Standard');
    assert.equal(sla.paused, false);
    assert.deepEqual(sla.firstResponse, { targetMinutes: targets[p].firstResponse, dueAt: plus(tk.createdAt, targets[p].firstResponse * MIN), metAt: null, breached: false, breachedAt: null, warnedAt: null });
    assert.equal(sla.resolution.dueAt, plus(tk.createdAt, targets[p].resolution * MIN));
    assert.equal(sla.nextResponse, null);
    assert.equal(slaDueAt, sla.firstResponse.dueAt, 'the queue sorts on the earliest unmet due time');
  });

  test('requesters do not see the SLA state', async () => {
    const tk = await open();
    const seen = await get(tk.id, requester.token);
    assert.equal(seen.id, tk.id);
    assert.equal('sla' in seen, false);
  });

  test('pending pauses the clock; in_progress resumes it and the due times move later by the paused time', async () => {
    const tk = await open({ assigneeId: agent.id });
    const before = (await get(tk.id)).sla;
    clock.advance(7 * MIN);
    const paused = (await patch(tk.id, { status: 'pending' })).sla;
    assert.equal(paused.paused, true);
    assert.equal(paused.pausedSince, clock.iso());
    assert.equal((await get(tk.id)).slaDueAt, null, 'a paused clock is not due');
    clock.advance(45 * MIN + 1234);
    const resumed = (await patch(tk.id, { status: 'in_progress' })).sla;
    assert.equal(resumed.paused, false);
    assert.equal(resumed.resolution.dueAt, plus(before.resolution.dueAt, 45 * MIN + 1234));
    assert.equal(resumed.firstResponse.dueAt, plus(before.firstResponse.dueAt, 45 * MIN + 1234));
  });

  test('the first public answer meets the first response; internal notes do not', async () => {
    const tk = await open();
    clock.advance(3 * MIN);
    await api.post(`/api/v1/tickets/${tk.id}/notes`, { body: 'Looking.' }, { token: agent.token });
    assert.equal((await get(tk.id)).sla.firstResponse.metAt, null);
    clock.advance(2 * MIN);
    await api.post(`/api/v1/tickets/${tk.id}/replies`, { body: 'On it.' }, { token: agent.token });
    const { sla, slaDueAt } = await get(tk.id);
    assert.equal(sla.firstResponse.metAt, clock.iso());
    assert.equal(sla.firstResponse.breached, false);
    assert.equal(slaDueAt, sla.resolution.dueAt);
  });

  test("the requester's follow-up starts the next-response wait; the agent's answer meets it", async () => {
    const tk = await open();
    await api.post(`/api/v1/tickets/${tk.id}/replies`, { body: 'Hello.' }, { token: agent.token });
    clock.advance(10 * MIN);
    const asked = clock.iso();
    assert.equal((await api.post(`/api/v1/tickets/${tk.id}/replies`, { body: 'Any news?' }, { token: requester.token })).status, 201);
    clock.advance(MIN);
    assert.equal((await api.post(`/api/v1/tickets/${tk.id}/replies`, { body: 'Still nothing?' }, { token: requester.token })).status, 201);
    const p = Number(tk.priority.slice(1));
    const waiting = (await get(tk.id)).sla.nextResponse;
    assert.equal(waiting.dueAt, plus(asked, targets[p].nextResponse! * MIN), 'counted from the first unanswered message');
    assert.equal(waiting.metAt, null);
    clock.advance(5 * MIN);
    await api.post(`/api/v1/tickets/${tk.id}/replies`, { body: 'Replacing the part.' }, { token: agent.token });
    assert.equal((await get(tk.id)).sla.nextResponse.metAt, clock.iso());
  });

  test('a priority change applies the new targets from creation (documented rule); met targets stay', async () => {
    const tk = await open();
    clock.advance(20 * MIN);
    const raised = (await patch(tk.id, { priority: 'P1', priorityReason: 'CEO laptop' })).sla;
    assert.equal(raised.priority, 1);
    assert.equal(raised.firstResponse.dueAt, plus(tk.createdAt, targets[1].firstResponse * MIN));
    assert.equal(raised.resolution.dueAt, plus(tk.createdAt, targets[1].resolution * MIN));
    assert.equal(raised.firstResponse.breached, true, '20 minutes spent: the P1 first response (15 min) is already late');
    await api.post(`/api/v1/tickets/${tk.id}/replies`, { body: 'Here.' }, { token: agent.token });
    const lowered = (await patch(tk.id, { priority: 'P5', priorityReason: 'Not urgent after all' })).sla;
    assert.equal(lowered.firstResponse.targetMinutes, targets[1].firstResponse, 'a met target keeps the one it was met against');
    assert.equal(lowered.firstResponse.breached, true, 'the breach stays recorded');
    assert.equal(lowered.resolution.dueAt, plus(tk.createdAt, targets[5].resolution * MIN));
  });

  test('resolving meets the resolution; a reopen resumes it and the time spent resolved does not count', async () => {
    const tk = await open({ assigneeId: agent.id });
    const due = (await get(tk.id)).sla.resolution.dueAt;
    clock.advance(30 * MIN);
    const record = { symptoms: 's', diagnosis: 'd', actions: 'a', result: 'r' };
    assert.equal((await api.post(`/api/v1/tickets/${tk.id}/resolve`, record, { token: agent.token })).status, 200);
    const resolved = (await get(tk.id)).sla;
    assert.equal(resolved.resolution.metAt, clock.iso());
    assert.equal(resolved.firstResponse.metAt, clock.iso(), 'resolving answers too');
    assert.equal(resolved.paused, true);
    clock.advance(2 * 60 * MIN);
    assert.equal((await api.post(`/api/v1/tickets/${tk.id}/reopen`, { reason: 'Still broken' }, { token: requester.token })).status, 200);
    const reopened = (await get(tk.id)).sla;
    assert.equal(reopened.resolution.metAt, null);
    assert.equal(reopened.paused, false);
    assert.equal(reopened.resolution.dueAt, plus(due, 2 * 60 * MIN));
  });

  test('a contract puts an organisation on business hours: due times skip nights, weekends and holidays', async () => {
    const org = await makeOrganisation(t.deps);
    const customer = await makeUser(t.deps, { organisationId: org.id });
    const paris = await t.deps.db.selectFrom('calendars').select('id').where('name', '=', 'Business hours (Paris)').executeTakeFirstOrThrow();
    const now = new Date().toISOString();
    const flat = { firstResponse: 60, resolution: 8 * 60, nextResponse: null };
    const policy = await t.deps.db
      .insertInto('sla_policies')
      .values({ name: 'Gold business hours', description: '', is_default: 0, warn_percent: 80, calendar_id: paris.id, targets: JSON.stringify({ 1: flat, 2: flat, 3: flat, 4: flat, 5: flat }), actions: '[]', created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.deps.db.insertInto('contracts').values({ organisation_id: org.id, name: 'Gold', sla_policy_id: policy.id, notes: '', created_at: now, updated_at: now }).execute();

    const saved = clock.iso();
    clock.set('2027-03-26T16:30:00.000Z'); // Friday 17:30 in Paris; Monday 29 March 2027 is Easter Monday
    const r = await api.post('/api/v1/tickets', { title: 'VPN down', description: 'Since noon.', requesterId: customer.id }, { token: agent.token });
    const { sla } = await get(r.body.id);
    clock.set(saved);
    assert.equal(sla.policy.name, 'Gold business hours');
    assert.equal(sla.calendar.timeZone, 'Europe/Paris');
    // 30 min on Friday (to 18:00), then Tuesday 09:00 CEST (07:00Z) + 30 min.
    assert.equal(sla.firstResponse.dueAt, '2027-03-30T07:30:00.000Z');
    // 8 h: 30 min Friday, Tuesday 09:00–12:30 (3.5 h), 13:30–17:30 (4 h) → 17:30 CEST.
    assert.equal(sla.resolution.dueAt, '2027-03-30T15:30:00.000Z');
  });

  test('queues sort by SLA due time (running clocks first) and filter those breaching soon', async () => {
    const org = await makeOrganisation(t.deps);
    const who = await makeUser(t.deps, { organisationId: org.id });
    const mk = async (priority: string) => {
      const r = await api.post('/api/v1/tickets', { title: `Sort ${priority}`, description: 'x', requesterId: who.id }, { token: agent.token });
      await patch(r.body.id, { priority, priorityReason: 'test' });
      return r.body.id as number;
    };
    const p4 = await mk('P4');
    const p1 = await mk('P1');
    const p2 = await mk('P2');
    const waiting = await mk('P1');
    await patch(waiting, { status: 'pending' });
    const list = await api.get(`/api/v1/tickets?organisationId=${org.id}&sort=sla&limit=2`, { token: agent.token });
    assert.equal(list.status, 200);
    assert.deepEqual(list.body.items.map((i: { id: number }) => i.id), [p1, p2]);
    const rest = await api.get(`/api/v1/tickets?organisationId=${org.id}&sort=sla&limit=2&cursor=${list.body.nextCursor}`, { token: agent.token });
    assert.deepEqual(rest.body.items.map((i: { id: number }) => i.id), [p4, waiting], 'a paused clock sorts last');
    const soon = await api.get(`/api/v1/tickets?organisationId=${org.id}&slaDueWithin=${targets[2].firstResponse}`, { token: agent.token });
    assert.deepEqual(soon.body.items.map((i: { id: number }) => i.id).sort(), [p1, p2].sort());
    const bad = await api.get('/api/v1/tickets?slaDueWithin=soon', { token: agent.token });
    assert.equal(bad.status, 400);
  });
});
