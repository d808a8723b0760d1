// The supervisor view (backlog numbers, bulk reassignment) and the administration screens
// (organisation with a domain, a tier 2 group with a member, an agent, a sub-category, a
// priority matrix cell, a readable 409, an agent limited to one organisation), each page
// checked with axe-core.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { client, startTestApp, type TestApp } from '../server/src/test/harness.ts';
import { makeCategory, makeGroup, makeOrganisation, makeTicket, makeUser, uniq, type MadeUser } from '../server/src/test/factories.ts';
import { launchBrowser, newContext, screenshot, signIn, assertAccessible } from './browser.ts';

const HOUR = 3_600_000;
// Real time, except while the seed opens tickets "in the past".
let shift = 0;
const clock = { now: () => new Date(Date.now() - shift) };

let app: TestApp;
let browser: Browser;
let api: ReturnType<typeof client>;
let admin: MadeUser;
before(async () => {
  [app, browser] = await Promise.all([startTestApp({ clock }), launchBrowser()]);
  api = client(app);
  admin = await makeUser(app.deps, { roles: ['admin'], name: 'Ada Admin' });
});
after(async () => {
  await browser?.close();
  await app?.close();
});

async function openTicket(hoursAgo: number, body: Record<string, unknown>): Promise<{ id: number; number: number }> {
  shift = hoursAgo * HOUR;
  try {
    const r = await api.post('/api/v1/tickets', { title: `Printer ${uniq()}`, description: 'It jams.', ...body }, { token: admin.token });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    return r.body;
  } finally {
    shift = 0;
  }
}

async function openTab(page: Page, name: string) {
  await page.getByRole('navigation', { name: 'Administration sections' }).getByRole('link', { name }).click();
  await page.getByRole('heading', { name, level: 2 }).waitFor();
}

/** The number cells of a backlog table's row. */
async function backlogRow(page: Page, table: string, row: string | RegExp): Promise<string[]> {
  return page.getByRole('table', { name: table }).getByRole('row', { name: row }).getByRole('cell').allInnerTexts();
}

test('a supervisor sees the backlog numbers and reassigns two tickets in bulk', async () => {
  const org = await makeOrganisation(app.deps);
  const desk = await makeGroup(app.deps, { name: `Service desk ${uniq()}`, tier: 1 });
  const alice = await makeUser(app.deps, { roles: ['agent'], name: `Alice ${uniq()}`, groupIds: [desk.id] });
  const requester = await makeUser(app.deps, { organisationId: org.id });
  const supervisor = await makeUser(app.deps, { roles: ['supervisor'] });
  const r = { requesterId: requester.id };
  const urgent = await openTicket(50, { ...r, groupId: desk.id, impact: 1, urgency: 1 }); // P1, 1–3 days
  const a = await openTicket(2, { ...r, groupId: desk.id });
  const b = await openTicket(1, { ...r, groupId: desk.id });
  await openTicket(200, { ...r, impact: 4, urgency: 4 }); // P5, no group, > 7 days

  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, app.baseUrl, supervisor.email, supervisor.password);
  await page.goto(`${app.baseUrl}/agent/supervisor`);
  await page.getByRole('heading', { name: 'Supervisor', level: 1 }).waitFor();
  await page.getByText('4 open tickets').waitFor();
  await page.getByText('4 unassigned').waitFor();
  assert.deepEqual(await backlogRow(page, 'By group', new RegExp(desk.name)), ['3', '3', '75%']);
  assert.deepEqual(await backlogRow(page, 'By group', 'No group'), ['1', '1', '25%']);
  assert.deepEqual(await backlogRow(page, 'By tier', /^Tier 1/), ['4', '100%']);
  assert.deepEqual(await backlogRow(page, 'By priority', /^P1/), ['1', '25%']);
  assert.deepEqual(await backlogRow(page, 'By priority', /^P3/), ['2', '50%']);
  assert.deepEqual(await backlogRow(page, 'By age', 'Under 4 hours'), ['2', '50%']);
  assert.deepEqual(await backlogRow(page, 'By age', '1 to 3 days'), ['1', '25%']);
  assert.deepEqual(await backlogRow(page, 'By age', 'Over 7 days'), ['1', '25%']);
  const oldest = page.getByRole('table', { name: 'Oldest open tickets' });
  assert.equal(await oldest.getByRole('row').nth(2).getByRole('link').innerText(), `#${urgent.number}`, 'oldest first, after the > 7 days one');
  assert.deepEqual(await page.getByRole('table', { name: 'Agents’ load' }).getByRole('row', { name: new RegExp(alice.name) }).getByRole('cell').allInnerTexts(), [desk.name, '0', '0', '0', '0', '0', '0', '0']);
  await assertAccessible(page, 'supervisor page');
  await screenshot(page, 'supervisor');

  await page.getByRole('checkbox', { name: `Select #${a.number}` }).check();
  await page.getByRole('checkbox', { name: `Select #${b.number}` }).check();
  await page.getByText('2 tickets selected').waitFor();
  await page.getByLabel('Agent', { exact: true }).selectOption({ label: alice.name });
  await page.getByRole('button', { name: 'Reassign', exact: true }).click();
  await page.getByText('2 tickets reassigned.').waitFor();
  for (const t of [a, b]) {
    const ticket = (await api.get(`/api/v1/tickets/${t.id}`, { token: admin.token })).body;
    assert.deepEqual([ticket.assignee?.id, ticket.status], [alice.id, 'assigned']);
  }
  // The view refreshes: Alice now carries both, and the unassigned count dropped.
  await page.getByText('2 unassigned').waitFor();
  assert.deepEqual(await page.getByRole('table', { name: 'Agents’ load' }).getByRole('row', { name: new RegExp(alice.name) }).getByRole('cell').allInnerTexts(), [desk.name, '2', '0', '0', '2', '0', '0', '0']);
  await context.close();
});

