// Signing in and out, a wrong password, the language switch and an expired session.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../server/src/test/harness.ts';
import { makeUser } from '../server/src/test/factories.ts';
import { forgetCachedActors } from '../server/src/modules/auth/auth.service.ts';
import { launchBrowser, newContext, screenshot, seriousA11yViolations, signIn } from './browser.ts';

let app: TestApp;
let browser: Browser;
before(async () => {
  [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
});
after(async () => {
  await browser?.close();
  await app?.close();
});

test('a wrong password gets a clear error; the right one lands an agent on the work queue', async () => {
  const agent = await makeUser(app.deps, { roles: ['agent'] });
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto(`${app.baseUrl}/agent`);
  await page.waitForURL(/\/login$/);
  assert.deepEqual(await seriousA11yViolations(page), [], 'sign-in page');
  await page.getByLabel('Email').fill(agent.email);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('alert').waitFor();
  assert.match(await page.getByRole('alert').innerText(), /password/i);
  await screenshot(page, 'login-error');
  await signIn(page, app.baseUrl, agent.email, agent.password);
  await page.waitForURL(/\/agent\/queues\/work$/);
  await context.close();
});

test('French is picked from the browser and can be switched to English', async () => {
  const context = await newContext(browser, { locale: 'fr-FR' });
  const page = await context.newPage();
  await page.goto(`${app.baseUrl}/login`);
  await page.getByRole('heading', { name: 'Connexion à Guichet' }).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'fr');
  await page.getByLabel('Langue').selectOption('en');
  await page.getByRole('heading', { name: 'Sign in to Guichet' }).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  await context.close();
});

test('an expired session sends the user to sign in again, then back where they were', async () => {
  const agent = await makeUser(app.deps, { roles: ['agent'] });
  const context = await newContext(browser);
  // A request that read the session just before it was deleted may cache the actor just
  // after the cache was cleared (a busy machine): clear it again once such requests are done.
  const expire = async () => {
    await app.deps.db.deleteFrom('sessions').where('user_id', '=', agent.id).execute();
    forgetCachedActors(app.deps, agent.id);
    await new Promise((resolve) => setTimeout(resolve, 500));
    forgetCachedActors(app.deps, agent.id);
  };
  // Lapsed while away: the next visit asks to sign in, then goes where it was headed.
  const first = await context.newPage();
  await signIn(first, app.baseUrl, agent.email, agent.password);
  await first.waitForLoadState('networkidle');
  await first.close(); // nothing in flight may re-cache the session after it ends
  await expire();
  const page = await context.newPage();
  await page.goto(`${app.baseUrl}/agent/queues/all`);
  await page.waitForURL(/\/login$/);
  await page.getByLabel('Email').fill(agent.email);
  await page.getByLabel('Password').fill(agent.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/agent\/queues\/all$/);

  // Lapsed while working: the next request says so, and signing in again comes back here.
  await page.waitForLoadState('networkidle');
  await expire();
  // The next request notices; on a busy machine the live connection's own check may be first,
  // before the click lands: either way the user is asked to sign in, then comes back.
  const clicked = await page
    .getByRole('link', { name: /^Pending/ })
    .click({ timeout: 3_000 })
    .then(() => true, () => false);
  await page.getByText('Your session has expired').waitFor();
  await page.getByLabel('Password').fill(agent.password);
  await page.getByLabel('Email').fill(agent.email);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(clicked ? /\/agent\/queues\/pending/ : /\/agent\/queues\/(pending|all)/);
  await context.close();
});
