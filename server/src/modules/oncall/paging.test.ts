// Paging with a controllable clock: a P1 outside business hours pages whoever is on call
// (page, timeline event, mail through the relay, webhook), re-notifies the next members
// until someone acknowledges, and never pages in business hours.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { client, startTestApp, type TestApp } from '../../test/harness.ts';
import { makeGroup, makeRoleCast, makeUser, uniq, type MadeUser } from '../../test/factories.ts';
import { startSmtpSink, type SmtpSink } from '../../test/smtp-sink.ts';
import { startJobRunner, type JobRunner } from '../../lib/jobs.ts';
import { closeMailTransports } from '../notifications/mail-transport.ts';
import { jobHandlers } from '../../main.ts';
import { acknowledgePagesOfTicket, pageOnCallIfNeeded } from './paging.ts';
import { openTicketAndPage, startWebhookServer, type WebhookServer } from './paging-test-kit.ts';
import { testClock } from '../../test/test-clock.ts';

const PUBLIC_URL = 'https://help.example.test';
const SATURDAY_NIGHT = '2026-03-07T21:00:00.000Z'; // 22:00 in Paris: the business-hours calendar is closed
const clock = testClock(SATURDAY_NIGHT);
let t: TestApp;
let api: ReturnType<typeof client>;
let sink: SmtpSink;
let hook: WebhookServer;
let runner: JobRunner;
let cast: Awaited<ReturnType<typeof makeRoleCast>>;
let businessHours: number;

before(async () => {
  sink = await startSmtpSink();
  hook = await startWebhookServer();
  t = await startTestApp({ clock, env: { GUICHET_SMTP_RELAY: sink.url, GUICHET_PUBLIC_URL: PUBLIC_URL } });
  api = client(t);
  runner = startJobRunner(t.deps, jobHandlers().handlers, [], { pollMs: 0 });
  cast = await makeRoleCast(t.deps);
  businessHours = (await t.deps.db.selectFrom('calendars').select('id').where('name', '=', 'Business hours (Paris)').executeTakeFirstOrThrow()).id;
});
after(async () => {
  await runner.stop();
  closeMailTransports();
  await sink.close();
  await hook.close();
  await t.close();
});

async function runJobs(): Promise<void> {
  while ((await runner.runDueJobs()) > 0);
}

/** A group with a weekly rotation of three new agents (the second reads French), paging while Paris business hours are closed. */
async function team(o: { ackMinutes?: number; webhook?: boolean } = {}) {
  const group = await makeGroup(t.deps);
  const tag = uniq();
  const members: MadeUser[] = [];
  for (const name of ['Ada', 'Bo', 'Cy']) members.push(await makeUser(t.deps, { roles: ['agent'], name: `${name} ${tag}`, groupIds: [group.id] }));
  await t.deps.db.updateTable('users').set({ language: 'fr' }).where('id', '=', members[1].id).execute();
  const body = {
    name: `Nights ${tag}`,
    groupId: group.id,
    calendarId: businessHours,
    timeZone: 'Europe/Paris',
    startsOn: '2026-03-02',
    ackMinutes: o.ackMinutes ?? 15,
    webhookUrl: o.webhook === false ? null : hook.url,
    memberIds: members.map((m) => m.id),
  };
  const r = await api.post('/api/v1/oncall/rotations', body, { token: cast.supervisor.token });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return { group, members, rotation: r.body as { id: number; name: string } };
}

const pagesOf = async (ticketId: number) => (await api.get(`/api/v1/oncall/pages?ticketId=${ticketId}`, { token: cast.agent.token })).body.items.reverse() as any[];
const mailTo = (email: string) => sink.messages.filter((m) => m.envelope.to.includes(email));

