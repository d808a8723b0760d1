// Who sees which article (every reader × audience × status × organisation), and ranked
// search: accents, French and English stems, title above body, filters, pages.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { client, startTestApp, type TestApp } from '../../test/harness.ts';
import { makeCategory, makeOrganisation, makeUser, uniq, type MadeUser } from '../../test/factories.ts';
import { assertProblem } from '../../test/assertions.ts';
import { testClock } from '../../test/test-clock.ts';
import { searchArticleIds } from './article-search.repo.ts';
import { articleReaderOf } from './article-visibility.ts';
import { systemActor } from '../../lib/actor.ts';

const clock = testClock('2027-03-01T08:00:00.000Z');
let t: TestApp;
let api: ReturnType<typeof client>;
let supervisor: MadeUser;
let agent: MadeUser;

before(async () => {
  t = await startTestApp({ clock });
  api = client(t);
  supervisor = await makeUser(t.deps, { roles: ['supervisor'] });
  agent = await makeUser(t.deps, { roles: ['agent'] });
});
after(() => t.close());

async function article(body: Record<string, unknown>) {
  clock.advance(1000);
  const r = await api.post('/api/v1/kb/articles', { title: `Article ${uniq()}`, body: 'Text.', language: 'en', audience: 'public', status: 'published', ...body }, { token: supervisor.token });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body as { id: number; title: string };
}
const ids = (r: { body: { items: { id: number }[] } }) => r.body.items.map((x) => x.id);
const search = (q: string, token?: string, extra = '') => api.get(`/api/v1/kb/articles?q=${encodeURIComponent(q)}${extra}`, { token });

describe('visibility', () => {
  test('anonymous, requesters of two organisations, restricted agents and an admin see exactly their articles', async () => {
    const orgA = await makeOrganisation(t.deps);
    const orgB = await makeOrganisation(t.deps);
    const word = `matrix${uniq()}`;
    const made: { id: number; audience: string; status: string; org: 'none' | 'A' | 'B' }[] = [];
    for (const audience of ['public', 'internal']) {
      for (const status of ['published', 'draft']) {
        for (const org of ['none', 'A', 'B'] as const) {
          const organisationId = org === 'none' ? null : org === 'A' ? orgA.id : orgB.id;
          const a = await article({ title: `${word} ${audience} ${status} ${org}`, audience, status, organisationId, tags: [word] });
          made.push({ id: a.id, audience, status, org });
        }
      }
    }
    const readers = {
      anonymous: undefined,
      requesterA: (await makeUser(t.deps, { roles: ['requester'], organisationId: orgA.id })).token,
      managerA: (await makeUser(t.deps, { roles: ['requester'], organisationId: orgA.id, isOrgManager: true })).token,
      requesterB: (await makeUser(t.deps, { roles: ['requester'], organisationId: orgB.id })).token,
      requesterNoOrg: (await makeUser(t.deps, { roles: ['requester'] })).token,
      agentOfA: (await makeUser(t.deps, { roles: ['agent'], servedOrganisationIds: [orgA.id] })).token,
      supervisorOfB: (await makeUser(t.deps, { roles: ['supervisor'], servedOrganisationIds: [orgB.id] })).token,
      admin: (await makeUser(t.deps, { roles: ['admin'] })).token,
    };
    // The rule, written out independently of the code under test.
    const expected: Record<keyof typeof readers, (a: (typeof made)[number]) => boolean> = {
      anonymous: (a) => a.audience === 'public' && a.status === 'published' && a.org === 'none',
      requesterA: (a) => a.audience === 'public' && a.status === 'published' && (a.org === 'none' || a.org === 'A'),
      managerA: (a) => a.audience === 'public' && a.status === 'published' && (a.org === 'none' || a.org === 'A'),
      requesterB: (a) => a.audience === 'public' && a.status === 'published' && (a.org === 'none' || a.org === 'B'),
      requesterNoOrg: (a) => a.audience === 'public' && a.status === 'published' && a.org === 'none',
      agentOfA: (a) => a.org === 'none' || a.org === 'A',
      supervisorOfB: (a) => a.org === 'none' || a.org === 'B',
      admin: () => true,
    };
    for (const [name, token] of Object.entries(readers) as [keyof typeof readers, string | undefined][]) {
      const want = made.filter(expected[name]).map((a) => a.id).sort((x, y) => x - y);
      assert.ok(want.length > 0 && want.length <= made.length);
      const seen: number[] = [];
      for (const a of made) {
        const r = await api.get(`/api/v1/kb/articles/${a.id}`, { token });
        assert.ok(r.status === 200 || r.status === 404, `${name} ${r.status}`);
        if (r.status === 200) seen.push(a.id);
      }
      assert.deepEqual(seen, want, `${name}: GET one`);
      assert.deepEqual(ids(await api.get(`/api/v1/kb/articles?tag=${word}&limit=100`, { token })).sort((x, y) => x - y), want, `${name}: list`);
      assert.deepEqual(ids(await search(word, token, '&limit=100')).sort((x, y) => x - y), want, `${name}: search`);
      // Filters never widen what a reader sees.
      const drafts = ids(await api.get(`/api/v1/kb/articles?tag=${word}&status=draft&audience=internal&limit=100`, { token }));
      assert.deepEqual(drafts.sort((x, y) => x - y), made.filter((a) => expected[name](a) && a.status === 'draft' && a.audience === 'internal').map((a) => a.id), `${name}: filtered`);
      const hidden = made.find((a) => !expected[name](a));
      if (hidden) {
        assertProblem(await api.post(`/api/v1/kb/articles/${hidden.id}/views`, undefined, { token }), 404);
        assertProblem(await api.post(`/api/v1/kb/articles/${hidden.id}/feedback`, { helpful: true, visitorId: `visitor-${uniq()}-${uniq()}` }, { token }), 404);
      }
    }
  });
});

