// Inbound mail through the API: stored first, threaded with a recorded reason, applied once.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { client, startTestApp, type TestApp } from '../../test/harness.ts';
import { makeOrganisation, makeUser, uniq, type MadeUser } from '../../test/factories.ts';
import { assertProblem } from '../../test/assertions.ts';
import { processPendingInbound } from './inbound.service.ts';

let app: TestApp;
let api: ReturnType<typeof client>;
let admin: MadeUser;
let agent: MadeUser;
let domain: string;

before(async () => {
  app = await startTestApp({ env: { GUICHET_MAIL_SENDER_LIMIT: '5' } });
  api = client(app);
  admin = await makeUser(app.deps, { roles: ['admin'] });
  agent = await makeUser(app.deps, { roles: ['agent'] });
  domain = `acme-${uniq()}.test`;
  await makeOrganisation(app.deps, { name: `Acme ${uniq()}`, domains: [domain] });
});
after(() => app.close());

function message(h: Record<string, string>, body = 'Hello,\r\nthe printer on floor 2 is jammed again.\r\n'): string {
  const headers = { Date: 'Mon, 30 Nov 2026 09:00:00 +0100', 'MIME-Version': '1.0', 'Content-Type': 'text/plain; charset=utf-8', ...h };
  return Object.entries(headers).map(([k, v]) => `${k}: ${v}`).join('\r\n') + '\r\n\r\n' + body;
}

async function deliver(raw: string | Buffer) {
  const r = await api.post('/api/v1/email/inbound', undefined, { token: admin.token, headers: { 'content-type': 'message/rfc822' }, raw: typeof raw === 'string' ? Buffer.from(raw) : raw });
  assert.equal(r.status, 202, JSON.stringify(r.body));
  await processPendingInbound(app.deps);
  const m = await api.get(`/api/v1/email/inbound/${r.body.id}`, { token: admin.token });
  assert.equal(m.status, 200);
  return { ...m.body, duplicate: r.body.duplicate as boolean };
}

