// The quality bar: the JavaScript of a first load (sign-in page, then an agent's landing
// queue) stays under 300 KB gzipped. Counted from the files the browser actually fetched.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../server/src/test/harness.ts';
import { makeUser } from '../server/src/test/factories.ts';
import { launchBrowser, newContext, signIn } from './browser.ts';

const BUDGET_GZIP_BYTES = 300 * 1024;

let app: TestApp;
let browser: Browser;
before(async () => {
  [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
});
after(async () => {
  await browser?.close();
  await app?.close();
});

test('first load: under 300 KB of gzipped JavaScript, feature pages loaded only when opened', async () => {
  const agent = await makeUser(app.deps, { roles: ['agent'] });
  const context = await newContext(browser);
  const page = await context.newPage();
  const scripts = new Set<string>();
  page.on('response', (res) => {
    const url = new URL(res.url());
    if (url.pathname.endsWith('.js')) scripts.add(url.pathname);
  });
  await signIn(page, app.baseUrl, agent.email, agent.password);
  await page.waitForURL(/\/agent\/queues\/work$/);
  await page.waitForLoadState('networkidle');

  const dist = app.deps.config.webDist;
  let gzipped = 0;
  for (const p of scripts) gzipped += fs.statSync(path.join(dist, `${p}.gz`)).size;
  console.log(`first load: ${scripts.size} scripts, ${(gzipped / 1024).toFixed(1)} KB gzipped`);
  assert.ok(gzipped > 10 * 1024, 'the count saw the app itself');
  assert.ok(gzipped < BUDGET_GZIP_BYTES, `${(gzipped / 1024).toFixed(1)} KB gzipped is over the 300 KB budget`);
  for (const lazy of ['AdminPage', 'SupervisorPage', 'PortalHomePage', 'TicketPage']) {
    assert.ok(![...scripts].some((s) => s.includes(lazy)), `${lazy} was loaded on first load`);
  }
  await context.close();
});