describe('search', () => {
  test('French: accents and plurals do not matter', async () => {
    const printers = await article({ title: 'Les imprimantes du 3e étage', body: 'Où trouver les imprimantes.', language: 'fr' });
    const network = await article({ title: 'Accès au réseau Wi-Fi', body: 'Le réseau des invités.', language: 'fr' });
    assert.ok(ids(await search('imprimante')).includes(printers.id));
    assert.ok(ids(await search('IMPRIMANTES')).includes(printers.id));
    assert.ok(ids(await search('reseau')).includes(network.id));
    assert.ok(ids(await search('réseaux')).includes(network.id));
    assert.ok(!ids(await search('reseau')).includes(printers.id));
  });

  test('English: stems match ("printers" finds "printer")', async () => {
    const a = await article({ title: 'Add a network printer', body: 'Open the settings.' });
    assert.ok(ids(await search('printers')).includes(a.id));
    assert.ok(ids(await search('Printing')).includes(a.id));
  });

  test('a title hit ranks above a body hit; every word is required', async () => {
    const w = `rank${uniq()}`;
    const inBody = await article({ title: 'Something else entirely', body: `Paragraph about ${w} and other things, mostly other things.` });
    const inTitle = await article({ title: `All about ${w}`, body: 'Nothing more to say here at all.' });
    const inSummary = await article({ title: 'A third one', summary: `${w} explained`, body: 'Body text without it.' });
    const r = await search(w);
    assert.deepEqual(ids(r), [inTitle.id, inSummary.id, inBody.id]);
    const scores = r.body.items.map((x: { score: number }) => x.score);
    assert.ok(scores[0] > scores[1] && scores[1] > scores[2], JSON.stringify(scores));
    assert.deepEqual(ids(await search(`${w} paragraph`)), [inBody.id], 'mode all');
  });

  test('tags are searched with the summary', async () => {
    const w = `tagword${uniq()}`;
    const a = await article({ tags: [w] });
    assert.deepEqual(ids(await search(w)), [a.id]);
    await api.patch(`/api/v1/kb/articles/${a.id}`, { tags: ['other'] }, { token: agent.token });
    assert.deepEqual(ids(await search(w)), [], 'the index follows the edit');
  });

  test('a query with nothing to search for returns nothing, not an error', async () => {
    for (const q of ['...', '!!! ???', '"', '*', "'"]) {
      const r = await search(q);
      assert.equal(r.status, 200, q);
      assert.deepEqual(r.body, { items: [], nextCursor: null });
    }
    assertProblem(await search('x'.repeat(501)), 400, { detail: /q/ });
  });

  test('filters: language, category with sub-categories, tag, status, audience', async () => {
    const w = `filter${uniq()}`;
    const top = await makeCategory(t.deps);
    const sub = await makeCategory(t.deps, { parentId: top.id });
    const en = await article({ title: `${w} one`, categoryId: top.id, tags: ['alpha'] });
    const fr = await article({ title: `${w} deux`, language: 'fr', categoryId: sub.id });
    const internal = await article({ title: `${w} three`, audience: 'internal' });
    const draft = await article({ title: `${w} four`, status: 'draft' });
    const sorted = (r: Parameters<typeof ids>[0]) => ids(r).sort((x, y) => x - y);
    assert.deepEqual(sorted(await search(w, agent.token, '&language=fr')), [fr.id]);
    assert.deepEqual(sorted(await search(w, agent.token, `&categoryId=${top.id}`)), [en.id, fr.id]);
    assert.deepEqual(sorted(await search(w, agent.token, `&categoryId=${sub.id}`)), [fr.id]);
    assert.deepEqual(sorted(await search(w, agent.token, '&tag=ALPHA')), [en.id]);
    assert.deepEqual(sorted(await search(w, agent.token, '&status=draft')), [draft.id]);
    assert.deepEqual(sorted(await search(w, agent.token, '&audience=internal')), [internal.id]);
    assert.deepEqual(sorted(await search(w)), [en.id, fr.id], 'visitors: published public only');
    assert.deepEqual(sorted(await search(w, undefined, '&status=draft')), []);
  });

  test('pages: ranked search by offset, the plain list by most recent update', async () => {
    const w = `page${uniq()}`;
    const made: number[] = [];
    for (let i = 0; i < 5; i++) made.push((await article({ title: `${w} ${i}`, tags: [w] })).id);
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const r: Awaited<ReturnType<typeof search>> = await search(w, agent.token, `&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      assert.ok(r.body.items.length <= 2);
      seen.push(...ids(r));
      cursor = r.body.nextCursor;
    } while (cursor);
    assert.deepEqual([...seen].sort((x, y) => x - y), made);
    const first = await api.get(`/api/v1/kb/articles?tag=${w}&limit=3`);
    assert.deepEqual(ids(first), [made[4], made[3], made[2]]);
    const second = await api.get(`/api/v1/kb/articles?tag=${w}&limit=3&cursor=${first.body.nextCursor}`);
    assert.deepEqual(ids(second), [made[1], made[0]]);
    assert.equal(second.body.nextCursor, null);
  });

  test('searchArticleIds: mode any ranks by how many words match; prefix of the last word', async () => {
    const w = `anyword${uniq()}`;
    const both = await article({ title: `${w} printer queue` });
    const one = await article({ title: `${w} scanner` });
    const reader = articleReaderOf(systemActor());
    const any = await searchArticleIds(t.deps.db, t.deps.dialect, reader, { text: `${w} printer`, mode: 'any', limit: 10 });
    assert.equal(any[0].id, both.id, 'both words first');
    assert.ok(any.some((h) => h.id === one.id), 'one word is enough');
    const all = await searchArticleIds(t.deps.db, t.deps.dialect, reader, { text: `${w} printer`, mode: 'all', limit: 10 });
    assert.deepEqual(all.map((h) => h.id), [both.id]);
    const typing = await searchArticleIds(t.deps.db, t.deps.dialect, reader, { text: `${w} scann`, mode: 'all', prefixLast: true, limit: 10 });
    assert.deepEqual(typing.map((h) => h.id), [one.id]);
    assert.deepEqual(await searchArticleIds(t.deps.db, t.deps.dialect, articleReaderOf(null), { text: w, mode: 'any', statuses: ['draft'], limit: 10 }), []);
  });
});
