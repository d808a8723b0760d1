// The knowledge base in the agent workspace: an article written (Markdown preview rendered
// by the server), reviewed and published, edited, compared and restored; an article drafted
// in one click from a resolved ticket; suggestions on the ticket page inserted into the
// reply and marked as helpful. French strings, and axe on the list, article and editor.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../server/src/test/harness.ts';
import { makeCategory, makeGroup, makeOrganisation, makeUser, uniq, type MadeUser } from '../server/src/test/factories.ts';
import { launchBrowser, newContext, screenshot, signIn, callApiAs, assertAccessible } from './browser.ts';

let app: TestApp;
let browser: Browser;
let agent: MadeUser;
let supervisor: MadeUser;
let requester: MadeUser;
let deskId: number;
let printing: { id: number; name: string };

before(async () => {
  [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  const org = await makeOrganisation(app.deps, { name: 'Contoso Pharma' });
  const desk = await makeGroup(app.deps, { tier: 1, name: 'Service desk' });
  deskId = desk.id;
  printing = await makeCategory(app.deps, { name: `Printing ${uniq()}` });
  agent = await makeUser(app.deps, { roles: ['agent'], name: 'Inès Martin', groupIds: [desk.id] });
  supervisor = await makeUser(app.deps, { roles: ['supervisor'], name: 'Paul Girard', groupIds: [desk.id] });
  requester = await makeUser(app.deps, { name: 'Hugo Bernard', organisationId: org.id });
});
after(async () => {
  await browser?.close();
  await app?.close();
});

const callApi = (user: MadeUser, method: string, url: string, body?: unknown) => callApiAs(app.baseUrl, user.token, method, url, body);

/** Uncaught errors in any page: every test ends by checking there were none. */
const pageErrors: string[] = [];

async function signedIn(user: MadeUser, locale?: string) {
  const context = await newContext(browser, { locale });
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(`${page.url()}: ${e.message}`));
  await signIn(page, app.baseUrl, user.email, user.password);
  return { context, page };
}

const articleIdOf = (page: Page) => Number(/\/agent\/kb\/(\d+)/.exec(new URL(page.url()).pathname)?.[1]);

