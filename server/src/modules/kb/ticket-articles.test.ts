// Tickets and articles over real HTTP: one-click draft from a resolved ticket (fields from
// the resolution record only, linked both ways, timeline event, once per ticket), and the
// articles agents link in replies or mark as having helped.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { client, startTestApp, type TestApp } from '../../test/harness.ts';
import { makeCategory, makeOrganisation, makeUser, uniq, type MadeUser } from '../../test/factories.ts';
import { assertProblem } from '../../test/assertions.ts';

let t: TestApp;
let api: ReturnType<typeof client>;
let orgA: { id: number };
let orgB: { id: number };
let agent: MadeUser;
let frenchAgent: MadeUser;
let agentOfB: MadeUser;
let supervisor: MadeUser;
let requester: MadeUser;
let category: { id: number; name: string };

before(async () => {
  t = await startTestApp();
  api = client(t);
  orgA = await makeOrganisation(t.deps);
  orgB = await makeOrganisation(t.deps);
  agent = await makeUser(t.deps, { roles: ['agent'] });
  frenchAgent = await makeUser(t.deps, { roles: ['agent'] });
  agentOfB = await makeUser(t.deps, { roles: ['agent'], servedOrganisationIds: [orgB.id] });
  supervisor = await makeUser(t.deps, { roles: ['supervisor'] });
  requester = await makeUser(t.deps, { roles: ['requester'], organisationId: orgA.id, name: 'Jeanne Martin' });
  category = await makeCategory(t.deps, { name: `Network ${uniq()}` });
  const r = await api.patch('/api/v1/users/me', { language: 'fr' }, { token: frenchAgent.token });
  assert.equal(r.status, 200, JSON.stringify(r.body));
});
after(() => t.close());

const PHONE = '+33 6 12 34 56 78';
const longSymptoms =
  'The VPN connection drops every hour on the dot, for every user of the Lyon office, and reconnecting by hand works until the next hour. ' +
  'It started after the firewall update of Monday night and affects laptops and desktops alike, on wired and wireless networks, whatever the client version.';
const record = {
  symptoms: longSymptoms,
  diagnosis: 'The gateway renegotiates keys hourly and the client rejects the new proposal.',
  actions: 'Aligned the key lifetime on the gateway with the client profile.',
  result: 'Connections have held for two days.',
};

async function openTicket(o: { title?: string; categoryId?: number } = {}) {
  const r = await api.post(
    '/api/v1/tickets',
    {
      title: o.title ?? `VPN drops every hour ${uniq()}`,
      description: `Hello, this is Jeanne, call me at ${PHONE}. My VPN keeps dropping.`,
      requester: { email: requester.email },
      category: o.categoryId ?? category.id,
    },
    { token: agent.token },
  );
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body as { id: number; number: number; title: string };
}

async function resolvedTicket(o: { title?: string } = {}) {
  const tk = await openTicket(o);
  const r = await api.post(`/api/v1/tickets/${tk.id}/resolve`, record, { token: agent.token });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return tk;
}

const articleEvents = async (ticketId: number, token = agent.token) => {
  const r = await api.get(`/api/v1/tickets/${ticketId}/timeline`, { token });
  assert.equal(r.status, 200);
  return (r.body.items as { kind: string; internal: boolean; data: Record<string, unknown> | null }[]).filter((e) => e.kind === 'article');
};

async function publishedArticle(o: { audience?: 'internal' | 'public'; organisationId?: number } = {}) {
  const r = await api.post(
    '/api/v1/kb/articles',
    { title: `Printer guide ${uniq()}`, body: 'Open the tray, remove the paper.', language: 'en', audience: o.audience ?? 'public', status: 'published', organisationId: o.organisationId },
    { token: supervisor.token },
  );
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body as { id: number; title: string };
}

