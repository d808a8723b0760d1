// Suggestions for a ticket over real HTTP: published articles only, the relevant one first,
// the ticket's category (and its parents and children) and the requester's language ranked
// higher, linked articles left out, at most five; known errors with their workaround.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { client, startTestApp, type TestApp } from '../../test/harness.ts';
import { makeCategory, makeOrganisation, makeUser, uniq, type MadeUser } from '../../test/factories.ts';
import { assertProblem } from '../../test/assertions.ts';
import { boostRanking, queryWords, relatedCategories } from './suggestions.service.ts';

let t: TestApp;
let api: ReturnType<typeof client>;
let org: { id: number };
let otherOrg: { id: number };
let agent: MadeUser;
let agentOfOther: MadeUser;
let supervisor: MadeUser;
let requester: MadeUser;
let frenchRequester: MadeUser;

before(async () => {
  t = await startTestApp();
  api = client(t);
  org = await makeOrganisation(t.deps);
  otherOrg = await makeOrganisation(t.deps);
  agent = await makeUser(t.deps, { roles: ['agent'] });
  agentOfOther = await makeUser(t.deps, { roles: ['agent'], servedOrganisationIds: [otherOrg.id] });
  supervisor = await makeUser(t.deps, { roles: ['supervisor'] });
  requester = await makeUser(t.deps, { roles: ['requester'], organisationId: org.id });
  frenchRequester = await makeUser(t.deps, { roles: ['requester'], organisationId: org.id });
  assert.equal((await api.patch('/api/v1/users/me', { language: 'fr' }, { token: frenchRequester.token })).status, 200);
});
after(() => t.close());

interface ArticleInput {
  title: string;
  body: string;
  audience?: 'internal' | 'public';
  status?: 'draft' | 'published';
  categoryId?: number;
  language?: 'en' | 'fr';
}

async function article(a: ArticleInput): Promise<number> {
  const r = await api.post(
    '/api/v1/kb/articles',
    { language: 'en', audience: 'public', status: 'published', ...a, categoryId: a.categoryId ?? null },
    { token: supervisor.token },
  );
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.id;
}

async function ticket(o: { title: string; description: string; categoryId?: number; requesterEmail?: string }): Promise<number> {
  const r = await api.post(
    '/api/v1/tickets',
    { title: o.title, description: o.description, category: o.categoryId, requester: { email: o.requesterEmail ?? requester.email } },
    { token: agent.token },
  );
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.id;
}

const suggestions = async (ticketId: number, token = agent.token) => {
  const r = await api.get(`/api/v1/tickets/${ticketId}/suggestions`, { token });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body as { articles: { id: number; url: string; text: string; score: number; sameCategory: boolean; audience: string }[]; knownErrors: { problemId: number; workaround: string; status: string; sharedTerms: string[] }[] };
};

