// Notifications end to end: ticket changes over HTTP, mail delivered by the job runner to a
// real SMTP sink, and what arrives (recipients, language, threading headers, links).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { client } from '../../test/harness.ts';
import { makeGroup, makeUser, uniq, type MadeUser } from '../../test/factories.ts';
import { systemActor } from '../../lib/actor.ts';
import { isoNow } from '../../lib/clock.ts';
import { openTicketIn } from '../tickets/tickets.service.ts';
import { FROM, PUBLIC_URL, aboutTicket, addressesOf, bracketed, header, referencesOf, startMailTestApp, type MailTestApp } from './mail-test-kit.ts';

let m: MailTestApp;
let api: ReturnType<typeof client>;
let agent: MadeUser;
let supervisor: MadeUser;
let requester: MadeUser;
let group: { id: number };

before(async () => {
  m = await startMailTestApp();
  api = client(m.t);
  group = await makeGroup(m.t.deps);
  agent = await makeUser(m.t.deps, { roles: ['agent'], name: 'Sam Agent', groupIds: [group.id] });
  supervisor = await makeUser(m.t.deps, { roles: ['supervisor'], groupIds: [group.id] });
  requester = await makeUser(m.t.deps, { roles: ['requester'], name: 'Alex Requester' });
});
after(() => m.close());

async function openTicket(body: Record<string, unknown>, token = agent.token) {
  const r = await api.post('/api/v1/tickets', { title: `Printer ${uniq()}`, description: 'It jams.', ...body }, { token });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body as { id: number; number: number; title: string };
}

const outboundOf = async (ticketId: number) => {
  const r = await api.get(`/api/v1/email/outbound?ticketId=${ticketId}`, { token: supervisor.token });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return (r.body.items as { kind: string; status: string; to: string[]; cc: string[]; messageId: string; language: string; attempts: number }[]).reverse();
};

const resolution = { symptoms: 'Paper jams', diagnosis: 'Worn roller', actions: 'Roller replaced', result: 'Prints again <fine> & clean' };