test('a P1 outside business hours pages whoever is on call: page, internal timeline event, mail with the ack link, webhook', async () => {
  clock.set(SATURDAY_NIGHT);
  const { group, members, rotation } = await team();
  const ticket = await openTicketAndPage(t.deps, { requesterId: cast.requester.id, groupId: group.id, title: 'Mail server down' });

  const [page, ...more] = await pagesOf(ticket.id);
  assert.equal(more.length, 0);
  assert.deepEqual(page, {
    id: page.id,
    ticket: { id: ticket.id, number: ticket.number, title: 'Mail server down' },
    rotation: { id: rotation.id, name: rotation.name },
    user: { id: members[0].id, name: members[0].name, email: members[0].email },
    level: 0,
    reason: 'priority_1',
    sentAt: SATURDAY_NIGHT,
    ackedAt: null,
    ackedBy: null,
  });
  const timeline = (await api.get(`/api/v1/tickets/${ticket.id}/timeline`, { token: cast.agent.token })).body.items;
  const event = timeline.find((e: any) => e.kind === 'page');
  assert.deepEqual([event.internal, event.data], [true, { pageId: page.id, user: { id: members[0].id, name: members[0].name }, level: 0, rotation: { id: rotation.id, name: rotation.name } }]);
  const seenByRequester = (await api.get(`/api/v1/tickets/${ticket.id}/timeline`, { token: cast.requester.token })).body.items;
  assert.ok(!seenByRequester.some((e: any) => e.kind === 'page'));

  await runJobs();
  const [call] = hook.calls.filter((c) => c.body.pageId === page.id);
  assert.equal(call.contentType, 'application/json');
  assert.deepEqual(call.body, {
    event: 'page',
    pageId: page.id,
    level: 0,
    ticket: { id: ticket.id, number: ticket.number, title: 'Mail server down', priority: 1, url: `${PUBLIC_URL}/agent/tickets/${ticket.id}` },
    user: { id: members[0].id, name: members[0].name, email: members[0].email },
    rotation: { id: rotation.id, name: rotation.name },
    sentAt: SATURDAY_NIGHT,
  });
  const mail = await sink.waitFor((m) => m.envelope.to.includes(members[0].email));
  assert.match(mail.subject ?? '', new RegExp(`^\\[#${ticket.number}\\] On call: P1 Mail server down`));
  assert.match(mail.text ?? '', new RegExp(`${PUBLIC_URL}/agent/on-duty\\?ack=${page.id}\\b`));
  assert.match(mail.text ?? '', /Priority: P1/);
  assert.match(mail.html || '', new RegExp(`href="${PUBLIC_URL}/agent/on-duty\\?ack=${page.id}"`));
  const outbound = await t.deps.db.selectFrom('outbound_messages').select(['kind', 'status', 'ticket_id']).where('ticket_id', '=', ticket.id).where('kind', '=', 'oncall_page').execute();
  assert.deepEqual(outbound, [{ kind: 'oncall_page', status: 'sent', ticket_id: ticket.id }]);

  // Paged once per ticket, however often it is written.
  await t.deps.db.transaction().execute((trx) => pageOnCallIfNeeded(trx, t.deps, ticket, clock.now().toISOString()));
  assert.equal((await pagesOf(ticket.id)).length, 1);
});

test('no page in business hours, below P1, for a closed ticket, or without a rotation; the rotation for every ticket covers groups without one', async () => {
  const { group, members } = await team();
  clock.set('2026-03-10T09:00:00Z'); // Tuesday 10:00 in Paris
  const inHours = await openTicketAndPage(t.deps, { requesterId: cast.requester.id, groupId: group.id });
  clock.set(SATURDAY_NIGHT);
  const p2 = await openTicketAndPage(t.deps, { requesterId: cast.requester.id, groupId: group.id, priority: 2 });
  const { id: resolvedId } = await openTicketAndPage(t.deps, { requesterId: cast.requester.id, groupId: group.id, priority: 2 });
  const resolved = await t.deps.db.updateTable('tickets').set({ status: 'resolved', priority: 1 }).where('id', '=', resolvedId).returningAll().executeTakeFirstOrThrow();
  await t.deps.db.transaction().execute((trx) => pageOnCallIfNeeded(trx, t.deps, resolved, SATURDAY_NIGHT));
  const lonely = await makeGroup(t.deps);
  const noRotation = await openTicketAndPage(t.deps, { requesterId: cast.requester.id, groupId: lonely.id });
  for (const id of [inHours.id, p2.id, resolvedId, noRotation.id]) assert.deepEqual(await pagesOf(id), [], `ticket ${id}`);

  // A rotation for every ticket (no group), on call round the clock.
  const everyone = await api.post(
    '/api/v1/oncall/rotations',
    { name: `Everyone ${uniq()}`, timeZone: 'UTC', period: 'daily', startsOn: '2026-03-01', memberIds: [members[2].id], webhookUrl: null },
    { token: cast.supervisor.token },
  );
  try {
    clock.set('2026-03-10T09:00:00Z');
    const covered = await openTicketAndPage(t.deps, { requesterId: cast.requester.id, groupId: lonely.id });
    assert.deepEqual((await pagesOf(covered.id)).map((p) => [p.user.id, p.rotation.id]), [[members[2].id, everyone.body.id]]);
    // The group's own rotation still decides for its tickets: business hours, no page.
    const own = await openTicketAndPage(t.deps, { requesterId: cast.requester.id, groupId: group.id });
    assert.deepEqual(await pagesOf(own.id), []);
  } finally {
    await api.delete(`/api/v1/oncall/rotations/${everyone.body.id}`, { token: cast.supervisor.token });
    clock.set(SATURDAY_NIGHT);
  }
});

