// The email channel's screens: on the ticket page, how each mail was threaded (in words),
// its original with the quoted history the timeline trimmed, and a refused acknowledgement;
// in Administration › Mail, a new mailbox, failed and held mail retried, a failed send
// retried, and a French template edited, kept across a reload, and reset. Axe on each.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { client, startTestApp, type TestApp } from '../server/src/test/harness.ts';
import { makeUser, uniq, type MadeUser } from '../server/src/test/factories.ts';
import { startSmtpSink, type SmtpSink } from '../server/src/test/smtp-sink.ts';
import { startJobRunner, type JobRunner } from '../server/src/lib/jobs.ts';
import { notificationJobs } from '../server/src/modules/notifications/notifications.jobs.ts';
import { closeMailTransports } from '../server/src/modules/notifications/mail-transport.ts';
import { processPendingInbound } from '../server/src/modules/email/inbound.service.ts';
import { launchBrowser, newContext, screenshot, signIn, assertAccessible } from './browser.ts';

const SENDER_LIMIT = 3;
let app: TestApp;
let browser: Browser;
let sink: SmtpSink;
let runner: JobRunner;
let api: ReturnType<typeof client>;
let admin: MadeUser;
let agent: MadeUser;

before(async () => {
  sink = await startSmtpSink();
  const env = { GUICHET_SMTP_RELAY: sink.url, GUICHET_MAIL_FROM: 'IT Support <support@help.example.test>', GUICHET_MAIL_SENDER_LIMIT: String(SENDER_LIMIT) };
  [app, browser] = await Promise.all([startTestApp({ env }), launchBrowser()]);
  runner = startJobRunner(app.deps, notificationJobs().handlers, [], { pollMs: 0 });
  api = client(app);
  admin = await makeUser(app.deps, { roles: ['admin'], name: 'Ada Admin' });
  agent = await makeUser(app.deps, { roles: ['agent'], name: 'Alex Agent' });
});
after(async () => {
  await runner?.stop();
  closeMailTransports();
  await sink?.close();
  await browser?.close();
  await app?.close();
});

/** A raw message: headers, then a body (a string, or MIME parts with their own headers). */
function message(h: Record<string, string>, body: string): Buffer {
  const headers = { Date: 'Mon, 30 Nov 2026 09:00:00 +0100', 'MIME-Version': '1.0', 'Content-Type': 'text/plain; charset=utf-8', ...h };
  return Buffer.from(`${Object.entries(headers).map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n${body}`);
}

/** Delivers a raw message as a mail server would, and waits until it is processed. */
async function deliver(raw: Buffer): Promise<any> {
  const r = await api.post('/api/v1/email/inbound', undefined, { token: admin.token, headers: { 'content-type': 'message/rfc822' }, raw });
  assert.equal(r.status, 202, JSON.stringify(r.body));
  await processPendingInbound(app.deps);
  const m = await api.get(`/api/v1/email/inbound/${r.body.id}`, { token: admin.token });
  assert.equal(m.status, 200, JSON.stringify(m.body));
  return m.body;
}

/** Runs every due job (the email.send ones here) until none is left. */
async function runJobs(): Promise<void> {
  while ((await runner.runDueJobs()) > 0);
}

