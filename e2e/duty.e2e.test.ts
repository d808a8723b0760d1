// Routing and duty in the browser: an admin adds a routing rule (a rule without conditions
// refused with the server's detail) and moves it first, then creates an on-call rotation
// with two members reordered and checks its four-week schedule; the agent on call opens
// On duty, sees themselves on call, acknowledges one page with the button and another from
// the email link (?ack=, opened signed out), and the page reads in French too; an admin sets
// a group's assignment, an escalation rule, a skill (agent and category) and a shift with
// a break and an absence. Each screen is checked with axe, and what was saved is read back
// through the API and the database.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { client, startTestApp, type TestApp } from '../server/src/test/harness.ts';
import { makeCategory, makeGroup, makeOrganisation, makeTicket, makeUser, uniq, type MadeUser } from '../server/src/test/factories.ts';
import { launchBrowser, newContext, screenshot, signIn, assertAccessible } from './browser.ts';

let app: TestApp;
let browser: Browser;
let api: ReturnType<typeof client>;
let admin: MadeUser;
let agent: MadeUser;
let bea: MadeUser;
let requester: MadeUser;
let desk: { id: number; name: string };
const rotationName = `Nights ${uniq()}`;

before(async () => {
  [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  api = client(app);
  desk = await makeGroup(app.deps, { name: `Service desk ${uniq()}`, tier: 1 });
  admin = await makeUser(app.deps, { roles: ['admin'], name: 'Ada Admin' });
  agent = await makeUser(app.deps, { roles: ['agent'], name: `Alex Agent ${uniq()}`, groupIds: [desk.id] });
  bea = await makeUser(app.deps, { roles: ['agent'], name: `Bea Backup ${uniq()}`, groupIds: [desk.id] });
  const org = await makeOrganisation(app.deps);
  requester = await makeUser(app.deps, { organisationId: org.id });
});
after(async () => {
  await browser?.close();
  await app?.close();
});

async function openSection(page: Page, name: string) {
  await page.getByRole('navigation', { name: 'Routing and duty sections' }).getByRole('link', { name }).click();
  await page.getByRole('heading', { name, level: 3 }).waitFor();
}

/** YYYY-MM-DD, days before today (UTC). */
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

test('an admin adds a routing rule, moves it first, and creates an on-call rotation', async () => {
  const existing = await api.post('/api/v1/routing/rules', { name: `Portal ${uniq()}`, conditions: { channels: ['portal'] }, groupId: desk.id }, { token: admin.token });
  assert.equal(existing.status, 201, JSON.stringify(existing.body));
  const ruleName = `Printers ${uniq()}`;

  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, app.baseUrl, admin.email, admin.password);
  await page.goto(`${app.baseUrl}/agent/admin/duty`);
  await page.waitForURL(/\/agent\/admin\/duty\/rules$/);
  await page.getByRole('heading', { name: 'Routing rules', level: 3 }).waitFor();
  await page.getByRole('cell', { name: existing.body.name, exact: true }).waitFor();

  // Without any condition the server refuses, and its detail is shown.
  const form = page.getByRole('region', { name: 'New routing rule' });
  await form.getByLabel('Name', { exact: true }).fill(ruleName);
  await form.getByLabel('Send to group').selectOption({ label: `${desk.name} (Tier 1)` });
  await form.getByRole('button', { name: 'Create rule' }).click();
  const refusal = form.getByRole('alert');
  await refusal.waitFor();
  assert.match(await refusal.innerText(), /condition/i);

  await form.getByRole('checkbox', { name: 'Email' }).check();
  await form.getByLabel('Keywords').fill('printer, toner');
  await assertAccessible(page, 'routing rules');
  await form.getByRole('button', { name: 'Create rule' }).click();
  await form.getByText(`Rule ${ruleName} created (last in the list).`).waitFor();
  await page.getByRole('button', { name: `Move ${ruleName} up` }).click();
  await page.getByText(`${ruleName} is now number 1.`).waitFor();
  const rules = (await api.get('/api/v1/routing/rules', { token: admin.token })).body.items;
  assert.deepEqual(
    rules.map((r: { name: string; conditions: unknown; group: { id: number } }) => [r.name, r.conditions, r.group.id]),
    [
      [ruleName, { channels: ['email'], keywords: ['printer', 'toner'] }, desk.id],
      [existing.body.name, { channels: ['portal'] }, desk.id],
    ],
  );
  await page.getByRole('cell', { name: 'Channel: Email' }).waitFor();
  await screenshot(page, 'admin-routing-rules');

  // A rotation: Bea added first, then Alex, who is moved before her.
  await openSection(page, 'On-call rotations');
  const newRotation = page.getByRole('region', { name: 'New rotation' });
  await newRotation.getByLabel('Name', { exact: true }).fill(rotationName);
  for (const who of [bea, agent]) {
    await newRotation.getByLabel('Member to add').selectOption({ label: `${who.name} (${who.email})` });
    await newRotation.getByRole('button', { name: 'Add member' }).click();
  }
  await newRotation.getByRole('button', { name: `Move ${agent.name} earlier` }).click();
  await newRotation.getByLabel('First turn on').fill(daysAgo(14));
  await newRotation.getByLabel('Time zone').fill('UTC');
  await newRotation.getByLabel('Acknowledge within (minutes)').fill('10');
  await assertAccessible(page, 'new rotation');
  await newRotation.getByRole('button', { name: 'Create rotation' }).click();
  await page.getByText(`Rotation ${rotationName} created.`).waitFor();

  const schedule = page.getByRole('table', { name: 'Next four weeks' });
  await schedule.getByRole('row').nth(1).waitFor();
  const names = await schedule.locator('tbody tr td:nth-child(3)').allInnerTexts();
  assert.ok(names.length >= 4, `four weekly turns at least: ${names.join(' / ')}`);
  assert.deepEqual(names.slice(0, 2).map((n) => n.trim()).sort(), [agent.name, bea.name].sort(), 'the two take turns');
  const saved = (await api.get('/api/v1/oncall/rotations', { token: admin.token })).body.items.find((r: { name: string }) => r.name === rotationName);
  assert.deepEqual([saved.members.map((m: { id: number }) => m.id), saved.ackMinutes, saved.timeZone, saved.calendar], [[agent.id, bea.id], 10, 'UTC', null]);
  assert.ok(saved.current, 'someone is on call now');
  await assertAccessible(page, 'rotation with its schedule');
  await screenshot(page, 'admin-oncall-rotation');
  await context.close();
});

