// The requesters' portal: a request from submission to rating and closing, a service request,
// reopening, a reply with a screenshot, an organisation manager's view, the phone-sized layout, accessibility and French.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { client, startTestApp, type TestApp } from '../server/src/test/harness.ts';
import { type MadeUser, makeCategory, makeOrganisation, makeTicket, makeUser, uniq } from '../server/src/test/factories.ts';
import { launchBrowser, newContext, screenshot, signIn, assertAccessible } from './browser.ts';

let app: TestApp;
let browser: Browser;
let api: ReturnType<typeof client>;
let agent: MadeUser;
let requester: MadeUser;
let colleague: MadeUser;
let manager: MadeUser;
let categoryPath: string;

const record = { symptoms: 'Screen flickers', diagnosis: 'Loose docking cable', actions: 'Replaced the cable', result: 'The screen is stable' };

before(async () => {
  [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  api = client(app);
  const org = await makeOrganisation(app.deps);
  agent = await makeUser(app.deps, { roles: ['agent'], name: `Agent ${uniq()}` });
  requester = await makeUser(app.deps, { organisationId: org.id, name: `Rita ${uniq()}` });
  colleague = await makeUser(app.deps, { organisationId: org.id, name: `Colin ${uniq()}` });
  manager = await makeUser(app.deps, { organisationId: org.id, isOrgManager: true, name: `Maud ${uniq()}` });
  const hardware = await makeCategory(app.deps, { name: `Hardware ${uniq()}` });
  const laptop = await makeCategory(app.deps, { name: 'Laptop', parentId: hardware.id });
  categoryPath = `${hardware.name} / ${laptop.name}`;
});
after(async () => {
  await browser?.close();
  await app?.close();
});

/** The agent uploads the files first, then posts the reply naming them (as the composer does). */
async function replyAsAgent(ticketId: number, reply: string, files: string[] = []) {
  let attachmentIds: number[] = [];
  if (files.length) {
    const fd = new FormData();
    for (const name of files) fd.append('file', new Blob([`${name} ${uniq()}`], { type: 'text/plain' }), name);
    const up = await api.post(`/api/v1/tickets/${ticketId}/attachments`, undefined, { token: agent.token, raw: fd });
    assert.equal(up.status, 201, JSON.stringify(up.body));
    attachmentIds = (up.body.items as { id: number }[]).map((a) => a.id);
  }
  const r = await api.post(`/api/v1/tickets/${ticketId}/replies`, { body: reply, attachmentIds }, { token: agent.token });
  assert.equal(r.status, 201, JSON.stringify(r.body));
}

async function resolveAsAgent(ticketId: number, reply?: string, files: string[] = []) {
  if (reply) await replyAsAgent(ticketId, reply, files);
  const r = await api.post(`/api/v1/tickets/${ticketId}/resolve`, record, { token: agent.token });
  assert.equal(r.status, 200, JSON.stringify(r.body));
}

const hasHorizontalScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);