test('the agent sees how each mail was threaded, reads the original, and sees the acknowledgement that was refused', async () => {
  const sender = `chloe.${uniq()}@acme-${uniq()}.test`;
  const firstId = `first.${uniq()}@mail.test`;
  const first = await deliver(message({ From: `Chloé Martin <${sender}>`, To: 'support@help.example.test', Subject: '=?UTF-8?Q?Imprimante_bloqu=C3=A9e?=', 'Message-ID': `<${firstId}>` }, 'Bonjour,\r\nthe printer on floor 2 is jammed.\r\n'));
  assert.equal(first.outcome, 'ticket_created');
  const ticket = first.ticket as { id: number; number: number };
  // The relay refuses the acknowledgement for good: the send fails and the ticket says so.
  sink.failNext(1, 550);
  await runJobs();

  const boundary = `b-${uniq()}`;
  const reply = await deliver(
    message(
      { From: sender, To: 'support@help.example.test', Subject: 'Re: Imprimante bloquée', 'Message-ID': `<reply.${uniq()}@mail.test>`, 'In-Reply-To': `<${firstId}>`, 'Content-Type': `multipart/alternative; boundary="${boundary}"` },
      [
        `--${boundary}`,
        'Content-Type: text/plain; charset=utf-8',
        '',
        'It is jammed again this morning.',
        '',
        'On Mon, 30 Nov 2026 at 09:00, Chloé Martin wrote:',
        '> Bonjour,',
        '> the printer on floor 2 is jammed.',
        `--${boundary}`,
        'Content-Type: text/html; charset=utf-8',
        '',
        '<p>It is jammed again <b>this morning</b>.</p><blockquote>the printer on floor 2 is jammed.</blockquote><script>window.parent.pwned = 1</script><img src="x" onerror="window.parent.pwned = 2">',
        `--${boundary}--`,
        '',
      ].join('\r\n'),
    ),
  );
  assert.equal(reply.outcome, 'reply_added');

  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, app.baseUrl, agent.email, agent.password);
  await page.goto(`${app.baseUrl}/agent/tickets/${ticket.id}`);
  await page.getByRole('heading', { level: 1, name: /Imprimante bloquée/ }).waitFor();

  const timeline = page.getByRole('region', { name: 'Timeline', exact: true });
  const opening = timeline.getByRole('article').filter({ hasText: 'Opened via Email' });
  await opening.getByText('New ticket: no reference to an earlier one').waitFor();
  assert.match(await opening.innerText(), /By email/);
  const replyCard = timeline.getByRole('article').filter({ hasText: 'Reply from the requester' });
  await replyCard.getByText(`Threaded by In-Reply-To <${firstId}>`).waitFor();
  const replyText = await replyCard.innerText();
  assert.match(replyText, /It is jammed again this morning\./);
  assert.match(replyText, /Quoted history and signature hidden\./);
  assert.doesNotMatch(replyText, /wrote:|> the printer/, 'the timeline shows the reply without its quoted history');

  // The refused acknowledgement: an internal line in the timeline, and Failed in the Email panel.
  await timeline.getByText(new RegExp(`Mail to ${sender.replace(/\./g, '\\.')} could not be sent: .*550`)).waitFor();
  const panel = page.getByRole('region', { name: 'Email', exact: true });
  await panel.getByText('Failed', { exact: true }).waitFor();
  assert.match(await panel.innerText(), /550/);
  await assertAccessible(page, 'ticket page with mail');
  await screenshot(page, 'email-ticket');

  await replyCard.getByRole('button', { name: 'Show the original' }).click();
  const dialog = page.getByRole('dialog', { name: 'Original message' });
  await dialog.getByText('> the printer on floor 2 is jammed.', { exact: false }).waitFor();
  assert.match(await dialog.innerText(), new RegExp(`From\\s+${sender.replace(/\./g, '\\.')}`));
  const frame = dialog.locator('iframe');
  assert.equal(await frame.getAttribute('sandbox'), '', 'the HTML is shown in a sandbox that allows nothing');
  await page.frameLocator('dialog iframe').getByText('this morning').waitFor();
  assert.equal(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned), undefined, 'nothing in the mail ran');
  assert.equal(await dialog.getByRole('link', { name: 'Download the raw message (.eml)' }).getAttribute('href'), `/api/v1/email/inbound/${reply.id}/raw`);
  await assertAccessible(page, 'original message dialog');
  await screenshot(page, 'email-original');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await context.close();
});

async function openMailSection(page: Page, name: string) {
  await page.getByRole('navigation', { name: 'Mail sections' }).getByRole('link', { name }).click();
  await page.getByRole('heading', { level: 3 }).first().waitFor();
}

