// Self-help in the portal over real HTTP: suggestions while a requester types (published
// public articles only), the session recorded, what they did next, the 30-minute idle rule
// on a moved clock, and the deflection report's figures.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { client, startTestApp, type TestApp } from '../../test/harness.ts';
import { makeCategory, makeOrganisation, makeUser, uniq, type MadeUser } from '../../test/factories.ts';
import { assertProblem } from '../../test/assertions.ts';
import { testClock, type TestClock } from '../../test/test-clock.ts';

let t: TestApp;
let api: ReturnType<typeof client>;
let clock: TestClock;
let orgA: { id: number };
let orgB: { id: number };
let supervisor: MadeUser;
let supervisorOfA: MadeUser;
let agent: MadeUser;
let alice: MadeUser; // requester, organisation A
let bob: MadeUser; // requester, organisation B
const W = `zq${crypto.randomBytes(3).toString('hex')}`; // a word only this file's articles use
const art: Record<'pub' | 'pub2' | 'internal' | 'draft' | 'onlyB', number> = { pub: 0, pub2: 0, internal: 0, draft: 0, onlyB: 0 };

before(async () => {
  clock = testClock('2031-03-03T08:00:00.000Z');
  t = await startTestApp({ clock });
  api = client(t);
  orgA = await makeOrganisation(t.deps);
  orgB = await makeOrganisation(t.deps);
  supervisor = await makeUser(t.deps, { roles: ['supervisor'] });
  supervisorOfA = await makeUser(t.deps, { roles: ['supervisor'], servedOrganisationIds: [orgA.id] });
  agent = await makeUser(t.deps, { roles: ['agent'] });
  alice = await makeUser(t.deps, { roles: ['requester'], organisationId: orgA.id });
  bob = await makeUser(t.deps, { roles: ['requester'], organisationId: orgB.id });
  art.pub = await make({ title: `Reset your ${W} password`, body: `Use the self-service page to reset your ${W} password.` });
  art.pub2 = await make({ title: `Unlock your ${W} account`, body: `After five wrong ${W} passwords the account locks for ten minutes.` });
  art.internal = await make({ title: `Reset a ${W} password for someone`, body: `Agents reset ${W} passwords in the directory.`, audience: 'internal' });
  art.draft = await make({ title: `Reset ${W} password draft`, body: `Draft about ${W} passwords.`, status: 'draft' });
  art.onlyB = await make({ title: `${W} password rules of B`, body: `Organisation B's ${W} password rules.`, organisationId: orgB.id });
});
after(() => t.close());

async function make(body: Record<string, unknown>): Promise<number> {
  const r = await api.post('/api/v1/kb/articles', { language: 'en', audience: 'public', status: 'published', ...body }, { token: supervisor.token });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.id as number;
}

const key = () => crypto.randomBytes(12).toString('hex');
const suggest = (q: string, o: { token?: string; session?: string; extra?: string } = {}) =>
  api.get(`/api/v1/kb/suggestions?q=${encodeURIComponent(q)}${o.session ? `&session=${o.session}` : ''}${o.extra ?? ''}`, { token: o.token });
const event = (session: string, body: Record<string, unknown>, token: string) => api.post(`/api/v1/kb/deflections/${session}`, body, { token });
const sessionRow = (session: string) => t.deps.db.selectFrom('kb_deflections').selectAll().where('session_key', '=', session).executeTakeFirst();
const report = (token: string, from?: string, to?: string) =>
  api.get(`/api/v1/kb/deflection-report${from ? `?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to!)}` : ''}`, { token });
const ids = (r: { body: { items: { id: number }[] } }) => r.body.items.map((a) => a.id);

async function requestOf(requester: MadeUser) {
  const r = await api.post('/api/v1/tickets', { title: 'I still need help', description: 'The article did not help.' }, { token: requester.token });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.id as number;
}