test('a requester submits a request with a category and a file, follows it, rates it and accepts the solution', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, app.baseUrl, requester.email, requester.password);
  await page.waitForURL(/\/portal$/);
  await page.getByRole('heading', { name: 'My requests' }).waitFor();
  await page.getByText('You have no requests yet').waitFor();

  await page.getByRole('link', { name: 'New request' }).click();
  await page.getByRole('heading', { name: 'New request' }).waitFor();
  // Required fields are checked before anything is sent.
  await page.getByRole('button', { name: 'Send my request' }).click();
  assert.equal(await page.getByText('Please fill in this field.').count(), 2);
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('name')), 'title');
  await assertAccessible(page, 'new request page');

  const title = `Second screen flickers ${uniq()}`;
  const description = 'Since Monday the second screen flickers.\n<script>window.__xss = 1</script>';
  await page.getByLabel('Subject').fill(title);
  await page.getByLabel('Description').fill(description);
  await page.getByLabel('Category').selectOption({ label: categoryPath });
  await page.getByLabel('Attachments').setInputFiles({ name: 'flicker.png', mimeType: 'image/png', buffer: Buffer.from('89504e470d0a1a0a', 'hex') });
  await page.getByText('flicker.png').waitFor();
  await screenshot(page, 'portal-new-request');
  await page.getByRole('button', { name: 'Send my request' }).click();

  const received = page.getByRole('heading', { name: /^Your request #\d+ has been received$/ });
  await received.waitFor();
  const reference = (await received.innerText()).match(/#\d+/)![0];
  const list = await api.get(`/api/v1/tickets?requesterId=${requester.id}`, { token: requester.token });
  const ticket = list.body.items.find((t: { reference: string }) => t.reference === reference);
  assert.equal(ticket.title, title);
  assert.equal(ticket.channel, 'portal');
  assert.equal(ticket.type, 'incident', 'something broken, the default');
  assert.equal(ticket.category.name, 'Laptop');
  const files = await api.get(`/api/v1/tickets/${ticket.id}/attachments`, { token: requester.token });
  assert.deepEqual(files.body.items.map((a: { filename: string }) => a.filename), ['flicker.png']);

  const reply = 'Please check the cable behind the docking station.';
  await resolveAsAgent(ticket.id, reply, ['cable-diagram.txt']);
  await page.getByRole('link', { name: `View request ${reference}` }).click();
  await page.getByRole('heading', { name: title }).waitFor();
  await page.getByText(reply).waitFor();
  // The reply's file is a link on the reply itself, and its upload is not told twice.
  const conversation = page.getByRole('region', { name: 'Conversation' });
  const replyItem = conversation.getByRole('listitem').filter({ hasText: reply });
  await replyItem.getByRole('list', { name: 'Files sent with this message' }).getByRole('link', { name: 'cable-diagram.txt' }).waitFor();
  assert.equal(await conversation.getByText('cable-diagram.txt').count(), 1);
  await page.getByText('Solution: The screen is stable').waitFor();
  await page.getByText('Solved: please confirm').waitFor();
  // The description is text, not markup.
  await page.getByText('<script>window.__xss = 1</script>').waitFor();
  assert.equal(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), undefined);
  await page.getByRole('link', { name: 'flicker.png' }).waitFor();
  await page.getByRole('heading', { name: 'Does this solve your problem?' }).waitFor();
  await assertAccessible(page, 'ticket page (resolved)');

  await page.getByRole('radio', { name: '4 out of 5: satisfied' }).check();
  await page.getByLabel('Comment (optional)').fill('Quick and clear, thank you.');
  await page.getByRole('button', { name: 'Send my rating' }).click();
  await page.getByText('Thank you for your feedback!').waitFor();
  await page.getByText('Your rating:').waitFor();
  await page.getByRole('button', { name: 'Yes, close the request' }).click();
  await page.getByText('Thank you: the request is closed.').waitFor();
  await page.getByText(/This request is closed/).waitFor();

  const rating = await api.get(`/api/v1/tickets/${ticket.id}/satisfaction`, { token: agent.token });
  assert.equal(rating.status, 200);
  assert.equal(rating.body.score, 4);
  assert.equal(rating.body.comment, 'Quick and clear, thank you.');
  assert.equal((await api.get(`/api/v1/tickets/${ticket.id}`, { token: agent.token })).body.status, 'closed');

  await page.getByRole('link', { name: 'Back to my requests' }).click();
  await page.getByRole('link', { name: title }).waitFor();
  await page.getByText('Closed', { exact: true }).waitFor();
  await assertAccessible(page, 'portal home');
  await screenshot(page, 'portal-home');
  await context.close();
});

