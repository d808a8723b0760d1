// Problem management in the agent's workspace: a supervisor runs the detection of recurring
// incidents, reads why a cluster was grouped, accepts it (a problem with the incidents
// linked), records the root cause and the workaround (known error), resolves the problem
// with its incidents (each requester gets the note), and dismisses another cluster. The
// list, the problem page and the clusters page are checked with axe; French on the clusters.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Locator, Page } from 'playwright-core';
import { client, startTestApp, type TestApp } from '../server/src/test/harness.ts';
import { makeGroup, makeOrganisation, makeUser, uniq, type MadeUser } from '../server/src/test/factories.ts';
import { launchBrowser, newContext, screenshot, signIn, assertAccessible } from './browser.ts';

let app: TestApp;
let browser: Browser;
let api: ReturnType<typeof client>;
let supervisor: MadeUser;
let acmeName: string;
let groupName: string;
/** The six VPN incidents of ACME, and the four calendar incidents of Globex. */
const vpnIds: number[] = [];
const calendarIds: number[] = [];
const vpnRequesters: MadeUser[] = [];
/** ACME's unrelated incidents. */
const acmeNoiseIds: number[] = [];
let agent: MadeUser;
let problemId: number;

// The same incident told six ways, in English and in French.
const VPN = [
  ['GlobalProtect VPN drops with a timeout error', 'The GlobalProtect VPN connection drops every few minutes with a timeout error when I work from home.'],
  ['VPN GlobalProtect coupé : « timeout error »', 'Le VPN GlobalProtect se coupe toutes les dix minutes avec le message « Connection timeout error ».'],
  ['VPN connection drops: GlobalProtect timeout error', 'Working from home, my GlobalProtect VPN connection drops with a timeout error every few minutes.'],
  ['GlobalProtect VPN connection drops (timeout error)', 'Every few minutes the GlobalProtect VPN connection drops and shows a timeout error. I work from home.'],
  ['Coupures du VPN GlobalProtect (timeout error)', 'En télétravail, GlobalProtect affiche « Connection timeout error » et le VPN se coupe.'],
  ['Timeout error: the GlobalProtect VPN drops', 'When I work from home the GlobalProtect VPN connection drops with a timeout error every few minutes.'],
] as const;
const CALENDAR = [
  ['Outlook calendar does not sync on my iPhone', 'Meetings added in Outlook never reach the calendar of my iPhone.'],
  ['Calendar sync broken between Outlook and iPhone', 'The iPhone calendar stopped syncing with Outlook yesterday.'],
  ['iPhone calendar out of sync with Outlook', 'My Outlook meetings are missing from the iPhone calendar.'],
  ['Outlook meetings missing on iPhone calendar', 'The calendar on the iPhone does not show the Outlook meetings any more.'],
] as const;
const PROBLEM_TITLE = 'The VPN gateway drops GlobalProtect sessions';
// Unrelated incidents around them: none should be grouped.
const NOISE = [
  ['Printer on the second floor jams', 'The HP printer near the lifts jams on every second page.'],
  ['Password reset for the payroll application', 'I forgot my password for the payroll software.'],
  ['New starter needs a laptop', 'Please prepare a laptop for Marie who starts on Monday.'],
  ['Écran qui clignote', "Mon deuxième écran clignote quand je branche la station d'accueil."],
  ['Excel crashes when opening a large file', 'Excel closes without a message when I open the quarterly budget.'],
  ['Badge refusé au parking', 'Mon badge ne fonctionne plus à la barrière du parking.'],
  ['Teams microphone not detected', 'Teams does not find my headset microphone during calls.'],
  ['Demande de licence Visio', "J'ai besoin d'une licence Visio pour un projet."],
] as const;