test('an admin sets up an organisation, a group, a user, a sub-category and the priority matrix', async () => {
  const parent = await makeCategory(app.deps, { name: `Hardware ${uniq()}` });
  const agentName = `Bruno ${uniq()}`;
  const agentEmail = `bruno-${uniq()}@example.test`;
  const orgName = `Acme ${uniq()}`;
  const domain = `acme-${uniq()}.example`;
  const groupName = `Network ${uniq()}`;

  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, app.baseUrl, admin.email, admin.password);
  await page.goto(`${app.baseUrl}/agent/admin`);
  await page.waitForURL(/\/agent\/admin\/users$/);
  await page.getByRole('heading', { name: 'Users', level: 2 }).waitFor();
  await page.getByRole('cell', { name: admin.email }).waitFor();
  await assertAccessible(page, 'users tab');
  await screenshot(page, 'admin-users');

  // A user with the agent role.
  await page.getByRole('button', { name: 'New user' }).click();
  const dialog = page.getByRole('dialog', { name: 'New user' });
  await dialog.getByLabel('Name').fill(agentName);
  await dialog.getByLabel('Email').fill(agentEmail);
  await dialog.getByLabel('Password').fill('a long enough password');
  await dialog.getByLabel('Requester').uncheck();
  await dialog.getByLabel('Agent', { exact: true }).check();
  await assertAccessible(page, 'new user dialog');
  await dialog.getByRole('button', { name: 'Create user' }).click();
  await page.getByText(`User ${agentName} created.`).waitFor();
  const user = (await api.get(`/api/v1/users?q=${encodeURIComponent(agentEmail)}`, { token: admin.token })).body.items[0];
  assert.deepEqual([user.name, user.roles], [agentName, ['agent']]);

  // An organisation with an email domain; the same name again is a readable 409.
  await openTab(page, 'Organisations');
  const newOrg = page.getByRole('region', { name: 'New organisation' });
  await newOrg.getByLabel('Name').fill(orgName);
  await newOrg.getByLabel('Email domains').fill(domain);
  await newOrg.getByRole('button', { name: 'Create organisation' }).click();
  await newOrg.getByText(`Organisation ${orgName} created.`).waitFor();
  const org = (await api.get(`/api/v1/organisations?q=${encodeURIComponent(orgName)}`, { token: admin.token })).body.items[0];
  assert.deepEqual(org.domains, [domain]);
  await page.getByRole('heading', { name: `Edit ${orgName}` }).waitFor();
  await newOrg.getByLabel('Name').fill(orgName.toUpperCase());
  await newOrg.getByRole('button', { name: 'Create organisation' }).click();
  const conflict = newOrg.getByRole('alert');
  await conflict.waitFor();
  assert.match(await conflict.innerText(), new RegExp(`An organisation named "${orgName}" already exists`));
  await assertAccessible(page, 'organisations tab');

  // A tier 2 group with the new agent as a member.
  await openTab(page, 'Groups');
  const newGroup = page.getByRole('region', { name: 'New group' });
  await newGroup.getByLabel('Name').fill(groupName);
  await newGroup.getByLabel('Tier').selectOption({ label: 'Tier 2' });
  await newGroup.getByRole('button', { name: 'Create group' }).click();
  const editGroup = page.getByRole('region', { name: `Edit ${groupName}` });
  await editGroup.getByLabel('Agent to add').selectOption({ label: `${agentName} (${agentEmail})` });
  await editGroup.getByRole('button', { name: 'Add member' }).click();
  await editGroup.getByText('Members saved.').waitFor();
  await editGroup.getByRole('button', { name: `Remove ${agentName}` }).waitFor();
  const group = (await api.get('/api/v1/groups', { token: admin.token })).body.items.find((g: { name: string }) => g.name === groupName);
  assert.deepEqual([group.tier, group.members.map((m: { id: number }) => m.id)], [2, [user.id]]);
  await assertAccessible(page, 'groups tab');

  // A sub-category.
  await openTab(page, 'Categories');
  await page.getByRole('button', { name: parent.name }).click();
  const editCategory = page.getByRole('region', { name: `Category ${parent.name}` });
  await editCategory.getByLabel('Sub-category name').fill('Laptop');
  await editCategory.getByRole('button', { name: 'Add sub-category' }).click();
  await editCategory.getByText('Sub-category Laptop added.').waitFor();
  await page.getByRole('button', { name: 'Laptop' }).waitFor();
  const categories = (await api.get('/api/v1/categories', { token: admin.token })).body.items;
  assert.ok(categories.some((c: { path: string; parentId: number }) => c.path === `${parent.name} / Laptop` && c.parentId === parent.id));
  await assertAccessible(page, 'categories tab');

  // One cell of the priority matrix.
  await openTab(page, 'Priority matrix');
  const cell = page.getByLabel('Priority for impact 4 — Very low and urgency 4 — Very low');
  assert.equal(await cell.inputValue(), '5');
  await cell.selectOption({ label: 'P4' });
  await page.getByText('1 unsaved change').waitFor();
  await assertAccessible(page, 'priority matrix tab');
  await page.getByRole('button', { name: 'Save the matrix' }).click();
  await page.getByText('Priority matrix saved.').waitFor();
  const { matrix } = (await api.get('/api/v1/settings/priority-matrix', { token: admin.token })).body;
  assert.equal(matrix[3][3], 4);
  assert.equal(matrix[0][0], 1, 'the other cells are unchanged');
  await context.close();
});

