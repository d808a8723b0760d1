// Administration › Service levels in the browser: an admin creates a Paris business-hours
// calendar (a lunch break, Monday copied to the weekdays, a reversed range refused with the
// server's detail), adds a holiday by hand and imports one from an .ics file, checks a due
// time across a weekend, creates a policy on that calendar with its own targets and a
// reassign action, and a contract for an organisation. Each screen is checked with axe, and
// what was saved is read back through the API.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { client, startTestApp, type TestApp } from '../server/src/test/harness.ts';
import { makeGroup, makeOrganisation, makeUser, uniq, type MadeUser } from '../server/src/test/factories.ts';
import { launchBrowser, newContext, screenshot, signIn, assertAccessible } from './browser.ts';

let app: TestApp;
let browser: Browser;
let api: ReturnType<typeof client>;
let admin: MadeUser;
before(async () => {
  [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  api = client(app);
  admin = await makeUser(app.deps, { roles: ['admin'], name: 'Ada Admin' });
});
after(async () => {
  await browser?.close();
  await app?.close();
});

async function openSection(page: Page, name: string) {
  await page.getByRole('navigation', { name: 'Service level sections' }).getByRole('link', { name }).click();
  await page.getByRole('heading', { name, level: 3 }).waitFor();
}

/** An iCalendar file with one all-day event (a holiday) and one timed event (skipped). */
function icsFile(year: number): string {
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Guichet test//EN',
    'BEGIN:VEVENT',
    `UID:closure-${uniq()}@test`,
    `DTSTART;VALUE=DATE:${year}0814`,
    `DTEND;VALUE=DATE:${year}0815`,
    'SUMMARY:Summer closure',
    'END:VEVENT',
    'BEGIN:VEVENT',
    `UID:meeting-${uniq()}@test`,
    `DTSTART:${year}0910T090000Z`,
    `DTEND:${year}0910T100000Z`,
    'SUMMARY:Staff meeting',
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}

test('an admin sets up a calendar with hours and holidays, a policy on it, and a contract for an organisation', async () => {
  const org = await makeOrganisation(app.deps, { name: `Client ${uniq()}` });
  const tier2 = await makeGroup(app.deps, { name: `Escalations ${uniq()}`, tier: 2 });
  const calendarName = `Paris office ${uniq()}`;
  const policyName = `Gold ${uniq()}`;
  const contractName = `Support ${uniq()}`;
  const year = new Date().getFullYear();

  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, app.baseUrl, admin.email, admin.password);
  await page.goto(`${app.baseUrl}/agent/admin`);
  await page.getByRole('navigation', { name: 'Administration sections' }).getByRole('link', { name: 'Service levels' }).click();
  await page.waitForURL(/\/agent\/admin\/service-levels\/calendars$/);
  // The seeded calendars are listed with their hours at a glance.
  const list = page.getByRole('table', { name: 'Calendars' });
  await list.getByRole('row', { name: /Business hours \(Paris\)/ }).getByText('Mon–Fri 09:00–12:30, 13:30–18:00').waitFor();
  await list.getByRole('row', { name: /^24\/7/ }).getByText('Always open (24/7)').waitFor();
  await assertAccessible(page, 'calendars list');

  // A new calendar: Monday 08:30–12:00 and 13:00–17:30, copied to Tuesday–Friday.
  await page.getByRole('link', { name: 'New calendar' }).click();
  await page.waitForURL(/\/calendars\/new$/);
  const form = page.getByRole('region', { name: 'New calendar' });
  await form.getByLabel('Name', { exact: true }).fill(calendarName);
  await form.getByLabel('Time zone', { exact: true }).fill('Europe/Paris');
  await form.getByRole('button', { name: 'Add hours on Monday' }).click();
  await form.getByLabel('Monday, range 1: opens at').fill('08:30');
  await form.getByLabel('Monday, range 1: closes at').fill('12:00');
  await form.getByRole('button', { name: 'Add hours on Monday' }).click();
  await form.getByLabel('Monday, range 2: opens at').fill('13:00');
  await form.getByLabel('Monday, range 2: closes at').fill('17:30');
  await form.getByRole('button', { name: 'Copy Monday to Tuesday–Friday' }).click();
  assert.equal(await form.getByLabel('Friday, range 2: closes at').inputValue(), '17:30');
  // A reversed range on Saturday: the server refuses it and says why, next to the form.
  await form.getByRole('button', { name: 'Add hours on Saturday' }).click();
  await form.getByLabel('Saturday, range 1: opens at').fill('12:00');
  await form.getByLabel('Saturday, range 1: closes at').fill('10:00');
  await form.getByLabel('Country', { exact: true }).fill('fr');
  await form.getByText('France').waitFor();
  await form.getByRole('button', { name: 'Create calendar' }).click();
  const refusal = form.getByRole('alert');
  await refusal.waitFor();
  assert.match(await refusal.innerText(), /12:00|10:00/, 'the problem detail names the range');
  await assertAccessible(page, 'new calendar form with an error');
  await form.getByRole('button', { name: 'Remove Saturday range 1' }).click();
  await form.getByRole('button', { name: 'Create calendar' }).click();
  await page.waitForURL(/\/calendars\/\d+$/);
  const calendarId = Number(new URL(page.url()).pathname.split('/').pop());
  const edit = page.getByRole('region', { name: `Calendar ${calendarName}` });
  assert.equal(await edit.getByLabel('Wednesday, range 1: opens at').inputValue(), '08:30');
  await list.getByRole('row', { name: new RegExp(calendarName) }).getByText('Mon–Fri 08:30–12:00, 13:00–17:30').waitFor();

  // Holidays: the French public holidays by rule, one added by hand, one imported.
  const holidays = page.getByRole('region', { name: 'Holidays', exact: true });
  const yearTable = holidays.getByRole('table', { name: `Holidays in ${year}` });
  await yearTable.getByRole('row', { name: /Public holiday \(rule\)/ }).first().waitFor();
  const addForm = holidays.getByRole('form', { name: 'Add holiday' });
  await addForm.getByLabel('Date', { exact: true }).fill(`${year}-12-24`);
  await addForm.getByLabel('Name', { exact: true }).fill('Office closed');
  await addForm.getByLabel('Every year on this date').check();
  await addForm.getByRole('button', { name: 'Add holiday' }).click();
  await addForm.getByText(`Holiday Office closed added on ${year}-12-24.`).waitFor();
  const manualRow = yearTable.getByRole('row', { name: /Office closed/ });
  assert.match(await manualRow.innerText(), /Entered by hand\s+Every year/);
  const importForm = holidays.getByRole('form', { name: 'Import from iCalendar' });
  await importForm.getByLabel('iCalendar file (.ics)').setInputFiles({ name: 'closures.ics', mimeType: 'text/calendar', buffer: Buffer.from(icsFile(year)) });
  await importForm.getByRole('button', { name: 'Import holidays' }).click();
  await importForm.getByText('Imported 1, updated 0, skipped 1.').waitFor();
  await importForm.getByText(/^Staff meeting: /).waitFor();
  await yearTable.getByRole('row', { name: /Summer closure.*Imported \(\.ics\)/ }).waitFor();

  // Friday 17:00 + 60 business minutes: 30 on Friday, 30 on Monday from 08:30.
  const check = page.getByRole('region', { name: 'Check a due time' });
  await check.getByLabel('From (in Europe/Paris)').fill('2027-03-05T17:00');
  await check.getByLabel('Business minutes to add').fill('60');
  await check.getByRole('button', { name: 'Compute due time' }).click();
  await check.getByText(/Monday,? 8 March 2027 at 09:00/).waitFor();
  await assertAccessible(page, 'calendar with holidays and the check');
  await screenshot(page, 'sla-calendar');

  // A policy on that calendar: P1 answered in 15 minutes and solved in 2 hours; a breach of
  // the resolution target reassigns to the tier 2 group.
  await openSection(page, 'Policies');
  await page.getByRole('table', { name: 'Policies' }).getByRole('row', { name: /Standard/ }).getByText('Default').waitFor();
  await page.getByRole('link', { name: 'New policy' }).click();
  const policyForm = page.getByRole('region', { name: 'New policy' });
  await policyForm.getByLabel('Name', { exact: true }).fill(policyName);
  await policyForm.getByLabel('Calendar', { exact: true }).selectOption({ label: `${calendarName} (Europe/Paris)` });
  await policyForm.getByLabel('P1 First response', { exact: true }).fill('15');
  await policyForm.getByLabel('Unit of P1 First response').selectOption('minutes');
  await policyForm.getByLabel('P1 Resolution', { exact: true }).fill('2');
  await policyForm.getByLabel('Unit of P1 Resolution').selectOption('hours');
  await policyForm.getByLabel('P2 Next response', { exact: true }).fill('1');
  await policyForm.getByLabel('Unit of P2 Next response').selectOption('days');
  await policyForm.getByLabel('Warn when this share of a target has elapsed (%)').fill('75');
  await policyForm.getByRole('button', { name: 'Add action' }).click();
  await policyForm.getByLabel('Action 3: when').selectOption('breach');
  await policyForm.getByLabel('Action 3: for').selectOption('resolution');
  await policyForm.getByLabel('Action 3: do').selectOption('reassign');
  await policyForm.getByLabel('Action 3: group').selectOption({ label: tier2.name });
  await assertAccessible(page, 'new policy form');
  await policyForm.getByRole('button', { name: 'Create policy' }).click();
  await page.waitForURL(/\/policies\/\d+$/);
  const policyId = Number(new URL(page.url()).pathname.split('/').pop());
  const policyEdit = page.getByRole('region', { name: `Policy ${policyName}` });
  assert.equal(await policyEdit.getByLabel('P1 First response', { exact: true }).inputValue(), '15');
  assert.equal(await policyEdit.getByLabel('Unit of P1 Resolution').inputValue(), 'hours');
  await page.getByRole('table', { name: 'Policies' }).getByRole('row', { name: new RegExp(policyName) }).getByText(/answer 15 mins?, solve 2 hrs?/).waitFor();
  await screenshot(page, 'sla-policy');

  // A contract: the organisation served under the new policy, in force now.
  await openSection(page, 'Contracts');
  await page.getByLabel('Organisation', { exact: true }).selectOption({ label: org.name });
  await page.waitForURL(new RegExp(`/contracts\\?organisation=${org.id}$`));
  await page.getByText('This organisation has no contract: its tickets follow the default policy.').waitFor();
  await page.getByRole('link', { name: 'New contract' }).click();
  const contractForm = page.getByRole('region', { name: 'New contract' });
  assert.equal(await contractForm.getByLabel('Organisation', { exact: true }).inputValue(), String(org.id), 'the organisation in view is preselected');
  await contractForm.getByLabel('Name', { exact: true }).fill(contractName);
  await contractForm.getByLabel('Policy', { exact: true }).selectOption({ label: policyName });
  await contractForm.getByLabel('Ends on').fill(`${year + 1}-12-31`);
  await contractForm.getByLabel('Notes').fill('Gold support, signed in March.');
  await contractForm.getByRole('button', { name: 'Create contract' }).click();
  await page.waitForURL(new RegExp(`/contracts/\\d+\\?organisation=${org.id}$`));
  const contractRow = page.getByRole('table', { name: 'Contracts' }).getByRole('row', { name: new RegExp(contractName) });
  await contractRow.getByText('Active', { exact: true }).waitFor();
  assert.match(await contractRow.innerText(), new RegExp(`${org.name}[\\s\\S]*${policyName}[\\s\\S]*Until`));
  await assertAccessible(page, 'contracts');
  await screenshot(page, 'sla-contracts');
  await context.close();

  // What the screens saved, read back through the API.
  const calendars = (await api.get('/api/v1/calendars', { token: admin.token })).body.items;
  const calendar = calendars.find((c: { id: number }) => c.id === calendarId);
  const day = [
    ['08:30', '12:00'],
    ['13:00', '17:30'],
  ];
  assert.deepEqual(
    { name: calendar.name, timeZone: calendar.timeZone, is24x7: calendar.is24x7, country: calendar.holidayCountry, hours: calendar.hours, usedBy: calendar.usedBy.policies },
    { name: calendarName, timeZone: 'Europe/Paris', is24x7: false, country: 'FR', hours: { 1: day, 2: day, 3: day, 4: day, 5: day, 6: [], 7: [] }, usedBy: 1 },
  );
  const stored = (await api.get(`/api/v1/calendars/${calendarId}/holidays?year=${year}`, { token: admin.token })).body.items;
  const mine = stored.filter((h: { source: string }) => h.source !== 'rule').map((h: { date: string; name: string; recursYearly: boolean; source: string }) => [h.date, h.name, h.recursYearly, h.source]);
  assert.deepEqual(mine.sort(), [
    [`${year}-08-14`, 'Summer closure', false, 'ics'],
    [`${year}-12-24`, 'Office closed', true, 'manual'],
  ]);
  assert.ok(stored.some((h: { date: string; source: string }) => h.date === `${year}-07-14` && h.source === 'rule'), 'French public holidays by rule');

  const policy = (await api.get(`/api/v1/sla/policies/${policyId}`, { token: admin.token })).body;
  assert.deepEqual(
    { name: policy.name, calendar: policy.calendar.id, isDefault: policy.isDefault, p1: policy.targets['1'], p2Next: policy.targets['2'].nextResponse, warn: policy.warnPercent },
    { name: policyName, calendar: calendarId, isDefault: false, p1: { firstResponse: 15, resolution: 120, nextResponse: null }, p2Next: 1440, warn: 75 },
  );
  assert.deepEqual(policy.actions.at(-1), { on: 'breach', metric: 'resolution', do: 'reassign', groupId: tier2.id });

  const contracts = (await api.get(`/api/v1/contracts?organisationId=${org.id}`, { token: admin.token })).body.items;
  assert.deepEqual(
    contracts.map((k: { name: string; policy: { id: number }; startsOn: string | null; endsOn: string | null; notes: string; active: boolean }) => [k.name, k.policy.id, k.startsOn, k.endsOn, k.notes, k.active]),
    [[contractName, policyId, null, `${year + 1}-12-31`, 'Gold support, signed in March.', true]],
  );
});
