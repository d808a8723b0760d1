// Delivery when the relay misbehaves: retries with the queue's backoff on a clock the test
// moves, the failure shown on the ticket after the last try, a refusal for good, an admin's
// retry, a relay that is down; and no relay at all, where nothing is queued.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { client } from '../../test/harness.ts';
import { makeUser, uniq, type MadeUser } from '../../test/factories.ts';
import { assertProblem } from '../../test/assertions.ts';
import { DEAD_JOB_RUN_AT, backoffMs } from '../../lib/jobs.ts';
import { failOrphanedOutbound } from './notifications.jobs.ts';
import { aboutTicket, startMailTestApp, type MailTestApp } from './mail-test-kit.ts';
import { SEND_JOB, SEND_MAX_ATTEMPTS } from './outbound-compose.ts';
import { testClock } from '../../test/test-clock.ts';

const movableClock = () => testClock(new Date().toISOString());

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

interface Cast {
  admin: MadeUser;
  supervisor: MadeUser;
  agent: MadeUser;
  requester: MadeUser;
}

async function castOf(m: MailTestApp): Promise<Cast> {
  return {
    admin: await makeUser(m.t.deps, { roles: ['admin'] }),
    supervisor: await makeUser(m.t.deps, { roles: ['supervisor'] }),
    agent: await makeUser(m.t.deps, { roles: ['agent'] }),
    requester: await makeUser(m.t.deps, { roles: ['requester'] }),
  };
}

async function openTicket(api: ReturnType<typeof client>, c: Cast) {
  const r = await api.post('/api/v1/tickets', { title: `VPN ${uniq()}`, description: 'No tunnel', requesterId: c.requester.id }, { token: c.agent.token });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body as { id: number; number: number };
}

const outboundRow = (m: MailTestApp, ticketId: number) =>
  m.t.deps.db.selectFrom('outbound_messages').selectAll().where('ticket_id', '=', ticketId).executeTakeFirstOrThrow();
const sendJob = (m: MailTestApp, outboundId: number) =>
  m.t.deps.db.selectFrom('jobs').selectAll().where('kind', '=', SEND_JOB).where('payload', '=', JSON.stringify({ outboundId })).executeTakeFirst();

describe('a relay that refuses', () => {
  const clock = movableClock();
  let m: MailTestApp;
  let api: ReturnType<typeof client>;
  let c: Cast;
  before(async () => {
    m = await startMailTestApp({ clock });
    api = client(m.t);
    c = await castOf(m);
  });
  after(() => m.close());

  test('temporary refusals are retried with backoff; after the last try the mail is failed and the ticket says so', async () => {
    const ticket = await openTicket(api, c);
    const queued = await outboundRow(m, ticket.id);
    assert.equal(queued.status, 'queued');
    assert.equal(queued.attempts, 0);
    m.sink.failNext(SEND_MAX_ATTEMPTS, 451);

    for (let attempt = 1; attempt < SEND_MAX_ATTEMPTS; attempt++) {
      assert.equal(await m.runner.runDueJobs(), 1, `try ${attempt} runs`);
      const row = await outboundRow(m, ticket.id);
      assert.equal(row.status, 'queued');
      assert.equal(row.attempts, attempt);
      assert.match(row.last_error ?? '', /451|Try again later/);
      const job = await sendJob(m, row.id);
      assert.equal(job?.run_at, new Date(clock.now().getTime() + backoffMs(attempt)).toISOString());
      assert.equal(await m.runner.runDueJobs(), 0, 'nothing is due before the backoff');
      clock.advance(backoffMs(attempt));
    }
    assert.equal(await m.runner.runDueJobs(), 1);
    const failed = await outboundRow(m, ticket.id);
    assert.equal(failed.status, 'failed');
    assert.equal(failed.attempts, SEND_MAX_ATTEMPTS);
    assert.equal(await sendJob(m, failed.id), undefined, 'the job is done with');
    assert.equal(m.sink.messages.filter(aboutTicket(ticket.number)).length, 0);

    const timeline = await api.get(`/api/v1/tickets/${ticket.id}/timeline`, { token: c.agent.token });
    const event = timeline.body.items.find((e: { kind: string }) => e.kind === 'email_failed');
    assert.ok(event, 'the timeline shows the failure');
    assert.equal(event.internal, true);
    assert.deepEqual(event.data.outboundId, failed.id);
    assert.deepEqual(event.data.to, [c.requester.email]);
    assert.match(event.data.error, /451/);
    const theirs = await api.get(`/api/v1/tickets/${ticket.id}/timeline`, { token: c.requester.token });
    assert.ok(!theirs.body.items.some((e: { kind: string }) => e.kind === 'email_failed'), 'requesters do not see it');
    const list = await api.get('/api/v1/email/outbound?status=failed', { token: c.supervisor.token });
    assert.ok(list.body.items.some((o: { id: number; lastError: string }) => o.id === failed.id && /451/.test(o.lastError)));

    // An admin sends it again, once the relay is back.
    for (const who of [c.supervisor, c.agent, c.requester]) assert.equal((await api.post(`/api/v1/email/outbound/${failed.id}/retry`, undefined, { token: who.token })).status, 403);
    const retried = await api.post(`/api/v1/email/outbound/${failed.id}/retry`, undefined, { token: c.admin.token });
    assert.equal(retried.status, 200, JSON.stringify(retried.body));
    assert.equal(retried.body.status, 'queued');
    assertProblem(await api.post(`/api/v1/email/outbound/${failed.id}/retry`, undefined, { token: c.admin.token }), 409, { detail: /is queued; only a failed message/ });
    assert.equal(await m.runner.runDueJobs(), 1);
    await m.sink.waitFor(aboutTicket(ticket.number));
    const sent = await outboundRow(m, ticket.id);
    assert.equal(sent.status, 'sent');
    assert.equal(sent.attempts, SEND_MAX_ATTEMPTS + 1);
    assertProblem(await api.post('/api/v1/email/outbound/999999/retry', undefined, { token: c.admin.token }), 404);
  });

  test('a refusal for good (5xx) fails at once, without waiting for more tries', async () => {
    const ticket = await openTicket(api, c);
    m.sink.failNext(1, 550);
    assert.equal(await m.runner.runDueJobs(), 1);
    const row = await outboundRow(m, ticket.id);
    assert.equal(row.status, 'failed');
    assert.equal(row.attempts, 1);
    assert.match(row.last_error ?? '', /550/);
    const timeline = await api.get(`/api/v1/tickets/${ticket.id}/timeline`, { token: c.agent.token });
    assert.ok(timeline.body.items.some((e: { kind: string; data: { outboundId: number } }) => e.kind === 'email_failed' && e.data.outboundId === row.id));
  });

  test('a message whose worker died during the last try is failed by the sweep, not left queued', async () => {
    const ticket = await openTicket(api, c);
    const row = await outboundRow(m, ticket.id);
    assert.equal(await failOrphanedOutbound(m.t.deps), 0, 'a queued message with its job is left alone');
    // What the queue does to a job whose worker died during its last attempt.
    await m.t.deps.db.updateTable('jobs').set({ run_at: DEAD_JOB_RUN_AT, dedupe_key: null }).where('dedupe_key', '=', `email.send:${row.id}`).execute();
    assert.equal(await failOrphanedOutbound(m.t.deps), 1);
    const failed = await outboundRow(m, ticket.id);
    assert.equal(failed.status, 'failed');
    assert.match(failed.last_error ?? '', /interrupted/);
    const timeline = await api.get(`/api/v1/tickets/${ticket.id}/timeline`, { token: c.agent.token });
    assert.ok(timeline.body.items.some((e: { kind: string; data: { outboundId: number } }) => e.kind === 'email_failed' && e.data.outboundId === row.id));
    assert.equal(await failOrphanedOutbound(m.t.deps), 0);
  });
});

