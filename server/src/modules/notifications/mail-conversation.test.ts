// A whole conversation by mail: a requester writes to a mailbox, is acknowledged from it,
// answers by mail (the assignee is told), the agent answers in the app; every mail threads on
// the one before, and the requester's side never references the agents' notifications.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { client } from '../../test/harness.ts';
import { makeGroup, makeUser, uniq, type MadeUser } from '../../test/factories.ts';
import { processPendingInbound } from '../email/inbound.service.ts';
import { aboutTicket, addressesOf, bracketed, header, referencesOf, startMailTestApp, type MailTestApp } from './mail-test-kit.ts';

let m: MailTestApp;
let api: ReturnType<typeof client>;
let admin: MadeUser;
let agent: MadeUser;
let mailbox: { id: number; address: string };

before(async () => {
  m = await startMailTestApp();
  api = client(m.t);
  admin = await makeUser(m.t.deps, { roles: ['admin'] });
  const group = await makeGroup(m.t.deps);
  agent = await makeUser(m.t.deps, { roles: ['agent'], name: 'Sam Agent', groupIds: [group.id] });
  const r = await api.post('/api/v1/email/mailboxes', { name: 'Help Desk', address: `help-${uniq()}@desk.example.test` }, { token: admin.token });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  mailbox = r.body;
});
after(() => m.close());

function message(h: Record<string, string>, body: string): Buffer {
  const headers = { Date: 'Mon, 30 Nov 2026 09:00:00 +0100', 'MIME-Version': '1.0', 'Content-Type': 'text/plain; charset=utf-8', ...h };
  return Buffer.from(Object.entries(headers).map(([k, v]) => `${k}: ${v}`).join('\r\n') + '\r\n\r\n' + body);
}

async function receive(raw: Buffer) {
  const r = await api.post(`/api/v1/email/inbound?mailboxId=${mailbox.id}`, undefined, { token: admin.token, headers: { 'content-type': 'message/rfc822' }, raw });
  assert.equal(r.status, 202, JSON.stringify(r.body));
  await processPendingInbound(m.t.deps);
  const detail = await api.get(`/api/v1/email/inbound/${r.body.id}`, { token: admin.token });
  assert.equal(detail.body.status, 'processed', JSON.stringify(detail.body));
  return detail.body as { ticket: { id: number; number: number }; outcome: string };
}

test('a conversation by mail threads both ways; the assignee hears of the requester', async () => {
  const jane = `jane.${uniq()}@customer.example.test`;
  const original = `orig.${uniq()}@customer.example.test`;
  const created = await receive(message({ From: `Jane Doe <${jane}>`, To: mailbox.address, Subject: 'Laptop will not boot', 'Message-ID': bracketed(original) }, 'It stays black.\r\n'));
  assert.equal(created.outcome, 'ticket_created');
  const { id, number } = created.ticket;
  await m.deliver();
  const ack = await m.sink.waitFor(aboutTicket(number));
  assert.deepEqual(addressesOf(ack.to), [jane]);
  assert.equal(ack.from?.value[0].address, mailbox.address);
  assert.equal(ack.from?.value[0].name, 'Help Desk');
  assert.deepEqual(addressesOf(ack.replyTo), [mailbox.address.replace('@', `+${number}@`)]);
  assert.equal(ack.subject, `[#${number}] Laptop will not boot`);
  assert.equal(ack.inReplyTo, bracketed(original));
  assert.deepEqual(referencesOf(ack), [bracketed(original)]);
  assert.match(ack.text ?? '', /Hello Jane Doe,/);

  assert.equal((await api.post(`/api/v1/tickets/${id}/assign`, { assigneeId: agent.id }, { token: admin.token })).status, 200);
  await m.deliver();
  const assigned = await m.sink.waitFor((x) => aboutTicket(number)(x) && addressesOf(x.to).includes(agent.email));

  const janeReply = `reply.${uniq()}@customer.example.test`;
  const replied = await receive(
    message(
      {
        From: `Jane Doe <${jane}>`,
        To: mailbox.address.replace('@', `+${number}@`),
        Subject: `Re: [#${number}] Laptop will not boot`,
        'Message-ID': bracketed(janeReply),
        'In-Reply-To': ack.messageId!,
        References: `${bracketed(original)} ${ack.messageId}`,
      },
      'It shows a blinking cursor now.\r\n\r\nOn Mon, 30 Nov 2026, Help Desk wrote:\r\n> We have received your request\r\n',
    ),
  );
  assert.equal(replied.outcome, 'reply_added');
  await m.deliver();
  const told = await m.sink.waitFor((x) => aboutTicket(number)(x) && /New reply/.test(x.subject ?? ''));
  assert.deepEqual(addressesOf(told.to), [agent.email]);
  assert.equal(told.subject, `[#${number}] New reply from Jane Doe: Laptop will not boot`);
  assert.match(told.text ?? '', /It shows a blinking cursor now\./);
  assert.doesNotMatch(told.text ?? '', /We have received your request/, 'the quoted history was trimmed');
  assert.equal(told.inReplyTo, bracketed(janeReply));

  assert.equal((await api.post(`/api/v1/tickets/${id}/replies`, { body: 'Hold the power button for 30 seconds.' }, { token: agent.token })).status, 201);
  await m.deliver();
  const answer = await m.sink.waitFor((x) => aboutTicket(number)(x) && /30 seconds/.test(x.text ?? ''));
  assert.deepEqual(addressesOf(answer.to), [jane]);
  assert.equal(header(answer, 'auto-submitted'), 'no');
  assert.equal(answer.inReplyTo, bracketed(janeReply));
  // Jane's side of the conversation only: not the mail the agent got.
  assert.deepEqual(referencesOf(answer), [bracketed(original), ack.messageId, bracketed(janeReply)]);
  assert.ok(!referencesOf(answer).includes(assigned.messageId!));
  assert.ok(!referencesOf(answer).includes(told.messageId!));

  // Her out-of-office answering ours gets nothing back.
  const before = m.sink.messages.length;
  await api.post(`/api/v1/email/inbound?mailboxId=${mailbox.id}`, undefined, {
    token: admin.token,
    headers: { 'content-type': 'message/rfc822' },
    raw: message({ From: jane, To: mailbox.address, Subject: 'Out of office', 'Auto-Submitted': 'auto-replied', 'Message-ID': bracketed(`ooo.${uniq()}@customer.example.test`), 'In-Reply-To': answer.messageId! }, 'Back Monday.'),
  });
  await processPendingInbound(m.t.deps);
  await m.deliver();
  assert.equal(m.sink.messages.length, before);
});

test('mail from a machine opens a ticket without an acknowledgement', async () => {
  const created = await receive(
    message({ From: `monitor-${uniq()}@ops.example.test`, To: mailbox.address, Subject: 'Disk 91% full', 'Auto-Submitted': 'auto-generated', 'Message-ID': bracketed(`mon.${uniq()}@ops.example.test`) }, 'Disk /var at 91%.'),
  );
  assert.equal(created.outcome, 'ticket_created');
  const outbound = await api.get(`/api/v1/email/outbound?ticketId=${created.ticket.id}`, { token: admin.token });
  assert.deepEqual(outbound.body.items, []);
});