describe('suggestions while typing', () => {
  test('only published public articles the reader may see, the word being typed as a prefix', async () => {
    const anonymous = await suggest(`reset ${W} passw`);
    assert.equal(anonymous.status, 200, JSON.stringify(anonymous.body));
    assert.equal(ids(anonymous)[0], art.pub);
    assert.deepEqual(new Set(ids(anonymous)), new Set([art.pub, art.pub2]), 'not internal, draft or organisation B only');
    assert.ok(anonymous.body.items.every((a: { status: string; audience: string; score: number }) => a.status === 'published' && a.audience === 'public' && typeof a.score === 'number'));
    assert.deepEqual(new Set(ids(await suggest(`reset ${W} passw`, { token: bob.token }))), new Set([art.pub, art.pub2, art.onlyB]));
    assert.deepEqual(new Set(ids(await suggest(`reset ${W} passw`, { token: alice.token }))), new Set([art.pub, art.pub2]));
    assert.deepEqual(new Set(ids(await suggest(`reset ${W} passw`, { token: agent.token }))), new Set([art.pub, art.pub2, art.onlyB]), 'staff see public ones only here too');
    assert.deepEqual(ids(await suggest(`reset ${W} passw`, { extra: '&limit=1' })), [art.pub]);
    assert.deepEqual(ids(await suggest('   ')), []);
    assert.deepEqual(ids(await suggest(`nothing like it ${uniq()}`)), []);
    assertProblem(await suggest('x', { extra: '&limit=11' }), 400, { detail: /limit/ });
  });

  test('a category chosen in the form ranks its articles first without hiding the others', async () => {
    const cat = await makeCategory(t.deps, { name: `Printing ${uniq()}` });
    const w = uniq();
    const same = { title: `Printer ${w} queue stuck`, body: `Clear the ${w} print queue.` };
    // Created first: on equal text the search lists the newer article first.
    const inCategory = await make({ ...same, categoryId: cat.id });
    const elsewhere = await make(same);
    assert.deepEqual(new Set(ids(await suggest(`printer ${w} queue`))), new Set([inCategory, elsewhere]));
    assert.deepEqual(ids(await suggest(`printer ${w} queue`, { extra: `&categoryId=${cat.id}` })), [inCategory, elsewhere]);
  });
});

describe('self-help sessions', () => {
  test('a signed-in reader session records the latest query and every article shown; others are not recorded', async () => {
    const s = key();
    assert.equal((await suggest(`unlock ${W}`, { token: alice.token, session: s })).status, 200);
    assert.equal((await suggest(`reset ${W} pass`, { token: alice.token, session: s })).status, 200);
    const row = await sessionRow(s);
    assert.ok(row);
    assert.equal(row.user_id, alice.id);
    assert.equal(row.organisation_id, orgA.id);
    assert.equal(row.query, `reset ${W} pass`);
    assert.equal(row.outcome, 'open');
    assert.deepEqual(new Set(JSON.parse(row.suggested_ids)), new Set([art.pub, art.pub2]));

    // Another user's suggestions do not touch it.
    await suggest(`${W} rules`, { token: bob.token, session: s });
    assert.equal((await sessionRow(s))!.query, `reset ${W} pass`);
    // Nothing suggested, or nobody signed in: nothing recorded.
    const empty = key();
    await suggest(`nothing ${uniq()}`, { token: alice.token, session: empty });
    assert.equal(await sessionRow(empty), undefined);
    const anonymous = key();
    await suggest(`reset ${W}`, { session: anonymous });
    assert.equal(await sessionRow(anonymous), undefined);
  });

  test('events: viewed, solved, abandoned, submitted; only the owner may send them', async () => {
    const s = key();
    await suggest(`reset ${W}`, { token: alice.token, session: s });
    assert.equal((await event(s, { event: 'viewed', articleId: art.pub }, alice.token)).status, 204);
    assert.equal((await event(s, { event: 'viewed', articleId: art.pub }, alice.token)).status, 204);
    assert.equal((await event(s, { event: 'viewed', articleId: art.pub2 }, alice.token)).status, 204);
    assert.deepEqual(JSON.parse((await sessionRow(s))!.viewed_ids), [art.pub, art.pub2]);
    assertProblem(await event(s, { event: 'viewed', articleId: art.internal }, alice.token), 422, { detail: /not one you can read/ });
    assertProblem(await event(s, { event: 'viewed', articleId: art.pub }, bob.token), 404);
    assertProblem(await event(key(), { event: 'solved' }, alice.token), 404);
    assert.equal((await api.post(`/api/v1/kb/deflections/${s}`, { event: 'solved' })).status, 401);
    assertProblem(await event(s, { event: 'teleported' }, alice.token), 400);
    assertProblem(await event(s, { event: 'submitted' }, alice.token), 400);

    assert.equal((await event(s, { event: 'abandoned' }, alice.token)).status, 204);
    assert.equal((await sessionRow(s))!.outcome, 'abandoned');
    assert.equal((await event(s, { event: 'solved' }, alice.token)).status, 204);
    assert.equal((await sessionRow(s))!.outcome, 'solved');
    assert.equal((await event(s, { event: 'abandoned' }, alice.token)).status, 204);
    assert.equal((await sessionRow(s))!.outcome, 'solved', 'abandoning does not undo solved');

    const bobsTicket = await requestOf(bob);
    assertProblem(await event(s, { event: 'submitted', ticketId: bobsTicket }, alice.token), 404, { detail: new RegExp(`${bobsTicket}`) });
    const ticketId = await requestOf(alice);
    assert.equal((await event(s, { event: 'submitted', ticketId }, alice.token)).status, 204);
    let row = (await sessionRow(s))!;
    assert.deepEqual([row.outcome, row.ticket_id], ['submitted', ticketId]);
    await event(s, { event: 'abandoned' }, alice.token);
    await event(s, { event: 'solved' }, alice.token);
    row = (await sessionRow(s))!;
    assert.equal(row.outcome, 'submitted', 'submitting wins');
  });
});