before(async () => {
  [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  api = client(app);
  acmeName = `ACME ${uniq()}`;
  const acme = await makeOrganisation(app.deps, { name: acmeName });
  const globex = await makeOrganisation(app.deps, { name: `Globex ${uniq()}` });
  const desk = await makeGroup(app.deps, { tier: 1, name: `Network team ${uniq()}` });
  groupName = desk.name;
  supervisor = await makeUser(app.deps, { roles: ['supervisor'], name: 'Sophie Martin' });
  agent = await makeUser(app.deps, { roles: ['agent'], name: 'Arthur Petit' });
  const acmeUsers = await Promise.all([0, 1, 2].map((i) => makeUser(app.deps, { organisationId: acme.id, name: `Acme user ${i} ${uniq()}` })));
  const globexUser = await makeUser(app.deps, { organisationId: globex.id, name: `Globex user ${uniq()}` });
  const open = async ([title, description]: readonly [string, string], requesterId: number) => {
    const r = await api.post('/api/v1/tickets', { title, description, requesterId, type: 'incident', channel: 'phone' }, { token: supervisor.token });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    return r.body.id as number;
  };
  // Interleaved, as they would arrive.
  for (let i = 0; i < VPN.length; i++) {
    vpnRequesters.push(acmeUsers[i % acmeUsers.length]);
    vpnIds.push(await open(VPN[i], acmeUsers[i % acmeUsers.length].id));
    acmeNoiseIds.push(await open(NOISE[i], acmeUsers[(i + 1) % acmeUsers.length].id));
    if (i < CALENDAR.length) calendarIds.push(await open(CALENDAR[i], globexUser.id));
  }
  for (const noise of NOISE.slice(VPN.length)) await open(noise, globexUser.id);
});
after(async () => {
  await browser?.close();
  await app?.close();
});

async function signedIn(locale?: string, user = supervisor) {
  const context = await newContext(browser, { locale });
  const page = await context.newPage();
  await signIn(page, app.baseUrl, user.email, user.password);
  return { context, page };
}

/** Waits for the page to reach `url`; a refusal shown instead fails the test with its words. */
async function arriveAt(page: Page, url: RegExp) {
  const refused = page.getByRole('alert').first();
  await Promise.race([
    page.waitForURL(url),
    refused.waitFor().then(async () => assert.fail(`refused: ${await refused.innerText()}`)),
  ]);
}

/** A cluster's card on the clusters page, by a word of its title. */
const card = (page: Page, title: RegExp): Locator => page.getByRole('article').filter({ has: page.getByRole('heading', { name: title }) });

test('a supervisor runs detection and reads why the VPN incidents were grouped', async () => {
  const { context, page } = await signedIn();
  await page.goto(`${app.baseUrl}/agent/problems`);
  await page.getByRole('heading', { name: 'Problems', level: 1 }).waitFor();
  await page.getByText('No open problem.', { exact: false }).waitFor();
  await assertAccessible(page, 'problem list (empty)');

  await page.getByRole('navigation', { name: 'Problem management' }).getByRole('link', { name: /^Detected clusters/ }).click();
  await page.waitForURL(/\/agent\/problems\/candidates$/);
  await page.getByText('No cluster is waiting for a decision.', { exact: false }).waitFor();
  await page.getByRole('button', { name: 'Run detection now' }).click();
  await page.getByText('2 new clusters proposed.').waitFor();

  const vpn = card(page, /VPN/);
  await vpn.waitFor();
  // The words the tickets share, each with how many tickets have it.
  const terms = vpn.getByRole('list', { name: 'Shared words, with how many tickets have each' });
  const vpnTerm = terms.getByRole('listitem').filter({ hasText: /^vpn\b/i });
  assert.match(await vpnTerm.innerText(), /^vpn 6\/6/i);
  assert.ok((await terms.getByRole('listitem').count()) >= 2, 'more than one shared word');
  const globalProtect = terms.getByRole('listitem').filter({ hasText: /globalprotect/i });
  assert.match(await globalProtect.innerText(), /\b6\/6/);
  // The explanation in words: count, organisation, span, the words; similarity in percent.
  const sentence = await vpn.locator('.cluster-sentence').innerText();
  assert.match(sentence, new RegExp(`^6 tickets from ${acmeName} in (less than an hour|\\d+ hours?) share the words .*vpn`, 'i'));
  assert.match(await vpn.innerText(), /Text similarity \d{1,3}%/);
  assert.match(await vpn.innerText(), /Same organisation/);
  await vpn.getByText('Show the 6 tickets').click();
  const links = vpn.getByRole('link', { name: /^#\d+$/ });
  assert.equal(await links.count(), 6);
  const hrefs = (await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')))).sort();
  assert.deepEqual(hrefs, vpnIds.map((id) => `/agent/tickets/${id}`).sort());
  const calendar = card(page, /calendar|Outlook|iPhone/i);
  assert.match(await calendar.locator('.cluster-sentence').innerText(), /^4 tickets from Globex/);
  // The noise stayed out.
  assert.equal(await page.getByRole('article').count(), 2);
  assert.match(await page.getByRole('link', { name: /^Detected clusters/ }).innerText(), /2/);
  await assertAccessible(page, 'detected clusters');
  await screenshot(page, 'problems-clusters');
  await context.close();
});

test('accepting the cluster opens the problem with its six incidents linked', async () => {
  const { context, page } = await signedIn();
  await page.goto(`${app.baseUrl}/agent/problems/candidates`);
  const vpn = card(page, /VPN/);
  await vpn.getByRole('button', { name: /^Accept/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Accept as a problem' });
  await dialog.getByText('A problem is created with these 6 incidents linked.', { exact: false }).waitFor();
  await dialog.getByLabel('Title').fill(PROBLEM_TITLE);
  await dialog.getByLabel('Owner group').selectOption({ label: `${groupName} (Tier 1)` });
  await dialog.getByRole('button', { name: 'Create the problem' }).click();
  await arriveAt(page, /\/agent\/problems\/\d+$/);
  problemId = Number(new URL(page.url()).pathname.split('/').pop());
  await page.getByRole('heading', { name: new RegExp(PROBLEM_TITLE), level: 1 }).waitFor();
  await page.getByText(/created from the detected cluster, with its 6 incidents linked/).waitFor();

  const table = page.getByRole('table', { name: /Linked incidents/ });
  await table.locator('tbody tr').first().waitFor();
  assert.equal(await table.locator('tbody tr').count(), 6);
  assert.match(await table.innerText(), new RegExp(acmeName));
  const problem = (await api.get(`/api/v1/problems/${problemId}`, { token: supervisor.token })).body;
  assert.deepEqual(problem.incidents.map((i: { id: number }) => i.id).sort((a: number, b: number) => a - b), [...vpnIds].sort((a, b) => a - b));
  assert.equal(problem.ownerGroupName, groupName);
  assert.equal(problem.status, 'open');
  const first = problem.incidents[0];
  assert.equal(await table.getByRole('link', { name: `#${first.number}` }).getAttribute('href'), `/agent/tickets/${first.id}`);
  await assertAccessible(page, 'problem page');
  await screenshot(page, 'problems-problem-open');

  // The list now shows it, with its incidents open / total.
  await page.getByRole('navigation', { name: 'Problem management' }).getByRole('link', { name: 'Problems', exact: true }).click();
  const row = page.getByRole('row').filter({ hasText: PROBLEM_TITLE });
  await row.waitFor();
  assert.match(await row.innerText(), new RegExp(`PRB-${problemId}`));
  assert.match(await row.innerText(), /6 \/ 6/);
  assert.match(await row.innerText(), /Open/);
  await assertAccessible(page, 'problem list');
  await screenshot(page, 'problems-list');
  await context.close();
});

test('with its root cause and workaround recorded, the problem becomes a known error', async () => {
  const { context, page } = await signedIn();
  await page.goto(`${app.baseUrl}/agent/problems/${problemId}`);
  // Too early: the server says what is missing.
  await page.getByRole('button', { name: 'Mark as known error' }).click();
  await page.getByRole('alert').filter({ hasText: /workaround/ }).waitFor();

  await page.getByRole('button', { name: 'Add the root cause' }).click();
  await page.getByRole('textbox', { name: 'Root cause' }).fill('The VPN gateway drops idle tunnels after 60 s since the firmware update.');
  await page.getByRole('button', { name: 'Save the root cause' }).click();
  await page.getByText('The VPN gateway drops idle tunnels after 60 s since the firmware update.').waitFor();
  await page.getByRole('button', { name: 'Add a workaround' }).click();
  await page.getByRole('textbox', { name: 'Workaround' }).fill('Switch GlobalProtect to the "Always on" mode in its settings.');
  await page.getByRole('button', { name: 'Save the workaround' }).click();
  await page.getByText('Switch GlobalProtect to the "Always on" mode in its settings.').waitFor();

  await page.getByRole('button', { name: 'Mark as known error' }).click();
  const statusPanel = page.getByRole('region', { name: 'Status', exact: true });
  await statusPanel.locator('.problem-status-known_error').waitFor();
  const problem = (await api.get(`/api/v1/problems/${problemId}`, { token: supervisor.token })).body;
  assert.equal(problem.status, 'known_error');
  assert.match(problem.workaround, /Always on/);
  await assertAccessible(page, 'problem page, known error');
  await screenshot(page, 'problems-known-error');
  await context.close();
});

test('resolving the problem with its incidents resolves the six tickets with the note', async () => {
  const { context, page } = await signedIn();
  await page.goto(`${app.baseUrl}/agent/problems/${problemId}`);
  await page.getByRole('button', { name: 'Resolve problem' }).click();
  const dialog = page.getByRole('dialog', { name: `Resolve PRB-${problemId}` });
  const note = `The VPN gateway firmware was rolled back (${uniq()}). Your connection should stay up; reply if it drops again.`;
  await dialog.getByLabel('Resolution note').fill(note);
  const resolveAll = dialog.getByRole('checkbox', { name: 'Resolve the 6 linked open incidents with this note' });
  assert.equal(await resolveAll.isChecked(), true, 'on by default');
  await assertAccessible(page, 'resolve dialog');
  await dialog.getByRole('button', { name: 'Resolve problem' }).click();
  await page.getByText(`PRB-${problemId} resolved.`).waitFor();
  await page.getByText('6 linked incidents were resolved with the note.').waitFor();
  await page.getByRole('region', { name: 'Status', exact: true }).locator('.problem-status-resolved').waitFor();

  for (const id of vpnIds) {
    const ticket = (await api.get(`/api/v1/tickets/${id}`, { token: supervisor.token })).body;
    assert.equal(ticket.status, 'resolved', `ticket ${id}`);
  }
  for (const id of calendarIds) assert.notEqual((await api.get(`/api/v1/tickets/${id}`, { token: supervisor.token })).body.status, 'resolved');
  await screenshot(page, 'problems-resolved');

  // On one of the tickets, the note reached the requester as a public reply.
  // (read as its requester: only public events)
  const timeline = (await api.get(`/api/v1/tickets/${vpnIds[2]}/timeline`, { token: vpnRequesters[2].token })).body.items as { internal: boolean }[];
  assert.ok(timeline.some((e) => !e.internal && JSON.stringify(e).includes(note)), 'a public event carries the note');
  await page.goto(`${app.baseUrl}/agent/tickets/${vpnIds[2]}`);
  const reply = page.getByRole('region', { name: 'Timeline' }).getByRole('article').filter({ hasText: 'Public reply' }).filter({ hasText: note });
  await reply.waitFor();
  await screenshot(page, 'problems-ticket-note');
  await context.close();
});

test('dismissing the other cluster takes it off the proposed list; the clusters page in French', async () => {
  const { context, page } = await signedIn();
  await page.goto(`${app.baseUrl}/agent/problems/candidates`);
  const calendar = card(page, /calendar|Outlook|iPhone/i);
  await calendar.waitFor();
  assert.equal(await card(page, /VPN/).count(), 0, 'the accepted cluster is no longer proposed');
  await calendar.getByRole('button', { name: /^Dismiss/ }).click();
  const dialog = page.getByRole('dialog', { name: /^Dismiss/ });
  await dialog.getByLabel('Reason (optional)').fill('Apple is fixing it in the next iOS release.');
  await dialog.getByRole('button', { name: 'Dismiss' }).click();
  await page.getByText('No cluster is waiting for a decision.', { exact: false }).waitFor();
  const proposed = (await api.get('/api/v1/problem-candidates?status=proposed', { token: supervisor.token })).body.items;
  assert.equal(proposed.length, 0);

  await page.getByRole('link', { name: 'Dismissed' }).click();
  await card(page, /calendar|Outlook|iPhone/i).getByText(/^Dismissed /).waitFor();
  await page.getByRole('link', { name: 'Accepted' }).click();
  await card(page, /VPN/).getByRole('link', { name: `Open PRB-${problemId}` }).waitFor();
  await assertAccessible(page, 'accepted clusters');
  await context.close();

  const fr = await signedIn('fr-FR');
  await fr.page.goto(`${app.baseUrl}/agent/problems/candidates?status=accepted`);
  const accepted = card(fr.page, /VPN/);
  await accepted.waitFor();
  await fr.page.getByRole('heading', { name: 'Regroupements détectés', level: 1 }).waitFor();
  assert.match(await accepted.locator('.cluster-sentence').innerText(), new RegExp(`^6 tickets de ${acmeName} en .+ partagent les mots .*vpn`, 'i'));
  await accepted.getByText(/^Accepté le /).waitFor();
  await assertAccessible(fr.page, 'clusters in French');
  await screenshot(fr.page, 'problems-clusters-fr');
  await fr.context.close();
});

test('an agent opens a problem by hand with incidents, unlinks one and links it again; the page in French', async () => {
  const { context, page } = await signedIn(undefined, agent);
  await page.goto(`${app.baseUrl}/agent/problems?show=all`);
  await page.getByRole('row').filter({ hasText: PROBLEM_TITLE }).waitFor();
  assert.equal(await page.getByRole('link', { name: /^Detected clusters/ }).count(), 0, 'clusters are for supervisors');
  // The filter: resolved problems only, then open ones (none).
  await page.getByLabel('Show').selectOption({ label: 'Resolved' });
  await page.waitForURL(/show=resolved/);
  await page.getByRole('row').filter({ hasText: PROBLEM_TITLE }).waitFor();
  await page.getByLabel('Show').selectOption({ label: 'Open problems' });
  await page.getByText('No open problem.', { exact: false }).waitFor();

  await page.getByRole('button', { name: 'New problem' }).click();
  const dialog = page.getByRole('dialog', { name: 'New problem' });
  await dialog.getByLabel('Title').fill('Second-floor printer jams');
  await dialog.getByLabel('Description').fill('The HP printer near the lifts jams on every second page.');
  const incidents = dialog.getByLabel('Incidents to link (optional)');
  await incidents.fill(`${acmeNoiseIds[0]} #printer`);
  await dialog.getByText('Not a ticket id or link: #printer').waitFor();
  await assertAccessible(page, 'new problem dialog');
  await incidents.fill(`${acmeNoiseIds[0]}, ${app.baseUrl}/agent/tickets/${acmeNoiseIds[2]}`);
  await dialog.getByRole('button', { name: 'Create problem' }).click();
  await arriveAt(page, /\/agent\/problems\/\d+$/);
  const id = Number(new URL(page.url()).pathname.split('/').pop());
  await page.getByText(`PRB-${id} created.`).waitFor();
  const table = page.getByRole('table', { name: /Linked incidents/ });
  await table.locator('tbody tr').nth(1).waitFor();
  assert.equal(await table.locator('tbody tr').count(), 2);

  const numberOf = async (ticketId: number) => (await api.get(`/api/v1/tickets/${ticketId}`, { token: agent.token })).body.number as number;
  await table.getByRole('button', { name: `Unlink ticket #${await numberOf(acmeNoiseIds[2])}` }).click();
  await table.locator('tbody tr').nth(1).waitFor({ state: 'detached' });
  await page.getByLabel('Link incidents').fill(String(acmeNoiseIds[2]));
  await page.getByRole('button', { name: 'Link', exact: true }).click();
  await table.locator('tbody tr').nth(1).waitFor();
  const problem = (await api.get(`/api/v1/problems/${id}`, { token: agent.token })).body;
  assert.deepEqual(problem.incidents.map((i: { id: number }) => i.id).sort((a: number, b: number) => a - b), [acmeNoiseIds[0], acmeNoiseIds[2]].sort((a, b) => a - b));
  // A ticket that does not exist: the server's reason is shown.
  await page.getByLabel('Link incidents').fill('999999');
  await page.getByRole('button', { name: 'Link', exact: true }).click();
  await page.getByRole('alert').filter({ hasText: /999999/ }).waitFor();
  await context.close();

  const fr = await signedIn('fr-FR', agent);
  await fr.page.goto(`${app.baseUrl}/agent/problems/${id}`);
  await fr.page.getByRole('heading', { name: /Incidents liés/ }).waitFor();
  await fr.page.getByRole('button', { name: 'Résoudre le problème' }).waitFor();
  await fr.page.getByText('Pas encore connue.').waitFor();
  await assertAccessible(fr.page, 'problem page in French');
  await screenshot(fr.page, 'problems-problem-fr');
  await fr.context.close();
});
