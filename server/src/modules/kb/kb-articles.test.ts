// Knowledge-base articles over HTTP: the workflow and who may move it, versions, diff and
// restore, stale edits, translations, feedback, views, categories, the stale list, bad input.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { client, startTestApp, type TestApp } from '../../test/harness.ts';
import { makeCategory, makeOrganisation, makeTicket, makeUser, uniq, type MadeUser } from '../../test/factories.ts';
import { assertProblem } from '../../test/assertions.ts';
import { testClock } from '../../test/test-clock.ts';

const clock = testClock('2027-01-11T09:00:00.000Z');
let t: TestApp;
let api: ReturnType<typeof client>;
let admin: MadeUser;
let supervisor: MadeUser;
let agent: MadeUser;
let otherAgent: MadeUser;
let requester: MadeUser;

before(async () => {
  t = await startTestApp({ clock });
  api = client(t);
  admin = await makeUser(t.deps, { roles: ['admin'] });
  supervisor = await makeUser(t.deps, { roles: ['supervisor'], name: `Sue ${uniq()}` });
  agent = await makeUser(t.deps, { roles: ['agent'], name: `Alex ${uniq()}` });
  otherAgent = await makeUser(t.deps, { roles: ['agent'], name: `Bo ${uniq()}` });
  requester = await makeUser(t.deps, { roles: ['requester'] });
});
after(() => t.close());

const url = (id: number, rest = '') => `/api/v1/kb/articles/${id}${rest}`;
const create = (body: Record<string, unknown>, token = agent.token) =>
  api.post('/api/v1/kb/articles', { title: `Article ${uniq()}`, body: 'Some **text**.', language: 'en', audience: 'internal', ...body }, { token });
const move = (id: number, to: string, token: string, note?: string) => api.post(url(id, '/transitions'), { to, note }, { token });

async function published(body: Record<string, unknown> = {}) {
  const r = await create({ audience: 'public', status: 'published', ...body }, supervisor.token);
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body;
}

