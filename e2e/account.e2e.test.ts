// My account, for agents and requesters alike: the language stored on the account, and API
// tokens (created with an expiry, shown once and copied, used as a bearer, revoked after a
// confirmation), in English and French, each screen checked with axe-core.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { client, startTestApp, type TestApp } from '../server/src/test/harness.ts';
import { makeOrganisation, makeUser, uniq } from '../server/src/test/factories.ts';
import { launchBrowser, newContext, screenshot, signIn, assertAccessible } from './browser.ts';

let app: TestApp;
let browser: Browser;
let api: ReturnType<typeof client>;
before(async () => {
  [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  api = client(app);
});
after(async () => {
  await browser?.close();
  await app?.close();
});

const meWith = (token: string) => fetch(`${app.baseUrl}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token}` } });

test('an agent creates a token in My account, uses it as a bearer, then revokes it', async () => {
  const agent = await makeUser(app.deps, { roles: ['agent'], name: `Agathe ${uniq()}` });
  const context = await newContext(browser);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.baseUrl });
  const page = await context.newPage();
  await signIn(page, app.baseUrl, agent.email, agent.password);
  await page.getByRole('banner').getByRole('link', { name: 'My account' }).click();
  await page.waitForURL(/\/agent\/account$/);
  await page.getByRole('heading', { level: 1, name: 'My account' }).waitFor();
  const tokens = page.getByRole('region', { name: 'API tokens' });
  // The factory's token is listed, never its secret.
  await tokens.getByRole('cell', { name: 'test', exact: true }).waitFor();
  await assertAccessible(page, 'my account (agent)');

  await tokens.getByLabel('Name').fill('Monitoring script');
  await tokens.getByLabel('Expiry').selectOption({ label: 'In 30 days' });
  await tokens.getByRole('button', { name: 'Create the token' }).click();
  const once = tokens.getByRole('region', { name: 'Your new token “Monitoring script”' });
  await once.getByText('you will not see it again').waitFor();
  const secret = await once.getByLabel('Token').inputValue();
  assert.match(secret, /^gch_/);
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('readonly')), '', 'focus is on the secret');
  await once.getByRole('button', { name: 'Copy' }).click();
  await once.getByText('Copied to the clipboard.').waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), secret);
  await assertAccessible(page, 'new token shown once');
  await screenshot(page, 'account-token-once');
  await once.getByRole('button', { name: 'I have stored it' }).click();
  await once.waitFor({ state: 'detached' });
  assert.equal(await tokens.getByText(secret).count(), 0, 'the secret is not shown again');

  const used = await meWith(secret);
  assert.equal(used.status, 200);
  assert.equal((await used.json()).id, agent.id);
  const listed = (await api.get('/api/v1/auth/tokens', { token: agent.token })).body.items.find((t: { name: string }) => t.name === 'Monitoring script');
  const days = (Date.parse(listed.expiresAt) - Date.now()) / 86_400_000;
  assert.ok(days > 29.9 && days <= 30, `expires in 30 days, not ${days}`);

  // After a reload the row says when it was last used and when it expires.
  await page.reload();
  const row = tokens.getByRole('row', { name: /Monitoring script/ });
  await row.waitFor();
  const cells = await row.getByRole('cell').allInnerTexts();
  assert.equal(cells[1], `${secret.slice(0, 10)}…`);
  assert.notEqual(cells[3], 'Not used yet');
  assert.notEqual(cells[4], 'Never');

  await row.getByRole('button', { name: 'Revoke Monitoring script' }).click();
  const dialog = page.getByRole('dialog', { name: 'Revoke the token “Monitoring script”?' });
  await dialog.getByText('will be refused at once').waitFor();
  await assertAccessible(page, 'revoke confirmation');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  assert.equal((await meWith(secret)).status, 200, 'cancelling revokes nothing');
  await row.getByRole('button', { name: 'Revoke Monitoring script' }).click();
  await dialog.getByRole('button', { name: 'Revoke the token' }).click();
  await tokens.getByText('Token “Monitoring script” revoked.').waitFor();
  await row.waitFor({ state: 'detached' });
  assert.equal((await meWith(secret)).status, 401);
  await context.close();
});

test('a requester opens My account from the portal, stores French as their language and reads the page in French', async () => {
  const org = await makeOrganisation(app.deps);
  const requester = await makeUser(app.deps, { organisationId: org.id, name: `Rémi ${uniq()}` });
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, app.baseUrl, requester.email, requester.password);
  await page.waitForURL(/\/portal$/);
  await page.getByRole('banner').getByRole('link', { name: 'My account' }).click();
  await page.waitForURL(/\/portal\/account$/);
  const profile = page.getByRole('region', { name: 'Profile' });
  await profile.getByText(requester.email).waitFor();
  await assertAccessible(page, 'my account (requester)');

  await profile.getByLabel('Language').selectOption('fr');
  await profile.getByRole('button', { name: 'Save the language' }).click();
  await page.getByRole('heading', { level: 1, name: 'Mon compte' }).waitFor();
  await page.getByRole('region', { name: 'Profil' }).getByText('Langue enregistrée.').waitFor();
  assert.equal((await api.get('/api/v1/users/me', { token: requester.token })).body.language, 'fr');

  const jetons = page.getByRole('region', { name: 'Jetons d’API' });
  await jetons.getByLabel('Nom').fill('Tableur');
  await jetons.getByLabel('Expiration').selectOption({ label: 'Aucune (jusqu’à révocation)' });
  await jetons.getByRole('button', { name: 'Créer le jeton' }).click();
  await jetons.getByText('vous ne le reverrez plus').waitFor();
  await assertAccessible(page, 'mon compte, nouveau jeton');
  await screenshot(page, 'account-fr');
  await jetons.getByRole('button', { name: 'Je l’ai rangé' }).click();
  const row = jetons.getByRole('row', { name: /Tableur/ });
  await row.waitFor();
  assert.deepEqual((await row.getByRole('cell').allInnerTexts()).slice(3, 5), ['Pas encore utilisé', 'Jamais']);
  const listed = (await api.get('/api/v1/auth/tokens', { token: requester.token })).body.items.find((t: { name: string }) => t.name === 'Tableur');
  assert.equal(listed.expiresAt, null);
  await context.close();
});
