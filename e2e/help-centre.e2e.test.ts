// The public help centre and the portal's self-help: an anonymous visitor searches, reads and
// votes (and never meets an internal or draft article); a requester typing a new request is
// shown a matching article, and the attempt is recorded as solved, submitted (with the ticket)
// or abandoned; supervisors see the figures. Accessibility checked on each screen.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { client, startTestApp, type TestApp } from '../server/src/test/harness.ts';
import { type MadeUser, makeCategory, makeOrganisation, makeUser, uniq } from '../server/src/test/factories.ts';
import { launchBrowser, newContext, screenshot, signIn, assertAccessible } from './browser.ts';

let app: TestApp;
let browser: Browser;
let api: ReturnType<typeof client>;
let supervisor: MadeUser;
let requester: MadeUser;
let printerArticle: { id: number; title: string };
let printerTranslation: { id: number; title: string };
let internalArticle: { id: number; title: string };
let draftArticle: { id: number; title: string };
let topicName: string;

interface Report {
  attempts: number;
  solved: number;
  abandoned: number;
  submitted: number;
  topArticles: { id: number; title: string; deflected: number }[];
}

async function makeArticle(body: Record<string, unknown>) {
  const r = await api.post('/api/v1/kb/articles', body, { token: supervisor.token });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return { id: r.body.id as number, title: r.body.title as string };
}