describe('suggestions for a ticket', () => {
  test('the relevant published article comes first; drafts, archived and unrelated articles never', async () => {
    const network = await makeCategory(t.deps, { name: `Network ${uniq()}` });
    const w = uniq(); // a word only this test's articles and ticket use
    const relevant = await article({
      title: `Wifi ${w} keeps disconnecting`,
      body: `When the **wifi** ${w} disconnects every few minutes, forget the network and join it again.\n\n- Open settings\n- Forget the network`,
      categoryId: network.id,
    });
    const internal = await article({ title: `Access point ${w} firmware`, body: `Update the access point firmware when wifi ${w} drops.`, audience: 'internal' });
    const draft = await article({ title: `Wifi ${w} disconnecting draft`, body: `Wifi ${w} keeps disconnecting, draft notes.`, status: 'draft' });
    const archived = await article({ title: `Wifi ${w} disconnecting old`, body: `Wifi ${w} keeps disconnecting, old advice.` });
    const archive = await api.post(`/api/v1/kb/articles/${archived}/transitions`, { to: 'archived' }, { token: supervisor.token });
    assert.equal(archive.status, 200, JSON.stringify(archive.body));
    const unrelated = await article({ title: `Printer toner ${uniq()}`, body: 'Replace the toner cartridge.' });

    const id = await ticket({ title: `Wifi ${w} keeps disconnecting`, description: `Since this morning my wifi ${w} disconnects every few minutes.`, categoryId: network.id });
    const s = await suggestions(id);
    const ids = s.articles.map((a) => a.id);
    assert.equal(ids[0], relevant, JSON.stringify(s.articles));
    assert.ok(ids.includes(internal), 'internal articles are suggested to agents');
    for (const no of [draft, archived, unrelated]) assert.ok(!ids.includes(no), `${no} must not be suggested`);

    const first = s.articles[0];
    assert.equal(first.url, `${t.deps.config.publicUrl}/help/articles/${relevant}`);
    assert.match(first.url, /^https?:\/\//);
    assert.equal(s.articles.find((a) => a.id === internal)!.url, `${t.deps.config.publicUrl}/agent/kb/${internal}`);
    assert.ok(first.text.startsWith(`Wifi ${w} keeps disconnecting\n\n`), first.text);
    assert.ok(first.text.includes('forget the network'), first.text);
    assert.ok(!first.text.includes('**'), 'Markdown becomes plain text');
    assert.equal(first.sameCategory, true);
    assert.equal(s.articles.find((a) => a.id === internal)!.sameCategory, false);
    assert.ok(s.articles.every((a, i) => i === 0 || a.score <= s.articles[i - 1].score));
  });

  test("an article in the ticket's category, a parent or a child of it, ranks above the same text elsewhere", async () => {
    const hardware = await makeCategory(t.deps, { name: `Hardware ${uniq()}` });
    const laptop = await makeCategory(t.deps, { name: 'Laptop', parentId: hardware.id });
    const elsewhere = await makeCategory(t.deps, { name: `Facilities ${uniq()}` });
    const w = uniq();
    const text = { title: `Docking station ${w} not detected`, body: `Unplug the docking station ${w}, wait ten seconds, plug it back.` };
    // Same text: without the boost the later (higher id) article would come first on a tie.
    const inChild = await article({ ...text, categoryId: laptop.id });
    const other = await article({ ...text, categoryId: elsewhere.id });
    const id = await ticket({ title: `Docking station ${w} not detected`, description: `My docking station ${w} is not detected.`, categoryId: hardware.id });
    const s = await suggestions(id);
    assert.deepEqual(s.articles.map((a) => [a.id, a.sameCategory]), [[inChild, true], [other, false]]);
    assert.ok(s.articles[0].score > s.articles[1].score);

    const inParent = await article({ ...text, categoryId: hardware.id });
    const fromLaptop = await ticket({ title: `Docking station ${w} not detected`, description: 'Same here.', categoryId: laptop.id });
    const s2 = await suggestions(fromLaptop);
    assert.deepEqual(s2.articles.map((a) => a.sameCategory), [true, true, false]);
    assert.deepEqual(new Set(s2.articles.slice(0, 2).map((a) => a.id)), new Set([inChild, inParent]));
  });

  test("the requester's language ranks higher", async () => {
    const w = uniq();
    const en = await article({ title: `Badge ${w} reader`, body: `The badge ${w} reader needs a new badge.`, language: 'en' });
    const fr = await article({ title: `Badge ${w} reader`, body: `The badge ${w} reader needs a new badge.`, language: 'fr' });
    const forFrench = await suggestions(await ticket({ title: `Badge ${w} reader`, description: `Badge ${w}`, requesterEmail: frenchRequester.email }));
    assert.deepEqual(forFrench.articles.map((a) => a.id), [fr, en]);
    const forEnglish = await suggestions(await ticket({ title: `Badge ${w} reader`, description: `Badge ${w}`, requesterEmail: requester.email }));
    assert.deepEqual(forEnglish.articles.map((a) => a.id), [en, fr]);
  });

  test('articles already linked to the ticket are left out; at most five', async () => {
    const w = uniq();
    const ids: number[] = [];
    for (let i = 0; i < 7; i++) ids.push(await article({ title: `Teams ${w} meeting audio ${i}`, body: `Teams ${w} audio fix number ${i}.` }));
    const id = await ticket({ title: `Teams ${w} meeting audio`, description: `No audio in Teams ${w} meetings.` });
    const before = await suggestions(id);
    assert.equal(before.articles.length, 5);
    const linked = before.articles[0].id;
    assert.equal((await api.post(`/api/v1/tickets/${id}/articles`, { articleId: linked, relation: 'linked' }, { token: agent.token })).status, 200);
    const afterLink = await suggestions(id);
    assert.equal(afterLink.articles.length, 5);
    assert.ok(!afterLink.articles.some((a) => a.id === linked));
    assert.ok(afterLink.articles.every((a) => ids.includes(a.id)));
  });

  test('a matching known error appears with its workaround once the problem is a known error', async () => {
    const w = uniq();
    const p = await api.post(
      '/api/v1/problems',
      {
        title: `Expense app ${w} crashes on receipt upload`,
        description: `The expense app ${w} crashes whenever a receipt photo is uploaded from a phone.`,
      },
      { token: supervisor.token },
    );
    assert.equal(p.status, 201, JSON.stringify(p.body));
    assert.equal(p.body.status, 'open');
    const id = await ticket({ title: `Expense app ${w} crashes`, description: `The expense app ${w} crashes when I upload a receipt photo from my phone.` });
    assert.deepEqual((await suggestions(id)).knownErrors, [], 'an open problem is not a known error yet');

    const edited = await api.patch(
      `/api/v1/problems/${p.body.id}`,
      { rootCause: 'The image resizer runs out of memory on large photos.', workaround: 'Upload the receipt from a computer, or shrink the photo first.' },
      { token: supervisor.token },
    );
    assert.equal(edited.status, 200, JSON.stringify(edited.body));
    const moved = await api.post(`/api/v1/problems/${p.body.id}/transitions`, { to: 'known_error' }, { token: supervisor.token });
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
    const s = await suggestions(id);
    assert.equal(s.knownErrors.length, 1, JSON.stringify(s.knownErrors));
    assert.equal(s.knownErrors[0].problemId, p.body.id);
    assert.equal(s.knownErrors[0].status, 'known_error');
    assert.match(s.knownErrors[0].workaround, /from a computer/);
    assert.ok(s.knownErrors[0].sharedTerms.includes('receipt'), JSON.stringify(s.knownErrors[0]));

    const unrelated = await ticket({ title: `Monitor ${uniq()} flickers`, description: 'The second screen flickers.' });
    assert.deepEqual((await suggestions(unrelated)).knownErrors, []);
  });

  test("another organisation's ticket is not found for a restricted agent; requesters may not ask", async () => {
    const id = await ticket({ title: 'Anything', description: 'Anything at all.' });
    assertProblem(await api.get(`/api/v1/tickets/${id}/suggestions`, { token: agentOfOther.token }), 404);
    assertProblem(await api.get(`/api/v1/tickets/${id}/suggestions`, { token: requester.token }), 403);
    assertProblem(await api.get('/api/v1/tickets/99999999/suggestions', { token: agent.token }), 404);
  });
});

describe('ranking rules', () => {
  test('related categories: the category, its ancestors and its descendants, not its siblings', () => {
    const links = [
      { id: 1, parent_id: null },
      { id: 2, parent_id: 1 },
      { id: 3, parent_id: 2 },
      { id: 4, parent_id: 3 },
      { id: 5, parent_id: 1 },
      { id: 6, parent_id: null },
    ];
    assert.deepEqual([...relatedCategories(links, 2)].sort(), [1, 2, 3, 4]);
    assert.deepEqual([...relatedCategories(links, 6)], [6]);
    // A cycle in bad data does not loop forever.
    assert.deepEqual([...relatedCategories([{ id: 7, parent_id: 8 }, { id: 8, parent_id: 7 }], 7)].sort(), [7, 8]);
  });

  test('boosts multiply the relevance relative to the best hit; by rank when scores are not all positive', () => {
    const none = () => ({ sameCategory: false, sameLanguage: false });
    const same = (id: number) => ({ sameCategory: id === 2, sameLanguage: false });
    assert.deepEqual(boostRanking([{ id: 1, score: 10 }, { id: 2, score: 8 }], none).map((h) => h.id), [1, 2]);
    assert.deepEqual(boostRanking([{ id: 1, score: 10 }, { id: 2, score: 8 }], same).map((h) => [h.id, h.score]), [[2, 1.2], [1, 1]]);
    assert.deepEqual(boostRanking([{ id: 1, score: 10 }, { id: 2, score: 5 }], same).map((h) => h.id), [1, 2], 'a much weaker match stays below');
    assert.deepEqual(boostRanking([{ id: 1, score: 0 }, { id: 2, score: -1 }], same).map((h) => [h.id, h.score]), [[1, 1], [2, 0.75]]);
  });

  test("a ticket's words: each once, short ones and function words dropped, at most thirty", () => {
    assert.equal(queryWords('The VPN drops; the vpn DROPS again, a b'), 'VPN drops again');
    const many = Array.from({ length: 50 }, (_, i) => `word${i}`).join(' ');
    assert.equal(queryWords(many).split(' ').length, 30);
  });
});