describe('acknowledgement', () => {
  test('a ticket opened for a requester is acknowledged by mail after the API call returned', async () => {
    const ticket = await openTicket({ requesterId: requester.id, title: `Printer <b>& ${uniq()}</b>` });
    // Nothing left during the request: the mail waits in the queue.
    assert.equal(m.sink.messages.filter(aboutTicket(ticket.number)).length, 0);
    const [queued] = await outboundOf(ticket.id);
    assert.equal(queued.kind, 'ticket_created');
    assert.equal(queued.status, 'queued');
    assert.equal(queued.attempts, 0);

    await m.deliver();
    const mail = await m.sink.waitFor(aboutTicket(ticket.number));
    assert.deepEqual(addressesOf(mail.to), [requester.email]);
    assert.deepEqual(mail.envelope.to, [requester.email]);
    assert.equal(mail.from?.value[0].address, FROM);
    assert.equal(mail.from?.value[0].name, 'IT Support');
    assert.deepEqual(addressesOf(mail.replyTo), [`support+${ticket.number}@help.example.test`]);
    assert.equal(mail.subject, `[#${ticket.number}] ${ticket.title}`);
    assert.equal(mail.messageId, bracketed(queued.messageId));
    assert.match(queued.messageId, new RegExp(`^guichet\\.${ticket.number}\\.[\\w-]+@help\\.example\\.test$`));
    assert.equal(mail.inReplyTo, undefined);
    assert.equal(header(mail, 'auto-submitted'), 'auto-generated');
    assert.equal(header(mail, 'x-auto-response-suppress'), 'All');
    assert.match(mail.text ?? '', /We have received your request/);
    assert.ok(mail.text?.includes(`${PUBLIC_URL}/portal/tickets/${ticket.id}`));
    assert.ok(mail.text?.includes(ticket.title), 'the text part has the title as typed');
    assert.ok(String(mail.html).includes('Printer &lt;b&gt;&amp; '), 'the HTML part escapes it');
    assert.ok(!String(mail.html).includes('<b>&'));

    const [sent] = await outboundOf(ticket.id);
    assert.equal(sent.status, 'sent');
    assert.equal(sent.attempts, 1);
    const ids = await m.t.deps.db.selectFrom('email_message_ids').selectAll().where('ticket_id', '=', ticket.id).execute();
    assert.deepEqual(ids.map((r) => [r.message_id, r.direction]), [[queued.messageId, 'out']]);
  });

  test('French for a French-speaking requester, English otherwise', async () => {
    const french = await makeUser(m.t.deps, { roles: ['requester'], name: 'Camille' });
    await m.t.deps.db.updateTable('users').set({ language: 'fr' }).where('id', '=', french.id).execute();
    const fr = await openTicket({ requesterId: french.id });
    const en = await openTicket({ requesterId: requester.id });
    await m.deliver();
    const frMail = await m.sink.waitFor(aboutTicket(fr.number));
    const enMail = await m.sink.waitFor(aboutTicket(en.number));
    assert.match(frMail.text ?? '', /Bonjour Camille,[\s\S]*Nous avons bien reçu votre demande/);
    assert.match(String(frMail.html), /<html lang="fr">/);
    assert.equal((await outboundOf(fr.id))[0].language, 'fr');
    assert.match(enMail.text ?? '', /Hello Alex Requester,/);
    assert.match(String(enMail.html), /<html lang="en">/);
  });

  test('no acknowledgement for auto-submitted mail, nor to one of our own addresses', async () => {
    const deps = m.t.deps;
    const at = isoNow(deps.clock);
    const auto = await deps.db.transaction().execute((trx) =>
      openTicketIn(trx, deps, systemActor(), { title: 'Out of office', description: 'Away', requesterId: requester.id, channel: 'email' }, at, {
        createdData: { email: { auto: true } },
      }),
    );
    const mailbox = `desk-${uniq()}@help.example.test`;
    await deps.db
      .insertInto('mailboxes')
      .values({ name: 'Desk', address: mailbox, imap_tls: 0, imap_folder: 'INBOX', processed_action: 'flag', processed_folder: 'Processed', poll_seconds: 60, is_active: 1, created_at: at, updated_at: at })
      .execute();
    const loop = await openTicket({ requester: { email: mailbox.replace('@', '+9@') } });
    const plain = await openTicket({ requesterId: requester.id });
    assert.deepEqual(await outboundOf(auto), []);
    assert.deepEqual(await outboundOf(loop.id), []);
    assert.equal((await outboundOf(plain.id)).length, 1);
  });
});

