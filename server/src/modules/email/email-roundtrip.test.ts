// The whole conversation over real SMTP: a requester writes in, gets the acknowledgement,
// answers it from their mail client, an agent replies, the requester answers that too —
// and everything lands on one ticket, threaded by the headers mail clients really send.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import nodemailer from 'nodemailer';
import { client, startTestApp, type TestApp } from '../../test/harness.ts';
import { makeUser, uniq, type MadeUser } from '../../test/factories.ts';
import { startSmtpSink, type SmtpSink, type SinkMessage } from '../../test/smtp-sink.ts';
import { startJobRunner, type JobRunner } from '../../lib/jobs.ts';
import { notificationJobs } from '../notifications/notifications.jobs.ts';
import { processPendingInbound } from './inbound.service.ts';
import { startSmtpListener, type SmtpListener } from './smtp-listener.ts';

let sink: SmtpSink;
let app: TestApp;
let listener: SmtpListener;
let runner: JobRunner;
let agent: MadeUser;
let admin: MadeUser;
const mailbox = `support-${uniq()}@helpdesk.test`;

before(async () => {
  sink = await startSmtpSink();
  app = await startTestApp({ env: { GUICHET_SMTP_RELAY: sink.url } });
  listener = await startSmtpListener(app.deps, { port: 0, host: '127.0.0.1' });
  const { handlers } = notificationJobs();
  runner = startJobRunner(app.deps, handlers, [], { pollMs: 50 });
  agent = await makeUser(app.deps, { roles: ['agent'] });
  admin = await makeUser(app.deps, { roles: ['admin'] });
  const r = await client(app).post('/api/v1/email/mailboxes', { name: 'Support', address: mailbox }, { token: admin.token });
  assert.equal(r.status, 201);
});
after(async () => {
  await runner.stop();
  await listener.close();
  await app.close();
  await sink.close();
});

// What a mail client does with "Reply": answer the Reply-To, keep the thread headers.
async function answer(to: SinkMessage, from: string, text: string) {
  const references = [...(Array.isArray(to.references) ? to.references : to.references ? [to.references] : []), to.messageId!];
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: listener.port, ignoreTLS: true });
  await transport.sendMail({
    from,
    to: (to.replyTo?.value[0]?.address ?? to.from!.value[0].address)!,
    subject: `Re: ${to.subject}`,
    inReplyTo: to.messageId,
    references,
    text: `${text}\n\nLe lun. 30 nov. 2026 à 10:00, Support <${mailbox}> a écrit :\n> ${(to.text ?? '').split('\n').join('\n> ')}\n`,
  });
  await processPendingInbound(app.deps);
}

test('mail in, acknowledgement out, replies both ways: one ticket, threaded by In-Reply-To', async () => {
  const api = client(app);
  const requester = `lucie.${uniq()}@example.test`;
  const firstId = `<first.${uniq()}@example.test>`;
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: listener.port, ignoreTLS: true });
  await transport.sendMail({ from: `Lucie Martin <${requester}>`, to: mailbox, cc: 'boss@example.test', subject: 'VPN refuse la connexion', text: 'Le VPN refuse ma connexion depuis ce matin.', messageId: firstId });
  await processPendingInbound(app.deps);

  const ack = await sink.waitFor((m) => m.envelope.to.includes(requester), 10_000);
  const number = Number(/\[#(\d+)\]/.exec(ack.subject ?? '')?.[1]);
  assert.ok(number > 0, `the acknowledgement's subject carries the ticket tag: ${ack.subject}`);
  assert.equal(ack.inReplyTo, firstId, 'the acknowledgement answers the requester’s message');
  assert.match(ack.replyTo?.value[0]?.address ?? '', new RegExp(`\\+${number}@`), 'the reply address carries the ticket number');
  const tickets = await api.get(`/api/v1/tickets?channel=email&q=VPN`, { token: agent.token });
  const ticket = tickets.body.items.find((t: { number: number }) => t.number === number);
  assert.ok(ticket, 'the ticket exists');

  await answer(ack, requester, 'J’ai redémarré, toujours pareil.');
  const afterFirst = await api.get(`/api/v1/tickets/${ticket.id}/timeline`, { token: agent.token });
  const reply = afterFirst.body.items.find((e: { kind: string }) => e.kind === 'reply');
  assert.equal(reply.body, 'J’ai redémarré, toujours pareil.');
  assert.deepEqual(reply.data.email.match, { by: 'in-reply-to', messageId: ack.messageId!.replace(/[<>]/g, '') });

  const sent = await api.post(`/api/v1/tickets/${ticket.id}/replies`, { body: 'Pouvez-vous essayer le profil « Siège » ?' }, { token: agent.token });
  assert.equal(sent.status, 201);
  const agentMail = await sink.waitFor((m) => m.envelope.to.includes(requester) && (m.text ?? '').includes('Siège'), 10_000);
  assert.ok(agentMail.envelope.to.includes('boss@example.test') || agentMail.cc !== undefined, 'the person copied is kept informed');
  const refs = Array.isArray(agentMail.references) ? agentMail.references : [agentMail.references];
  assert.ok(refs.includes(firstId), 'References keep the start of the conversation');

  await answer(agentMail, requester, 'Avec « Siège » ça marche, merci !');
  const timeline = await api.get(`/api/v1/tickets/${ticket.id}/timeline`, { token: agent.token });
  const replies = timeline.body.items.filter((e: { kind: string; author: { email: string } | null }) => e.kind === 'reply' && e.author?.email === requester);
  assert.deepEqual(replies.map((e: { body: string }) => e.body), ['J’ai redémarré, toujours pareil.', 'Avec « Siège » ça marche, merci !']);
  const email = await api.get(`/api/v1/tickets/${ticket.id}/email`, { token: agent.token });
  assert.deepEqual(email.body.ccs.map((c: { email: string }) => c.email), ['boss@example.test']);
  assert.equal(email.body.inbound.length, 3);
  assert.ok(email.body.outbound.every((o: { status: string }) => o.status === 'sent'));
});
