// Saved views' counts in the agent's navigation (live, as tickets arrive) and the
// organisation filter's search picker with more organisations than one page holds.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../server/src/test/harness.ts';
import { makeGroup, makeOrganisation, makeUser, type MadeUser } from '../server/src/test/factories.ts';
import { callApiAs, describeViolations, launchBrowser, newContext, screenshot, seriousA11yViolations, signIn } from './browser.ts';

let app: TestApp;
let browser: Browser;
let page: Page;
let agent: MadeUser;
let supervisor: MadeUser;
let requester: MadeUser;
let last: { id: number; name: string };

before(async () => {
  [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  const deps = app.deps;
  const desk = await makeGroup(deps, { name: 'Service desk' });
  agent = await makeUser(deps, { roles: ['agent'], name: 'Camille Laurent', groupIds: [desk.id] });
  supervisor = await makeUser(deps, { roles: ['supervisor'], name: 'Inès Garnier' });
  // An outsourcing firm's clients: 249 ordinary ones, then the one the agent looks for.
  for (let i = 1; i < 250; i++) await makeOrganisation(deps, { name: `Client ${String(i).padStart(3, '0')}` });
  last = await makeOrganisation(deps, { name: 'Société Générale de Télécoms' });
  requester = await makeUser(deps, { name: 'Zoé Lefèvre', organisationId: last.id });
  for (const title of ['Standard téléphonique muet', 'Ligne fibre coupée']) await callApiAs(app.baseUrl, supervisor.token, 'POST', '/tickets', { title, description: title, requesterId: requester.id });

  await callApiAs(app.baseUrl, agent.token, 'POST', '/views', { name: 'Télécoms client', filters: { organisationId: String(last.id), status: 'open' } });
  await callApiAs(app.baseUrl, supervisor.token, 'POST', '/views', { name: 'Every P1', filters: { priority: 'P1' }, isShared: true });
  page = await (await newContext(browser)).newPage();
  await signIn(page, app.baseUrl, agent.email, agent.password);
});
after(async () => {
  await browser?.close();
  await app?.close();
});

const nav = () => page.getByRole('navigation', { name: 'Workspace' });
const viewCount = (name: string) => nav().getByRole('link', { name: new RegExp(`^${name}`) }).locator('.count').last();

/** Polled in the page, slowly: the count is the link's last .count (a shared view also has a "shared" one). */
const waitForViewCount = (name: string, count: string) =>
  page.waitForFunction(
    ([name, count]) => [...document.querySelectorAll('nav a')].some((a) => a.textContent?.startsWith(name) && [...a.querySelectorAll('.count')].pop()?.textContent === count),
    [name, count],
    { polling: 100 },
  );

test('a saved view shows its count, and the count follows a ticket created through the API', async () => {
  await page.waitForURL(/\/agent\/queues\/work$/);
  await waitForViewCount('Télécoms client', '2');
  assert.equal(await viewCount('Every P1').innerText(), '0', 'a shared view counts too');
  assert.equal(await viewCount('Télécoms client').getAttribute('title'), '2 tickets');

  await callApiAs(app.baseUrl, supervisor.token, 'POST', '/tickets', { title: 'Fax server down', description: 'No fax since 9:00.', requesterId: requester.id, impact: 1, urgency: 1 });
  // No reload: the live message refreshes the counts.
  await waitForViewCount('Télécoms client', '3');
  await waitForViewCount('Every P1', '1');
  await screenshot(page, 'queue-view-counts');
});

test('the organisation filter finds the 250th organisation by typing, by keyboard, accents ignored', async () => {
  await page.goto(`${app.baseUrl}/agent/queues/all`);
  await page.getByRole('heading', { level: 1, name: 'All open tickets' }).waitFor();
  const box = page.getByRole('combobox', { name: 'Organisation' });
  await box.fill('generale de tele');
  const option = page.getByRole('listbox', { name: 'Organisation' }).getByRole('option', { name: last.name });
  await option.waitFor();
  assert.equal(await box.getAttribute('aria-expanded'), 'true');
  const violations = await seriousA11yViolations(page);
  assert.deepEqual(violations, [], describeViolations(violations));
  await screenshot(page, 'queue-organisation-picker');
  await box.press('ArrowDown');
  assert.equal(await option.getAttribute('aria-selected'), 'true');
  assert.equal(await box.getAttribute('aria-activedescendant'), await option.getAttribute('id'));
  await box.press('Enter');
  assert.equal(await box.inputValue(), last.name, 'the picked name shows at once');
  await page.waitForURL(new RegExp(`organisationId=${last.id}`));
  assert.equal(await box.inputValue(), last.name, 'and stays, with no "#id" in between');
  assert.equal(await box.getAttribute('aria-expanded'), 'false');
  await page.getByRole('table').locator('tbody tr').nth(2).waitFor();
  assert.equal(await page.getByRole('table').locator('tbody tr').count(), 3);

  // Opened from a URL, the filter names the organisation though it is not on the first page.
  await page.goto(`${app.baseUrl}/agent/queues/all?organisationId=${last.id}`);
  await page.getByRole('table').locator('tbody tr').nth(2).waitFor();
  await page.waitForFunction((name) => (document.querySelector('[role="combobox"]') as HTMLInputElement | null)?.value === name, last.name);

  // Emptied, the filter is gone.
  await box.fill('');
  await box.press('Enter');
  await page.waitForURL((url) => !url.search.includes('organisationId'));
});

test('in French too', async () => {
  const fr = await (await newContext(browser, { locale: 'fr-FR' })).newPage();
  await signIn(fr, app.baseUrl, agent.email, agent.password);
  await fr.goto(`${app.baseUrl}/agent/queues/all`);
  const box = fr.getByRole('combobox', { name: 'Organisation' });
  await box.fill('télécoms');
  await fr.getByRole('option', { name: last.name }).waitFor();
  await fr.getByText('1 organisation trouvée').waitFor();
  await fr.getByText('Tapez une partie du nom ou d’un domaine ; vide pour toutes.').waitFor();
});