test('article workflow: write with preview, review, publish, edit, compare versions, restore', async () => {
  const title = `VPN drops every hour ${uniq()}`;
  const firstStep = 'Open **Network settings** and switch the VPN profile to *Always on*.';
  const { context, page } = await signedIn(agent);
  await page.goto(`${app.baseUrl}/agent/kb`);
  await page.getByRole('heading', { level: 1, name: 'Knowledge base' }).waitFor();
  await page.getByRole('link', { name: 'Needs review' }).waitFor();
  await assertAccessible(page, 'KB list');
  await screenshot(page, 'kb-list');

  await page.getByRole('link', { name: 'New article' }).click();
  await page.getByRole('heading', { level: 1, name: 'New article' }).waitFor();
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Summary').fill('What to do when the VPN disconnects every hour.');
  await page.getByRole('textbox', { name: 'Text', exact: true }).fill(`## Steps\n\n1. ${firstStep}\n2. Restart the laptop.\n\n<script>alert(1)</script>`);
  await page.getByLabel('Tags').fill('VPN, network');
  // The preview is the server's rendering: Markdown as HTML, raw HTML as text.
  await page.getByRole('tab', { name: 'Preview' }).click();
  const preview = page.getByRole('tabpanel', { name: 'Preview' });
  await preview.getByRole('heading', { name: 'Steps' }).waitFor();
  assert.equal(await preview.locator('strong').first().innerText(), 'Network settings');
  assert.equal(await preview.locator('script').count(), 0);
  assert.match(await preview.innerText(), /<script>alert\(1\)<\/script>/);
  await assertAccessible(page, 'editor with preview');
  await screenshot(page, 'kb-editor-preview');
  await page.getByRole('tab', { name: 'Write' }).click();
  await page.getByRole('button', { name: 'Create draft' }).click();

  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  const id = articleIdOf(page);
  assert.ok(id > 0);
  await page.getByText('Version 1', { exact: true }).waitFor();
  await page.locator('.kb-body strong', { hasText: 'Network settings' }).waitFor();
  await page.getByRole('button', { name: 'Submit for review' }).click();
  await page.getByText('Submitted for review.').waitFor();
  assert.equal((await callApi(agent, 'GET', `/kb/articles/${id}`)).status, 'in_review');
  assert.equal(await page.getByRole('button', { name: 'Publish' }).count(), 0, 'agents do not publish');
  await assertAccessible(page, 'article page');
  await screenshot(page, 'kb-article-in-review');

  // A supervisor finds it under "In review" and publishes it.
  const sup = await signedIn(supervisor);
  await sup.page.goto(`${app.baseUrl}/agent/kb?tab=in_review`);
  await sup.page.getByRole('link', { name: title }).click();
  await sup.page.getByRole('heading', { level: 1, name: title }).waitFor();
  await sup.page.getByRole('button', { name: 'Publish' }).click();
  await sup.page.getByText('Published.', { exact: true }).waitFor();
  await sup.context.close();
  assert.equal((await callApi(agent, 'GET', `/kb/articles/${id}`)).status, 'published');

  // The agent edits it: version 2.
  await page.reload();
  await page.getByRole('link', { name: 'Edit', exact: true }).click();
  await page.getByText('Editing version 1.').waitFor();
  const text = page.getByRole('textbox', { name: 'Text', exact: true });
  const before = await text.inputValue();
  assert.ok(before.includes(firstStep));
  await text.fill(before.replace(firstStep, 'Open **Wi-Fi settings** and forget the guest network.'));
  await page.getByLabel('What changed (optional)').fill('Step 1 is about Wi-Fi');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText('Saved as version 2.').waitFor();
  await page.locator('.kb-body strong', { hasText: 'Wi-Fi settings' }).waitFor();

  // History: 1 against 2 (the default pair), insertions and deletions marked in words too.
  const history = page.getByRole('region', { name: 'Version history' });
  await history.getByRole('cell', { name: 'Step 1 is about Wi-Fi' }).waitFor();
  assert.equal(await history.getByRole('radio', { name: 'Compare from version 1' }).isChecked(), true);
  assert.equal(await history.getByRole('radio', { name: 'Compare to version 2' }).isChecked(), true);
  await history.getByRole('button', { name: 'Compare' }).click();
  await history.getByRole('heading', { name: 'Changes from version 1 to version 2' }).waitFor();
  const inserted = await history.locator('ins').allInnerTexts();
  const deleted = await history.locator('del').allInnerTexts();
  assert.ok(inserted.some((s) => s.includes('Wi-Fi')), `insertions: ${inserted.join(' | ')}`);
  assert.ok(deleted.some((s) => s.includes('Network')), `deletions: ${deleted.join(' | ')}`);
  assert.ok(inserted.every((s) => s.includes('added:')) && deleted.every((s) => s.includes('removed:')), 'each change is named, not only coloured');
  await assertAccessible(page, 'article page with a diff');
  await history.locator('.kb-diff').scrollIntoViewIfNeeded();
  await screenshot(page, 'kb-article-diff');

  // Restoring version 1 makes version 3 with the old text.
  await history.getByRole('button', { name: 'Restore version 1', exact: true }).click();
  await page.getByRole('button', { name: 'Yes, restore version 1' }).click();
  await page.getByText('Version 1 restored as version 3.').waitFor();
  await page.locator('.kb-body strong', { hasText: 'Network settings' }).waitFor();
  const restored = await callApi(agent, 'GET', `/kb/articles/${id}`);
  assert.equal(restored.version, 3);
  assert.ok(restored.body.includes(firstStep));

  // The list finds it by a word of its summary in another form (stemmed search), as one types.
  await page.getByRole('link', { name: 'Knowledge base', exact: true }).first().click();
  await page.getByRole('searchbox', { name: 'Search articles' }).fill('disconnecting');
  await page.waitForURL(/[?&]q=disconnecting/);
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: title }) });
  await row.waitFor();
  await row.getByText('Published').waitFor();
  await page.getByText('Best matches first.', { exact: false }).waitFor();
  await assertAccessible(page, 'KB list with results');
  await screenshot(page, 'kb-list-search');
  await page.getByRole('searchbox', { name: 'Search articles' }).fill(`nothing-like-this-${uniq()}`);
  await page.getByText('No article matches.').waitFor();
  await context.close();
  assert.deepEqual(pageErrors.splice(0), []);
});