test('a requester reopens a solved request with a reason, then adds a reply', async () => {
  const ticket = await makeTicket(app.deps, { requesterId: requester.id, title: `VPN drops ${uniq()}` });
  await resolveAsAgent(ticket.id);
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, app.baseUrl, requester.email, requester.password);
  await page.goto(`${app.baseUrl}/portal/tickets/${ticket.id}`);
  await page.getByRole('button', { name: 'No, reopen it' }).click();
  await page.getByLabel('What is still wrong?').fill('It dropped again this morning.');
  await page.getByRole('button', { name: 'Reopen the request' }).click();
  await page.getByText('The request has been reopened').waitFor();
  await page.getByText('Received', { exact: true }).first().waitFor();
  await page.getByLabel('Your message').fill('It happens when the laptop wakes up.');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await page.getByText('Your message has been sent.').waitFor();
  await page.getByText('It happens when the laptop wakes up.').waitFor();
  const after = await api.get(`/api/v1/tickets/${ticket.id}`, { token: agent.token });
  assert.equal(after.body.status, 'new');
  assert.equal(after.body.reopenCount, 1);
  const timeline = await api.get(`/api/v1/tickets/${ticket.id}/timeline`, { token: agent.token });
  const reopen = timeline.body.items.find((e: { kind: string }) => e.kind === 'reopen');
  assert.equal(reopen.body, 'It dropped again this morning.');
  assert.equal(timeline.body.items.at(-1).kind, 'reply');
  await context.close();
});

test('a requester replies with a screenshot: uploaded first, then on their reply card once; a failed upload sends nothing', async () => {
  const ticket = await makeTicket(app.deps, { requesterId: requester.id, title: `Error dialog ${uniq()}` });
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, app.baseUrl, requester.email, requester.password);
  await page.goto(`${app.baseUrl}/portal/tickets/${ticket.id}`);
  const message = `Here is the error ${uniq()}`;
  const attach = page.getByLabel('Attach files', { exact: true });

  // An empty file is refused by the server: no reply goes, the text and the file stay.
  await page.getByLabel('Your message').fill(message);
  await attach.setInputFiles({ name: 'empty.png', mimeType: 'image/png', buffer: Buffer.alloc(0) });
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await page.getByText('"empty.png" is empty').waitFor();
  assert.equal(await page.getByLabel('Your message').inputValue(), message);
  const before = await api.get(`/api/v1/tickets/${ticket.id}/timeline`, { token: agent.token });
  assert.equal(before.body.items.filter((e: { kind: string }) => e.kind === 'reply').length, 0, 'nothing was sent');

  await page.getByRole('button', { name: 'Remove empty.png' }).click();
  await attach.setInputFiles({ name: 'error-dialog.png', mimeType: 'image/png', buffer: Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex') });
  await page.getByText('Screenshots or documents, up to 10 files.').first().waitFor();
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await page.getByText('Your message has been sent.').waitFor();
  const conversation = page.getByRole('region', { name: 'Conversation' });
  const mine = conversation.getByRole('listitem').filter({ hasText: message });
  await mine.getByRole('list', { name: 'Files sent with this message' }).getByRole('link', { name: 'error-dialog.png' }).waitFor();
  assert.equal(await conversation.getByText('error-dialog.png').count(), 1, 'the file shows on the reply only');
  assert.equal(await page.getByLabel('Your message').inputValue(), '');
  await assertAccessible(page, 'ticket page (reply with a file)');

  const timeline = await api.get(`/api/v1/tickets/${ticket.id}/timeline`, { token: agent.token });
  const replies = timeline.body.items.filter((e: { kind: string }) => e.kind === 'reply');
  assert.equal(replies.length, 1);
  assert.equal(replies[0].body, message);
  assert.deepEqual(
    replies[0].data.attachments.map((a: { filename: string; contentType: string }) => [a.filename, a.contentType]),
    [['error-dialog.png', 'image/png']],
  );
  await context.close();
});

test("an organisation manager sees a colleague's request under \"My organisation's\"", async () => {
  const title = `Colleague's printer ${uniq()}`;
  await makeTicket(app.deps, { requesterId: colleague.id, title });
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, app.baseUrl, manager.email, manager.password);
  await page.getByRole('heading', { name: 'My requests' }).waitFor();
  await page.getByText('You have no requests yet').waitFor();
  // The scope lives in the URL and the router applies it in a transition, so the radio turns on
  // a moment after the click: click, then wait for what it shows (check() demands it at once).
  await page.getByRole('radio', { name: "My organisation's" }).click();
  await page.getByRole('link', { name: title }).waitFor();
  await page.getByText(`Requested by ${colleague.name}`).waitFor();
  await page.getByRole('link', { name: title }).click();
  await page.getByRole('heading', { name: title }).waitFor();
  await context.close();
});