describe('articles: creating', () => {
  test('an agent writes a draft: version 1, tags lower-cased once, rendered body, audit entry', async () => {
    const r = await create({ body: '# Steps\n\n<b>raw</b>', tags: ['VPN', 'vpn', 'Remote Access'], summary: '  Connect from home  ' });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    const a = r.body;
    assert.deepEqual(Object.keys(a).sort(), [
      'audience', 'authorName', 'body', 'bodyHtml', 'categoryId', 'categoryName', 'createdAt', 'id', 'language', 'organisationId', 'publishedAt', 'reviewedAt',
      'sourceTicketId', 'sourceTicketNumber', 'stats', 'status', 'summary', 'tags', 'title', 'translationGroup', 'translations', 'updatedAt', 'version',
    ]);
    assert.equal(a.status, 'draft');
    assert.equal(a.version, 1);
    assert.equal(a.translationGroup, a.id);
    assert.equal(a.summary, 'Connect from home');
    assert.deepEqual(a.tags, ['vpn', 'remote access']);
    assert.equal(a.authorName, agent.name);
    assert.equal(a.publishedAt, null);
    assert.match(a.bodyHtml, /<h1>Steps<\/h1>[\s\S]*&lt;b&gt;raw&lt;\/b&gt;/);
    assert.deepEqual(a.stats, { views: 0, helpful: 0, notHelpful: 0, ticketsLinked: 0 });
    const tags = await t.deps.db.selectFrom('kb_article_tags').select('tag').where('article_id', '=', a.id).orderBy('tag').execute();
    assert.deepEqual(tags.map((x) => x.tag), ['remote access', 'vpn']);
    const versions = await api.get(url(a.id, '/versions'), { token: otherAgent.token });
    assert.deepEqual(versions.body.items.map((v: { version: number; authorName: string }) => [v.version, v.authorName]), [[1, agent.name]]);
    const audit = await t.deps.db.selectFrom('audit_log').select(['action', 'actor_id']).where('entity_type', '=', 'kb_article').where('entity_id', '=', String(a.id)).execute();
    assert.deepEqual(audit, [{ action: 'kb_article.create', actor_id: agent.id }]);
  });

  test('agents cannot publish or archive on creation; supervisors and admins publish directly', async () => {
    for (const status of ['published', 'archived']) {
      assertProblem(await create({ status }), 403, { detail: /supervisor or admin/ });
    }
    assert.equal((await create({ status: 'in_review' })).body.status, 'in_review');
    for (const who of [supervisor, admin]) {
      const r = await create({ status: 'published' }, who.token);
      assert.equal(r.status, 201);
      assert.equal(r.body.status, 'published');
      assert.equal(r.body.publishedAt, clock.iso());
      assert.equal(r.body.reviewedAt, clock.iso());
    }
    assertProblem(await create({ status: 'archived' }, supervisor.token), 422, { detail: /starts as draft, in_review or published/ });
  });

  test('requesters and visitors cannot write', async () => {
    assertProblem(await create({}, requester.token), 403);
    assert.equal((await api.post('/api/v1/kb/articles', { title: 'x', body: 'y', language: 'en', audience: 'public' })).status, 401);
  });

  test('bad input: clear problem details', async () => {
    assertProblem(await create({ title: '   ' }), 400, { detail: /title/ });
    assertProblem(await create({ language: 'de' }), 400, { detail: /language/ });
    assertProblem(await create({ tags: ['ok', '<script>'] }), 400, { detail: /tags/ });
    assertProblem(await create({ colour: 'red' }), 400, { detail: /colour/ });
    assertProblem(await create({ categoryId: 999999 }), 422, { detail: 'categoryId: category 999999 does not exist.' });
    assertProblem(await create({ organisationId: 999999 }), 422, { detail: /organisationId: organisation 999999 does not exist/ });
    assertProblem(await api.get('/api/v1/kb/articles?cursor=nope', { token: agent.token }), 400, { detail: /cursor/ });
    assertProblem(await api.get('/api/v1/kb/articles?staleMonths=0', { token: agent.token }), 400, { detail: /staleMonths/ });
    assertProblem(await api.get(url(999999)), 404, { detail: 'Article 999999 does not exist.' });
  });

  test('restricted staff use only the organisations they serve', async () => {
    const mine = await makeOrganisation(t.deps);
    const theirs = await makeOrganisation(t.deps);
    const restricted = await makeUser(t.deps, { roles: ['agent'], servedOrganisationIds: [mine.id] });
    assert.equal((await create({ organisationId: mine.id }, restricted.token)).status, 201);
    assert.equal((await create({ organisationId: null }, restricted.token)).status, 201);
    assertProblem(await create({ organisationId: theirs.id }, restricted.token), 422, { detail: /outside the organisations you serve/ });
  });
});

