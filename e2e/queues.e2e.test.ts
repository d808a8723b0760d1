// The agent's queues in a browser: the Work queue and taking a ticket, counts, filters and
// search, saved views, the keyboard, pagination, render time and accessibility.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../server/src/test/harness.ts';
import { makeGroup, makeOrganisation, makeUser, type MadeUser } from '../server/src/test/factories.ts';
import { createTicket } from '../server/src/modules/tickets/tickets.service.ts';
import { systemActor } from '../server/src/lib/actor.ts';
import type { Channel } from '../common/enums.ts';
import { describeViolations, launchBrowser, newContext, screenshot, seriousA11yViolations, signIn } from './browser.ts';

const TAKE = 'New and unassigned in my groups — take one';
const MINE = 'My open tickets';

let app: TestApp;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let agent: MadeUser;
let bulkOrgId: number;
const titles = { vpn: 'VPN drops every ten minutes when working from home', p1: 'Payroll server unreachable for the whole finance team', p3: 'Printer on the 3rd floor jams on every page' };

interface Seed {
  title: string;
  requesterId: number;
  impact: number;
  urgency: number;
  channel: Channel;
  groupId?: number;
  assigneeId?: number;
  hoursAgo: number;
}

async function seed(s: Seed) {
  const ticket = await createTicket(app.deps, systemActor(), {
    title: s.title,
    description: `${s.title}. Reported by the user; details in the first reply.`,
    requesterId: s.requesterId,
    impact: s.impact,
    urgency: s.urgency,
    channel: s.channel,
    groupId: s.groupId,
    assigneeId: s.assigneeId,
  });
  // Spread the tickets over the last days, as a real queue is.
  const at = new Date(Date.now() - s.hoursAgo * 3_600_000).toISOString();
  await app.deps.db.updateTable('tickets').set({ created_at: at, updated_at: at }).where('id', '=', ticket.id).execute();
  return ticket;
}

