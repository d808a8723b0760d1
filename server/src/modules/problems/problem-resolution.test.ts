// Resolving a problem resolves its open incidents over real HTTP: each gets the shared note
// as a public reply (its requester is mailed) and a full resolution record; resolved and
// closed ones are left alone; a large problem is one transaction.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { client } from '../../test/harness.ts';
import { makeGroup, makeTicket, makeUser, uniq, type MadeUser } from '../../test/factories.ts';
import { assertProblem } from '../../test/assertions.ts';
import { startMailTestApp, type MailTestApp } from '../notifications/mail-test-kit.ts';

let m: MailTestApp;
let api: ReturnType<typeof client>;
let agent: MadeUser;
let supervisor: MadeUser;
let requester: MadeUser;

before(async () => {
  m = await startMailTestApp();
  api = client(m.t);
  const group = await makeGroup(m.t.deps);
  agent = await makeUser(m.t.deps, { roles: ['agent'], groupIds: [group.id] });
  supervisor = await makeUser(m.t.deps, { roles: ['supervisor'] });
  requester = await makeUser(m.t.deps, { roles: ['requester'] });
});
after(() => m.close());

const record = { symptoms: 'No mail', diagnosis: 'Quota', actions: 'Quota raised', result: 'Mail flows' };
const ticket = async (id: number) => (await api.get(`/api/v1/tickets/${id}`, { token: agent.token })).body;
const timeline = async (id: number) => (await api.get(`/api/v1/tickets/${id}/timeline`, { token: agent.token })).body.items as { id: number; kind: string; internal: boolean; body: string | null; data: any }[];
const outbound = async (id: number) =>
  ((await api.get(`/api/v1/email/outbound?ticketId=${id}`, { token: supervisor.token })).body.items as { kind: string; to: string[] }[]).map((o) => `${o.kind} → ${o.to.join(',')}`);

async function inStatus(status: 'new' | 'assigned' | 'in_progress' | 'pending' | 'resolved' | 'closed') {
  const t = await makeTicket(m.t.deps, { requesterId: requester.id, title: `Mail stuck (${status}) ${uniq()}` });
  const post = (path: string, body: unknown) => api.post(`/api/v1/tickets/${t.id}/${path}`, body, { token: agent.token });
  if (status !== 'new') assert.equal((await post('assign', {})).status, 200);
  if (status === 'in_progress') await post('replies', { body: 'Looking into it.' });
  if (status === 'pending') await post('replies', { body: 'Which client?', status: 'pending' });
  if (status === 'resolved' || status === 'closed') assert.equal((await post('resolve', record)).status, 200);
  if (status === 'closed') assert.equal((await post('close', {})).status, 200);
  assert.equal((await ticket(t.id)).status, status);
  return t;
}