test('without acknowledgement the next members are paged every ack_minutes, round again, and stop after two rounds', async () => {
  clock.set(SATURDAY_NIGHT);
  const { group, members } = await team({ ackMinutes: 15 });
  const ticket = await openTicketAndPage(t.deps, { requesterId: cast.requester.id, groupId: group.id, title: 'VPN down' });
  await runJobs();
  clock.advance(14 * 60_000);
  await runJobs();
  assert.equal((await pagesOf(ticket.id)).length, 1, 'not before ack_minutes');
  clock.advance(1 * 60_000);
  await runJobs();
  const second = (await pagesOf(ticket.id))[1];
  assert.deepEqual([second.level, second.user.id, second.reason, second.sentAt], [1, members[1].id, 'not_acknowledged', clock.now().toISOString()]);
  // Bo reads French.
  const mail = await sink.waitFor((m) => m.envelope.to.includes(members[1].email));
  assert.match(mail.subject ?? '', new RegExp(`^\\[#${ticket.number}\\] Astreinte\\s?: P1 VPN down`));
  assert.match(mail.text ?? '', new RegExp(`/agent/on-duty\\?ack=${second.id}\\b`));
  assert.ok(hook.calls.some((c) => c.body.pageId === second.id && c.body.level === 1 && c.body.user.id === members[1].id));

  for (let i = 0; i < 6; i++) {
    clock.advance(15 * 60_000);
    await runJobs();
  }
  const all = await pagesOf(ticket.id);
  assert.deepEqual(
    all.map((p) => [p.level, p.user.name]),
    [0, 1, 2, 3, 4, 5].map((l) => [l, members[l % 3].name]),
  );
  assert.equal(mailTo(members[0].email).filter((m) => m.subject?.includes(`[#${ticket.number}]`)).length, 2);
  const pending = await t.deps.db.selectFrom('jobs').select('payload').where('kind', '=', 'oncall.renotify').execute();
  const ids = new Set(all.map((p) => p.id));
  assert.deepEqual(pending.filter((j) => ids.has(JSON.parse(j.payload).pageId)), [], 'nothing left to re-notify');
});