test('an admin adds a mailbox, retries failed and held mail and a failed send, and edits a French template', async () => {
  // Mail that needs a look: one without a sender (failed), one past the per-sender limit (held).
  const noSender = await deliver(message({ To: 'support@help.example.test', Subject: `No sender ${uniq()}`, 'Message-ID': `<nofrom.${uniq()}@mail.test>` }, 'Who am I?\r\n'));
  assert.equal(noSender.status, 'failed');
  const storm = `storm.${uniq()}@acme-${uniq()}.test`;
  let held: any;
  for (let i = 0; i <= SENDER_LIMIT; i++) held = await deliver(message({ From: storm, Subject: `Storm ${i}`, 'Message-ID': `<storm.${i}.${uniq()}@mail.test>` }, 'Again.\r\n'));
  assert.equal(held.status, 'held');
  // A send the relay refuses: the acknowledgement of a ticket from a new sender.
  const refused = `refused.${uniq()}@acme-${uniq()}.test`;
  await runJobs();
  sink.failNext(1, 550);
  const opened = await deliver(message({ From: refused, Subject: 'Scanner', 'Message-ID': `<scan.${uniq()}@mail.test>` }, 'The scanner is off.\r\n'));
  await runJobs();

  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, app.baseUrl, admin.email, admin.password);
  await page.goto(`${app.baseUrl}/agent/admin`);
  await page.getByRole('navigation', { name: 'Administration sections' }).getByRole('link', { name: 'Mail' }).click();
  await page.waitForURL(/\/agent\/admin\/mail\/mailboxes$/);
  await page.getByRole('heading', { name: 'Mailboxes', level: 3 }).waitFor();

  // A mailbox with IMAP polling (inactive: nothing polls a server that is not there).
  const name = `Service desk ${uniq()}`;
  const address = `desk-${uniq()}@help.example.test`;
  const form = page.getByRole('region', { name: 'New mailbox' });
  await form.getByLabel('Name', { exact: true }).fill(name);
  await form.getByLabel('Address', { exact: true }).fill(address);
  await form.getByLabel('Fetch mail from an IMAP mailbox').check();
  await form.getByLabel('Server', { exact: true }).fill('127.0.0.1');
  await form.getByLabel('Port', { exact: true }).fill('10143');
  await form.getByLabel('Use TLS', { exact: true }).uncheck();
  await form.getByLabel('User name', { exact: true }).fill('desk');
  await form.getByLabel('Password', { exact: true }).fill('s3cret-pass');
  await form.getByLabel('After storing a message', { exact: true }).selectOption('flag');
  await form.getByLabel('Active', { exact: true }).uncheck();
  await form.getByRole('button', { name: 'Create mailbox' }).click();
  await form.getByText(`Mailbox ${name} created.`).waitFor();
  const row = page.getByRole('table', { name: 'Mailboxes' }).getByRole('row', { name: new RegExp(name) });
  assert.deepEqual((await row.getByRole('cell').allInnerTexts()).slice(0, 5), [name, address, 'IMAP 127.0.0.1', 'Never', 'Inactive']);
  // The password is write-only: the edit form offers to keep it.
  const edit = page.getByRole('region', { name: `Mailbox ${name}` });
  await edit.getByText('Leave empty to keep the current password.').waitFor();
  assert.equal(await edit.getByLabel('Password', { exact: true }).inputValue(), '');
  const stored = (await api.get('/api/v1/email/mailboxes', { token: admin.token })).body.items.find((m: any) => m.address === address);
  assert.deepEqual([stored.imap.hasPassword, stored.imap.tls, stored.imap.processedAction, stored.active], [true, false, 'flag', false]);
  await assertAccessible(page, 'mail › mailboxes');
  await screenshot(page, 'email-admin-mailboxes');

  // Failed mail: retried, still failed (no sender), the reason and the attempts shown.
  await openMailSection(page, 'Incoming problems');
  const failed = page.getByRole('region', { name: 'Mail that could not be processed' });
  const failedRow = failed.getByRole('row', { name: /no sender address/ });
  assert.match(await failedRow.innerText(), /unknown/);
  await assertAccessible(page, 'mail › incoming problems');
  await failedRow.getByRole('button', { name: /^Retry the message from unknown/ }).click();
  await failed.getByText(/^Processed again, still not delivered to a ticket: .*no sender address/).waitFor();
  await failedRow.getByRole('cell', { name: '2', exact: true }).waitFor();
  // Held mail: retried, it becomes a ticket and leaves the list.
  const heldList = page.getByRole('region', { name: 'Mail held back' });
  const heldRow = heldList.getByRole('row', { name: new RegExp(`${storm.replace(/\./g, '\\.')}.*Storm ${SENDER_LIMIT}`) });
  await heldRow.getByRole('button', { name: /^Retry/ }).click();
  const made = heldList.getByText(/^The message was processed again: ticket #\d+\.$/);
  await made.waitFor();
  await heldRow.waitFor({ state: 'detached' });
  const after = (await api.get(`/api/v1/email/inbound/${held.id}`, { token: admin.token })).body;
  assert.deepEqual([after.status, after.outcome, (await made.innerText()).includes(`#${after.ticket.number}`)], ['processed', 'ticket_created', true]);

  // A failed send: Retry queues it again, and it leaves.
  await openMailSection(page, 'Sending failures');
  const sendRow = page.getByRole('table', { name: 'Mail that could not be sent' }).getByRole('row', { name: new RegExp(refused.replace(/\./g, '\\.')) });
  assert.match(await sendRow.innerText(), new RegExp(`#${opened.ticket.number}[\\s\\S]*550`));
  await assertAccessible(page, 'mail › sending failures');
  await sendRow.getByRole('button', { name: /^Retry the mail to/ }).click();
  await page.getByText('The mail is queued again.').waitFor();
  await sendRow.waitFor({ state: 'detached' });
  await runJobs();
  await sink.waitFor((m) => m.envelope.to.includes(refused));

  // Templates: the French acknowledgement's subject, saved, kept across a reload, then reset.
  await openMailSection(page, 'Templates');
  const templates = page.getByRole('region', { name: 'Templates', exact: true });
  await templates.getByLabel('Notification', { exact: true }).selectOption({ label: 'Acknowledgement of a new ticket' });
  await templates.getByLabel('Language', { exact: true }).selectOption({ label: 'French' });
  const editor = page.getByRole('form', { name: /Acknowledgement of a new ticket · French/ });
  await editor.getByText('Built-in default').waitFor();
  const subject = editor.getByLabel('Subject', { exact: true });
  const original = await subject.inputValue();
  assert.match(original, /\{\{ticket\.number\}\}/);
  const marker = uniq();
  await subject.fill(`Bien reçu ${marker} [#{{ticket.number}}] {{ticket.title}}`);
  await editor.getByRole('button', { name: 'Save template' }).click();
  await editor.getByText('Template saved.').waitFor();
  await editor.getByRole('button', { name: 'Preview' }).click();
  const preview = page.getByRole('region', { name: 'Preview with example values' });
  await preview.getByText(new RegExp(`^Bien reçu ${marker} \\[#\\d+\\] \\S`)).waitFor();
  await assertAccessible(page, 'mail › templates');
  await screenshot(page, 'email-admin-templates');
  await page.reload();
  const reloaded = page.getByRole('form', { name: /Acknowledgement of a new ticket · French/ });
  await reloaded.getByText('Customised').waitFor();
  assert.equal(await reloaded.getByLabel('Subject', { exact: true }).inputValue(), `Bien reçu ${marker} [#{{ticket.number}}] {{ticket.title}}`);
  await reloaded.getByRole('button', { name: 'Reset to default' }).click();
  await reloaded.getByRole('button', { name: 'Confirm: go back to the built-in text' }).click();
  await page.getByText('The built-in default is back.').waitFor();
  await page.getByRole('form', { name: /Acknowledgement of a new ticket · French/ }).getByText('Built-in default').waitFor();
  assert.equal(await page.getByRole('form', { name: /French/ }).getByLabel('Subject', { exact: true }).inputValue(), original);
  const api_ = (await api.get('/api/v1/email/templates/ticket_created/fr', { token: admin.token })).body;
  assert.deepEqual([api_.customised, api_.subject], [false, original]);
  await context.close();
});
