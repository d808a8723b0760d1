// Remote-assistance sessions over real HTTP: consent, references, ending, the timeline,
// scoping and access.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { client, startTestApp, type TestApp } from '../../test/harness.ts';
import { makeOrganisation, makeTicket, makeUser, type MadeUser } from '../../test/factories.ts';
import { assertProblem } from '../../test/assertions.ts';

let t: TestApp;
let api: ReturnType<typeof client>;
let agent: MadeUser;
let otherOrgAgent: MadeUser;
let requester: MadeUser;

before(async () => {
  t = await startTestApp();
  api = client(t);
  const org = await makeOrganisation(t.deps);
  const other = await makeOrganisation(t.deps);
  agent = await makeUser(t.deps, { roles: ['agent'], name: 'Alex Agent' });
  otherOrgAgent = await makeUser(t.deps, { roles: ['agent'], servedOrganisationIds: [other.id] });
  requester = await makeUser(t.deps, { organisationId: org.id });
});
after(() => t.close());

const newTicket = async () => (await makeTicket(t.deps, { requesterId: requester.id })).id;
const url = (id: number) => `/api/v1/tickets/${id}/remote-sessions`;
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
const session = (o: Record<string, unknown> = {}) => ({ tool: 'anydesk', sessionRef: '1 234 567 890', consent: true, startedAt: minutesAgo(20), ...o });

