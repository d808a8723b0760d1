// The built-in SMTP listener with a real SMTP client: 250 once stored, 550 for addresses
// that are not ours when mailboxes are configured.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import nodemailer from 'nodemailer';
import { client, startTestApp, type TestApp } from '../../test/harness.ts';
import { makeUser, uniq, type MadeUser } from '../../test/factories.ts';
import { processPendingInbound } from './inbound.service.ts';
import { startSmtpListener, type SmtpListener } from './smtp-listener.ts';

let app: TestApp;
let smtp: SmtpListener;
let admin: MadeUser;
let agent: MadeUser;

before(async () => {
  app = await startTestApp();
  smtp = await startSmtpListener(app.deps, { port: 0, host: '127.0.0.1' });
  admin = await makeUser(app.deps, { roles: ['admin'] });
  agent = await makeUser(app.deps, { roles: ['agent'] });
});
after(async () => {
  await smtp.close();
  await app.close();
});

const transport = () => nodemailer.createTransport({ host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true });

describe('SMTP listener', () => {
  test('with no mailbox configured, mail to any address becomes a ticket; 250 names the stored message', async () => {
    const from = `paul.${uniq()}@example.test`;
    const info = await transport().sendMail({ from: `Paul Durand <${from}>`, to: 'anything@helpdesk.test', subject: 'Écran noir après la mise à jour', text: 'Depuis ce matin mon écran reste noir.' });
    assert.match(info.response, /^250 .*Stored as #\d+/);
    await processPendingInbound(app.deps);
    const api = client(app);
    const list = await api.get(`/api/v1/tickets?channel=email&requesterId=${(await api.get(`/api/v1/users?q=${from}`, { token: admin.token })).body.items[0].id}`, { token: agent.token });
    assert.equal(list.body.items.length, 1);
    const t = list.body.items[0];
    assert.equal(t.title, 'Écran noir après la mise à jour');
    assert.equal(t.requester.email, from);
    assert.equal(t.channel, 'email');
  });

  test('the same message sent twice is stored once and acknowledged both times', async () => {
    const messageId = `<twice.${uniq()}@example.test>`;
    const mail = { from: `anne.${uniq()}@example.test`, to: 'help@helpdesk.test', subject: 'Twice over SMTP', text: 'Hi', messageId };
    const a = await transport().sendMail(mail);
    const b = await transport().sendMail(mail);
    assert.match(a.response, /Stored as #(\d+)/);
    assert.match(b.response, /Already received as #(\d+)/);
    assert.equal(/#(\d+)/.exec(a.response)![1], /#(\d+)/.exec(b.response)![1]);
  });

  test('with mailboxes configured, only their addresses (and +tag variants) are accepted; others get 550', async () => {
    const address = `support-${uniq()}@helpdesk.test`;
    const created = await client(app).post('/api/v1/email/mailboxes', { name: 'Support', address }, { token: admin.token });
    assert.equal(created.status, 201);
    try {
      const ok = await transport().sendMail({ from: `x.${uniq()}@example.test`, to: address.replace('@', '+12@'), subject: 'Tagged', text: 'Hi' });
      assert.match(ok.response, /^250/);
      await assert.rejects(
        transport().sendMail({ from: `x.${uniq()}@example.test`, to: 'stranger@helpdesk.test', subject: 'Lost', text: 'Hi' }),
        (err: { responseCode?: number; response?: string }) => err.responseCode === 550 && /no such helpdesk mailbox/.test(err.response ?? ''),
      );
    } finally {
      await client(app).delete(`/api/v1/email/mailboxes/${created.body.id}`, { token: admin.token });
    }
  });
});