describe('resolving a problem', () => {
  test('every open incident gets the note as a reply and a full resolution record; resolved and closed ones are untouched', async () => {
    const open = { new: await inStatus('new'), assigned: await inStatus('assigned'), in_progress: await inStatus('in_progress'), pending: await inStatus('pending') };
    const done = { resolved: await inStatus('resolved'), closed: await inStatus('closed') };
    const all = [...Object.values(open), ...Object.values(done)];
    const created = await api.post(
      '/api/v1/problems',
      { title: 'Mailbox quota reached', description: 'Mail stuck for several users.', rootCause: 'Quota policy too low', incidentIds: all.map((t) => t.id) },
      { token: agent.token },
    );
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const p = created.body;
    assert.equal(p.openIncidentCount, 4);
    const before = Object.fromEntries(await Promise.all(Object.entries(done).map(async ([k, t]) => [k, { ticket: await ticket(t.id), events: await timeline(t.id), mail: await outbound(t.id) }])));
    const mailBefore = Object.fromEntries(await Promise.all(Object.values(open).map(async (t) => [t.id, (await outbound(t.id)).length])));

    const note = `Quotas were raised for everyone ${uniq()}; your mail flows again.`;
    const r = await api.post(`/api/v1/problems/${p.id}/resolve`, { resolution: note }, { token: agent.token });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.deepEqual(r.body.resolvedTicketIds, Object.values(open).map((t) => t.id).sort((a, b) => a - b));
    assert.equal(r.body.problem.status, 'resolved');
    assert.equal(r.body.problem.resolution, note);
    assert.equal(r.body.problem.openIncidentCount, 0);

    for (const t of Object.values(open)) {
      const after = await ticket(t.id);
      assert.equal(after.status, 'resolved', `#${t.number}`);
      assert.deepEqual(after.resolution, {
        symptoms: t.title,
        diagnosis: 'Quota policy too low',
        actions: note,
        result: `Resolved with problem PRB-${p.id}: Mailbox quota reached`,
        code: null,
      });
      const events = await timeline(t.id);
      const reply = events.find((e) => e.kind === 'reply' && e.body === note);
      assert.ok(reply && !reply.internal, `#${t.number}: the note as a public reply`);
      assert.equal(events.at(-1)?.kind, 'resolution');
      // The requester is told: the reply, then the resolution.
      const mails = (await outbound(t.id)).slice(0, (await outbound(t.id)).length - mailBefore[t.id]);
      assert.deepEqual(mails.sort(), [`agent_reply → ${requester.email}`, `ticket_resolved → ${requester.email}`], `#${t.number}`);
    }
    for (const [k, t] of Object.entries(done)) {
      assert.deepEqual(await ticket(t.id), before[k].ticket, `${k} ticket untouched`);
      assert.deepEqual(await timeline(t.id), before[k].events, `${k} timeline untouched`);
      assert.deepEqual(await outbound(t.id), before[k].mail, `${k}: no mail`);
    }
    // The requester's view: the note arrived as a reply.
    const mine = await api.get(`/api/v1/tickets/${open.new.id}/timeline`, { token: requester.token });
    assert.ok(mine.body.items.some((e: { kind: string; body: string }) => e.kind === 'reply' && e.body === note));
  });

  test('resolveIncidents=false leaves the incidents open; the problem title stands in for a missing root cause', async () => {
    const [a, b] = [await inStatus('in_progress'), await inStatus('new')];
    const p = (await api.post('/api/v1/problems', { title: 'Slow VPN', description: 'VPN slow', incidentIds: [a.id] }, { token: agent.token })).body;
    const r = await api.post(`/api/v1/problems/${p.id}/resolve`, { resolution: 'Nothing to do for now', resolveIncidents: false }, { token: agent.token });
    assert.deepEqual(r.body.resolvedTicketIds, []);
    assert.equal((await ticket(a.id)).status, 'in_progress');
    const q = (await api.post('/api/v1/problems', { title: 'Flaky Wi-Fi', description: 'Drops', incidentIds: [b.id] }, { token: agent.token })).body;
    await api.post(`/api/v1/problems/${q.id}/resolve`, { resolution: 'Access point replaced' }, { token: agent.token });
    assert.equal((await ticket(b.id)).resolution.diagnosis, 'Flaky Wi-Fi');
    assertProblem(await api.post(`/api/v1/problems/${q.id}/resolve`, {}, { token: agent.token }), 400);
  });

  test('a problem with 200 open incidents resolves them all in one request', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 200; i++) ids.push((await makeTicket(m.t.deps, { requesterId: requester.id, title: `Printer down ${i}` })).id);
    const p = (await api.post('/api/v1/problems', { title: 'Print server down', description: 'All printing fails', incidentIds: ids }, { token: agent.token })).body;
    assert.equal(p.incidentCount, 200);
    const started = performance.now();
    const r = await api.post(`/api/v1/problems/${p.id}/resolve`, { resolution: 'Print server restarted' }, { token: agent.token });
    const ms = performance.now() - started;
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.resolvedTicketIds.length, 200);
    assert.equal(r.body.problem.openIncidentCount, 0);
    const stillOpen = await m.t.deps.db.selectFrom('tickets').select('id').where('id', 'in', ids).where('status', '!=', 'resolved').execute();
    assert.deepEqual(stillOpen, []);
    console.log(`# resolve with 200 incidents: ${Math.round(ms)} ms`);
    assert.ok(ms < 60_000);
  });
});