describe('one-click article from a ticket', () => {
  test('a resolved ticket drafts an internal article from its resolution record, linked both ways', async () => {
    const tk = await resolvedTicket();
    const r = await api.post(`/api/v1/tickets/${tk.id}/article`, undefined, { token: agent.token });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    const a = r.body;
    assert.equal(a.title, tk.title);
    assert.equal(a.status, 'draft');
    assert.equal(a.audience, 'internal');
    assert.equal(a.language, 'en');
    assert.equal(a.categoryId, category.id);
    assert.deepEqual(a.tags, []);
    assert.equal(a.sourceTicketId, tk.id);
    assert.equal(a.sourceTicketNumber, tk.number);
    // The summary is the symptoms, shortened at a word boundary.
    assert.ok(a.summary.length <= 280 && a.summary.length > 100, a.summary);
    assert.ok(a.summary.endsWith('…'), a.summary);
    assert.ok(longSymptoms.startsWith(a.summary.slice(0, -1)), a.summary);
    // The body: the four sections in order, each with its text.
    const headings = [...a.body.matchAll(/^## (.+)$/gm)].map((m: RegExpMatchArray) => m[1]);
    assert.deepEqual(headings, ['Symptoms', 'Diagnosis', 'Actions', 'Result']);
    for (const text of Object.values(record)) assert.ok(a.body.includes(text), text);
    assert.ok(a.body.indexOf(record.diagnosis) < a.body.indexOf(record.actions));
    assert.match(a.bodyHtml, /<h2[^>]*>Symptoms<\/h2>/);
    // Nothing of the requester beyond the record: not the description, their name or email.
    for (const personal of [PHONE, 'Jeanne', requester.email]) assert.ok(!JSON.stringify(a).includes(personal), personal);

    const links = await api.get(`/api/v1/tickets/${tk.id}/articles`, { token: agent.token });
    assert.equal(links.status, 200);
    assert.deepEqual(
      links.body.items.map((i: Record<string, unknown>) => ({ ...i, linkedAt: typeof i.linkedAt })),
      [{ articleId: a.id, title: tk.title, language: 'en', audience: 'internal', status: 'draft', relations: ['source'], linkedAt: 'string' }],
    );
    const events = await articleEvents(tk.id);
    assert.equal(events.length, 1);
    assert.equal(events[0].internal, true);
    assert.deepEqual(events[0].data, { articleId: a.id, title: tk.title, relation: 'source' });
    assert.deepEqual(await articleEvents(tk.id, requester.token), [], 'the requester does not see internal events');
  });

  test('asking again returns the article already drafted, without a second one', async () => {
    const tk = await resolvedTicket();
    const first = await api.post(`/api/v1/tickets/${tk.id}/article`, undefined, { token: agent.token });
    assert.equal(first.status, 201);
    const [again, concurrent] = await Promise.all([
      api.post(`/api/v1/tickets/${tk.id}/article`, undefined, { token: agent.token }),
      api.post(`/api/v1/tickets/${tk.id}/article`, undefined, { token: supervisor.token }),
    ]);
    assert.equal(again.status, 200, JSON.stringify(again.body));
    assert.equal(concurrent.status, 200, JSON.stringify(concurrent.body));
    assert.equal(again.body.id, first.body.id);
    assert.equal(concurrent.body.id, first.body.id);
    assert.equal((await articleEvents(tk.id)).length, 1);
    const drafted = await t.deps.db.selectFrom('kb_articles').select('id').where('source_ticket_id', '=', tk.id).execute();
    assert.equal(drafted.length, 1);
  });

  test("headings are in the agent's language", async () => {
    const tk = await resolvedTicket();
    const r = await api.post(`/api/v1/tickets/${tk.id}/article`, undefined, { token: frenchAgent.token });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.equal(r.body.language, 'fr');
    assert.deepEqual([...r.body.body.matchAll(/^## (.+)$/gm)].map((m: RegExpMatchArray) => m[1]), ['Symptômes', 'Diagnostic', 'Actions', 'Résultat']);
  });

  test('a closed ticket drafts too; an open one is a 409 that says why', async () => {
    const open = await openTicket();
    const r = await api.post(`/api/v1/tickets/${open.id}/article`, undefined, { token: agent.token });
    assertProblem(r, 409, { detail: /resolved or closed/ });
    assert.deepEqual(await articleEvents(open.id), []);

    const closed = await resolvedTicket();
    assert.equal((await api.post(`/api/v1/tickets/${closed.id}/close`, undefined, { token: agent.token })).status, 200);
    assert.equal((await api.post(`/api/v1/tickets/${closed.id}/article`, undefined, { token: agent.token })).status, 201);
  });

  test("another organisation's ticket is not found for a restricted agent; requesters may not", async () => {
    const tk = await resolvedTicket();
    assertProblem(await api.post(`/api/v1/tickets/${tk.id}/article`, undefined, { token: agentOfB.token }), 404);
    assertProblem(await api.get(`/api/v1/tickets/${tk.id}/articles`, { token: agentOfB.token }), 404);
    assertProblem(await api.post(`/api/v1/tickets/${tk.id}/article`, undefined, { token: requester.token }), 403);
    assertProblem(await api.post('/api/v1/tickets/99999999/article', undefined, { token: agent.token }), 404);
    assert.equal((await t.deps.db.selectFrom('kb_articles').select('id').where('source_ticket_id', '=', tk.id).execute()).length, 0);
  });
});

describe('articles linked to a ticket', () => {
  test('linked, then helped: recorded once each, on the timeline; unlinked one relation at a time', async () => {
    const tk = await openTicket();
    const article = await publishedArticle();
    const link = (relation: string) => api.post(`/api/v1/tickets/${tk.id}/articles`, { articleId: article.id, relation }, { token: agent.token });

    let r = await link('linked');
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.deepEqual(r.body.items.map((i: { articleId: number; relations: string[] }) => [i.articleId, i.relations]), [[article.id, ['linked']]]);
    r = await link('linked');
    assert.equal(r.status, 200, 'idempotent');
    r = await link('helped');
    assert.deepEqual(r.body.items[0].relations, ['linked', 'helped']);
    let events = await articleEvents(tk.id);
    assert.deepEqual(events.map((e) => e.data), [
      { articleId: article.id, title: article.title, relation: 'linked' },
      { articleId: article.id, title: article.title, relation: 'helped' },
    ]);
    assert.ok(events.every((e) => e.internal));

    const del = (q: string) => api.delete(`/api/v1/tickets/${tk.id}/articles/${article.id}${q}`, { token: agent.token });
    assert.equal((await del('?relation=linked')).status, 204);
    assert.deepEqual((await api.get(`/api/v1/tickets/${tk.id}/articles`, { token: agent.token })).body.items[0].relations, ['helped']);
    assertProblem(await del('?relation=linked'), 404, { detail: /not "linked"/ });
    assertProblem(await del('?relation=source'), 422, { detail: /source/ });
    assertProblem(await del('?relation=bogus'), 400, { detail: /relation/ });
    assert.equal((await del('')).status, 204);
    assert.deepEqual((await api.get(`/api/v1/tickets/${tk.id}/articles`, { token: agent.token })).body.items, []);
    events = await articleEvents(tk.id);
    assert.deepEqual(events.slice(2).map((e) => [e.data?.relation, e.data?.removed]), [['linked', true], ['helped', true]]);
  });

  test('the source link stays; the article must exist and be visible to the agent', async () => {
    const tk = await resolvedTicket();
    const draft = (await api.post(`/api/v1/tickets/${tk.id}/article`, undefined, { token: agent.token })).body;
    assertProblem(await api.delete(`/api/v1/tickets/${tk.id}/articles/${draft.id}?relation=source`, { token: agent.token }), 422);
    assertProblem(await api.delete(`/api/v1/tickets/${tk.id}/articles/${draft.id}`, { token: agent.token }), 404);
    const r = await api.post(`/api/v1/tickets/${tk.id}/articles`, { articleId: draft.id, relation: 'helped' }, { token: agent.token });
    assert.deepEqual(r.body.items.map((i: { relations: string[] }) => i.relations), [['source', 'helped']]);

    const bOnly = await publishedArticle({ organisationId: orgB.id });
    const tkA = await openTicket();
    assertProblem(await api.post(`/api/v1/tickets/${tkA.id}/articles`, { articleId: 99999999, relation: 'linked' }, { token: agent.token }), 422, { detail: /99999999/ });
    assertProblem(await api.post(`/api/v1/tickets/${tkA.id}/articles`, { articleId: bOnly.id, relation: 'source' }, { token: agent.token }), 400);
    // Organisation B's agent does not see organisation A's ticket at all.
    assertProblem(await api.post(`/api/v1/tickets/${tkA.id}/articles`, { articleId: bOnly.id, relation: 'linked' }, { token: agentOfB.token }), 404);
    assertProblem(await api.delete(`/api/v1/tickets/${tkA.id}/articles/${bOnly.id}`, { token: agentOfB.token }), 404);
  });

  test('a restricted agent cannot link an article of an organisation they do not serve', async () => {
    const aOnly = await publishedArticle({ organisationId: orgA.id });
    const requesterOfB = await makeUser(t.deps, { roles: ['requester'], organisationId: orgB.id });
    const r = await api.post('/api/v1/tickets', { title: 'B needs help', description: 'Please.', requester: { email: requesterOfB.email } }, { token: agentOfB.token });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assertProblem(await api.post(`/api/v1/tickets/${r.body.id}/articles`, { articleId: aOnly.id, relation: 'linked' }, { token: agentOfB.token }), 422, {
      detail: new RegExp(`${aOnly.id}.*not visible`),
    });
  });
});

describe("an article's tickets", () => {
  test('lists the tickets it came from, was linked in or helped, each once, only those the reader sees', async () => {
    const source = await resolvedTicket();
    const draft = (await api.post(`/api/v1/tickets/${source.id}/article`, undefined, { token: agent.token })).body as { id: number };
    const other = await openTicket();
    for (const relation of ['linked', 'helped']) {
      const r = await api.post(`/api/v1/tickets/${other.id}/articles`, { articleId: draft.id, relation }, { token: agent.token });
      assert.equal(r.status, 200, JSON.stringify(r.body));
    }
    const r = await api.get(`/api/v1/kb/articles/${draft.id}/tickets`, { token: agent.token });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const items = r.body.items as { ticketId: number; number: number; relations: string[] }[];
    assert.deepEqual(
      items.map((i) => [i.ticketId, [...i.relations].sort()]).sort((a, b) => Number(a[0]) - Number(b[0])),
      [
        [source.id, ['source']],
        [other.id, ['helped', 'linked']],
      ],
    );
    assert.equal(items.find((i) => i.ticketId === other.id)?.number, other.number);
    // Organisation B's agent sees the (organisation-less) article but none of A's tickets.
    const forB = await api.get(`/api/v1/kb/articles/${draft.id}/tickets`, { token: agentOfB.token });
    assert.equal(forB.status, 200);
    assert.deepEqual(forB.body.items, []);
    assertProblem(await api.get(`/api/v1/kb/articles/${draft.id}/tickets`, { token: requester.token }), 403);
    assertProblem(await api.get('/api/v1/kb/articles/99999999/tickets', { token: agent.token }), 404);
  });
});