test('one click: a resolved ticket becomes a draft article, linked both ways and on the timeline', async () => {
  const ticketTitle = `Outlook asks for the password again and again ${uniq()}`;
  const ticket = await callApi(agent, 'POST', '/tickets', { title: ticketTitle, description: 'Since this morning.', requesterId: requester.id, channel: 'phone', groupId: deskId });
  const record = {
    symptoms: 'Outlook prompts for the password every few minutes.',
    diagnosis: 'A stale credential was kept in the Windows credential manager.',
    actions: 'Removed the stored Office credentials and signed in again.',
    result: 'No more prompts after a restart.',
  };
  await callApi(agent, 'POST', `/tickets/${ticket.id}/resolve`, record);

  const { context, page } = await signedIn(agent);
  await page.goto(`${app.baseUrl}/agent/tickets/${ticket.id}`);
  const panel = page.getByRole('region', { name: 'Knowledge' });
  await panel.getByRole('button', { name: 'Create article from this ticket' }).click();
  await page.waitForURL(/\/agent\/kb\/\d+\/edit$/);
  const id = articleIdOf(page);
  assert.equal(await page.getByLabel('Title').inputValue(), ticketTitle);
  const body = await page.getByRole('textbox', { name: 'Text', exact: true }).inputValue();
  for (const part of Object.values(record)) assert.ok(body.includes(part), `the draft holds "${part}"`);
  await assertAccessible(page, 'editor of a drafted article');
  await screenshot(page, 'kb-editor-from-ticket');
  await page.getByLabel('Tags').fill('outlook, password');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText('Saved as version 2.').waitFor();

  // The article's statistics list the ticket it came from.
  await page.getByRole('list', { name: 'Tickets linked' }).getByRole('link', { name: `#${ticket.number} ${ticketTitle}` }).waitFor();
  await page.getByRole('link', { name: `#${ticket.number}`, exact: true }).click();
  await page.waitForURL(new RegExp(`/agent/tickets/${ticket.id}$`));
  const line = page.getByRole('listitem').filter({ hasText: 'drafted the article' });
  await line.getByRole('link', { name: `“${ticketTitle}”` }).waitFor();
  assert.equal(await line.getByRole('link').getAttribute('href'), `/agent/kb/${id}`);
  await page.getByRole('region', { name: 'Knowledge' }).getByRole('link', { name: 'Open the article drafted from this ticket' }).waitFor();
  const links = await callApi(agent, 'GET', `/tickets/${ticket.id}/articles`);
  assert.deepEqual(
    links.items.map((a: any) => [a.articleId, a.relations]),
    [[id, ['source']]],
  );
  await screenshot(page, 'kb-ticket-drafted');
  await context.close();
  assert.deepEqual(pageErrors.splice(0), []);
});