before(async () => {
  [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  const deps = app.deps;
  const desk = await makeGroup(deps, { name: 'Service desk', tier: 1 });
  const network = await makeGroup(deps, { name: 'Network team', tier: 2 });
  agent = await makeUser(deps, { roles: ['agent'], name: 'Camille Laurent', groupIds: [desk.id] });
  await makeUser(deps, { roles: ['agent'], name: 'Hugo Martin', groupIds: [desk.id, network.id] });
  const orgs = await Promise.all(['Northwind Logistics', 'Contoso Pharma', 'Fabrikam Studios'].map((name) => makeOrganisation(deps, { name })));
  const people = ['Alice Moreau', 'Bruno Petit', 'Chloé Dubois', 'David Nguyen', 'Emma Schmidt', 'Farid Benali'];
  const requesters = await Promise.all(people.map((name, i) => makeUser(deps, { name, organisationId: orgs[i % orgs.length].id })));
  const r = (i: number) => requesters[i % requesters.length].id;

  const waiting: Omit<Seed, 'requesterId'>[] = [
    { title: titles.p1, impact: 1, urgency: 1, channel: 'phone', hoursAgo: 50 },
    { title: titles.vpn, impact: 2, urgency: 2, channel: 'email', hoursAgo: 30 },
    { title: 'Outlook keeps asking for my password since this morning', impact: 3, urgency: 2, channel: 'portal', hoursAgo: 20 },
    { title: titles.p3, impact: 3, urgency: 3, channel: 'portal', hoursAgo: 9 },
    { title: 'New starter on Monday: laptop and accounts for Julie Martin', impact: 3, urgency: 4, channel: 'email', hoursAgo: 5 },
    { title: 'Teams camera not detected after the last update', impact: 4, urgency: 3, channel: 'chat', hoursAgo: 2 },
    { title: 'Request: read access to the Finance SharePoint site', impact: 4, urgency: 4, channel: 'portal', hoursAgo: 1 },
  ];
  for (const [i, s] of waiting.entries()) await seed({ ...s, requesterId: r(i), groupId: desk.id });
  const mine: Omit<Seed, 'requesterId'>[] = [
    { title: 'Cannot open the shared drive S: from the Lyon office', impact: 2, urgency: 3, channel: 'phone', hoursAgo: 26 },
    { title: 'Second monitor flickers when docked', impact: 4, urgency: 3, channel: 'portal', hoursAgo: 12 },
    { title: 'Adobe Acrobat Pro licence for the legal team', impact: 3, urgency: 4, channel: 'email', hoursAgo: 4 },
  ];
  for (const [i, s] of mine.entries()) await seed({ ...s, requesterId: r(i + 2), groupId: desk.id, assigneeId: agent.id });
  await seed({ title: 'Wi-Fi very slow in meeting room B', impact: 3, urgency: 3, channel: 'chat', hoursAgo: 3, requesterId: r(4) });

  // A client with 60 open tickets, routed to a group the agent is not in: for paging.
  const bulk = await makeOrganisation(deps, { name: 'Wide World Importers' });
  bulkOrgId = bulk.id;
  const bulkRequester = await makeUser(deps, { name: 'Grace Hopper', organisationId: bulk.id });
  for (let i = 0; i < 60; i++) {
    await seed({ title: `Branch ${i + 1}: router firmware update`, impact: 3, urgency: 3, channel: 'api', groupId: network.id, hoursAgo: 100 + i, requesterId: bulkRequester.id });
  }

  context = await newContext(browser);
  page = await context.newPage();
  await signIn(page, app.baseUrl, agent.email, agent.password);
});
after(async () => {
  await browser?.close();
  await app?.close();
});

const nav = () => page.getByRole('navigation', { name: 'Workspace' });
const table = (name: string) => page.getByRole('table', { name });
const rows = (name: string) => table(name).locator('tbody tr');
const filter = (label: string) => page.getByRole('region', { name: 'Filters' }).getByLabel(label);
const navCount = (name: string) => nav().getByRole('link', { name: new RegExp(`^${name}`) }).locator('.count');

test('an agent lands on the Work queue, sees the counts, and takes a ticket of their group', async () => {
  await page.waitForURL(/\/agent\/queues\/work$/);
  await page.getByRole('heading', { level: 1, name: 'Work' }).waitFor();
  await rows(TAKE).first().waitFor();
  assert.equal(await rows(TAKE).count(), 7);
  assert.equal(await rows(MINE).count(), 3);
  // The oldest waiting ticket comes first.
  assert.equal(await rows(TAKE).first().getByRole('link').innerText(), titles.p1);
  assert.equal(await page.getByRole('table', { name: 'Unassigned, no group yet' }).locator('tbody tr').count(), 1);
  assert.equal(await navCount('Mine').innerText(), '3');
  assert.equal(await navCount('Unassigned in my groups').innerText(), '7');
  assert.equal(await navCount('Work').innerText(), '10');
  assert.equal(await navCount('All open').innerText(), '71');
  assert.ok(!(await nav().getByRole('link', { name: 'Administration' }).isVisible()), 'agents see no admin link');
  assert.equal(await nav().getByRole('link', { name: /^Work/ }).getAttribute('aria-current'), 'page');

  const row = rows(TAKE).filter({ hasText: titles.vpn });
  await row.getByRole('button', { name: /^Take #\d+$/ }).click();
  await page.getByRole('status').filter({ hasText: /^You took #\d+\.$/ }).waitFor();
  await rows(MINE).filter({ hasText: titles.vpn }).waitFor();
  await rows(TAKE).filter({ hasText: titles.vpn }).waitFor({ state: 'detached' });
  await page.waitForFunction(() => document.querySelector('nav a[href="/agent/queues/mine"] .count')?.textContent === '4');

  const violations = await seriousA11yViolations(page);
  assert.deepEqual(violations, [], describeViolations(violations));
  await screenshot(page, 'queue-work');
});

test('j selects the first ticket and Enter opens it, leaving the queue for "next ticket"', async () => {
  await page.goto(`${app.baseUrl}/agent/queues/work`);
  await rows(TAKE).first().waitFor();
  const href = await rows(TAKE).first().getByRole('link').getAttribute('href');
  await page.keyboard.press('?');
  await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).getByText('Select the next ticket').waitFor();
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'hidden' });
  await page.keyboard.press('j');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('href')), href);
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => url.pathname === href);
  const context = JSON.parse((await page.evaluate(() => sessionStorage.getItem('guichet.queueContext'))) ?? 'null');
  assert.equal(context.path, '/agent/queues/work');
  assert.equal(context.ids.length, 11);
  assert.equal(`/agent/tickets/${context.ids[0]}`, href);
});