describe('deflection report', () => {
  test('figures, the idle rule, the top articles, restricted supervisors, the default period', async () => {
    clock.set('2031-04-10T10:00:00.000Z');
    const from = clock.iso();
    const start = async (who: MadeUser) => {
      const s = key();
      const r = await suggest(`reset ${W} password`, { token: who.token, session: s });
      assert.ok(r.body.items.length > 0);
      return s;
    };
    // Alice (organisation A): solved with pub; submitted after viewing pub2; idle after viewing pub2.
    const solved = await start(alice);
    await event(solved, { event: 'viewed', articleId: art.pub }, alice.token);
    await event(solved, { event: 'solved' }, alice.token);
    const submitted = await start(alice);
    await event(submitted, { event: 'viewed', articleId: art.pub2 }, alice.token);
    await event(submitted, { event: 'submitted', ticketId: await requestOf(alice) }, alice.token);
    const idle = await start(alice);
    await event(idle, { event: 'viewed', articleId: art.pub2 }, alice.token);
    // Bob (organisation B): abandoned after viewing pub; abandoned then submitted.
    const abandoned = await start(bob);
    await event(abandoned, { event: 'viewed', articleId: art.pub }, bob.token);
    await event(abandoned, { event: 'abandoned' }, bob.token);
    const changedMind = await start(bob);
    await event(changedMind, { event: 'abandoned' }, bob.token);
    await event(changedMind, { event: 'submitted', ticketId: await requestOf(bob) }, bob.token);

    const to = '2031-04-10T12:00:00.000Z';
    let r = await report(supervisor.token, from, to);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.deepEqual(
      { ...r.body, topArticles: undefined },
      { from, to, attempts: 5, solved: 1, abandoned: 1, submitted: 2, open: 1, deflectionRate: 0.5, topArticles: undefined },
    );
    assert.deepEqual(r.body.topArticles.map((a: { id: number; deflected: number }) => [a.id, a.deflected]), [[art.pub, 2]]);

    // 31 minutes later the idle session counts as abandoned; a fresh one is still open.
    clock.advance(31 * 60_000);
    await start(bob); // still typing
    r = await report(supervisor.token, from, to);
    assert.deepEqual([r.body.attempts, r.body.solved, r.body.abandoned, r.body.submitted, r.body.open], [6, 1, 2, 2, 1]);
    assert.equal(r.body.deflectionRate, 0.6);
    assert.deepEqual(r.body.topArticles.map((a: { id: number; deflected: number }) => [a.id, a.deflected]), [[art.pub, 2], [art.pub2, 1]]);
    assert.ok(r.body.topArticles[0].title.includes('Reset your'));

    // Organisation A's supervisor sees organisation A's sessions only.
    r = await report(supervisorOfA.token, from, to);
    assert.deepEqual([r.body.attempts, r.body.solved, r.body.abandoned, r.body.submitted, r.body.open], [3, 1, 1, 1, 0]);
    assert.equal(r.body.deflectionRate, 0.6667);
    assert.deepEqual(r.body.topArticles.map((a: { id: number }) => a.id), [art.pub, art.pub2]);

    // Before the period: nothing, and no rate.
    r = await report(supervisor.token, '2031-04-01T00:00:00Z', '2031-04-02T00:00:00Z');
    assert.deepEqual([r.body.attempts, r.body.deflectionRate, r.body.topArticles], [0, null, []]);
    // Default: the last 30 days up to now (the clock), which holds these and not March's.
    clock.advance(1000);
    r = await report(supervisor.token);
    assert.equal(r.status, 200);
    assert.equal(r.body.to, clock.iso());
    assert.equal(r.body.from, new Date(clock.now().getTime() - 30 * 86_400_000).toISOString());
    assert.equal(r.body.attempts, 6);
  });

  test('bad periods and roles are refused', async () => {
    assertProblem(await report(supervisor.token, '2031-04-02T00:00:00Z', '2031-04-01T00:00:00Z'), 400, { detail: /before/ });
    assertProblem(await report(supervisor.token, 'yesterday', '2031-04-01T00:00:00Z'), 400, { detail: /from/ });
    assertProblem(await report(agent.token), 403);
    assertProblem(await report(alice.token), 403);
    assert.equal((await report('')).status, 401);
  });

  test('suggestions are rate limited per address, signed-in readers apart', async () => {
    let limited = 0;
    for (let i = 0; i < 70 && limited === 0; i++) {
      const r = await suggest(`${W}`);
      if (r.status === 429) limited = i;
      else assert.equal(r.status, 200);
    }
    assert.ok(limited > 0 && limited <= 60, `limited after ${limited}`);
    // The same address, signed in: a budget of their own.
    assert.equal((await suggest(`${W}`, { token: alice.token })).status, 200);
  });
});