test('suggestions: a matching published article is inserted into the reply and marked as helpful', async () => {
  const articleTitle = `Printer jams on tray 2 ${uniq()}`;
  const article = await callApi(supervisor, 'POST', '/kb/articles', {
    title: articleTitle,
    summary: 'Paper jams in the second tray of the office printers.',
    body: 'Remove the tray, fan the paper, and check the paper guides are against the stack.',
    language: 'en',
    audience: 'public',
    status: 'published',
    categoryId: printing.id,
  });
  const ticket = await callApi(agent, 'POST', '/tickets', {
    title: 'The printer jams on tray 2',
    description: 'Every morning the printer jams when printing from tray 2.',
    requesterId: requester.id,
    channel: 'email',
    category: printing.id,
    groupId: deskId,
  });
  // A known error on the same subject, with its workaround.
  const workaround = 'Print from tray 1 until the pick-up rollers of tray 2 are replaced.';
  const problem = await callApi(supervisor, 'POST', '/problems', {
    title: 'Printers jam on tray 2',
    description: 'The office printers jam when printing from tray 2.',
    rootCause: 'Worn pick-up rollers in tray 2.',
    workaround,
    categoryId: printing.id,
  });
  assert.equal(problem.status, 'known_error', 'a root cause and a workaround make a known error');
  const suggested = await callApi(agent, 'GET', `/tickets/${ticket.id}/suggestions`);
  const suggestion = suggested.articles.find((a: any) => a.id === article.id);
  assert.ok(suggestion, 'the API suggests the article');
  assert.ok(suggested.knownErrors.some((k: any) => k.problemId === problem.id), 'the API suggests the known error');

  const { context, page } = await signedIn(agent);
  await page.goto(`${app.baseUrl}/agent/tickets/${ticket.id}`);
  const panel = page.getByRole('region', { name: 'Knowledge' });
  const item = panel.getByRole('listitem').filter({ has: page.getByRole('link', { name: articleTitle }) });
  await item.waitFor();
  await item.getByText('Same category').waitFor();
  await assertAccessible(page, 'ticket page with suggestions');
  await panel.scrollIntoViewIfNeeded();
  await screenshot(page, 'kb-ticket-suggested');

  // The known error: its page is linked, its workaround goes into the reply.
  const known = panel.getByRole('listitem').filter({ hasText: workaround });
  assert.equal(await known.getByRole('link', { name: `${problem.reference} · Printers jam on tray 2` }).getAttribute('href'), `/agent/problems/${problem.id}`);
  await known.getByRole('button', { name: `Copy workaround into the reply (${problem.reference})` }).click();
  await panel.getByText('Workaround copied into the reply.').waitFor();
  assert.equal(await page.getByRole('textbox', { name: 'Your reply' }).inputValue(), workaround);

  await item.getByRole('button', { name: `Insert link to “${articleTitle}” into the reply` }).click();
  await panel.getByText('Inserted into the reply; the article is linked to this ticket.').waitFor();
  const reply = page.getByRole('textbox', { name: 'Your reply' });
  const url = suggestion.url.startsWith('/') ? `${app.baseUrl}${suggestion.url}` : suggestion.url;
  assert.equal(await reply.inputValue(), `${workaround} ${url}`, 'the link follows the text already there');

  // Linked now, it leaves the suggestions for the linked articles, where it is marked as helpful.
  const linkedItem = panel.getByRole('listitem').filter({ has: page.getByRole('link', { name: articleTitle }) }).filter({ hasText: 'linked' });
  await linkedItem.getByRole('button', { name: `Helped — “${articleTitle}”` }).click();
  await panel.getByText(`Recorded: “${articleTitle}” helped.`).waitFor();
  await linkedItem.getByText('linked · helped').waitFor();
  assert.equal(await linkedItem.getByRole('button', { name: `Helped — “${articleTitle}”` }).count(), 0);
  const links = await callApi(agent, 'GET', `/tickets/${ticket.id}/articles`);
  const link = links.items.find((a: any) => a.articleId === article.id);
  assert.deepEqual([...link.relations].sort(), ['helped', 'linked']);
  await page.getByRole('listitem').filter({ hasText: 'marked the article' }).getByRole('link', { name: `“${articleTitle}”` }).waitFor();
  await panel.scrollIntoViewIfNeeded();
  await screenshot(page, 'kb-ticket-suggestions');

  const stats = await callApi(agent, 'GET', `/kb/articles/${article.id}`);
  assert.equal(stats.stats.ticketsLinked, 1);
  await context.close();
  assert.deepEqual(pageErrors.splice(0), []);
});