describe('articles: workflow', () => {
  test('draft → in review → published → archived → draft, each by the right role', async () => {
    const { body: a } = await create({});
    const refused = await move(a.id, 'published', supervisor.token);
    assertProblem(refused, 409, { detail: /draft; it cannot move to published\. From draft it can move to: in_review/ });
    assert.deepEqual(refused.body.allowed, ['in_review']);
    assert.equal((await move(a.id, 'in_review', agent.token)).body.status, 'in_review');
    assertProblem(await move(a.id, 'published', agent.token), 403, { detail: /supervisor or admin/ });
    assertProblem(await move(a.id, 'draft', agent.token), 403);
    clock.advance(60_000);
    const pub = await move(a.id, 'published', supervisor.token, 'Looks right');
    assert.equal(pub.status, 200, JSON.stringify(pub.body));
    assert.equal(pub.body.status, 'published');
    assert.equal(pub.body.publishedAt, clock.iso());
    assert.equal(pub.body.reviewedAt, clock.iso());
    const row = await t.deps.db.selectFrom('kb_articles').select(['reviewed_by_id']).where('id', '=', a.id).executeTakeFirstOrThrow();
    assert.equal(row.reviewed_by_id, supervisor.id);
    assertProblem(await move(a.id, 'archived', agent.token), 403);
    assertProblem(await move(a.id, 'in_review', supervisor.token), 409, { detail: /archived \(supervisor or admin\), draft \(supervisor or admin\)/ });
    assert.equal((await move(a.id, 'archived', admin.token)).body.status, 'archived');
    assertProblem(await move(a.id, 'published', admin.token), 409, { detail: /From archived it can move to: draft/ });
    assert.equal((await move(a.id, 'draft', agent.token)).body.status, 'draft');
    assert.equal((await api.get(url(a.id), { token: agent.token })).body.version, 1, 'moves are not versions');
    const audit = await t.deps.db.selectFrom('audit_log').select(['action', 'data']).where('entity_type', '=', 'kb_article').where('entity_id', '=', String(a.id)).orderBy('id').execute();
    assert.deepEqual(audit.map((x) => x.action), ['kb_article.create', ...Array(4).fill('kb_article.transition')]);
    assert.match(audit[2].data!, /"note":"Looks right"/);
  });

  test('a supervisor reviews published articles only', async () => {
    const { body: draft } = await create({});
    assertProblem(await api.post(url(draft.id, '/review'), undefined, { token: supervisor.token }), 409, { detail: /only a published article is reviewed/ });
    const a = await published();
    assertProblem(await api.post(url(a.id, '/review'), undefined, { token: agent.token }), 403);
    clock.advance(3_600_000);
    const r = await api.post(url(a.id, '/review'), undefined, { token: supervisor.token });
    assert.equal(r.status, 200);
    assert.equal(r.body.reviewedAt, clock.iso());
  });

  test('there is no DELETE: articles are archived', async () => {
    const { body: a } = await create({});
    assert.equal((await api.delete(url(a.id), { token: admin.token })).status, 404);
  });
});