test('acknowledging (the person paged or a supervisor) stops the re-notification; nobody else may', async () => {
  clock.set(SATURDAY_NIGHT);
  const { group, members } = await team({ webhook: false });
  const ticket = await openTicketAndPage(t.deps, { requesterId: cast.requester.id, groupId: group.id });
  const [page] = await pagesOf(ticket.id);
  assert.equal((await api.post(`/api/v1/oncall/pages/${page.id}/ack`, undefined, { token: members[1].token })).status, 403);
  assert.equal((await api.post(`/api/v1/oncall/pages/${page.id}/ack`, undefined, { token: cast.requester.token })).status, 403);
  clock.advance(3 * 60_000);
  const ack = await api.post(`/api/v1/oncall/pages/${page.id}/ack`, undefined, { token: members[0].token });
  assert.equal(ack.status, 200, JSON.stringify(ack.body));
  assert.deepEqual([ack.body.ackedAt, ack.body.ackedBy], [clock.now().toISOString(), { id: members[0].id, name: members[0].name, email: members[0].email }]);
  clock.advance(1 * 60_000);
  const again = await api.post(`/api/v1/oncall/pages/${page.id}/ack`, undefined, { token: members[0].token });
  assert.deepEqual([again.status, again.body.ackedAt], [200, ack.body.ackedAt]);
  clock.advance(30 * 60_000);
  await runJobs();
  assert.equal((await pagesOf(ticket.id)).length, 1, 'no re-notification after the acknowledgement');
  assert.equal((await api.post('/api/v1/oncall/pages/999999/ack', undefined, { token: cast.supervisor.token })).status, 404);

  // Level 1 sent, then a supervisor acknowledges it: the whole incident is acknowledged.
  clock.set(SATURDAY_NIGHT);
  const other = await openTicketAndPage(t.deps, { requesterId: cast.requester.id, groupId: group.id });
  clock.advance(15 * 60_000);
  await runJobs();
  const [, level1] = await pagesOf(other.id);
  assert.equal(level1.user.id, members[1].id);
  assert.equal((await api.post(`/api/v1/oncall/pages/${level1.id}/ack`, undefined, { token: cast.supervisor.token })).status, 200);
  assert.deepEqual((await pagesOf(other.id)).map((p) => p.ackedBy?.id), [cast.supervisor.id, cast.supervisor.id]);
  const open = (await api.get(`/api/v1/oncall/pages?ticketId=${other.id}&open=true`, { token: cast.agent.token })).body.items;
  assert.deepEqual(open, []);
  clock.advance(15 * 60_000);
  await runJobs();
  assert.equal((await pagesOf(other.id)).length, 2);

  // Taking the ticket: only someone who was paged acknowledges by it.
  clock.set(SATURDAY_NIGHT);
  const third = await openTicketAndPage(t.deps, { requesterId: cast.requester.id, groupId: group.id });
  const at = clock.now().toISOString();
  assert.equal(await t.deps.db.transaction().execute((trx) => acknowledgePagesOfTicket(trx, third.id, members[2].id, at)), 0);
  assert.equal(await t.deps.db.transaction().execute((trx) => acknowledgePagesOfTicket(trx, third.id, members[0].id, at)), 1);
  clock.advance(15 * 60_000);
  await runJobs();
  assert.deepEqual((await pagesOf(third.id)).map((p) => [p.level, p.ackedBy?.id]), [[0, members[0].id]]);
});

test('a failing webhook is retried with the queue backoff; a ticket no longer P1 is not paged again', async () => {
  clock.set(SATURDAY_NIGHT);
  const { group, members } = await team();
  hook.failNext(1, 503);
  const ticket = await openTicketAndPage(t.deps, { requesterId: cast.requester.id, groupId: group.id });
  const [page] = await pagesOf(ticket.id);
  await runJobs();
  const job = await t.deps.db.selectFrom('jobs').select(['attempts', 'last_error', 'run_at']).where('dedupe_key', '=', `oncall.webhook:${page.id}`).executeTakeFirstOrThrow();
  assert.equal(job.attempts, 1);
  assert.match(job.last_error ?? '', /answered 503/);
  assert.equal(job.run_at, new Date(clock.now().getTime() + 10_000).toISOString());
  clock.advance(1 * 60_000);
  await runJobs();
  assert.deepEqual(
    hook.calls.filter((c) => c.body.pageId === page.id).map((c) => c.body.user.id),
    [members[0].id, members[0].id],
  );
  assert.equal(await t.deps.db.selectFrom('jobs').select('id').where('dedupe_key', '=', `oncall.webhook:${page.id}`).executeTakeFirst(), undefined);

  await t.deps.db.updateTable('tickets').set({ priority: 2 }).where('id', '=', ticket.id).execute();
  clock.advance(15 * 60_000);
  await runJobs();
  assert.equal((await pagesOf(ticket.id)).length, 1);
});