describe('conversation', () => {
  test('agent replies go to the requester and the CCs, threaded on what came before', async () => {
    const ticket = await openTicket({ requesterId: requester.id, groupId: group.id });
    const cc = `cc-${uniq()}@example.test`;
    const at = isoNow(m.t.deps.clock);
    await m.t.deps.db.insertInto('ticket_ccs').values({ ticket_id: ticket.id, email: cc, name: 'Copied', created_at: at }).execute();
    await m.deliver();
    const ack = await m.sink.waitFor(aboutTicket(ticket.number));

    const reply = (body: string) => api.post(`/api/v1/tickets/${ticket.id}/replies`, { body }, { token: agent.token });
    assert.equal((await reply('Could you restart it?\nThanks <3')).status, 201);
    assert.equal((await api.post(`/api/v1/tickets/${ticket.id}/notes`, { body: 'internal only' }, { token: agent.token })).status, 201);
    await m.deliver();
    const first = await m.sink.waitFor((x) => aboutTicket(ticket.number)(x) && x !== ack);
    assert.deepEqual(addressesOf(first.to), [requester.email]);
    assert.deepEqual(addressesOf(first.cc), [cc]);
    assert.deepEqual(first.envelope.to.sort(), [requester.email, cc].sort());
    assert.equal(first.subject, `Re: [#${ticket.number}] ${ticket.title}`);
    assert.match(first.text ?? '', /^Could you restart it\?\nThanks <3\n/);
    assert.match(first.text ?? '', /Sam Agent, IT Support/);
    assert.ok(String(first.html).includes('Thanks &lt;3'));
    assert.equal(header(first, 'auto-submitted'), 'no');
    assert.equal(header(first, 'x-auto-response-suppress'), undefined);
    assert.equal(first.inReplyTo, ack.messageId);
    assert.deepEqual(referencesOf(first), [ack.messageId]);

    // A message from the requester joins the conversation: the next reply answers it.
    const inbound = `inbound-${uniq()}@mail.example.test`;
    await m.t.deps.db.insertInto('email_message_ids').values({ message_id: inbound, ticket_id: ticket.id, direction: 'in', created_at: isoNow(m.t.deps.clock) }).execute();
    assert.equal((await reply('Second answer')).status, 201);
    await m.deliver();
    const second = await m.sink.waitFor((x) => aboutTicket(ticket.number)(x) && /Second answer/.test(x.text ?? ''));
    assert.equal(second.inReplyTo, bracketed(inbound));
    assert.deepEqual(referencesOf(second), [ack.messageId, first.messageId, bracketed(inbound)]);
    // One mail per public reply, none for the note.
    assert.deepEqual((await outboundOf(ticket.id)).map((o) => o.kind), ['ticket_created', 'agent_reply', 'agent_reply']);
  });

  test('resolution mail carries the result and the satisfaction-survey link', async () => {
    const ticket = await openTicket({ requesterId: requester.id });
    const r = await api.post(`/api/v1/tickets/${ticket.id}/resolve`, resolution, { token: agent.token });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    await m.deliver();
    const mail = await m.sink.waitFor((x) => aboutTicket(ticket.number)(x) && /Resolved/.test(x.subject ?? ''));
    const survey = `${PUBLIC_URL}/portal/tickets/${ticket.id}`;
    assert.deepEqual(addressesOf(mail.to), [requester.email]);
    assert.equal(mail.subject, `[#${ticket.number}] Resolved: ${ticket.title}`);
    assert.match(mail.text ?? '', /resolved by Sam Agent/);
    assert.ok(mail.text?.includes('Prints again <fine> & clean'));
    assert.ok(mail.text?.includes(`How did we do? Tell us in one click: ${survey}`));
    assert.ok(String(mail.html).includes(`<a href="${survey}">`));
    assert.ok(String(mail.html).includes('Prints again &lt;fine&gt; &amp; clean'));
    assert.equal(header(mail, 'auto-submitted'), 'auto-generated');
  });

  test('the newly assigned agent is told, unless they took the ticket themselves', async () => {
    const other = await makeUser(m.t.deps, { roles: ['agent'], name: 'Other Agent', groupIds: [group.id] });
    const given = await openTicket({ requesterId: requester.id });
    assert.equal((await api.post(`/api/v1/tickets/${given.id}/assign`, { assigneeId: other.id }, { token: supervisor.token })).status, 200);
    const taken = await openTicket({ requesterId: requester.id });
    assert.equal((await api.post(`/api/v1/tickets/${taken.id}/assign`, undefined, { token: other.token })).status, 200);
    await m.deliver();
    const mail = await m.sink.waitFor((x) => aboutTicket(given.number)(x) && addressesOf(x.to).includes(other.email));
    assert.equal(mail.subject, `[#${given.number}] Assigned to you: ${given.title}`);
    assert.ok(mail.text?.includes(`${PUBLIC_URL}/agent/tickets/${given.id}`));
    assert.match(mail.text ?? '', new RegExp(`Requester: Alex Requester <${requester.email}>`));
    assert.deepEqual((await outboundOf(given.id)).map((o) => o.kind), ['ticket_created', 'agent_assigned']);
    assert.deepEqual((await outboundOf(taken.id)).map((o) => o.kind), ['ticket_created']);
  });

  test("a requester's reply goes to the assignee, and to nobody when the ticket is unassigned", async () => {
    const assigned = await openTicket({ requesterId: requester.id, groupId: group.id, assigneeId: agent.id }, supervisor.token);
    const unassigned = await openTicket({ requesterId: requester.id });
    for (const ticket of [assigned, unassigned]) {
      const r = await api.post(`/api/v1/tickets/${ticket.id}/replies`, { body: 'Still broken, sorry!' }, { token: requester.token });
      assert.equal(r.status, 201, JSON.stringify(r.body));
    }
    await m.deliver();
    const mail = await m.sink.waitFor((x) => aboutTicket(assigned.number)(x) && /New reply/.test(x.subject ?? ''));
    assert.deepEqual(addressesOf(mail.to), [agent.email]);
    assert.equal(mail.subject, `[#${assigned.number}] New reply from Alex Requester: ${assigned.title}`);
    assert.match(mail.text ?? '', /Still broken, sorry!/);
    assert.ok(mail.text?.includes(`${PUBLIC_URL}/agent/tickets/${assigned.id}`));
    assert.equal(header(mail, 'auto-submitted'), 'auto-generated');
    assert.deepEqual((await outboundOf(assigned.id)).map((o) => o.kind), ['ticket_created', 'agent_assigned', 'agent_new_reply']);
    assert.deepEqual((await outboundOf(unassigned.id)).map((o) => o.kind), ['ticket_created']);
  });

  test('a requester whose last mail was auto-submitted gets no mail at all', async () => {
    const ticket = await openTicket({ requesterId: requester.id });
    const at = isoNow(m.t.deps.clock);
    await m.t.deps.db
      .insertInto('inbound_messages')
      .values({
        message_id: `auto-${uniq()}@mail.example.test`,
        source: 'api',
        envelope_to: '[]',
        size: 40,
        status: 'processed',
        is_auto: 1,
        ticket_id: ticket.id,
        attempts: 1,
        duplicates: 0,
        received_at: at,
      })
      .execute();
    assert.equal((await api.post(`/api/v1/tickets/${ticket.id}/replies`, { body: 'Hello?' }, { token: agent.token })).status, 201);
    assert.equal((await api.post(`/api/v1/tickets/${ticket.id}/resolve`, resolution, { token: agent.token })).status, 200);
    assert.deepEqual((await outboundOf(ticket.id)).map((o) => o.kind), ['ticket_created']);
  });
});

