// Live updates in the browser: presence and the collision warning on a ticket, new tickets
// and replies appearing without reload, and (PostgreSQL) a change made through one Guichet
// process reaching a browser connected to another.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, testDb, type TestApp } from '../server/src/test/harness.ts';
import { createPgDatabase, openTestDeps } from '../server/src/test/databases.ts';
import { makeGroup, makeTicket, makeUser, uniq, type MadeUser } from '../server/src/test/factories.ts';
import { launchBrowser, newContext, screenshot, signIn } from './browser.ts';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

let app: TestApp;
let browser: Browser;
let alice: MadeUser;
let bob: MadeUser;
let requester: MadeUser;

before(async () => {
  [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  const desk = await makeGroup(app.deps, { name: 'Service desk' });
  alice = await makeUser(app.deps, { roles: ['agent'], name: 'Alice Martin', groupIds: [desk.id] });
  bob = await makeUser(app.deps, { roles: ['agent'], name: 'Bruno Petit', groupIds: [desk.id] });
  requester = await makeUser(app.deps, { name: 'Chloé Dubois' });
});
after(async () => {
  await browser?.close();
  await app?.close();
});

/** Calls the API as a user, through the given server. */
async function callApi(baseUrl: string, user: MadeUser, method: string, url: string, body?: unknown) {
  const res = await fetch(baseUrl + '/api/v1' + url, {
    method,
    headers: { authorization: `Bearer ${user.token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  assert.ok(res.ok, `${method} ${url}: ${res.status} ${await res.clone().text()}`);
  return res.json() as Promise<any>;
}

/** A page that has not reloaded since marked keeps the mark. */
const markPage = (page: Page) => page.evaluate(() => ((window as unknown as { liveMark: boolean }).liveMark = true));
const isSamePage = (page: Page) => page.evaluate(() => (window as unknown as { liveMark?: boolean }).liveMark === true);
/** The top bar says "Live" once the WebSocket is up: changes from then on are heard. */
const waitOnline = (page: Page) => page.getByTitle('Live', { exact: true }).waitFor();

test('a ticket created through the API appears in the open queue without reload', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, app.baseUrl, alice.email, alice.password);
  await page.goto(`${app.baseUrl}/agent/queues/all`);
  await page.getByRole('heading', { level: 1, name: 'All open tickets' }).waitFor();
  await waitOnline(page);
  await markPage(page);
  const title = `Scanner offline in accounting ${uniq()}`;
  await callApi(app.baseUrl, requester, 'POST', '/tickets', { title, description: 'It shows an error since this morning.' });
  await page.getByRole('table').getByText(title).waitFor();
  assert.ok(await isSamePage(page), 'no reload');
  await context.close();
});

test('two agents on one ticket see each other; the one who sends while the other types is warned first', async () => {
  const tk = await makeTicket(app.deps, { requesterId: requester.id, title: 'Outlook asks for the password every hour' });
  const [ctxA, ctxB] = await Promise.all([newContext(browser), newContext(browser)]);
  const [pageA, pageB] = await Promise.all([ctxA.newPage(), ctxB.newPage()]);
  await signIn(pageA, app.baseUrl, alice.email, alice.password);
  await signIn(pageB, app.baseUrl, bob.email, bob.password);
  for (const page of [pageA, pageB]) await page.goto(`${app.baseUrl}/agent/tickets/${tk.id}`);
  const presence = (page: Page) => page.getByRole('status').filter({ hasText: /is (viewing|typing|writing)/ });

  await presence(pageA).getByText('Bruno Petit is viewing').waitFor();
  await presence(pageB).getByText('Alice Martin is viewing').waitFor();

  await pageB.getByLabel('Your reply').fill('Let me check your mailbox settings.');
  await presence(pageA).getByText('Bruno Petit is typing a reply').waitFor();
  await screenshot(pageA, 'live-presence-typing');

  await pageA.getByLabel('Your reply').fill('Please try signing out of Outlook and back in.');
  await pageA.getByRole('button', { name: 'Send reply' }).click();
  const warning = pageA.getByRole('alert').filter({ hasText: 'is also replying' });
  await warning.waitFor();
  assert.match(await warning.innerText(), /Bruno Petit is also replying/);
  await screenshot(pageA, 'live-collision-warning');
  await warning.getByRole('button', { name: 'Send anyway' }).click();
  await pageA.getByText('Reply sent.').waitFor();

  // Bob's page gets Alice's reply live; his draft is untouched.
  await pageB.getByText('Please try signing out of Outlook and back in.').waitFor();
  assert.equal(await pageB.getByLabel('Your reply').inputValue(), 'Let me check your mailbox settings.');

  // Typing lapses a few seconds after the last keystroke; a closed tab leaves at once.
  await presence(pageA).getByText('Bruno Petit is viewing').waitFor({ timeout: 15_000 });
  await ctxB.close();
  await presence(pageA).getByText('Bruno Petit', { exact: false }).waitFor({ state: 'detached' });
  await ctxA.close();
});

test('a reply appears in an open ticket without reload', async () => {
  const tk = await makeTicket(app.deps, { requesterId: requester.id, title: 'Cannot print from the new laptop' });
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, app.baseUrl, alice.email, alice.password);
  await page.goto(`${app.baseUrl}/agent/tickets/${tk.id}`);
  await page.getByRole('heading', { level: 1, name: /Cannot print from the new laptop/ }).waitFor();
  await waitOnline(page);
  await markPage(page);
  const text = `It says the driver is missing ${uniq()}`;
  await callApi(app.baseUrl, requester, 'POST', `/tickets/${tk.id}/replies`, { body: text });
  await page.getByRole('region', { name: 'Timeline' }).getByText(text).waitFor();
  assert.ok(await isSamePage(page), 'no reload');
  await context.close();
});

/** Two real Guichet processes on one PostgreSQL database, on their own ports. */
async function startProcesses(databaseUrl: string, count: number) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-live-e2e-'));
  const nodes: { child: ChildProcess; baseUrl: string }[] = [];
  for (let i = 0; i < count; i++) {
    const port = await freePort();
    const child = spawn(process.execPath, ['bin/guichet.mjs', 'serve'], {
      cwd: root,
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: databaseUrl, GUICHET_DATA: dataDir, GUICHET_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    nodes.push({ child, baseUrl: `http://127.0.0.1:${port}` });
  }
  const stop = async () => {
    await Promise.all(nodes.map(({ child }) => (child.exitCode === null ? new Promise((r) => (child.once('exit', r), child.kill('SIGTERM'))) : undefined)));
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await Promise.all(nodes.map((n) => waitHealthy(n.baseUrl, n.child)));
  } catch (err) {
    await stop();
    throw err;
  }
  return { urls: nodes.map((n) => n.baseUrl), stop };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitHealthy(baseUrl: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`guichet serve exited with ${child.exitCode}`);
    const ok = await fetch(baseUrl + '/healthz').then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${baseUrl} did not become healthy in 30 s`);
}

if (testDb === 'postgres') {
  test('two Guichet processes: a reply made through one appears live in a browser on the other', async () => {
    const db = await createPgDatabase({ migrated: true, prefix: 'live_e2e' });
    const seedDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-live-seed-'));
    const deps = openTestDeps({ dataDir: seedDir, databaseUrl: db.url, poolSize: 2 });
    let processes: Awaited<ReturnType<typeof startProcesses>> | undefined;
    try {
      const agent = await makeUser(deps, { roles: ['agent'], name: 'Alice Martin' });
      const user = await makeUser(deps, { name: 'Chloé Dubois' });
      const tk = await makeTicket(deps, { requesterId: user.id, title: 'Laptop will not boot' });
      processes = await startProcesses(db.url, 2);
      const [onA, onB] = processes.urls;

      const context = await newContext(browser);
      const page = await context.newPage();
      await signIn(page, onB, agent.email, agent.password);
      await page.goto(`${onB}/agent/tickets/${tk.id}`);
      await page.getByRole('heading', { level: 1, name: /Laptop will not boot/ }).waitFor();
      await waitOnline(page);
      await markPage(page);
      const text = `Tried a hard reset, still black screen ${uniq()}`;
      await callApi(onA, user, 'POST', `/tickets/${tk.id}/replies`, { body: text });
      await page.getByRole('region', { name: 'Timeline' }).getByText(text).waitFor();
      assert.ok(await isSamePage(page), 'no reload');
      await screenshot(page, 'live-two-processes');
      await context.close();
    } finally {
      await processes?.stop();
      await deps.dbHandle.close();
      await db.drop();
      fs.rmSync(seedDir, { recursive: true, force: true });
    }
  });
}
