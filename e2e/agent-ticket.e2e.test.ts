// The agent's ticket page end to end (qualify, note with an attachment, reply, escalate,
// remote session, resolve), a phone call resolved on the spot, the keyboard shortcuts, and
// proof that ticket text is rendered inert even without the CSP.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../server/src/test/harness.ts';
import { makeCategory, makeGroup, makeOrganisation, makeTicket, makeUser, uniq, type MadeUser } from '../server/src/test/factories.ts';
import { describeViolations, launchBrowser, newContext, screenshot, seriousA11yViolations, signIn, callApiAs } from './browser.ts';

let app: TestApp;
let browser: Browser;
let agent: MadeUser;
let requester: MadeUser;
let laptop: { id: number };
let l2: { id: number; name: string };

before(async () => {
  [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  const org = await makeOrganisation(app.deps, { name: 'Acme Industries' });
  const desk = await makeGroup(app.deps, { tier: 1, name: 'Service desk' });
  l2 = await makeGroup(app.deps, { tier: 2, name: 'Workstations' });
  const hardware = await makeCategory(app.deps, { name: 'Hardware' });
  laptop = await makeCategory(app.deps, { name: 'Laptop', parentId: hardware.id });
  agent = await makeUser(app.deps, { roles: ['agent'], name: 'Alex Agent', groupIds: [desk.id] });
  requester = await makeUser(app.deps, { name: 'Chloé Dubois', organisationId: org.id });
});
after(async () => {
  await browser?.close();
  await app?.close();
});

const callApi = (user: MadeUser, method: string, url: string, body?: unknown) => callApiAs(app.baseUrl, user.token, method, url, body);

/** The text of the live "priority from impact × urgency" line. */
const derivedPriority = (page: Page) => page.locator('p', { hasText: 'Priority from impact × urgency:' }).first().innerText();

test('an agent qualifies, notes, replies, escalates, records a remote session and resolves', async () => {
  const ticket = await makeTicket(app.deps, { requesterId: requester.id, title: `Laptop will not boot ${uniq()}` });
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, app.baseUrl, agent.email, agent.password);
  await page.goto(`${app.baseUrl}/agent/tickets/${ticket.id}`);
  await page.getByRole('heading', { level: 1, name: new RegExp(ticket.title) }).waitFor();
  await page.getByText('Acme Industries').waitFor();
  const atStart = await seriousA11yViolations(page);
  assert.deepEqual(atStart, [], describeViolations(atStart));

  // Qualification: the derived priority follows impact × urgency before saving.
  await page.getByLabel('Category').selectOption(String(laptop.id));
  assert.match(await derivedPriority(page), /P3/);
  await page.getByLabel('Impact').selectOption('1');
  assert.match(await derivedPriority(page), /P2/);
  await page.getByLabel('Urgency').selectOption('1');
  assert.match(await derivedPriority(page), /P1/);
  await page.getByRole('button', { name: 'Save qualification' }).click();
  await page.getByText('Saved.').waitFor();
  await page.locator('.ticket-header').getByText('P1', { exact: true }).waitFor();

  // An internal note, then a public reply.
  const note = `Checked the BIOS battery ${uniq()}`;
  await page.getByRole('radio', { name: 'Internal note' }).check();
  await page.getByRole('textbox', { name: 'Your internal note' }).fill(note);
  await page.getByLabel('Attachments').setInputFiles({ name: 'bios-photo.txt', mimeType: 'text/plain', buffer: Buffer.from('CMOS checksum error') });
  await page.getByRole('button', { name: 'Add note' }).click();
  await page.getByRole('listitem').filter({ hasText: note }).getByText('Internal note', { exact: true }).waitFor();
  // The note's file is a link on the note's card, once: its upload line is not shown too.
  const noteCard = page.locator('article.tl-card').filter({ hasText: note });
  const attachment = noteCard.getByRole('list', { name: 'Files sent with this message' }).getByRole('link', { name: 'bios-photo.txt' });
  await attachment.waitFor();
  assert.match((await attachment.getAttribute('href')) ?? '', /^\/api\/v1\/attachments\/\d+\/content$/);
  assert.equal(await page.getByRole('region', { name: 'Timeline' }).getByText('bios-photo.txt').count(), 1);
  const reply = `Could you try holding the power button for 30 seconds?\nThen tell us. ${uniq()}`;
  await page.getByRole('radio', { name: 'Public reply' }).check();
  await page.getByRole('textbox', { name: 'Your reply' }).fill(reply);
  await page.getByRole('button', { name: 'Send reply' }).click();
  await page.getByRole('listitem').filter({ hasText: reply.split('\n')[1] }).getByText('Public reply', { exact: true }).waitFor();

  // Escalation: the hand-off note is required.
  await page.getByLabel('Escalate to').selectOption(`group:${l2.id}`);
  await page.getByRole('button', { name: 'Escalate', exact: true }).click();
  await page.getByText('Write the hand-off note').waitFor();
  const handOff = `Battery ruled out; needs a motherboard check ${uniq()}`;
  await page.getByLabel('Hand-off note').fill(handOff);
  await page.getByRole('button', { name: 'Escalate', exact: true }).click();
  await page.getByText('Escalated to Tier 2 · Workstations.').waitFor();
  await page.getByRole('listitem').filter({ hasText: handOff }).getByText('Hand-off note').waitFor();

  // A remote session: its link is a launch link.
  const launch = `https://rustdesk.example.test/session/${uniq()}`;
  await page.getByRole('button', { name: 'Record a remote session' }).click();
  await page.getByLabel('Tool').selectOption('rustdesk');
  await page.getByLabel('Session id or link').fill(launch);
  await page.getByRole('button', { name: 'Record session' }).click();
  await page.getByText("Record the requester's consent").waitFor();
  await page.getByLabel('The requester agreed to this session').check();
  await page.getByLabel('How they agreed (optional)').fill('Agreed on the phone');
  await page.getByRole('button', { name: 'Record session' }).click();
  const link = page.getByRole('link', { name: `Open session ${launch}` });
  await link.waitFor();
  assert.equal(await link.getAttribute('href'), launch);
  await page.getByText('Remote session · RustDesk').waitFor();

  // The resolution form, opened with the keyboard.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('x');
  await page.waitForFunction(() => document.activeElement?.tagName === 'TEXTAREA');
  await page.getByRole('button', { name: 'Resolve', exact: true }).click();
  await page.getByText('Required to resolve.').first().waitFor();
  await page.getByLabel('Symptoms').fill('Black screen at power on');
  await page.getByLabel('Diagnosis').fill('Faulty RAM module');
  await page.getByLabel('Actions taken').fill('Replaced the RAM module');
  await page.getByLabel('Result').fill('Boots normally');
  await page.getByLabel('Resolution code (optional)').fill('hw-replaced');
  await page.getByRole('button', { name: 'Resolve', exact: true }).click();
  await page.locator('.ticket-header').getByText('Resolved', { exact: true }).waitFor();

  // The timeline tells the whole story.
  const timeline = page.getByRole('region', { name: 'Timeline' });
  for (const text of [note, reply.split('\n')[1], handOff, 'Faulty RAM module', 'Remote session · RustDesk', /changed impact 3 → 1, .*category None → Hardware \/ Laptop, priority P3 → P1/]) {
    await timeline.getByText(text).first().waitFor();
  }
  assert.equal(await timeline.getByText('Escalated to Tier 2 · Workstations').count(), 1);
  const got = await callApi(agent, 'GET', `/tickets/${ticket.id}`);
  assert.equal(got.status, 'resolved');
  assert.equal(got.priority, 'P1');
  assert.equal(got.category.id, laptop.id);

  const violations = await seriousA11yViolations(page);
  assert.deepEqual(violations, [], describeViolations(violations));
  await page.getByRole('heading', { level: 1 }).scrollIntoViewIfNeeded();
  await screenshot(page, 'ticket');
  await context.close();
});