describe('outbound list', () => {
  test('supervisors read it, filtered; agents and requesters cannot', async () => {
    const ticket = await openTicket({ requesterId: requester.id });
    const queued = await api.get(`/api/v1/email/outbound?status=queued&ticketId=${ticket.id}`, { token: supervisor.token });
    assert.equal(queued.status, 200);
    assert.equal(queued.body.items.length, 1);
    assert.deepEqual(queued.body.items[0].ticket, { id: ticket.id, number: ticket.number });
    await m.deliver();
    assert.equal((await api.get(`/api/v1/email/outbound?status=queued&ticketId=${ticket.id}`, { token: supervisor.token })).body.items.length, 0);
    const page = await api.get('/api/v1/email/outbound?limit=1', { token: supervisor.token });
    assert.equal(page.body.items.length, 1);
    assert.ok(page.body.nextCursor);
    const next = await api.get(`/api/v1/email/outbound?limit=1&cursor=${page.body.nextCursor}`, { token: supervisor.token });
    assert.ok(next.body.items[0].id < page.body.items[0].id);
    assert.equal((await api.get('/api/v1/email/outbound?cursor=nope', { token: supervisor.token })).status, 400);
    assert.equal((await api.get('/api/v1/email/outbound', { token: agent.token })).status, 403);
    assert.equal((await api.get('/api/v1/email/outbound', { token: requester.token })).status, 403);
  });
});