describe('articles: editing and history', () => {
  test('each content change is a version; a published article stays published and live', async () => {
    const a = await published({ title: 'Printer on floor 3', body: 'line one\nline two\n', tags: ['print'] });
    clock.advance(1000);
    const r = await api.patch(url(a.id), { body: 'line one\nline 2\nline three\n', tags: ['print', 'floor'], note: 'Clearer', expectedVersion: 1 }, { token: agent.token });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.version, 2);
    assert.equal(r.body.status, 'published');
    assert.equal(r.body.updatedAt, clock.iso());
    assert.match((await api.get(url(a.id))).body.bodyHtml, /line 2/, 'visitors read the new version at once');
    const same = await api.patch(url(a.id), { title: 'Printer on floor 3' }, { token: agent.token });
    assert.equal(same.body.version, 2, 'no change, no version');
    const versions = (await api.get(url(a.id, '/versions'), { token: agent.token })).body.items;
    assert.deepEqual(versions.map((v: { version: number; note: string | null; authorName: string }) => [v.version, v.note, v.authorName]), [
      [2, 'Clearer', agent.name],
      [1, null, supervisor.name],
    ]);
    const v1 = await api.get(url(a.id, '/versions/1'), { token: agent.token });
    assert.equal(v1.body.body, 'line one\nline two\n');
    assert.deepEqual(v1.body.tags, ['print']);
    const diff = await api.get(url(a.id, '/diff?from=1&to=2'), { token: agent.token });
    assert.equal(diff.status, 200);
    assert.deepEqual(diff.body.body, [
      { op: 'equal', text: 'line one\nline ' },
      { op: 'delete', text: 'two' },
      { op: 'insert', text: '2' },
      { op: 'equal', text: '\n' },
      { op: 'insert', text: 'line three\n' },
    ]);
    assert.deepEqual(diff.body.title, [{ op: 'equal', text: 'Printer on floor 3' }]);
    assert.deepEqual(diff.body.changed, ['tags']);
    assertProblem(await api.get(url(a.id, '/diff?from=1&to=9'), { token: agent.token }), 404, { detail: /has no version 9/ });
    assertProblem(await api.get(url(a.id, '/versions/9'), { token: agent.token }), 404);
    assert.equal((await api.get(url(a.id, '/versions'), { token: requester.token })).status, 403);
  });

  test('restore makes an old version the next one', async () => {
    const { body: a } = await create({ title: 'First title', body: 'first body' });
    await api.patch(url(a.id), { title: 'Second title', body: 'second body', summary: 's' }, { token: agent.token });
    const r = await api.post(url(a.id, '/restore'), { version: 1 }, { token: otherAgent.token });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.version, 3);
    assert.equal(r.body.title, 'First title');
    assert.equal(r.body.summary, '');
    const v3 = (await api.get(url(a.id, '/versions'), { token: agent.token })).body.items[0];
    assert.deepEqual([v3.version, v3.note, v3.authorName], [3, 'Restored from version 1', otherAgent.name]);
    const hits = await api.get(`/api/v1/kb/articles?q=${encodeURIComponent('second')}`, { token: agent.token });
    assert.ok(!hits.body.items.some((x: { id: number }) => x.id === a.id), 'the search index follows the restore');
    assertProblem(await api.post(url(a.id, '/restore'), { version: 7 }, { token: agent.token }), 404, { detail: /has no version 7/ });
    assertProblem(await api.post(url(a.id, '/restore'), { version: 0 }, { token: agent.token }), 400, { detail: /version/ });
  });

  test('an edit from a stale version is refused with who saved the current one', async () => {
    const { body: a } = await create({});
    assert.equal((await api.patch(url(a.id), { body: 'Bo was here', expectedVersion: 1 }, { token: otherAgent.token })).status, 200);
    const stale = await api.patch(url(a.id), { body: 'Alex was here', expectedVersion: 1 }, { token: agent.token });
    assertProblem(stale, 409, { detail: new RegExp(`is at version 2, saved by ${otherAgent.name} .*started from version 1`) });
    assert.equal(stale.body.currentVersion, 2);
    assert.equal((await api.get(url(a.id), { token: agent.token })).body.body, 'Bo was here');
  });

  test('edits are checked like creation', async () => {
    const { body: a } = await create({});
    assertProblem(await api.patch(url(a.id), { categoryId: 999999 }, { token: agent.token }), 422, { detail: /categoryId/ });
    assertProblem(await api.patch(url(a.id), { status: 'published' }, { token: agent.token }), 400, { detail: /status/ });
    assertProblem(await api.patch(url(a.id), { title: 'x' }, { token: requester.token }), 403);
    assertProblem(await api.patch(url(999999), { title: 'x' }, { token: agent.token }), 404);
  });
});

describe('articles: translations', () => {
  test('a translation joins the group; one article per language', async () => {
    const { body: fr } = await create({ language: 'fr', title: 'Réinitialiser le mot de passe' });
    const en = await create({ language: 'en', title: 'Reset a password', translationOf: fr.id });
    assert.equal(en.status, 201, JSON.stringify(en.body));
    assert.equal(en.body.translationGroup, fr.id);
    assert.deepEqual(en.body.translations, [{ id: fr.id, language: 'fr', title: 'Réinitialiser le mot de passe', status: 'draft' }]);
    assert.deepEqual((await api.get(url(fr.id), { token: agent.token })).body.translations.map((x: { id: number }) => x.id), [en.body.id]);
    assertProblem(await create({ language: 'en', translationOf: fr.id }), 409, { detail: new RegExp(`already has a "en" translation: article ${en.body.id}`) });
    assertProblem(await create({ language: 'en', translationOf: en.body.id }), 422, { detail: /is already in "en"/ });
    assertProblem(await create({ language: 'fr', translationOf: en.body.id }), 409, { detail: /already has a "fr" translation/ });
    const { body: solo } = await create({ language: 'fr' });
    assertProblem(await create({ language: 'fr', translationOf: solo.id }), 422, { detail: /needs another language/ });
    assertProblem(await create({ translationOf: 999999 }), 422, { detail: /translationOf: article 999999 does not exist/ });
    assertProblem(await api.patch(url(en.body.id), { language: 'fr' }, { token: agent.token }), 409, { detail: /already has a "fr" translation/ });
  });

  test('readers only see the translations they may read', async () => {
    const en = await published({ language: 'en' });
    const { body: fr } = await create({ language: 'fr', audience: 'public', translationOf: en.id });
    assert.deepEqual((await api.get(url(en.id))).body.translations, []);
    await move(fr.id, 'in_review', agent.token);
    await move(fr.id, 'published', supervisor.token);
    assert.deepEqual((await api.get(url(en.id))).body.translations.map((x: { id: number }) => x.id), [fr.id]);
  });
});

