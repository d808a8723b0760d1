// Live updates in the browser: presence and the collision warning on a ticket, new tickets
// and replies appearing without reload, what changed while the browser's WebSocket was down
// shown once it is back, and (PostgreSQL) a change made through one Guichet process reaching
// a browser connected to another, even when made while that process could not LISTEN.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page, WebSocketRoute } from 'playwright-core';
import { startTestApp, testDb, type TestApp } from '../server/src/test/harness.ts';
import { createPgDatabase, openTestDeps } from '../server/src/test/databases.ts';
import { startPgGate } from '../server/src/test/pg-gate.ts';
import { makeGroup, makeTicket, makeUser, uniq, type MadeUser } from '../server/src/test/factories.ts';
import { callApiAs, launchBrowser, newContext, screenshot, signIn } from './browser.ts';

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
  await callApiAs(app.baseUrl, requester.token, 'POST', '/tickets', { title, description: 'It shows an error since this morning.' });
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
  await callApiAs(app.baseUrl, requester.token, 'POST', `/tickets/${tk.id}/replies`, { body: text });
  await page.getByRole('region', { name: 'Timeline' }).getByText(text).waitFor();
  assert.ok(await isSamePage(page), 'no reload');
  await context.close();
});

test("a reply made while the browser's WebSocket was down appears once it is back, without reload", async () => {
  const tk = await makeTicket(app.deps, { requesterId: requester.id, title: 'VPN drops every ten minutes' });
  const context = await newContext(browser);
  const page = await context.newPage();
  // The live socket goes through the test, which can cut it and hold the reconnection.
  let gate = Promise.resolve();
  const sockets: WebSocketRoute[] = [];
  await page.routeWebSocket(/\/api\/v1\/live$/, async (ws) => {
    await gate;
    ws.connectToServer();
    sockets.push(ws);
  });
  await signIn(page, app.baseUrl, alice.email, alice.password);
  await page.goto(`${app.baseUrl}/agent/tickets/${tk.id}`);
  await page.getByRole('heading', { level: 1, name: /VPN drops every ten minutes/ }).waitFor();
  await waitOnline(page);
  await markPage(page);

  let reopen!: () => void;
  gate = new Promise((resolve) => (reopen = resolve));
  const opened = sockets.length; // the last one is this page's (sign-in's went with its page)
  await sockets[opened - 1].close({ code: 1012, reason: 'Service restart' });
  await page.getByTitle('Offline: reload to see changes').waitFor();
  const text = `It dropped again at 10:40 ${uniq()}`;
  await callApiAs(app.baseUrl, requester.token, 'POST', `/tickets/${tk.id}/replies`, { body: text });
  reopen();
  await waitOnline(page);
  await page.getByRole('region', { name: 'Timeline' }).getByText(text).waitFor();
  assert.ok(await isSamePage(page), 'no reload');
  assert.equal(sockets.length, opened + 1, 'one reconnection');
  await context.close();
});

/** Real Guichet processes on one PostgreSQL database (a URL each), on their own ports. */
async function startProcesses(databaseUrls: string[]) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-live-e2e-'));
  const nodes: { child: ChildProcess; baseUrl: string }[] = [];
  for (const databaseUrl of databaseUrls) {
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
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`guichet serve exited with ${child.exitCode}`);
    const ok = await fetch(baseUrl + '/healthz').then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${baseUrl} did not become healthy in 60 s`);
}

if (testDb === 'postgres') {
  test('two Guichet processes: a reply made through one appears live in a browser on the other, even while that one cannot LISTEN', async () => {
    const db = await createPgDatabase({ migrated: true, prefix: 'live_e2e' });
    const gate = await startPgGate(db.url);
    const seedDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-live-seed-'));
    const deps = openTestDeps({ dataDir: seedDir, databaseUrl: db.url, poolSize: 2 });
    let processes: Awaited<ReturnType<typeof startProcesses>> | undefined;
    try {
      const agent = await makeUser(deps, { roles: ['agent'], name: 'Alice Martin' });
      const user = await makeUser(deps, { name: 'Chloé Dubois' });
      const tk = await makeTicket(deps, { requesterId: user.id, title: 'Laptop will not boot' });
      // B reaches the database through the gate, which can cut its LISTEN connection.
      processes = await startProcesses([db.url, gate.url]);
      const [onA, onB] = processes.urls;

      const [contextA, contextB] = await Promise.all([newContext(browser), newContext(browser)]);
      const [pageA, pageB] = await Promise.all([contextA.newPage(), contextB.newPage()]);
      for (const [page, baseUrl] of [[pageA, onA], [pageB, onB]] as const) {
        await signIn(page, baseUrl, agent.email, agent.password);
        await page.goto(`${baseUrl}/agent/tickets/${tk.id}`);
        await page.getByRole('heading', { level: 1, name: /Laptop will not boot/ }).waitFor();
        await waitOnline(page);
      }
      await markPage(pageB);
      const timeline = (page: Page) => page.getByRole('region', { name: 'Timeline' });
      const text = `Tried a hard reset, still black screen ${uniq()}`;
      await callApiAs(onA, user.token, 'POST', `/tickets/${tk.id}/replies`, { body: text });
      await timeline(pageB).getByText(text).waitFor();
      await screenshot(pageB, 'live-two-processes');

      // B cannot LISTEN while the second reply is made (A's page showing it proves it was
      // notified then): B's page gets it from the resync once B listens again.
      const missed = `The fan spins but nothing on screen ${uniq()}`;
      await gate.listenOutage(deps.db, async () => {
        await callApiAs(onA, user.token, 'POST', `/tickets/${tk.id}/replies`, { body: missed });
        await timeline(pageA).getByText(missed).waitFor();
      });
      await timeline(pageB).getByText(missed).waitFor();
      assert.ok(await isSamePage(pageB), 'no reload');
      await Promise.all([contextA.close(), contextB.close()]);
    } finally {
      await processes?.stop();
      await deps.dbHandle.close();
      await gate.close();
      await db.drop();
      fs.rmSync(seedDir, { recursive: true, force: true });
    }
  });
}