test('a save that meets a newer version: load theirs, or keep mine; then translate to French', async () => {
  const original = `Reset a forgotten password ${uniq()}`;
  const article = await callApi(agent, 'POST', '/kb/articles', { title: original, body: 'Use the self-service page.', language: 'en', audience: 'internal' });
  const { context, page } = await signedIn(agent);
  await page.goto(`${app.baseUrl}/agent/kb/${article.id}/edit`);
  await page.getByText('Editing version 1.').waitFor();
  await page.getByLabel('Title').fill(`${original} (self-service)`);
  // Meanwhile a supervisor saves version 2.
  await callApi(supervisor, 'PATCH', `/kb/articles/${article.id}`, { body: 'Use the self-service page, then sign in again.', expectedVersion: 1 });
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText('Someone else saved this article while you were editing.').waitFor();
  await page.getByText(/^Paul Girard saved version 2 at .+\. Your changes are not saved yet\.$/).waitFor();
  await assertAccessible(page, 'editor with a save conflict');
  await screenshot(page, 'kb-editor-conflict');
  await page.getByRole('button', { name: 'Load their version (drop my changes)' }).click();
  await page.getByText('Editing version 2.').waitFor();
  assert.equal(await page.getByLabel('Title').inputValue(), original);
  assert.equal(await page.getByRole('textbox', { name: 'Text', exact: true }).inputValue(), 'Use the self-service page, then sign in again.');

  // Again, and this time mine wins: everything in the form, over version 3.
  const mine = `${original} (for agents)`;
  await page.getByLabel('Title').fill(mine);
  await callApi(supervisor, 'PATCH', `/kb/articles/${article.id}`, { summary: 'Changed meanwhile.', expectedVersion: 2 });
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('button', { name: 'Keep mine (save over version 3)' }).click();
  await page.getByText('Saved as version 4.').waitFor();
  const saved = await callApi(agent, 'GET', `/kb/articles/${article.id}`);
  assert.deepEqual([saved.version, saved.title, saved.summary], [4, mine, '']);

  // A French translation: a draft with this text, opened in the editor, linked to the original.
  await page.getByRole('button', { name: 'Translate to French' }).click();
  await page.waitForURL(/\/agent\/kb\/\d+\/edit$/);
  const translationId = articleIdOf(page);
  assert.notEqual(translationId, article.id);
  assert.equal(await page.getByLabel('Article language').inputValue(), 'fr');
  assert.equal(await page.getByLabel('Title').inputValue(), mine);
  const translation = await callApi(agent, 'GET', `/kb/articles/${translationId}`);
  assert.deepEqual(
    translation.translations.map((x: any) => [x.id, x.language]),
    [[article.id, 'en']],
  );
  await context.close();
  assert.deepEqual(pageErrors.splice(0), []);
});

test('the knowledge base speaks French', async () => {
  const { context, page } = await signedIn(agent, 'fr-FR');
  await page.goto(`${app.baseUrl}/agent/kb?tab=stale`);
  await page.getByRole('heading', { level: 1, name: 'Base de connaissances' }).waitFor();
  await page.getByText('Articles publiés non revus depuis 6 mois ou plus', { exact: false }).waitFor();
  await page.getByRole('link', { name: 'Nouvel article' }).click();
  await page.getByRole('tab', { name: 'Aperçu' }).waitFor();
  await page.getByRole('button', { name: 'Créer le brouillon' }).click();
  assert.equal(await page.getByText('Ce champ est obligatoire.').count(), 2);
  await assertAccessible(page, 'editor in French with errors');
  await context.close();
  assert.deepEqual(pageErrors.splice(0), []);
});