async function pageFor(userId: number, rotationId: number): Promise<{ pageId: number; ticket: { id: number; number: number; title: string } }> {
  const ticket = await makeTicket(app.deps, { requesterId: requester.id, groupId: desk.id, title: `Server down ${uniq()}` });
  const row = await app.deps.db
    .insertInto('oncall_pages')
    .values({ ticket_id: ticket.id, rotation_id: rotationId, user_id: userId, level: 0, reason: 'P1 outside business hours', sent_at: new Date().toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { pageId: row.id, ticket };
}

const ackOf = (id: number) => app.deps.db.selectFrom('oncall_pages').select(['acked_at', 'acked_by_id']).where('id', '=', id).executeTakeFirstOrThrow();

test('the agent on call sees it on On duty and acknowledges pages, from the list and from the email link', async () => {
  const rotation = (await api.get('/api/v1/oncall/rotations', { token: admin.token })).body.items.find((r: { name: string }) => r.name === rotationName);
  assert.ok(rotation, 'the rotation of the first test');
  // Whoever is on call now is paged: make it Alex whatever the week, with an override.
  if (rotation.current?.user.id !== agent.id) {
    const o = await api.post(`/api/v1/oncall/rotations/${rotation.id}/overrides`, { userId: agent.id, startsAt: new Date(Date.now() - 60_000).toISOString(), endsAt: new Date(Date.now() + 3_600_000).toISOString() }, { token: admin.token });
    assert.equal(o.status, 201, JSON.stringify(o.body));
  }
  const first = await pageFor(agent.id, rotation.id);
  const second = await pageFor(agent.id, rotation.id);

  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, app.baseUrl, agent.email, agent.password);
  await page.getByRole('link', { name: 'On duty', exact: true }).click();
  await page.getByRole('heading', { name: 'On duty', level: 1 }).waitFor();
  const onCall = page.getByRole('table', { name: 'On call now' }).getByRole('row', { name: new RegExp(rotationName) });
  await onCall.waitFor();
  const cells = await onCall.getByRole('cell').allInnerTexts();
  assert.match(cells[2], new RegExp(`^${agent.name}\\s*you`), cells.join(' | '));
  assert.equal(cells[4], 'Paging now');
  await page.getByRole('table', { name: 'On duty now' }).getByRole('row', { name: new RegExp(agent.name) }).getByText('No shift set (always on duty)').waitFor();
  const myPages = page.getByRole('table', { name: 'My open pages' });
  await myPages.getByRole('link', { name: `#${first.ticket.number}` }).waitFor();
  await myPages.getByRole('link', { name: `#${second.ticket.number}` }).waitFor();
  await assertAccessible(page, 'on duty');
  await screenshot(page, 'on-duty');

  await myPages.getByRole('button', { name: `Acknowledge the page for #${first.ticket.number}` }).click();
  await page.getByText(`Page acknowledged: #${first.ticket.number} ${first.ticket.title}.`).waitFor();
  await myPages.getByRole('link', { name: `#${first.ticket.number}` }).waitFor({ state: 'detached' });
  const acked = await ackOf(first.pageId);
  assert.ok(acked.acked_at, 'acknowledged in the database');
  assert.equal(acked.acked_by_id, agent.id);
  assert.equal((await ackOf(second.pageId)).acked_at, null, 'the other ticket’s page is still open');

  await context.close();

  // The link in the page email, opened signed out: sign in, then a question before anything happens.
  const mail = await newContext(browser);
  const linkPage = await mail.newPage();
  await linkPage.goto(`${app.baseUrl}/agent/on-duty?ack=${second.pageId}`);
  await linkPage.waitForURL(/\/login$/);
  await linkPage.getByLabel('Email').fill(agent.email);
  await linkPage.getByLabel('Password').fill(agent.password);
  await linkPage.getByRole('button', { name: 'Sign in' }).click();
  const confirm = linkPage.getByRole('region', { name: 'Acknowledge this page?' });
  await confirm.getByRole('link', { name: `#${second.ticket.number} ${second.ticket.title}` }).waitFor();
  assert.equal(new URL(linkPage.url()).searchParams.get('ack'), String(second.pageId));
  assert.equal((await ackOf(second.pageId)).acked_at, null, 'opening the link acknowledges nothing by itself');
  await assertAccessible(linkPage, 'acknowledgement from the email link');
  await confirm.getByRole('button', { name: 'Acknowledge the page' }).click();
  await confirm.getByText(`Page acknowledged: #${second.ticket.number}`).waitFor();
  assert.equal((await ackOf(second.pageId)).acked_by_id, agent.id);
  await confirm.getByRole('button', { name: 'Close' }).click();
  await linkPage.waitForURL((url) => url.pathname === '/agent/on-duty' && !url.searchParams.has('ack'));
  await linkPage.getByText('No page is waiting for you.').waitFor();
  await mail.close();

  // The same page in French.
  const fr = await newContext(browser, { locale: 'fr-FR' });
  const frPage = await fr.newPage();
  await signIn(frPage, app.baseUrl, agent.email, agent.password);
  await frPage.goto(`${app.baseUrl}/agent/on-duty`);
  await frPage.getByRole('heading', { name: 'En service', level: 1 }).waitFor();
  await frPage.getByRole('table', { name: 'D’astreinte maintenant' }).getByRole('row', { name: new RegExp(rotationName) }).getByText('Alerte en ce moment').waitFor();
  await frPage.getByText('Aucune alerte ne vous attend.').waitFor();
  await assertAccessible(frPage, 'on duty in French');
  await fr.close();
});

test('an admin sets a group’s assignment, an escalation rule, skills and an agent’s shift', async () => {
  const chris = await makeUser(app.deps, { roles: ['agent'], name: `Chris Shift ${uniq()}`, groupIds: [desk.id] });
  const l2 = await makeGroup(app.deps, { name: `Specialists ${uniq()}`, tier: 2 });
  const category = await makeCategory(app.deps, { name: `Network ${uniq()}` });
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, app.baseUrl, admin.email, admin.password);
  await page.goto(`${app.baseUrl}/agent/admin/duty/assignment`);
  await page.getByRole('heading', { name: 'Assignment', level: 3 }).waitFor();

  // Assignment within the desk: round-robin.
  await page.getByLabel(`Assignment in ${desk.name}`).selectOption({ label: 'Round-robin' });
  await page.getByText(`${desk.name}: Round-robin.`).waitFor();
  const groups = (await api.get('/api/v1/groups', { token: admin.token })).body.items;
  assert.equal(groups.find((g: { id: number }) => g.id === desk.id).assignmentStrategy, 'round_robin');
  await assertAccessible(page, 'assignment');

  // Escalation from tier 1 to the specialists after two business hours.
  await openSection(page, 'Escalation rules');
  const newEscalation = page.getByRole('region', { name: 'New escalation rule' });
  const escalationName = `To specialists ${uniq()}`;
  await newEscalation.getByLabel('Name', { exact: true }).fill(escalationName);
  await newEscalation.getByLabel('After (business minutes)').fill('120');
  await newEscalation.getByLabel('To group').selectOption({ label: `${l2.name} (Tier 2)` });
  await newEscalation.getByRole('button', { name: 'Create escalation rule' }).click();
  await newEscalation.getByText(`Escalation rule ${escalationName} created.`).waitFor();
  await page.getByRole('cell', { name: '120 business min' }).waitFor();
  const escalations = (await api.get('/api/v1/escalation-rules', { token: admin.token })).body.items;
  assert.deepEqual(
    escalations.map((r: { name: string; fromTier: number; afterMinutes: number; toGroup: { id: number } }) => [r.name, r.fromTier, r.afterMinutes, r.toGroup.id]),
    [[escalationName, 1, 120, l2.id]],
  );
  await assertAccessible(page, 'escalation rules');

  // A skill, given to Chris and required by the category.
  await openSection(page, 'Skills');
  const skillName = `Cisco ${uniq()}`;
  const newSkill = page.getByRole('region', { name: 'New skill' });
  await newSkill.getByLabel('Name').fill(skillName);
  await newSkill.getByRole('button', { name: 'Create skill' }).click();
  await newSkill.getByText(`Skill ${skillName} created.`).waitFor();
  const agentSkills = page.getByRole('region', { name: 'Agents’ skills' });
  await agentSkills.getByLabel('Agent').selectOption({ label: `${chris.name} (${chris.email})` });
  await agentSkills.getByRole('checkbox', { name: skillName }).check();
  await agentSkills.getByRole('button', { name: 'Save skills' }).click();
  await agentSkills.getByText(`Skills of ${chris.name} saved.`).waitFor();
  await page.getByLabel(`Skill required by ${category.name}`).selectOption({ label: skillName });
  await page.getByText(`${category.name} now requires ${skillName}.`).waitFor();
  const skill = (await api.get('/api/v1/skills', { token: admin.token })).body.items.find((s: { name: string }) => s.name === skillName);
  assert.deepEqual([skill.agents, skill.categories], [1, 1]);
  assert.deepEqual((await api.get(`/api/v1/users/${chris.id}/skills`, { token: admin.token })).body.items.map((s: { id: number }) => s.id), [skill.id]);
  await page.getByRole('row', { name: new RegExp(skillName) }).first().waitFor();
  await assertAccessible(page, 'skills');

  // Chris's shift: a wrong zone is refused with the server's words, then New York hours with a break.
  await openSection(page, 'Shifts');
  await page.getByLabel('Set a shift for').selectOption({ label: `${chris.name} (${chris.email})` });
  const shift = page.getByRole('region', { name: `Shift of ${chris.name}` });
  await shift.getByLabel('Time zone').fill('Mars/Olympus');
  await shift.getByRole('button', { name: 'Save shift' }).click();
  const refusal = shift.getByRole('alert');
  await refusal.waitFor();
  assert.match(await refusal.innerText(), /"Mars\/Olympus" is not a time zone/);
  await shift.getByLabel('Time zone').fill('America/New_York');
  await shift.getByLabel('Monday, range 1: ends at').fill('12:00');
  await shift.getByRole('button', { name: 'Add hours on Monday' }).click();
  await shift.getByLabel('Monday, range 2: starts at').fill('13:00');
  await shift.getByLabel('Monday, range 2: ends at').fill('17:00');
  await shift.getByRole('button', { name: 'Copy Monday to Tuesday–Friday' }).click();
  await shift.getByRole('button', { name: 'Save shift' }).click();
  await shift.getByText(`Shift of ${chris.name} saved.`).waitFor();
  await page.getByRole('cell', { name: 'Mon–Fri 09:00–12:00, 13:00–17:00' }).waitFor();
  const saved = (await api.get(`/api/v1/users/${chris.id}/shift`, { token: admin.token })).body;
  assert.equal(saved.timeZone, 'America/New_York');
  assert.deepEqual(saved.hours['1'], [['09:00', '12:00'], ['13:00', '17:00']]);
  assert.deepEqual(saved.hours['5'], saved.hours['1']);
  assert.deepEqual(saved.hours['6'] ?? [], []);

  // A one-off absence tomorrow.
  const overrides = page.getByRole('region', { name: 'One-off changes' });
  await overrides.getByLabel('Agent').selectOption({ label: `${chris.name} (${chris.email})` });
  await overrides.getByRole('radio', { name: /^Absence/ }).check();
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  await overrides.getByLabel('From').fill(`${tomorrow}T08:00`);
  await overrides.getByLabel('To').fill(`${tomorrow}T18:00`);
  await overrides.getByLabel('Note').fill('Dentist');
  await overrides.getByRole('button', { name: 'Add change' }).click();
  await overrides.getByText(`Change for ${chris.name} added.`).waitFor();
  await overrides.getByRole('cell', { name: 'Dentist' }).waitFor();
  const absences = (await api.get(`/api/v1/shift-overrides?userId=${chris.id}`, { token: admin.token })).body.items;
  assert.deepEqual(absences.map((o: { kind: string; note: string }) => [o.kind, o.note]), [['off', 'Dentist']]);
  await assertAccessible(page, 'shifts');
  await screenshot(page, 'admin-shifts');
  await context.close();
});

test('a supervisor runs shifts and on-call from Administration, and sees nothing else there', async () => {
  const sam = await makeUser(app.deps, { roles: ['supervisor'], name: `Sam ${uniq()}` });
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, app.baseUrl, sam.email, sam.password);
  await page.getByRole('link', { name: 'Administration' }).click();
  await page.waitForURL(/\/agent\/admin\/duty\/shifts$/);
  const tabs = page.getByRole('navigation', { name: 'Administration sections' });
  assert.deepEqual(await tabs.getByRole('link').allTextContents(), ['Routing and duty']);
  const sections = page.getByRole('navigation', { name: 'Routing and duty sections' });
  assert.deepEqual(await sections.getByRole('link').allTextContents(), ['Shifts', 'On-call rotations']);
  await page.goto(`${app.baseUrl}/agent/admin/users`);
  await page.getByText('This page does not exist.').waitFor();
  await context.close();
});