describe('inbound mail', () => {
  let first: any;
  const requesterEmail = () => `jeanne.${uniq()}@${domain}`;
  let jeanne: string;

  test('a new message makes an email ticket: decoded subject as title, requester from From, placed by domain', async () => {
    jeanne = requesterEmail();
    first = await deliver(message({ From: `=?UTF-8?Q?Jeanne_All=C3=A9gre?= <${jeanne}>`, To: 'support@helpdesk.test', Subject: '=?UTF-8?B?SW1wcmltYW50ZSBibG9xdcOpZQ==?=', 'Message-ID': `<m1.${uniq()}@mail.test>` }));
    assert.equal(first.status, 'processed');
    assert.equal(first.outcome, 'ticket_created');
    assert.deepEqual(first.match, { by: 'new', why: 'no-reference' });
    const t = await api.get(`/api/v1/tickets/${first.ticket.id}`, { token: agent.token });
    assert.equal(t.body.channel, 'email');
    assert.equal(t.body.title, 'Imprimante bloquée');
    assert.equal(t.body.requester.email, jeanne);
    assert.equal(t.body.requester.name, 'Jeanne Allégre');
    assert.ok(t.body.organisation, 'placed in the organisation owning the domain');
    const tl = await api.get(`/api/v1/tickets/${first.ticket.id}/timeline`, { token: agent.token });
    assert.deepEqual(tl.body.items[0].data.email, { inboundId: first.id, match: { by: 'new', why: 'no-reference' }, auto: false });
  });

  test('a reply joins through In-Reply-To, without its quoted history; the original stays viewable', async () => {
    const reply = await deliver(
      message(
        { From: jeanne, To: 'support@helpdesk.test', Subject: 'Re: Imprimante bloquée', 'Message-ID': `<m2.${uniq()}@mail.test>`, 'In-Reply-To': `<${first.messageId}>` },
        'It is jammed again this morning.\r\n\r\nOn Mon, 30 Nov 2026 at 09:00, Jeanne wrote:\r\n> Hello,\r\n> the printer on floor 2 is jammed again.\r\n',
      ),
    );
    assert.equal(reply.outcome, 'reply_added');
    assert.deepEqual(reply.match, { by: 'in-reply-to', messageId: first.messageId });
    assert.equal(reply.ticket.id, first.ticket.id);
    const tl = await api.get(`/api/v1/tickets/${first.ticket.id}/timeline`, { token: agent.token });
    const event = tl.body.items.find((e: any) => e.kind === 'reply');
    assert.equal(event.body, 'It is jammed again this morning.');
    assert.equal(event.data.email.trimmed, true);
    assert.equal(event.author.email, jeanne);
    assert.match(reply.text, /> the printer on floor 2/);
  });

  test('the ticket tag in the subject joins the ticket for its requester, never for a stranger', async () => {
    const tagged = await deliver(message({ From: jeanne, To: 'support@helpdesk.test', Subject: `Encore [#${first.ticket.number}]`, 'Message-ID': `<m3.${uniq()}@mail.test>` }, 'Still broken.\r\n'));
    assert.equal(tagged.outcome, 'reply_added');
    assert.deepEqual(tagged.match, { by: 'subject-tag', ticketNumber: first.ticket.number });
    const stranger = await deliver(message({ From: `someone.${uniq()}@elsewhere.test`, To: 'support@helpdesk.test', Subject: `Re: Imprimante [#${first.ticket.number}]`, 'Message-ID': `<m4.${uniq()}@mail.test>` }));
    assert.equal(stranger.outcome, 'ticket_created');
    assert.deepEqual(stranger.match, { by: 'new', why: 'not-participant', relatedTicketNumber: first.ticket.number });
    assert.notEqual(stranger.ticket.id, first.ticket.id);
  });

  test('the same Message-ID delivered twice makes one ticket', async () => {
    const raw = message({ From: requesterEmail(), To: 'support@helpdesk.test', Subject: 'Twice', 'Message-ID': `<dup.${uniq()}@mail.test>` });
    const a = await deliver(raw);
    const b = await deliver(raw);
    assert.equal(b.duplicate, true);
    assert.equal(b.id, a.id);
    assert.equal(b.duplicates, 1);
    const list = await api.get(`/api/v1/tickets?q=Twice`, { token: agent.token });
    assert.equal(list.body.items.filter((t: any) => t.id === a.ticket.id).length, 1);
  });

  test('our own mail coming back is ignored as a loop; an out-of-office on a ticket is a note that changes nothing', async () => {
    await api.post('/api/v1/email/mailboxes', { name: 'Support', address: `support-${uniq()}@helpdesk.test` }, { token: admin.token }).then(async (r) => {
      assert.equal(r.status, 201);
      const loop = await deliver(message({ From: r.body.address, To: r.body.address, Subject: 'Loop', 'Message-ID': `<loop.${uniq()}@mail.test>` }));
      assert.equal(loop.status, 'ignored');
      assert.equal(loop.outcome, 'ignored_loop');
      await api.delete(`/api/v1/email/mailboxes/${r.body.id}`, { token: admin.token });
    });
    // With no GUICHET_MAIL_FROM, our mail leaves as helpdesk@<public host>: that is ours too.
    const host = new URL(app.deps.config.publicUrl).hostname;
    const echo = await deliver(message({ From: `helpdesk@${host}`, Subject: 'Echo', 'Message-ID': `<echo.${uniq()}@mail.test>` }));
    assert.equal(echo.outcome, 'ignored_loop');
    const before = await api.get(`/api/v1/tickets/${first.ticket.id}`, { token: agent.token });
    const ooo = await deliver(message({ From: jeanne, Subject: 'Absence', 'Auto-Submitted': 'auto-replied', 'In-Reply-To': `<${first.messageId}>`, 'Message-ID': `<ooo.${uniq()}@mail.test>` }, 'I am away until Monday.\r\n'));
    assert.equal(ooo.outcome, 'note_added');
    assert.equal(ooo.auto, true);
    const afterwards = await api.get(`/api/v1/tickets/${first.ticket.id}`, { token: agent.token });
    assert.equal(afterwards.body.status, before.body.status);
  });

  test('a message without a sender is kept as failed with the reason, and can be retried', async () => {
    const failed = await deliver(message({ To: 'support@helpdesk.test', Subject: 'No sender', 'Message-ID': `<nofrom.${uniq()}@mail.test>` }));
    assert.equal(failed.status, 'failed');
    assert.match(failed.error, /no sender address/);
    const list = await api.get('/api/v1/email/inbound?status=failed', { token: admin.token });
    assert.ok(list.body.items.some((m: any) => m.id === failed.id));
    const retried = await api.post(`/api/v1/email/inbound/${failed.id}/retry`, undefined, { token: admin.token });
    assert.equal(retried.status, 200);
    assert.equal(retried.body.status, 'failed');
    assert.equal(retried.body.attempts, 2);
    assertProblem(await api.post(`/api/v1/email/inbound/${first.id}/retry`, undefined, { token: admin.token }), 409, { detail: /only failed or held/ });
  });

  test('a mail storm from one sender is held beyond the limit, and released by a retry', async () => {
    const storm = `storm.${uniq()}@${domain}`;
    const results = [];
    for (let i = 0; i < 7; i++) results.push(await deliver(message({ From: storm, Subject: `Storm ${i}`, 'Message-ID': `<storm${i}.${uniq()}@mail.test>` })));
    assert.deepEqual(results.map((r) => r.status), ['processed', 'processed', 'processed', 'processed', 'processed', 'held', 'held']);
    const released = await api.post(`/api/v1/email/inbound/${results[5].id}/retry`, undefined, { token: admin.token });
    assert.equal(released.body.status, 'processed');
    assert.equal(released.body.outcome, 'ticket_created');
  });

  test('a new sender writing in French is answered in French; the declared Content-Language wins', async () => {
    const french = `marc.${uniq()}@${domain}`;
    await deliver(message({ From: french, Subject: 'Souris', 'Message-ID': `<fr.${uniq()}@mail.test>` }, 'Bonjour, ma souris ne fonctionne plus depuis ce matin. Merci pour votre aide.\r\n'));
    const english = `mark.${uniq()}@${domain}`;
    await deliver(message({ From: english, Subject: 'Souris', 'Content-Language': 'en-GB', 'Message-ID': `<en.${uniq()}@mail.test>` }, 'Bonjour, ma souris ne fonctionne plus.\r\n'));
    const langs = await app.deps.db.selectFrom('users').select(['email', 'language']).where('email', 'in', [french, english]).execute();
    assert.deepEqual(Object.fromEntries(langs.map((u) => [u.email, u.language])), { [french]: 'fr', [english]: 'en' });
  });

  test('bad submissions are clear 4xx problems; requesters and agents cannot list mail', async () => {
    assertProblem(await api.post('/api/v1/email/inbound', undefined, { token: admin.token, headers: { 'content-type': 'message/rfc822' }, raw: '' }), 400, { detail: /raw message/ });
    assertProblem(await api.get('/api/v1/email/inbound', { token: agent.token }), 403);
    const requester = await makeUser(app.deps, { roles: ['requester'] });
    assertProblem(await api.get(`/api/v1/email/inbound/${first.id}`, { token: requester.token }), 403);
  });
});
