// The main screens on the demo dataset (`guichet demo`: five client organisations, N1–N3
// groups, 300 tickets in every state), in both languages: no serious accessibility
// violation on real-looking data, and the README's screenshots (docs-*.png, copied by hand
// to docs/screenshots/ when the screens change). SQLite only: nothing here depends on the
// storage back end, and the other browser tests cover both.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, testDb, type TestApp } from '../server/src/test/harness.ts';
import { expectExit, runCli } from '../server/src/cli/test-support.ts';
import { DEMO_ADMIN_EMAIL, DEMO_ORGANISATIONS, DEMO_STAFF, DEMO_SUPERVISOR_EMAIL } from '../server/src/cli/demo-data.ts';
import { demoRequesters } from '../server/src/cli/demo-plan.ts';
import { describeViolations, launchBrowser, newContext, screenshot, seriousA11yViolations, signIn } from './browser.ts';

const PASSWORD = 'demo-screens-password';
const agentEmail = DEMO_STAFF.find((s) => s.group === 'n1' && !s.roles.includes('supervisor'))!.email;
const manager = demoRequesters(DEMO_ORGANISATIONS[0])[0];

let app: TestApp;
let browser: Browser;
if (testDb === 'sqlite') {
  before(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    expectExit(await runCli(['demo', '--tickets', '300', '--password', PASSWORD], { env: { GUICHET_DATA: app.dataDir } }), 0);
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  /** The open ticket with the longest story: the ticket page at its fullest. */
  async function richestOpenTicket(): Promise<number> {
    const row = await app.deps.db
      .selectFrom('ticket_events as e')
      .innerJoin('tickets as t', 't.id', 'e.ticket_id')
      .where('t.status', 'in', ['in_progress', 'pending'])
      .select(['t.id', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('t.id')
      .orderBy('n', 'desc')
      .orderBy('t.id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async function check(page: Page, name: string) {
    await page.waitForLoadState('networkidle');
    assert.deepEqual(describeViolations(await seriousA11yViolations(page)), '', name);
    await screenshot(page, name);
  }

  for (const locale of ['en-GB', 'fr-FR']) {
    const lang = locale.slice(0, 2);
    test(`agent, supervisor, admin and requester screens on demo data (${lang})`, async () => {
      const context = await newContext(browser, { locale });
      const page = await context.newPage();
      await signIn(page, app.baseUrl, agentEmail, PASSWORD);
      await page.waitForURL(/\/agent\/queues\/work$/);
      await page.getByRole('table').first().waitFor();
      await check(page, `docs-queue-work-${lang}`);
      await page.goto(`${app.baseUrl}/agent/tickets/${await richestOpenTicket()}`);
      await page.getByRole('heading', { level: 2 }).first().waitFor();
      await check(page, `docs-ticket-${lang}`);
      await page.goto(`${app.baseUrl}/agent/phone`);
      await check(page, `docs-phone-call-${lang}`);
      await context.close();

      const supervisor = await newContext(browser, { locale });
      const sp = await supervisor.newPage();
      await signIn(sp, app.baseUrl, DEMO_SUPERVISOR_EMAIL, PASSWORD);
      await sp.goto(`${app.baseUrl}/agent/supervisor`);
      await sp.getByRole('table').first().waitFor();
      await check(sp, `docs-supervisor-${lang}`);
      await supervisor.close();

      const admin = await newContext(browser, { locale });
      const ap = await admin.newPage();
      await signIn(ap, app.baseUrl, DEMO_ADMIN_EMAIL, PASSWORD);
      await ap.goto(`${app.baseUrl}/agent/admin`);
      await ap.getByRole('table').first().waitFor();
      await check(ap, `docs-admin-${lang}`);
      await admin.close();

      const mobile = await newContext(browser, { locale, mobile: true });
      const mp = await mobile.newPage();
      await signIn(mp, app.baseUrl, manager.email, PASSWORD);
      await mp.waitForURL(/\/portal$/);
      await check(mp, `docs-portal-home-mobile-${lang}`);
      // A solved request: the page where the requester accepts, reopens and rates.
      await mp.getByRole('listitem').filter({ hasText: lang === 'fr' ? 'merci de confirmer' : 'please confirm' }).getByRole('link').first().click();
      await mp.waitForURL(/\/portal\/tickets\/\d+$/);
      await check(mp, `docs-portal-ticket-mobile-${lang}`);
      await mobile.close();
    });
  }
}
