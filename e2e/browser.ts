// Browser tests drive Debian's chromium through playwright-core against a real Guichet
// server (startTestApp: real HTTP, the database under test). Screenshots go to
// test-results/screenshots/ (not committed).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const SCREENSHOTS = path.join(root, 'test-results', 'screenshots');
const CHROMIUM = process.env.GUICHET_CHROMIUM ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`No chromium at ${CHROMIUM}: npm test installs Debian's chromium (as root), or set GUICHET_CHROMIUM.`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

/** A fresh browser profile (own cookies), English unless told otherwise. */
export async function newContext(browser: Browser, o: { locale?: string; mobile?: boolean; bypassCSP?: boolean } = {}): Promise<BrowserContext> {
  const context = await browser.newContext({
    locale: o.locale ?? 'en-GB',
    viewport: o.mobile ? { width: 390, height: 844 } : { width: 1366, height: 860 },
    bypassCSP: o.bypassCSP ?? false,
  });
  context.setDefaultTimeout(10_000);
  return context;
}

export async function signIn(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel(/^(Email|E-mail)$/).fill(email);
  await page.getByLabel(/^(Password|Mot de passe)$/).fill(password);
  await page.getByRole('button', { name: /^(Sign in|Se connecter)$/ }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core's serious and critical violations on the page as it is now (WCAG 2.1 A/AA). */
export async function seriousA11yViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol, which the page's CSP does not govern.
  await page.evaluate(axeSource);
  const result = (await page.evaluate(`axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })`)) as { violations: AxeViolation[] };
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export function describeViolations(violations: AxeViolation[]): string {
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`).join('\n');
}

/** Fails the test with a readable list when axe finds a serious or critical violation. */
export async function assertAccessible(page: Page, what: string): Promise<void> {
  const v = await seriousA11yViolations(page);
  assert.deepEqual(v, [], `${what}:\n${describeViolations(v)}`);
}

/** An API call made by a test to set things up or check them: any non-2xx fails the test. */
export async function callApiAs(baseUrl: string, token: string, method: string, url: string, body?: unknown): Promise<any> {
  const res = await fetch(`${baseUrl}/api/v1${url}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
  return res.status === 204 ? null : res.json();
}
