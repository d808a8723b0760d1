// Auto-close: resolved tickets close after the configured delay, and only those.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { client, startTestApp, type TestApp } from '../../test/harness.ts';
import { makeUser, type MadeUser } from '../../test/factories.ts';
import { autoCloseResolvedTickets } from './tickets.jobs.ts';

let current = new Date('2026-03-02T09:00:00Z');
const clock = { now: () => current };
let t: TestApp;
let api: ReturnType<typeof client>;
let agent: MadeUser;
let requester: MadeUser;

before(async () => {
  t = await startTestApp({ clock, env: { GUICHET_AUTO_CLOSE_HOURS: '48' } });
  api = client(t);
  agent = await makeUser(t.deps, { roles: ['agent'] });
  requester = await makeUser(t.deps);
});
after(() => t.close());

const record = { symptoms: 'a', diagnosis: 'b', actions: 'c', result: 'd' };

test('resolved tickets close once the delay has passed; open and reopened ones stay', async () => {
  const mk = async () => (await api.post('/api/v1/tickets', { title: 't', description: 'd' }, { token: requester.token })).body.id as number;
  const [early, late, reopened, open] = [await mk(), await mk(), await mk(), await mk()];
  await api.post(`/api/v1/tickets/${early}/resolve`, record, { token: agent.token });
  await api.post(`/api/v1/tickets/${reopened}/resolve`, record, { token: agent.token });
  current = new Date(current.getTime() + 24 * 3600_000);
  await api.post(`/api/v1/tickets/${late}/resolve`, record, { token: agent.token });
  await api.post(`/api/v1/tickets/${reopened}/reopen`, {}, { token: requester.token });

  current = new Date(current.getTime() + 25 * 3600_000); // early: 49 h, late: 25 h
  assert.equal(await autoCloseResolvedTickets(t.deps), 1);
  const status = async (id: number) => (await api.get(`/api/v1/tickets/${id}`, { token: agent.token })).body;
  const closed = await status(early);
  assert.equal(closed.status, 'closed');
  assert.equal(closed.closedAt, current.toISOString());
  assert.equal((await status(late)).status, 'resolved');
  assert.equal((await status(reopened)).status, 'new', 'reopened, with nobody assigned yet');
  assert.equal((await status(open)).status, 'new');
  const timeline = await api.get(`/api/v1/tickets/${early}/timeline`, { token: requester.token });
  const close = timeline.body.items.at(-1);
  assert.equal(close.kind, 'close');
  assert.equal(close.author, null, 'closed by the system');
  assert.match(close.body, /automatically 48 hours/);

  current = new Date(current.getTime() + 24 * 3600_000);
  assert.equal(await autoCloseResolvedTickets(t.deps), 1, 'the second one, a day later');
  assert.equal(await autoCloseResolvedTickets(t.deps), 0, 'idempotent');
});