test('the priority filter and the search change the list, and stay in the URL', async () => {
  await page.goto(`${app.baseUrl}/agent/queues/all`);
  await page.getByRole('heading', { level: 1, name: 'All open tickets' }).waitFor();
  await page.getByRole('table').locator('tbody tr').first().waitFor();
  await filter('Priority').selectOption('P1');
  await page.waitForURL(/priority=P1/);
  await page.getByRole('table').getByText(titles.p3).waitFor({ state: 'detached' });
  const priorities = await page.getByRole('table').locator('tbody tr .badge:not(.badge-status)').allInnerTexts();
  assert.ok(priorities.length >= 1 && priorities.every((p) => p === 'P1'), priorities.join());
  await page.getByRole('table').getByText(titles.p1).waitFor();

  await page.getByText('Columns', { exact: true }).click();
  await page.getByRole('checkbox', { name: 'Category' }).check();
  await page.getByRole('columnheader', { name: 'Category' }).waitFor();
  assert.match(page.url(), /cols=[^&]*category/);
  await page.keyboard.press('Escape');
  await page.getByRole('checkbox', { name: 'Category' }).waitFor({ state: 'hidden' });

  await filter('Priority').selectOption('');
  await page.getByRole('searchbox', { name: 'Search tickets' }).fill('VPN');
  await page.getByRole('searchbox', { name: 'Search tickets' }).press('Enter');
  await page.waitForURL(/q=VPN/);
  await page.getByRole('table').getByText(titles.p1).waitFor({ state: 'detached' });
  assert.deepEqual(await page.getByRole('table').locator('tbody tr td.queue-title').allInnerTexts(), [titles.vpn]);
  await screenshot(page, 'queue-search');
  const violations = await seriousA11yViolations(page);
  assert.deepEqual(violations, [], describeViolations(violations));
});

test('a saved view is listed in the navigation and opens with its filters', async () => {
  await page.goto(`${app.baseUrl}/agent/queues/all?priority=P1`);
  await page.getByRole('table').getByText(titles.p1).waitFor();
  await page.getByRole('button', { name: 'Save as view' }).click();
  const dialog = page.getByRole('dialog', { name: 'Save as view' });
  await dialog.getByLabel('Name').fill('Major incidents');
  assert.equal(await dialog.getByLabel('Share with every agent').count(), 0, 'agents cannot share');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await page.waitForURL(/\/agent\/queues\/view-\d+$/);
  await page.getByRole('heading', { level: 1, name: 'Major incidents' }).waitFor();

  await nav().getByRole('link', { name: /^Work/ }).click();
  await rows(TAKE).first().waitFor();
  await nav().getByRole('link', { name: 'Major incidents' }).click();
  await page.getByRole('heading', { level: 1, name: 'Major incidents' }).waitFor();
  assert.equal(await filter('Priority').inputValue(), 'P1');
  await page.getByRole('table').getByText(titles.p1).waitFor();
  assert.equal(await nav().getByRole('link', { name: 'Major incidents' }).getAttribute('aria-current'), 'page');
});

test('the first page shows 50 rows within the render budget; "Load more" brings the rest', async () => {
  // Wall-clock time on a shared machine includes time the browser was not scheduled at
  // all: the best of up to three loads is the figure that speaks about our code.
  const samples: number[] = [];
  for (let attempt = 0; attempt < 3 && !samples.some((ms) => ms < 100); attempt++) {
    await page.goto(`${app.baseUrl}/agent/queues/all?organisationId=${bulkOrgId}&status=open`);
    // Polled slowly: Playwright's own locator polling runs on the page's main thread.
    await page.waitForFunction(() => performance.getEntriesByName('guichet:queue-render').length > 0, null, { polling: 100 });
    samples.push(await page.evaluate(() => performance.getEntriesByName('guichet:queue-render')[0].duration));
  }
  console.log(`queue render, 50 rows: ${samples.map((ms) => `${ms.toFixed(1)} ms`).join(', ')}`);
  assert.ok(Math.min(...samples) < 100, `rendering 50 rows took ${samples.join(', ')} ms`);
  const body = page.getByRole('table').locator('tbody tr');
  assert.equal(await body.count(), 50);
  await page.getByRole('button', { name: 'Load more' }).click();
  await body.nth(59).waitFor();
  assert.equal(await body.count(), 60);
  assert.equal(await page.getByRole('button', { name: 'Load more' }).count(), 0);
});