describe('remote sessions', () => {
  test('an agent records a session with consent; it is listed and on the timeline as an internal event', async () => {
    const id = await newTicket();
    const startedAt = minutesAgo(30);
    const r = await api.post(url(id), session({ tool: 'rustdesk', sessionRef: 'https://rd.example.test/s/abc?x=1', consentNote: 'Agreed on the phone', startedAt }), { token: agent.token });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.equal(r.body.tool, 'rustdesk');
    assert.equal(r.body.launchUrl, 'https://rd.example.test/s/abc?x=1');
    assert.equal(r.body.consent, true);
    assert.equal(r.body.consentNote, 'Agreed on the phone');
    assert.equal(r.body.startedAt, startedAt);
    assert.equal(r.body.endedAt, null);
    assert.deepEqual(r.body.agent, { id: agent.id, name: 'Alex Agent', email: agent.email });

    const list = await api.get(url(id), { token: agent.token });
    assert.equal(list.status, 200);
    assert.deepEqual(list.body.items, [r.body]);

    const timeline = await api.get(`/api/v1/tickets/${id}/timeline`, { token: agent.token });
    const event = timeline.body.items.find((e: { kind: string }) => e.kind === 'remote_session');
    assert.ok(event, JSON.stringify(timeline.body.items));
    assert.equal(event.internal, true);
    assert.equal(event.author.id, agent.id);
    assert.equal(event.data.sessionId, r.body.id);
    assert.equal(event.data.launchUrl, 'https://rd.example.test/s/abc?x=1');
    const row = await t.deps.db.selectFrom('remote_sessions').select('event_id').where('id', '=', r.body.id).executeTakeFirstOrThrow();
    assert.equal(row.event_id, event.id);

    const forRequester = await api.get(`/api/v1/tickets/${id}/timeline`, { token: requester.token });
    assert.equal(forRequester.status, 200);
    assert.ok(!forRequester.body.items.some((e: { kind: string }) => e.kind === 'remote_session'));
  });

  test('without the requester\'s consent the session is refused with a clear 422', async () => {
    const id = await newTicket();
    for (const consent of [false, undefined]) {
      const r = await api.post(url(id), session({ consent }), { token: agent.token });
      assertProblem(r, 422, { detail: /consent/ });
    }
    assert.deepEqual((await api.get(url(id), { token: agent.token })).body.items, []);
  });

  test('a session reference is an id or an http(s) link, never another scheme', async () => {
    const id = await newTicket();
    for (const sessionRef of ['123 456 789', 'k7-x2.host', '10.0.0.5:5900', 'http://vnc.example.test:8080/', 'HTTPS://Example.test/x']) {
      const r = await api.post(url(id), session({ sessionRef }), { token: agent.token });
      assert.equal(r.status, 201, `${sessionRef}: ${JSON.stringify(r.body)}`);
      assert.equal(r.body.launchUrl === null, !/^https?:/i.test(sessionRef), sessionRef);
    }
    for (const sessionRef of ['javascript:alert(1)', 'JavaScript:alert(1)', 'data:text/html,<b>x</b>', 'anydesk:123456', 'vnc://host', 'file:///etc/passwd', '<script>', ' ', 'http://', 'https:// spaced']) {
      const r = await api.post(url(id), session({ sessionRef }), { token: agent.token });
      assertProblem(r, 400);
    }
  });

  test('ending a session: endedAt must not precede startedAt; the end is on the timeline', async () => {
    const id = await newTicket();
    const startedAt = minutesAgo(40);
    const s = (await api.post(url(id), session({ startedAt }), { token: agent.token })).body;
    const before = await api.patch(`${url(id)}/${s.id}`, { endedAt: minutesAgo(50) }, { token: agent.token });
    assertProblem(before, 422, { detail: /before the session started/ });
    const endedAt = minutesAgo(10);
    const r = await api.patch(`${url(id)}/${s.id}`, { endedAt, summary: 'Cleared the print queue, reinstalled the driver' }, { token: agent.token });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.endedAt, endedAt);
    assert.equal(r.body.summary, 'Cleared the print queue, reinstalled the driver');
    const events = (await api.get(`/api/v1/tickets/${id}/timeline`, { token: agent.token })).body.items.filter((e: { kind: string }) => e.kind === 'remote_session');
    assert.equal(events.length, 2);
    assert.equal(events[1].data.action, 'ended');
    assert.equal(events[1].body, 'Cleared the print queue, reinstalled the driver');
    assertProblem(await api.patch(`${url(id)}/${s.id}`, {}, { token: agent.token }), 400);
    assertProblem(await api.post(url(id), session({ startedAt: minutesAgo(10), endedAt: minutesAgo(20) }), { token: agent.token }), 422);
    assertProblem(await api.post(url(id), session({ startedAt: new Date(Date.now() + 3_600_000).toISOString() }), { token: agent.token }), 422, { detail: /future/ });
  });

  test('a session belongs to its ticket; invisible tickets are 404; requesters are refused', async () => {
    const a = await newTicket();
    const b = await newTicket();
    const s = (await api.post(url(a), session(), { token: agent.token })).body;
    assertProblem(await api.patch(`${url(b)}/${s.id}`, { summary: 'x' }, { token: agent.token }), 404);
    assertProblem(await api.patch(`${url(a)}/999999`, { summary: 'x' }, { token: agent.token }), 404);
    assertProblem(await api.get(url(a), { token: otherOrgAgent.token }), 404);
    assertProblem(await api.post(url(a), session(), { token: otherOrgAgent.token }), 404);
    assertProblem(await api.patch(`${url(a)}/${s.id}`, { summary: 'x' }, { token: otherOrgAgent.token }), 404);
    assertProblem(await api.get(url(999999), { token: agent.token }), 404);
    assertProblem(await api.get(url(a), { token: requester.token }), 403);
    assertProblem(await api.post(url(a), session(), { token: requester.token }), 403);
    assertProblem(await api.get(url(a)), 401);
  });

  test('a closed ticket takes no more sessions', async () => {
    const id = await newTicket();
    const record = { symptoms: 's', diagnosis: 'd', actions: 'a', result: 'r' };
    assert.equal((await api.post(`/api/v1/tickets/${id}/resolve`, record, { token: agent.token })).status, 200);
    assert.equal((await api.post(`/api/v1/tickets/${id}/close`, {}, { token: agent.token })).status, 200);
    assertProblem(await api.post(url(id), session(), { token: agent.token }), 409, { detail: /closed/ });
  });
});