before(async () => {
  [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  api = client(app);
  const org = await makeOrganisation(app.deps);
  supervisor = await makeUser(app.deps, { roles: ['agent', 'supervisor'], name: `Sam Supervisor ${uniq()}` });
  requester = await makeUser(app.deps, { organisationId: org.id, name: `Rita ${uniq()}` });
  topicName = `Imprimantes ${uniq()}`;
  const topic = await makeCategory(app.deps, { name: topicName });
  const tag = uniq();
  printerArticle = await makeArticle({
    title: `Les imprimantes réseau n'impriment plus ${tag}`,
    summary: "Que faire quand l'imprimante du couloir ne répond plus.",
    body: "## Redémarrer l'imprimante\n\n1. Éteignez l'imprimante.\n2. Attendez **30 secondes** puis rallumez-la.\n\nSi le voyant reste orange, vérifiez le câble réseau.",
    language: 'fr',
    audience: 'public',
    status: 'published',
    categoryId: topic.id,
  });
  printerTranslation = await makeArticle({
    title: `Network printers no longer print ${tag}`,
    body: 'Switch the printer off, wait 30 seconds and switch it on again.',
    language: 'en',
    audience: 'public',
    status: 'published',
    categoryId: topic.id,
    translationOf: printerArticle.id,
  });
  internalArticle = await makeArticle({
    title: `Imprimante : procédure interne de remplacement du tambour ${tag}`,
    body: 'Réservé au support : commander le tambour chez le fournisseur.',
    language: 'fr',
    audience: 'internal',
    status: 'published',
  });
  draftArticle = await makeArticle({
    title: `Imprimante couleur : brouillon ${tag}`,
    body: "Brouillon pas encore relu sur l'imprimante couleur.",
    language: 'fr',
    audience: 'public',
    status: 'draft',
  });
});
after(async () => {
  await browser?.close();
  await app?.close();
});

async function report(): Promise<Report> {
  const r = await api.get('/api/v1/kb/deflection-report', { token: supervisor.token });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body;
}

/** Waits for the API to show what the browser did (a keepalive request lands a moment later). */
async function eventually<T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string): Promise<T> {
  const until = Date.now() + 8_000;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > until) assert.fail(`${what}: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const articleStats = async (id: number) =>
  (await api.get(`/api/v1/kb/articles/${id}`, { token: supervisor.token })).body.stats as { views: number; helpful: number; notHelpful: number };
const hasHorizontalScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);

test('an anonymous visitor searches the help centre, reads a public article and says it helped; internal and draft articles stay hidden', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto(`${app.baseUrl}/login`);
  await page.getByRole('link', { name: 'Help centre' }).click();
  await page.getByRole('heading', { name: 'How can we help?' }).waitFor();
  await page.getByRole('link', { name: 'Sign in' }).waitFor();
  await page.getByRole('link', { name: topicName }).waitFor();
  await page.getByRole('link', { name: printerArticle.title }).first().waitFor();
  await assertAccessible(page, 'help centre home');
  await screenshot(page, 'help-home');

  await page.getByRole('searchbox', { name: 'Search the help centre' }).fill('imprimante');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.getByRole('heading', { name: 'Results for “imprimante”' }).waitFor();
  const results = page.getByRole('list', { name: 'Results for “imprimante”' });
  await results.getByRole('link', { name: printerArticle.title }).waitFor();
  const titles = await results.getByRole('link').allInnerTexts();
  assert.deepEqual(titles, [printerArticle.title], 'only the published public article is found');
  await screenshot(page, 'help-search');

  // Accents do not matter: "reseau" finds "réseau".
  await page.goto(`${app.baseUrl}/help?q=reseau`);
  await page.getByRole('list', { name: 'Results for “reseau”' }).getByRole('link', { name: printerArticle.title }).waitFor();

  const before = await articleStats(printerArticle.id);
  await page.getByRole('link', { name: printerArticle.title }).click();
  await page.getByRole('heading', { level: 1, name: printerArticle.title }).waitFor();
  await page.getByRole('heading', { name: "Redémarrer l'imprimante" }).waitFor();
  await page.getByText(/^Last updated /).waitFor();
  await page.getByRole('link', { name: `Topic: ${topicName}` }).waitFor();
  await page.getByRole('link', { name: 'Sign in to submit a request' }).waitFor();
  await eventually(() => articleStats(printerArticle.id), (s) => s.views === before.views + 1, 'the view is counted');
  await assertAccessible(page, 'help article');

  await page.getByRole('button', { name: 'Yes', exact: true }).click();
  await page.getByText('Thank you for your feedback!').waitFor();
  await page.getByText('1 reader found this helpful.').waitFor();
  assert.equal((await articleStats(printerArticle.id)).helpful, before.helpful + 1);
  const visitor = await page.evaluate(() => localStorage.getItem('guichet.visitor'));
  assert.match(visitor ?? '', /^[0-9a-f]{32}$/);
  // The same visitor voting again changes nothing.
  await page.getByRole('button', { name: 'Yes', exact: true }).click();
  await page.getByText('1 reader found this helpful.').waitFor();
  assert.equal((await articleStats(printerArticle.id)).helpful, before.helpful + 1);
  await screenshot(page, 'help-article');

  // Its English translation, one click away.
  await page.getByRole('navigation', { name: 'Also available in:' }).getByRole('link', { name: 'English' }).click();
  await page.getByRole('heading', { level: 1, name: printerTranslation.title }).waitFor();
  await page.getByRole('navigation', { name: 'Also available in:' }).getByRole('link', { name: 'Français' }).waitFor();

  // Another visitor says No, with a comment.
  const other = await newContext(browser);
  const second = await other.newPage();
  await second.goto(`${app.baseUrl}/help/articles/${printerArticle.id}`);
  await second.getByRole('button', { name: 'No', exact: true }).click();
  await second.getByLabel('What was missing or unclear? (optional)').fill('Le voyant clignote en rouge, pas en orange.');
  await second.getByRole('button', { name: 'Send my comment' }).click();
  await second.getByText('Thank you: your comment will help us improve this article.').waitFor();
  const voted = (await api.get(`/api/v1/kb/articles/${printerArticle.id}`, { token: supervisor.token })).body.stats;
  assert.equal(voted.notHelpful, before.notHelpful + 1);
  assert.equal(voted.helpful, before.helpful + 1);
  await other.close();

  for (const hidden of [internalArticle, draftArticle]) {
    await page.goto(`${app.baseUrl}/help/articles/${hidden.id}`);
    await page.getByText('This article does not exist or is not available to you.').waitFor();
    assert.equal(await page.getByText(hidden.title).count(), 0);
  }
  await context.close();
});

test('the help centre fits a phone and speaks French', async () => {
  const context = await newContext(browser, { locale: 'fr-FR', mobile: true });
  const page = await context.newPage();
  await page.goto(`${app.baseUrl}/help?q=imprimantes`);
  await page.getByRole('heading', { name: 'Comment pouvons-nous vous aider ?' }).waitFor();
  await page.getByRole('link', { name: printerArticle.title }).waitFor();
  assert.equal(await hasHorizontalScroll(page), false, 'help home scrolls sideways');
  await page.getByRole('link', { name: printerArticle.title }).click();
  await page.getByRole('heading', { name: 'Cet article vous a-t-il été utile ?' }).waitFor();
  assert.equal(await hasHorizontalScroll(page), false, 'help article scrolls sideways');
  await screenshot(page, 'help-article-mobile-fr');
  await context.close();
});

async function startRequest(page: Page, title: string) {
  await page.goto(`${app.baseUrl}/portal/new`);
  await page.getByRole('heading', { name: 'New request' }).waitFor();
  await page.getByLabel('Subject').pressSequentially(title, { delay: 5 });
  await page.getByRole('heading', { name: 'These articles may help' }).waitFor();
  await page.getByRole('button', { name: printerArticle.title }).waitFor();
}

const latestAttempt = () => app.deps.db.selectFrom('kb_deflections').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();

test('a requester typing a new request opens a suggested article and says it solved the problem', async () => {
  const start = await report();
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, app.baseUrl, requester.email, requester.password);
  // From the portal to the help centre and back to a new request.
  await page.getByRole('link', { name: 'Help centre' }).click();
  await page.getByRole('link', { name: 'My requests' }).waitFor();
  await page.goto(`${app.baseUrl}/help/articles/${printerArticle.id}`);
  await page.getByRole('link', { name: 'Submit a request' }).click();
  await page.getByRole('heading', { name: 'New request' }).waitFor();
  await startRequest(page, "Mon imprimante n'imprime plus");
  await page.getByLabel('Description').fill('Le voyant reste orange depuis ce matin.');
  await assertAccessible(page, 'new request with suggestions');
  await screenshot(page, 'portal-self-help-suggestions');

  await page.getByRole('button', { name: printerArticle.title }).click();
  const dialog = page.getByRole('dialog', { name: printerArticle.title });
  await dialog.getByRole('heading', { name: "Redémarrer l'imprimante" }).waitFor();
  await assertAccessible(page, 'suggested article panel');
  await screenshot(page, 'portal-self-help-article');
  // Back to the form: the draft is as typed.
  await dialog.getByRole('button', { name: 'Back to my request' }).click();
  assert.equal(await page.getByLabel('Subject').inputValue(), "Mon imprimante n'imprime plus");
  await page.getByRole('button', { name: printerArticle.title }).click();
  await dialog.getByRole('button', { name: 'This solved my problem' }).click();
  await page.getByRole('heading', { name: 'Glad it helped!' }).waitFor();
  await screenshot(page, 'portal-self-help-solved');

  const end = await report();
  assert.equal(end.attempts, start.attempts + 1);
  assert.equal(end.solved, start.solved + 1);
  assert.equal(end.submitted, start.submitted);
  assert.ok(end.topArticles.some((a) => a.id === printerArticle.id && a.deflected >= 1), JSON.stringify(end.topArticles));
  const attempt = await latestAttempt();
  assert.equal(attempt.outcome, 'solved');
  assert.equal(attempt.user_id, requester.id);
  assert.ok((JSON.parse(attempt.viewed_ids) as number[]).includes(printerArticle.id));
  assert.equal(attempt.ticket_id, null);
  // No request was made.
  const mine = await api.get(`/api/v1/tickets?requesterId=${requester.id}`, { token: supervisor.token });
  assert.equal(mine.body.items.length, 0);
  await context.close();
});

test('a requester shown suggestions submits anyway: the attempt is recorded as submitted with the ticket', async () => {
  const start = await report();
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, app.baseUrl, requester.email, requester.password);
  const title = `Imprimante bloquée ${uniq()}`;
  await startRequest(page, title);
  await page.getByLabel('Description').fill("J'ai déjà redémarré l'imprimante, le papier reste coincé.");
  await page.getByRole('button', { name: 'Send my request' }).click();
  const received = page.getByRole('heading', { name: /^Your request #\d+ has been received$/ });
  await received.waitFor();
  const reference = (await received.innerText()).match(/#\d+/)![0];
  const list = await api.get(`/api/v1/tickets?requesterId=${requester.id}`, { token: supervisor.token });
  const ticket = list.body.items.find((t: { reference: string }) => t.reference === reference);
  assert.equal(ticket.title, title);

  const end = await report();
  assert.equal(end.attempts, start.attempts + 1);
  assert.equal(end.submitted, start.submitted + 1);
  const attempt = await app.deps.db.selectFrom('kb_deflections').selectAll().where('ticket_id', '=', ticket.id).executeTakeFirstOrThrow();
  assert.equal(attempt.outcome, 'submitted');
  assert.ok((JSON.parse(attempt.suggested_ids) as number[]).includes(printerArticle.id));
  await context.close();
});

test('a requester shown suggestions who leaves (in the app, or the page) is recorded as abandoned; supervisors see the figures', async () => {
  const start = await report();
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, app.baseUrl, requester.email, requester.password);

  await startRequest(page, "L'imprimante fait un bruit étrange");
  await page.getByRole('link', { name: 'Back to my requests' }).click();
  await page.getByRole('heading', { name: 'My requests' }).waitFor();
  await eventually(report, (r) => r.abandoned === start.abandoned + 1, 'abandoned by navigating in the app');
  assert.equal((await latestAttempt()).outcome, 'abandoned');

  await startRequest(page, 'Imprimante hors ligne');
  await page.goto(`${app.baseUrl}/help`); // the page itself goes: pagehide
  await page.getByRole('heading', { name: 'How can we help?' }).waitFor();
  const end = await eventually(report, (r) => r.abandoned === start.abandoned + 2, 'abandoned by leaving the page');
  assert.equal(end.attempts, start.attempts + 2);
  assert.equal(end.submitted, start.submitted);
  // Without suggestions shown, leaving is no attempt at all.
  await page.goto(`${app.baseUrl}/portal/new`);
  await page.getByLabel('Subject').fill('zz');
  await page.getByRole('link', { name: 'Back to my requests' }).click();
  await page.getByRole('heading', { name: 'My requests' }).waitFor();
  assert.equal((await report()).attempts, end.attempts);
  await context.close();

  const staff = await newContext(browser);
  const view = await staff.newPage();
  await signIn(view, app.baseUrl, supervisor.email, supervisor.password);
  await view.goto(`${app.baseUrl}/agent/supervisor`);
  const card = view.getByRole('region', { name: 'Self-help deflection (last 30 days)' });
  await card.waitFor();
  await card.getByText('Left without a request').waitFor();
  await card.getByRole('link', { name: printerArticle.title }).waitFor();
  await card.scrollIntoViewIfNeeded();
  await screenshot(view, 'supervisor-deflection');
  await staff.close();
});