test('a phone call from a new caller, resolved on the spot, is a first-contact resolution', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, app.baseUrl, agent.email, agent.password);
  await page.goto(`${app.baseUrl}/agent/phone`);
  await page.getByRole('heading', { level: 1, name: 'Log a phone call' }).waitFor();
  const email = `caller-${uniq()}@example.test`;
  await page.getByLabel('Find the caller').fill('nobody-by-that-name');
  await page.getByText('Nobody matches').waitFor();
  await page.getByRole('button', { name: 'New caller' }).click();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Name', { exact: true }).fill('Jeanne Caller');
  await page.getByLabel('Subject').fill('Outlook keeps asking for the password');
  await page.getByLabel('Call notes').fill('Since this morning, after the password change.');
  await page.getByLabel('Category').selectOption(String(laptop.id));
  await page.getByLabel('Impact').selectOption('3');
  await page.getByLabel('Urgency').selectOption('2');
  assert.match(await derivedPriority(page), /P3/);
  await page.getByRole('radio', { name: 'Resolve now' }).check();
  await page.getByLabel('Symptoms').fill('Password prompt loops');
  await page.getByLabel('Diagnosis').fill('Cached credentials out of date');
  await page.getByLabel('Actions taken').fill('Cleared the credential manager entry');
  await page.getByLabel('Result').fill('Outlook connects');
  const violations = await seriousA11yViolations(page);
  assert.deepEqual(violations, [], describeViolations(violations));
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, 'phone-call');
  await page.getByRole('button', { name: 'Log the call' }).click();
  await page.waitForURL(/\/agent\/tickets\/\d+$/);
  await page.getByText(/Call logged as #\d+ and resolved on the spot/).waitFor();
  const id = Number(new URL(page.url()).pathname.split('/').pop());
  const ticket = await callApi(agent, 'GET', `/tickets/${id}`);
  assert.equal(ticket.status, 'resolved');
  assert.equal(ticket.channel, 'phone');
  assert.equal(ticket.firstContactResolution, true);
  assert.equal(ticket.requester.email, email);
  await context.close();
});