describe('articles: readers', () => {
  test('one vote per reader; changing it moves the counts', async () => {
    const a = await published();
    const vote = (body: Record<string, unknown>, token?: string) => api.post(url(a.id, '/feedback'), body, { token });
    assertProblem(await vote({ helpful: true }), 422, { detail: /visitorId/ });
    const visitor = `v-${uniq()}-${uniq()}-${uniq()}`;
    assert.deepEqual((await vote({ helpful: true, visitorId: visitor })).body, { helpful: 1, notHelpful: 0, yours: true });
    assert.deepEqual((await vote({ helpful: true, visitorId: visitor })).body, { helpful: 1, notHelpful: 0, yours: true });
    assert.deepEqual((await vote({ helpful: false, visitorId: visitor, comment: 'Step 3 is wrong' })).body, { helpful: 0, notHelpful: 1, yours: false });
    assert.deepEqual((await vote({ helpful: true }, requester.token)).body, { helpful: 1, notHelpful: 1, yours: true });
    assert.deepEqual((await vote({ helpful: true, visitorId: visitor }, requester.token)).body, { helpful: 1, notHelpful: 1, yours: true }, 'signed in: one vote per user');
    const rows = await t.deps.db.selectFrom('kb_feedback').select(['voter', 'helpful', 'comment']).where('article_id', '=', a.id).orderBy('id').execute();
    assert.equal(rows.length, 2);
    assert.match(rows[0].voter, /^visitor:[0-9a-f]{64}$/);
    assert.ok(!rows[0].voter.includes(visitor), 'the browser id is not stored');
    assert.equal(rows[0].comment, 'Step 3 is wrong');
    assert.equal(rows[1].voter, `user:${requester.id}`);
    assert.deepEqual((await api.get(url(a.id))).body.stats, { views: 0, helpful: 1, notHelpful: 1, ticketsLinked: 0 });
    assertProblem(await vote({ helpful: 'yes', visitorId: visitor }), 400, { detail: /helpful/ });
  });

  test('feedback only on published articles the reader sees', async () => {
    const { body: draft } = await create({ audience: 'public' });
    assertProblem(await api.post(url(draft.id, '/feedback'), { helpful: true, visitorId: `v-${uniq()}-${uniq()}` }), 404);
    assertProblem(await api.post(url(draft.id, '/feedback'), { helpful: true }, { token: agent.token }), 409, { detail: /published articles only/ });
  });

  test('views count for readers who see the article', async () => {
    const a = await published();
    assert.equal((await api.post(url(a.id, '/views'))).status, 204);
    assert.equal((await api.post(url(a.id, '/views'), undefined, { token: requester.token })).status, 204);
    assert.equal((await api.get(url(a.id))).body.stats.views, 2);
    const { body: internal } = await create({});
    assertProblem(await api.post(url(internal.id, '/views')), 404);
  });

  test('tickets linked counts distinct tickets', async () => {
    const a = await published();
    const t1 = await makeTicket(t.deps, { requesterId: requester.id });
    const t2 = await makeTicket(t.deps, { requesterId: requester.id });
    const at = clock.iso();
    await t.deps.db
      .insertInto('kb_article_tickets')
      .values([
        { article_id: a.id, ticket_id: t1.id, relation: 'linked', user_id: agent.id, created_at: at },
        { article_id: a.id, ticket_id: t1.id, relation: 'helped', user_id: agent.id, created_at: at },
        { article_id: a.id, ticket_id: t2.id, relation: 'linked', user_id: agent.id, created_at: at },
      ])
      .execute();
    assert.equal((await api.get(url(a.id))).body.stats.ticketsLinked, 2);
  });

  test('categories to browse: those holding visible articles, counts including sub-categories', async () => {
    const top = await makeCategory(t.deps, { name: `Hardware ${uniq()}` });
    const sub = await makeCategory(t.deps, { name: `Printers ${uniq()}`, parentId: top.id });
    const empty = await makeCategory(t.deps);
    await published({ categoryId: sub.id });
    await published({ categoryId: sub.id });
    await published({ categoryId: top.id });
    await create({ categoryId: sub.id, audience: 'public' });
    const pub = (await api.get('/api/v1/kb/categories')).body.items;
    const find = (items: { id: number; articleCount: number }[], id: number) => items.find((c) => c.id === id);
    assert.deepEqual(find(pub, sub.id), { id: sub.id, name: sub.name, parentId: top.id, articleCount: 2 });
    assert.deepEqual(find(pub, top.id), { id: top.id, name: top.name, parentId: null, articleCount: 3 });
    assert.equal(find(pub, empty.id), undefined);
    assert.equal(find((await api.get('/api/v1/kb/categories', { token: agent.token })).body.items, sub.id)?.articleCount, 3, 'staff count drafts too');
    const inCategory = await api.get(`/api/v1/kb/articles?categoryId=${top.id}`);
    assert.equal(inCategory.body.items.length, 3, 'a category lists its sub-categories');
  });

  test('preview renders Markdown safely', async () => {
    const r = await api.post('/api/v1/kb/preview', { body: '**b** <script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>' }, { token: agent.token });
    assert.equal(r.status, 200);
    assert.match(r.body.html, /<strong>b<\/strong>/);
    assert.doesNotMatch(r.body.html, /<script|<img|href="javascript/i);
    assert.equal((await api.post('/api/v1/kb/preview', { body: 'x' }, { token: requester.token })).status, 403);
  });
});

describe('articles: stale list', () => {
  test('published articles not reviewed for N months, oldest first; a review takes one off', async () => {
    const tag = `stale${uniq()}`;
    clock.advance(24 * 3_600_000);
    const old = await published({ tags: [tag] });
    clock.advance(30 * 24 * 3_600_000);
    const older = await published({ tags: [tag] });
    await api.post(url(older.id, '/review'), undefined, { token: supervisor.token });
    await create({ tags: [tag] }); // a draft is never stale
    clock.advance(200 * 24 * 3_600_000);
    const fresh = await published({ tags: [tag] });
    const stale = async () => (await api.get(`/api/v1/kb/articles?staleMonths=6&tag=${tag}`, { token: supervisor.token })).body.items.map((x: { id: number }) => x.id);
    assert.deepEqual(await stale(), [old.id, older.id]);
    const page1 = await api.get(`/api/v1/kb/articles?staleMonths=6&tag=${tag}&limit=1`, { token: supervisor.token });
    assert.deepEqual(page1.body.items.map((x: { id: number }) => x.id), [old.id]);
    const page2 = await api.get(`/api/v1/kb/articles?staleMonths=6&tag=${tag}&limit=1&cursor=${page1.body.nextCursor}`, { token: supervisor.token });
    assert.deepEqual(page2.body.items.map((x: { id: number }) => x.id), [older.id]);
    assert.equal(page2.body.nextCursor, null);
    await api.post(url(old.id, '/review'), undefined, { token: supervisor.token });
    assert.deepEqual(await stale(), [older.id]);
    assert.ok(!(await stale()).includes(fresh.id));
  });
});

describe('articles: abuse', () => {
  test('anonymous feedback is rate limited per address', async () => {
    const a = await published();
    let limited = 0;
    for (let i = 0; i < 35; i++) {
      const r = await api.post(url(a.id, '/feedback'), { helpful: true, visitorId: `visitor-${i}-${uniq()}-pad` });
      if (r.status === 429) limited++;
      else assert.equal(r.status, 200);
    }
    assert.ok(limited >= 5, `${limited} refused`);
    assert.equal((await api.post(url(a.id, '/feedback'), { helpful: true }, { token: requester.token })).status, 200, 'signed-in readers are not limited here');
  });
});