test('on a phone the portal pages fit the screen', async () => {
  const ticket = await makeTicket(app.deps, { requesterId: requester.id, title: `A rather long title for a small screen that must wrap ${uniq()}` });
  await resolveAsAgent(ticket.id, `See https://intranet.example.test/${'very-long-path-segment-'.repeat(6)}`);
  const context = await newContext(browser, { mobile: true });
  const page = await context.newPage();
  await signIn(page, app.baseUrl, requester.email, requester.password);
  await page.getByRole('heading', { name: 'My requests' }).waitFor();
  assert.equal(await hasHorizontalScroll(page), false, 'portal home scrolls sideways');
  await page.getByRole('link', { name: 'New request' }).click();
  await page.getByRole('heading', { name: 'New request' }).waitFor();
  assert.equal(await hasHorizontalScroll(page), false, 'new request page scrolls sideways');
  await page.goto(`${app.baseUrl}/portal/tickets/${ticket.id}`);
  await page.getByRole('heading', { name: 'Does this solve your problem?' }).waitFor();
  assert.equal(await hasHorizontalScroll(page), false, 'ticket page scrolls sideways');
  await screenshot(page, 'portal-ticket-mobile');
  await context.close();
});

test('the portal speaks French to a French browser', async () => {
  const context = await newContext(browser, { locale: 'fr-FR' });
  const page = await context.newPage();
  await signIn(page, app.baseUrl, requester.email, requester.password);
  await page.getByRole('heading', { name: 'Mes demandes' }).waitFor();
  await page.getByRole('link', { name: 'Nouvelle demande' }).click();
  const kind = page.getByRole('group', { name: 'De quoi s’agit-il ?' });
  assert.equal(await kind.getByRole('radio', { name: 'Quelque chose est en panne ou ne fonctionne pas' }).isChecked(), true);
  await kind.getByRole('radio', { name: 'J’ai besoin de quelque chose' }).check();
  await assertAccessible(page, 'nouvelle demande');
  await context.close();
});

test('a requester who needs something sends a service request', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, app.baseUrl, colleague.email, colleague.password);
  await page.goto(`${app.baseUrl}/portal/new`);
  const kind = page.getByRole('group', { name: 'What is it about?' });
  const broken = kind.getByRole('radio', { name: 'Something is broken or does not work' });
  const need = kind.getByRole('radio', { name: 'I need something' });
  assert.deepEqual([await broken.isChecked(), await need.isChecked()], [true, false]);
  // Arrow keys move between the two choices, as in any radio group.
  await broken.focus();
  await page.keyboard.press('ArrowDown');
  assert.deepEqual([await broken.isChecked(), await need.isChecked()], [false, true]);
  await kind.getByText('a new laptop, access to a shared folder').waitFor();
  await assertAccessible(page, 'new request, service request chosen');
  await screenshot(page, 'portal-new-service-request');
  const title = `A second monitor ${uniq()}`;
  await page.getByLabel('Subject').fill(title);
  await page.getByLabel('Description').fill('For the new colleague starting Monday.');
  await page.getByRole('button', { name: 'Send my request' }).click();
  await page.getByRole('heading', { name: /^Your request #\d+ has been received$/ }).waitFor();
  const mine = (await api.get(`/api/v1/tickets?requesterId=${colleague.id}`, { token: colleague.token })).body.items;
  const sent = mine.find((t: { title: string }) => t.title === title);
  assert.equal(sent.type, 'service_request');
  assert.equal((await api.get(`/api/v1/tickets/${sent.id}`, { token: agent.token })).body.type, 'service_request', 'the support team sees it as a service request');
  await context.close();
});
