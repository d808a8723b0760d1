// A reply or note carries the files it names on its timeline event, so the card shows
// them; their separate upload line is dropped only where the message is visible too, and a
// requester never sees an internal note's files (nor names one on their reply).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { client, startTestApp, type TestApp } from '../../test/harness.ts';
import { makeUser, uniq, type MadeUser } from '../../test/factories.ts';
import { assertProblem } from '../../test/assertions.ts';
import type { TimelineEvent } from '../../../../common/schemas/tickets.ts';

let t: TestApp;
let api: ReturnType<typeof client>;
let agent: MadeUser;
let requester: MadeUser;

before(async () => {
  t = await startTestApp();
  api = client(t);
  agent = await makeUser(t.deps, { roles: ['agent'] });
  requester = await makeUser(t.deps, { roles: ['requester'] });
});
after(() => t.close());

async function openTicket() {
  const r = await api.post('/api/v1/tickets', { title: `Printer ${uniq()}`, description: 'Jammed.', requesterId: requester.id }, { token: agent.token });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return (r.body as { id: number }).id;
}

async function upload(ticketId: number, names: string[], o: { internal?: boolean; token?: string } = {}): Promise<number[]> {
  const fd = new FormData();
  fd.append('internal', o.internal ? 'true' : 'false');
  for (const name of names) fd.append('file', new Blob([`content of ${name} ${uniq()}`], { type: 'text/plain' }), name);
  const r = await api.post(`/api/v1/tickets/${ticketId}/attachments`, undefined, { token: o.token ?? agent.token, raw: fd });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return (r.body.items as { id: number }[]).map((a) => a.id);
}

async function post(ticketId: number, body: Record<string, unknown>, token = agent.token) {
  const r = await api.post(`/api/v1/tickets/${ticketId}/replies`, body, { token });
  assert.equal(r.status, 201, JSON.stringify(r.body));
}

async function timeline(ticketId: number, token: string): Promise<TimelineEvent[]> {
  const r = await api.get(`/api/v1/tickets/${ticketId}/timeline`, { token });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body.items as TimelineEvent[];
}

const filesOf = (e: TimelineEvent | undefined) => (e?.data?.attachments as { id: number; filename: string; size: number; contentType: string }[] | undefined) ?? [];
const uploadLines = (events: TimelineEvent[]) => events.filter((e) => e.kind === 'attachment');

test("a public reply's event lists its files (name, size, type) for agent and requester, without a second upload line", async () => {
  const id = await openTicket();
  const ids = await upload(id, ['log.txt', 'config.txt']);
  await post(id, { body: 'Logs attached.', attachmentIds: ids });
  const listed = await api.get(`/api/v1/tickets/${id}/attachments`, { token: agent.token });
  const uploaded = (listed.body.items as { id: number; filename: string; size: number }[]).sort((a, b) => a.id - b.id);
  assert.deepEqual(uploaded.map((a) => a.filename), ['log.txt', 'config.txt']);

  for (const token of [agent.token, requester.token]) {
    const events = await timeline(id, token);
    const replyEvent = events.find((e) => e.kind === 'reply');
    assert.deepEqual(
      filesOf(replyEvent),
      uploaded.map((a) => ({ id: a.id, filename: a.filename, size: a.size, contentType: 'text/plain' })),
    );
    assert.equal(uploadLines(events).length, 0, 'the upload of the reply files is shown on the reply only');
  }
  // The requester's copy says nothing of how the reply travelled.
  const mine = (await timeline(id, requester.token)).find((e) => e.kind === 'reply');
  assert.deepEqual(Object.keys(mine?.data ?? {}), ['attachments']);
});

test('files uploaded alone keep their line; a line with one file not named by a message stays', async () => {
  const id = await openTicket();
  const [alone] = await upload(id, ['screenshot.txt'], { token: requester.token });
  const [named, spare] = await upload(id, ['named.txt', 'spare.txt']);
  await post(id, { body: 'One of the two.', attachmentIds: [named] });
  const events = await timeline(id, agent.token);
  assert.deepEqual(
    uploadLines(events).map((e) => filesOf(e).map((f) => f.id)),
    [[alone], [named, spare]],
  );
});

test("a requester never sees an internal note's files; the agent sees them on the note", async () => {
  const id = await openTicket();
  const secret = await upload(id, ['admin-password.txt'], { internal: true });
  const [shared] = await upload(id, ['manual.txt']);
  await post(id, { body: 'Internal: see files.', internal: true, attachmentIds: [...secret, shared] });

  const agentEvents = await timeline(id, agent.token);
  assert.deepEqual(
    filesOf(agentEvents.find((e) => e.kind === 'note')).map((f) => f.filename),
    ['admin-password.txt', 'manual.txt'],
  );
  assert.equal(uploadLines(agentEvents).length, 0);

  const requesterEvents = await timeline(id, requester.token);
  const seen = JSON.stringify(requesterEvents);
  assert.ok(!seen.includes('admin-password.txt'), 'an internal file never reaches the requester');
  assert.equal(requesterEvents.find((e) => e.kind === 'note'), undefined);
  // The public file named only by the internal note keeps its upload line for the requester.
  assert.deepEqual(uploadLines(requesterEvents).map((e) => filesOf(e).map((f) => f.filename)), [['manual.txt']]);
});

test("a requester names the files they uploaded to their own ticket on their reply, never a staff-only file", async () => {
  const id = await openTicket();
  const mine = await upload(id, ['error-dialog.txt'], { token: requester.token });
  await post(id, { body: 'Screenshot attached.', attachmentIds: mine }, requester.token);
  const reply = (await timeline(id, agent.token)).find((e) => e.kind === 'reply');
  assert.deepEqual(filesOf(reply).map((f) => [f.id, f.filename]), [[mine[0], 'error-dialog.txt']]);

  const secret = await upload(id, ['internal.txt'], { internal: true });
  const refused = await api.post(`/api/v1/tickets/${id}/replies`, { body: 'And this one.', attachmentIds: secret }, { token: requester.token });
  assertProblem(refused, 422, { detail: new RegExp(`Attachment ${secret[0]} is not on ticket ${id} or not visible to you`) });
  assert.equal((await timeline(id, agent.token)).filter((e) => e.kind === 'reply').length, 1);
});