test('an admin limits an agent to one organisation among a hundred through the user form; the agent then sees only its tickets', async () => {
  const suffix = uniq();
  const northwind = await makeOrganisation(app.deps, { name: `Northwind ${suffix}` });
  const contoso = await makeOrganisation(app.deps, { name: `Contoso ${suffix}` });
  for (let i = 0; i < 100; i++) await makeOrganisation(app.deps, { name: `Client ${suffix} ${String(i).padStart(3, '0')}` });
  const agent = await makeUser(app.deps, { roles: ['agent'], name: `Agnès ${suffix}` });
  const inNorthwind = await makeTicket(app.deps, { requesterId: (await makeUser(app.deps, { organisationId: northwind.id })).id, title: `Northwind VPN ${suffix}` });
  const inContoso = await makeTicket(app.deps, { requesterId: (await makeUser(app.deps, { organisationId: contoso.id })).id, title: `Contoso mail ${suffix}` });
  const visibleTo = async (token: string) => (await api.get('/api/v1/tickets?limit=200', { token })).body.items.map((t: { id: number }) => t.id);
  assert.ok((await visibleTo(agent.token)).includes(inContoso.id), 'an agent serving every organisation sees Contoso’s ticket');

  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, app.baseUrl, admin.email, admin.password);
  await page.goto(`${app.baseUrl}/agent/admin/users`);
  await page.getByLabel('Search', { exact: true }).fill(agent.email);
  const row = page.getByRole('row', { name: new RegExp(agent.email) });
  assert.equal(await row.getByRole('cell').nth(4).innerText(), 'All organisations');
  await row.getByRole('button', { name: `Edit ${agent.name}` }).click();
  const dialog = page.getByRole('dialog', { name: `Edit ${agent.name}` });
  const served = dialog.getByRole('group', { name: 'Organisations served' });
  await served.getByText('None chosen').waitFor();
  await served.getByText(/^Showing 100 of \d+: type to narrow the list\.$/).waitFor();
  await served.getByRole('searchbox', { name: 'Find in Organisations served' }).fill(`northwind ${suffix}`);
  assert.equal(await served.getByRole('checkbox').count(), 1, 'the search narrows a hundred organisations to one');
  await served.getByRole('checkbox', { name: northwind.name }).press('Space');
  await served.getByRole('button', { name: `Remove ${northwind.name}` }).waitFor();
  await assertAccessible(page, 'user dialog with organisations served');
  await screenshot(page, 'admin-user-served-organisations');
  // An administrator serves every organisation: the field goes with the role.
  await dialog.getByLabel('Administrator').check();
  await served.waitFor({ state: 'detached' });
  await dialog.getByLabel('Administrator').uncheck();
  await served.getByRole('button', { name: `Remove ${northwind.name}` }).waitFor();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await page.getByText(`User ${agent.name} saved.`).waitFor();
  await row.getByRole('cell', { name: northwind.name, exact: true }).waitFor();
  assert.deepEqual((await api.get(`/api/v1/users/${agent.id}`, { token: admin.token })).body.servedOrganisationIds, [northwind.id]);
  await context.close();

  // The agent's own view: the API and the queue show Northwind's ticket only.
  const ids = await visibleTo(agent.token);
  assert.ok(ids.includes(inNorthwind.id) && !ids.includes(inContoso.id), JSON.stringify(ids));
  const agentContext = await newContext(browser);
  const agentPage = await agentContext.newPage();
  await signIn(agentPage, app.baseUrl, agent.email, agent.password);
  await agentPage.goto(`${app.baseUrl}/agent/queues/all`);
  await agentPage.getByRole('heading', { level: 1, name: 'All open tickets' }).waitFor();
  await agentPage.getByRole('table').getByText(inNorthwind.title).waitFor();
  assert.deepEqual(await agentPage.getByRole('table').locator('tbody tr td.queue-title').allInnerTexts(), [inNorthwind.title]);
  await agentContext.close();
});
