// The SLA clock in the agent's workspace: a new ticket's targets counting down on its page
// (live, without refetching: the page's clock is moved forward), the clock paused while
// pending and resumed, the SLA lines of the timeline, the queues sorted and filtered by the
// SLA due time with their compact cell, French strings, and accessibility on each screen.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Locator, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../server/src/test/harness.ts';
import { makeGroup, makeOrganisation, makeUser, uniq, type MadeUser } from '../server/src/test/factories.ts';
import { callApiAs, describeViolations, launchBrowser, newContext, screenshot, seriousA11yViolations, signIn } from './browser.ts';

let app: TestApp;
let browser: Browser;
let agent: MadeUser;
let requester: MadeUser;
let deskId: number;
/** The ticket the first tests work on (P3: first response 2 h, resolution 24 h on the 24/7 default policy). */
let p3: { id: number; title: string };

before(async () => {
  [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  const org = await makeOrganisation(app.deps, { name: 'Northwind Logistics' });
  const desk = await makeGroup(app.deps, { tier: 1, name: 'Service desk' });
  deskId = desk.id;
  agent = await makeUser(app.deps, { roles: ['agent'], name: 'Camille Laurent', groupIds: [desk.id] });
  requester = await makeUser(app.deps, { name: 'Alice Moreau', organisationId: org.id });
});
after(async () => {
  await browser?.close();
  await app?.close();
});

/** A ticket opened by the agent through the API, in the agent's group. */
async function openTicket(title: string, impact: number, urgency: number) {
  const t = await callApiAs(app.baseUrl, agent.token, 'POST', '/tickets', { title, description: `${title}: reported by phone.`, requesterId: requester.id, impact, urgency, channel: 'phone', groupId: deskId });
  return { id: t.id as number, title: t.title as string };
}

const slaPanel = (page: Page) => page.getByRole('region', { name: 'SLA', exact: true });
/** One target of the panel, by its heading. */
const metric = (page: Page, name: string): Locator => slaPanel(page).getByRole('listitem').filter({ has: page.getByRole('heading', { name, exact: true }) });
/** Waits until a target shows this state (the tone attribute mirrors the badge's words). */
const tone = (page: Page, name: string, value: string) => slaPanel(page).locator(`[data-metric="${name}"][data-tone="${value}"]`).waitFor();
/** Text as read, with Intl's no-break spaces (French "1 h", "13 h 05") made plain. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
const liveLine = async (m: Locator) => plain(await m.locator('.sla-live').innerText());
const badge = (m: Locator) => m.locator('.sla-badge').innerText();

test('an agent opens a new ticket: both targets count down on the page, live, without refetching', async () => {
  p3 = await openTicket(`Label printer offline in the warehouse ${uniq()}`, 3, 3);
  const api = await callApiAs(app.baseUrl, agent.token, 'GET', `/tickets/${p3.id}`);
  assert.equal(api.sla.policy.name, 'Standard');
  assert.equal(api.sla.firstResponse.targetMinutes, 120);
  assert.equal(api.sla.resolution.targetMinutes, 1440);

  const context = await newContext(browser);
  const page = await context.newPage();
  // The page's own clock, moved forward below; the server keeps the real time.
  await page.clock.install();
  await signIn(page, app.baseUrl, agent.email, agent.password);
  let ticketFetches = 0;
  page.on('request', (r) => {
    if (new URL(r.url()).pathname === `/api/v1/tickets/${p3.id}`) ticketFetches++;
  });
  await page.goto(`${app.baseUrl}/agent/tickets/${p3.id}`);
  const first = metric(page, 'First response');
  const resolution = metric(page, 'Resolution');
  await first.waitFor();
  await slaPanel(page).getByText('Standard', { exact: true }).waitFor();
  assert.match(await liveLine(first), /^Due in (1 hour 5\d minutes|2 hours)$/);
  assert.equal(await badge(first), 'On track');
  assert.match(await first.innerText(), /Target 2 hours · Due \d\d:\d\d|Target 2 hours · Due \d+ \w+, \d\d:\d\d/);
  assert.match(await liveLine(resolution), /^Due in (23 hours 5\d minutes|1 day)$/);
  assert.equal(await badge(resolution), 'On track');
  assert.match(await resolution.innerText(), /Target 1 day/);
  assert.equal(await metric(page, 'Next response').count(), 0, 'no next response is owed yet');
  const violations = await seriousA11yViolations(page);
  assert.deepEqual(violations, [], describeViolations(violations));
  await screenshot(page, 'sla-ticket-new');
  const fetchesBefore = ticketFetches;

  // 100 minutes later (83 % of the first-response target elapsed): at risk.
  await page.clock.fastForward('01:40:00');
  await tone(page, 'firstResponse', 'warning');
  assert.match(await liveLine(first), /^Due in (1\d|20) minutes$/);
  assert.equal(await badge(first), 'At risk');
  assert.match(await liveLine(resolution), /^Due in 22 hours \d+ minutes$/);
  // Past the due time: overdue and breached, in words as well as colour.
  await page.clock.fastForward('00:30:00');
  await tone(page, 'firstResponse', 'breached');
  assert.match(await liveLine(first), /^Overdue by (9|1\d) minutes$/);
  assert.equal(await badge(first), 'Breached');
  assert.equal(await badge(resolution), 'On track');
  assert.equal(ticketFetches, fetchesBefore, 'the countdown moved without fetching the ticket again');
  await screenshot(page, 'sla-ticket-overdue');
  await context.close();
});

test('a reply meets the first response live; pending pauses the clock; back to work, it runs again', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, app.baseUrl, agent.email, agent.password);
  await page.goto(`${app.baseUrl}/agent/tickets/${p3.id}`);
  const resolution = metric(page, 'Resolution');
  await resolution.waitFor();
  assert.match(await liveLine(resolution), /^Due in/);

  // A reply sent elsewhere (the API) reaches the page live: the first response is met.
  await callApiAs(app.baseUrl, agent.token, 'POST', `/tickets/${p3.id}/replies`, { body: 'We are looking at the printer now.' });
  await tone(page, 'firstResponse', 'met');
  assert.match(await liveLine(metric(page, 'First response')), /^Met at (\d+ \w+, )?\d\d:\d\d \(in time\)$/);
  assert.equal(await badge(metric(page, 'First response')), 'Met');

  await page.getByRole('button', { name: 'Set pending' }).click();
  await slaPanel(page).getByText('The clock is paused while the ticket is pending.').waitFor();
  await tone(page, 'resolution', 'paused');
  assert.equal(await badge(resolution), 'Paused');
  assert.match(await liveLine(resolution), /^Paused since (\d+ \w+, )?\d\d:\d\d · 23 hours \d+ minutes left$/);
  assert.equal(await badge(metric(page, 'First response')), 'Met');
  const paused = await callApiAs(app.baseUrl, agent.token, 'GET', `/tickets/${p3.id}`);
  assert.equal(paused.sla.paused, true);
  assert.equal(paused.slaDueAt, null);
  const violations = await seriousA11yViolations(page);
  assert.deepEqual(violations, [], describeViolations(violations));
  await screenshot(page, 'sla-ticket-paused');

  await page.getByRole('button', { name: 'Start work (in progress)' }).click();
  await slaPanel(page).getByText('The clock is paused while the ticket is pending.').waitFor({ state: 'detached' });
  await tone(page, 'resolution', 'ok');
  assert.match(await liveLine(resolution), /^Due in 23 hours \d+ minutes$/);
  // Pending again for the queue test below: a paused clock sorts last.
  await page.getByRole('button', { name: 'Set pending' }).click();
  await tone(page, 'resolution', 'paused');
  await context.close();
});

test('the timeline shows SLA warnings, breaches and pages', async () => {
  const at = new Date().toISOString();
  const event = (kind: string, data: unknown) => ({ ticket_id: p3.id, kind, author_id: null, is_internal: 1, body: null, data: JSON.stringify(data), created_at: at });
  // Written as the SLA engine writes them (its scheduler is tested on the server side).
  await app.deps.db
    .insertInto('ticket_events')
    .values([
      event('sla_warning', { metric: 'firstResponse', dueAt: at, actions: ['notify_assignee'] }),
      event('sla_breach', { metric: 'resolution', dueAt: at, actions: ['notify_supervisors', 'raise_priority'] }),
      event('page', { pageId: 1, user: { id: agent.id, name: 'Dana Night' }, level: 2, rotation: { id: 1, name: 'Nights and weekends' } }),
    ])
    .execute();
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, app.baseUrl, agent.email, agent.password);
  await page.goto(`${app.baseUrl}/agent/tickets/${p3.id}`);
  const timeline = page.getByRole('region', { name: 'Timeline' });
  await timeline.getByText(/^SLA warning: First response due /).waitFor();
  await timeline.getByText('Actions: notified the assignee.').waitFor();
  await timeline.getByText(/^SLA breached: Resolution was due /).waitFor();
  await timeline.getByText('Actions: notified the supervisors, raised the priority.').waitFor();
  await timeline.getByText('Paged Dana Night, on call for Nights and weekends (level 2)').waitFor();
  const violations = await seriousA11yViolations(page);
  assert.deepEqual(violations, [], describeViolations(violations));
  await context.close();
});

test('the queue sorted by SLA shows the SLA cell; "Breaching within…" keeps the urgent ones', async () => {
  const p1 = await openTicket(`Payroll server unreachable ${uniq()}`, 1, 1);
  const other = await openTicket(`New starter laptop ${uniq()}`, 3, 3);
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, app.baseUrl, agent.email, agent.password);
  await page.goto(`${app.baseUrl}/agent/queues/all`);
  const table = page.getByRole('table', { name: 'All open tickets' });
  await table.locator('tbody tr').first().waitFor();
  const filters = page.getByRole('region', { name: 'Filters' });
  await filters.getByLabel('Sort').selectOption({ label: 'SLA due soonest' });
  await page.waitForURL(/sort=sla/);
  await page.getByText('Columns', { exact: true }).click();
  // A click, not check(): the box follows the URL, which changes a moment after the click.
  await page.getByRole('checkbox', { name: 'SLA' }).click();
  await page.keyboard.press('Escape');
  await table.getByRole('columnheader', { name: 'SLA' }).waitFor();

  await table.locator('tbody tr').first().locator('td.queue-title', { hasText: p1.title }).waitFor();

  // Soonest first (P1: first response in 15 min), the paused one last.
  const titles = await table.locator('tbody tr td.queue-title').allInnerTexts();
  assert.deepEqual(titles, [p1.title, other.title, p3.title]);
  const cell = (title: string) => table.locator('tbody tr', { hasText: title }).locator('td.queue-sla');
  const urgent = cell(p1.title).locator('time');
  assert.match(plain(await urgent.innerText()), /in 1\d mins$/);
  assert.match((await urgent.getAttribute('class')) ?? '', /sla-cell-warning/);
  assert.match((await urgent.getAttribute('title')) ?? '', /^SLA due \d+ \w+ \d{4}, \d\d:\d\d$/);
  assert.match(await cell(p1.title).innerText(), /at risk:/);
  assert.match(plain(await cell(other.title).innerText()), /^in (1 hr 5\d mins|2 hrs)$/);
  assert.equal(await cell(p3.title).innerText(), 'paused');
  await screenshot(page, 'sla-queue');

  await filters.getByLabel('Breaching within…').selectOption({ label: '30 minutes' });
  await page.waitForURL(/slaDueWithin=30/);
  await table.getByText(other.title).waitFor({ state: 'detached' });
  assert.deepEqual(await table.locator('tbody tr td.queue-title').allInnerTexts(), [p1.title]);
  const violations = await seriousA11yViolations(page);
  assert.deepEqual(violations, [], describeViolations(violations));

  // The Work queue shows the SLA column out of the box.
  await page.goto(`${app.baseUrl}/agent/queues/work`);
  await page.getByRole('table', { name: 'New and unassigned in my groups — take one' }).getByRole('columnheader', { name: 'SLA' }).waitFor();
  await context.close();
});

test('in French: the targets, the countdown and the filter speak French', async () => {
  const ticket = await openTicket(`Imprimante hors ligne ${uniq()}`, 3, 3);
  const context = await newContext(browser, { locale: 'fr-FR' });
  const page = await context.newPage();
  await signIn(page, app.baseUrl, agent.email, agent.password);
  await page.goto(`${app.baseUrl}/agent/tickets/${ticket.id}`);
  const first = metric(page, 'Première réponse');
  await first.waitFor();
  assert.match(await liveLine(first), /^Échéance dans (1 heure 5\d minutes|2 heures)$/);
  assert.equal(await badge(first), 'Dans les temps');
  assert.match(plain(await metric(page, 'Résolution').innerText()), /Objectif : 1 jour/);
  await page.goto(`${app.baseUrl}/agent/queues/all?sort=sla&cols=number,title,sla`);
  await page.getByRole('region', { name: 'Filtres' }).getByLabel('Échéance SLA d’ici…').waitFor();
  assert.match(plain(await page.getByRole('table').locator('tbody tr', { hasText: ticket.title }).locator('td.queue-sla').innerText()), /^dans (1 h 5\d min|2 h)$/);
  const violations = await seriousA11yViolations(page);
  assert.deepEqual(violations, [], describeViolations(violations));
  await context.close();
});