test('script and onerror in a ticket never run, even with the CSP bypassed; shortcuts a, n, r and j', async () => {
  const script = '<script>window.__xss=1</script>';
  const img = '<img src=x onerror="window.__xss=2">';
  const ticket = await callApi(agent, 'POST', '/tickets', { title: `Hostile ${script} ${img}`, description: `Body ${script}\n${img}`, requesterId: requester.id });
  await callApi(requester, 'POST', `/tickets/${ticket.id}/replies`, { body: `Reply ${img} ${script} https://example.test/x` });
  const other = await makeTicket(app.deps, { requesterId: requester.id, title: `Next in line ${uniq()}` });

  const context = await newContext(browser, { bypassCSP: true });
  const page = await context.newPage();
  await signIn(page, app.baseUrl, agent.email, agent.password);
  await page.goto(`${app.baseUrl}/agent/tickets/${ticket.id}`);
  await page.getByRole('heading', { level: 1, name: `${ticket.reference} Hostile ${script} ${img}` }).waitFor();
  await page.getByText(`Reply ${img} ${script}`).waitFor();
  await page.getByText(`Body ${script}`).waitFor();
  await page.waitForLoadState('networkidle');
  assert.equal(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), undefined);
  assert.equal(await page.locator('main img').count(), 0);
  assert.equal(await page.locator('main script').count(), 0);
  assert.equal(await page.getByRole('link', { name: 'https://example.test/x' }).getAttribute('href'), 'https://example.test/x');

  // Keyboard: "a" takes the ticket, "n" and "r" go to the composer.
  await page.keyboard.press('a');
  await page.getByText('You took this ticket.').waitFor();
  await page.locator('.ticket-header').getByText('Alex Agent').waitFor();
  await page.keyboard.press('n');
  await page.waitForFunction(() => document.activeElement?.tagName === 'TEXTAREA');
  assert.equal(await page.getByRole('textbox', { name: 'Your internal note' }).evaluate((el) => el === document.activeElement), true);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('r');
  await page.getByRole('textbox', { name: 'Your reply' }).waitFor();
  assert.equal(await page.getByRole('textbox', { name: 'Your reply' }).evaluate((el) => el === document.activeElement), true);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

  await page.evaluate((ids) => sessionStorage.setItem('guichet.queueContext', JSON.stringify({ path: '/agent/queues/all', ids })), [ticket.id, other.id]);
  await page.keyboard.press('j');
  await page.getByRole('heading', { level: 1, name: new RegExp(other.title) }).waitFor();
  await page.keyboard.press('j');
  await page.waitForURL(/\/agent\/queues\/all$/);
  await context.close();
});