describe('a relay that is down', () => {
  const clock = movableClock();
  let m: MailTestApp;
  let c: Cast;
  before(async () => {
    m = await startMailTestApp({ clock, relayUrl: `smtp://127.0.0.1:${await closedPort()}` });
    c = await castOf(m);
  });
  after(() => m.close());

  test('the API call returns at once; each try fails and is put back with backoff', async () => {
    const api = client(m.t);
    const started = Date.now();
    const ticket = await openTicket(api, c);
    const reply = await api.post(`/api/v1/tickets/${ticket.id}/replies`, { body: 'On it' }, { token: c.agent.token });
    assert.equal(reply.status, 201);
    assert.ok(Date.now() - started < 5_000);
    const rows = await m.t.deps.db.selectFrom('outbound_messages').selectAll().where('ticket_id', '=', ticket.id).orderBy('id').execute();
    assert.deepEqual(rows.map((r) => [r.kind, r.status, r.attempts]), [['ticket_created', 'queued', 0], ['agent_reply', 'queued', 0]]);

    assert.equal(await m.runner.runDueJobs(), 2);
    for (const row of await m.t.deps.db.selectFrom('outbound_messages').selectAll().where('ticket_id', '=', ticket.id).execute()) {
      assert.equal(row.status, 'queued');
      assert.equal(row.attempts, 1);
      assert.match(row.last_error ?? '', /ECONNREFUSED|ECONNECTION/);
    }
    assert.equal(await m.runner.runDueJobs(), 0);
    clock.advance(backoffMs(1));
    assert.equal(await m.runner.runDueJobs(), 2);
    assert.deepEqual((await m.t.deps.db.selectFrom('outbound_messages').select('attempts').where('ticket_id', '=', ticket.id).execute()).map((r) => r.attempts), [2, 2]);
  });
});

describe('no relay configured', () => {
  let m: MailTestApp;
  before(async () => {
    m = await startMailTestApp({ relayUrl: null });
  });
  after(() => m.close());

  test('nothing is queued, whatever happens to tickets', async () => {
    const api = client(m.t);
    const c = await castOf(m);
    const ticket = await openTicket(api, c);
    assert.equal((await api.post(`/api/v1/tickets/${ticket.id}/assign`, { assigneeId: c.agent.id }, { token: c.admin.token })).status, 200);
    assert.equal((await api.post(`/api/v1/tickets/${ticket.id}/replies`, { body: 'Looking' }, { token: c.agent.token })).status, 201);
    assert.equal((await api.post(`/api/v1/tickets/${ticket.id}/replies`, { body: 'Thanks' }, { token: c.requester.token })).status, 201);
    const resolution = { symptoms: 's', diagnosis: 'd', actions: 'a', result: 'r' };
    assert.equal((await api.post(`/api/v1/tickets/${ticket.id}/resolve`, resolution, { token: c.agent.token })).status, 200);
    assert.equal((await m.t.deps.db.selectFrom('outbound_messages').select('id').execute()).length, 0);
    assert.equal((await m.t.deps.db.selectFrom('jobs').select('id').where('kind', '=', SEND_JOB).execute()).length, 0);
    assert.equal((await m.t.deps.db.selectFrom('email_message_ids').select('message_id').execute()).length, 0);
    assert.equal(await m.deliver(), 0);
    assert.equal(m.sink.messages.length, 0);
  });
});
