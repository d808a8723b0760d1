// Recurring-incident detection over HTTP: incidents created through the API form a cluster
// among unrelated ones; the detection proposes it once, with why; accepting creates the
// problem with its incidents; dismissing keeps it from coming back unless it grows by half;
// a new similar incident joins the proposed candidate; organisations never mix.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { client, startTestApp, type TestApp } from '../../test/harness.ts';
import { makeCategory, makeOrganisation, makeUser, type MadeUser } from '../../test/factories.ts';
import { assertProblem } from '../../test/assertions.ts';
import { testClock } from '../../test/test-clock.ts';
import { problemJobs, DETECT_JOB } from './problems.jobs.ts';

const clock = testClock(new Date().toISOString());
let t: TestApp;
let api: ReturnType<typeof client>;
let supervisor: MadeUser;
let agent: MadeUser;
let categoryId: number;

before(async () => {
  t = await startTestApp({ clock });
  api = client(t);
  supervisor = await makeUser(t.deps, { roles: ['supervisor'] });
  agent = await makeUser(t.deps, { roles: ['agent'] });
  categoryId = (await makeCategory(t.deps, { name: 'Messagerie' })).id;
});
after(() => t.close());

// One incident told by several people, in French and English, with typos and asides.
const OUTLOOK = [
  ['Outlook plante à l’ouverture des pièces jointes PDF', 'Depuis la mise à jour KB5034441, Outlook se ferme dès que j’ouvre une pièce jointe PDF. Erreur 0x80070005.'],
  ['Outlook se ferme quand j’ouvre une pièce jointe PDF', 'Bonjour, depuis ce matin Outlook se ferme à l’ouverture d’une pièce jointe PDF (mise à jour KB5034441). Code 0x80070005.'],
  ['Outlook crashes when opening PDF attachments', 'Since update KB5034441 Outlook closes as soon as I open a PDF attachment, error 0x80070005. Pièce jointe PDF impossible.'],
  ['Pièces jointes PDF : Outlook plante', 'Outlook plante sur chaque pièce jointe PDF depuis KB5034441, erreur 0x80070005. Merci de regarder vite, client en attente.'],
  ['Outlok plante avec les pièces jointes PDF', 'Impossible d’ouvrir une pièce jointe PDF dans Outlook depuis la mise à jour KB5034441 : il se ferme (0x80070005).'],
  ['Outlook : pièce jointe PDF, fermeture immédiate', 'Outlook se ferme immédiatement à l’ouverture des pièces jointes PDF. Mise à jour KB5034441 installée hier. 0x80070005.'],
];
// Unrelated incidents that share words with it and with each other.
const NOISE = [
  ['Imprimante du 2e bloquée', 'L’imprimante du deuxième étage affiche bourrage papier alors qu’aucune feuille n’est coincée.'],
  ['Mot de passe expiré', 'Je ne peux plus ouvrir ma session Windows, le mot de passe a expiré ce matin.'],
  ['VPN très lent en télétravail', 'La connexion VPN depuis la maison est très lente, les fichiers partagés mettent des minutes à s’ouvrir.'],
  ['Outlook : signature disparue', 'Ma signature Outlook a disparu après le changement de poste, pouvez-vous la remettre ?'],
  ['Écran externe non détecté', 'Le second écran n’est plus détecté quand je branche la station d’accueil.'],
  ['Teams sans son en réunion', 'Pas de son dans les réunions Teams depuis hier, le casque fonctionne ailleurs.'],
  ['Accès au dossier Finance', 'Je n’ai plus accès au dossier partagé Finance, message accès refusé.'],
  ['PDF illisible dans le navigateur', 'Les fichiers PDF de l’intranet s’affichent en page blanche dans Chrome.'],
];

async function orgWithRequester() {
  const org = await makeOrganisation(t.deps);
  const requester = await makeUser(t.deps, { roles: ['requester'], organisationId: org.id });
  return { org, requester };
}

/** Incidents opened through the API, an hour apart; their ids in order. */
async function openIncidents(requesterId: number, texts: string[][], category: number | null = categoryId): Promise<number[]> {
  const ids: number[] = [];
  for (const [title, description] of texts) {
    const r = await api.post('/api/v1/tickets', { title, description, requesterId, category }, { token: agent.token });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    ids.push(r.body.id);
    clock.advance(3_600_000);
  }
  return ids;
}

const detect = async (who = supervisor) => {
  const r = await api.post('/api/v1/problem-candidates/detect', undefined, { token: who.token });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body as { proposed: number; updated: number; scanned: number; ms: number };
};
const candidatesOf = async (organisationId: number, status = 'proposed', who = supervisor) => {
  const r = await api.get(`/api/v1/problem-candidates?status=${status}`, { token: who.token });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return (r.body.items as any[]).filter((c) => c.organisationId === organisationId);
};
const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);

describe('recurring-incident detection', () => {
  test('a cluster among unrelated incidents is proposed once, explained, and accepted into a problem', async () => {
    const { org, requester } = await orgWithRequester();
    await openIncidents(requester.id, NOISE.slice(0, 4));
    const cluster = await openIncidents(requester.id, OUTLOOK.slice(0, 5));
    await openIncidents(requester.id, NOISE.slice(4));

    const run = await detect();
    assert.ok(run.proposed >= 1 && run.scanned >= 13, JSON.stringify(run));
    const [candidate, ...others] = await candidatesOf(org.id);
    assert.equal(others.length, 0, 'one candidate for this organisation');
    assert.deepEqual(sorted(candidate.tickets.map((x: { id: number }) => x.id)), sorted(cluster));
    assert.equal(candidate.ticketCount, 5);
    assert.equal(candidate.organisationName, org.name);
    assert.equal(candidate.categoryId, categoryId);
    assert.ok(OUTLOOK.some(([title]) => title === candidate.title), `title from a member: ${candidate.title}`);
    const e = candidate.explanation;
    const terms = new Map<string, number>(e.sharedTerms.map((s: { term: string; tickets: number }) => [s.term.toLowerCase(), s.tickets]));
    for (const word of ['outlook', 'pdf', 'kb5034441']) assert.ok((terms.get(word) ?? 0) >= 3, `"${word}" shared: ${JSON.stringify(e.sharedTerms)}`);
    assert.equal(e.ticketCount, 5);
    assert.equal(e.spanHours, 4, 'an hour between each of the five');
    assert.equal(e.firstAt, candidate.firstAt);
    assert.equal(Date.parse(e.lastAt) - Date.parse(e.firstAt), 4 * 3_600_000);
    assert.ok(e.meanSimilarity > 0.3 && e.meanSimilarity <= 1, String(e.meanSimilarity));
    assert.equal(e.sameOrganisation, true);
    assert.equal(e.sameCategory, true);
    assert.equal(e.windowDays, 14);
    assert.match(e.summary, /^5 incidents over 4 hours share “/);
    for (const x of candidate.tickets) assert.ok(x.similarity > 0 && x.similarity <= 1);

    // Nothing new: the next run changes nothing.
    assert.deepEqual({ ...(await detect()), ms: 0, scanned: 0 }, { proposed: 0, updated: 0, ms: 0, scanned: 0 });

    const accepted = await api.post(`/api/v1/problem-candidates/${candidate.id}/accept`, { title: 'Outlook closes on PDF attachments (KB5034441)' }, { token: supervisor.token });
    assert.equal(accepted.status, 201, JSON.stringify(accepted.body));
    assert.equal(accepted.body.title, 'Outlook closes on PDF attachments (KB5034441)');
    assert.equal(accepted.body.candidateId, candidate.id);
    assert.equal(accepted.body.organisationId, org.id);
    assert.match(accepted.body.description, /Detected as recurring: 5 incidents/);
    assert.deepEqual(sorted(accepted.body.incidents.map((i: { id: number }) => i.id)), sorted(cluster));
    const [decided] = await candidatesOf(org.id, 'accepted');
    assert.equal(decided.problemId, accepted.body.id);
    assert.ok(decided.decidedAt);
    const timeline = await api.get(`/api/v1/tickets/${cluster[0]}/timeline`, { token: supervisor.token });
    const event = timeline.body.items.find((i: { kind: string }) => i.kind === 'problem');
    assert.ok(event, 'the ticket timeline shows the problem');

    assertProblem(await api.post(`/api/v1/problem-candidates/${candidate.id}/accept`, {}, { token: supervisor.token }), 409, { detail: /already accepted/ });
    assertProblem(await api.post(`/api/v1/problem-candidates/${candidate.id}/dismiss`, {}, { token: supervisor.token }), 409, { detail: /already accepted/ });
    // Linked now: the incidents leave the detection.
    await detect();
    assert.equal((await candidatesOf(org.id)).length, 0);
  });

  test('a dismissed cluster is not proposed again unless it grows by half', async () => {
    const { org, requester } = await orgWithRequester();
    await openIncidents(requester.id, NOISE.slice(0, 3));
    await openIncidents(requester.id, OUTLOOK.slice(0, 4));
    await detect();
    const [candidate] = await candidatesOf(org.id);
    assert.equal(candidate.ticketCount, 4);
    const dismissed = await api.post(`/api/v1/problem-candidates/${candidate.id}/dismiss`, { reason: 'Known Microsoft bug, patch expected' }, { token: supervisor.token });
    assert.equal(dismissed.status, 200, JSON.stringify(dismissed.body));
    assert.equal(dismissed.body.status, 'dismissed');
    assert.ok(dismissed.body.decidedAt);
    assertProblem(await api.post(`/api/v1/problem-candidates/${candidate.id}/dismiss`, {}, { token: supervisor.token }), 409, { detail: /already dismissed/ });

    await openIncidents(requester.id, OUTLOOK.slice(4, 5));
    await detect();
    assert.equal((await candidatesOf(org.id)).length, 0, 'five tickets: not yet half as many again');
    await openIncidents(requester.id, OUTLOOK.slice(5, 6));
    await detect();
    const [again] = await candidatesOf(org.id);
    assert.ok(again && again.id !== candidate.id, 'six tickets: proposed again, as a new candidate');
    assert.equal(again.ticketCount, 6);
  });

  test('a new similar incident joins the proposed candidate; concurrent runs never duplicate it', async () => {
    const { org, requester } = await orgWithRequester();
    await openIncidents(requester.id, NOISE.slice(2, 6));
    const first = await openIncidents(requester.id, OUTLOOK.slice(0, 3));
    const runs = await Promise.all([detect(), detect()]);
    const [candidate, ...more] = await candidatesOf(org.id);
    assert.equal(more.length, 0, `one candidate after two concurrent runs: ${JSON.stringify(runs)}`);
    assert.deepEqual(sorted(candidate.tickets.map((x: { id: number }) => x.id)), sorted(first));

    const [late] = await openIncidents(requester.id, OUTLOOK.slice(3, 4));
    const run = await detect();
    assert.ok(run.updated >= 1, JSON.stringify(run));
    const [same, ...none] = await candidatesOf(org.id);
    assert.equal(none.length, 0);
    assert.equal(same.id, candidate.id);
    assert.equal(same.ticketCount, 4);
    assert.ok(same.tickets.some((x: { id: number }) => x.id === late));
    assert.equal(same.explanation.ticketCount, 4);
  });

  test('organisations never mix; restricted supervisors see and detect their own only', async () => {
    const a = await orgWithRequester();
    const b = await orgWithRequester();
    const restricted = await makeUser(t.deps, { roles: ['supervisor'], servedOrganisationIds: [a.org.id] });
    // The same incident at two clients, two tickets each: a cluster of four if they mixed.
    const inA = await openIncidents(a.requester.id, OUTLOOK.slice(0, 2));
    const inB = await openIncidents(b.requester.id, OUTLOOK.slice(2, 4));
    await detect();
    assert.equal((await candidatesOf(a.org.id)).length, 0);
    assert.equal((await candidatesOf(b.org.id)).length, 0);

    inA.push(...(await openIncidents(a.requester.id, OUTLOOK.slice(4, 6))));
    inB.push(...(await openIncidents(b.requester.id, OUTLOOK.slice(0, 1))));
    const run = await detect(restricted);
    assert.equal(run.proposed, 1, `only organisation A's incidents are scanned: ${JSON.stringify(run)}`);
    const seen = (await api.get('/api/v1/problem-candidates', { token: restricted.token })).body.items as any[];
    assert.ok(seen.length >= 1 && seen.every((c) => c.organisationId === a.org.id), JSON.stringify(seen.map((c) => c.organisationId)));
    assert.deepEqual(sorted(seen[0].tickets.map((x: { id: number }) => x.id)), sorted(inA));

    await detect();
    const [ofB] = await candidatesOf(b.org.id);
    assert.deepEqual(sorted(ofB.tickets.map((x: { id: number }) => x.id)), sorted(inB));
    assertProblem(await api.post(`/api/v1/problem-candidates/${ofB.id}/accept`, {}, { token: restricted.token }), 404, { detail: /not visible/ });
    assertProblem(await api.post(`/api/v1/problem-candidates/${ofB.id}/dismiss`, {}, { token: restricted.token }), 404);
    assert.equal((await api.get('/api/v1/problem-candidates', { token: agent.token })).status, 403);
    assert.equal((await api.post('/api/v1/problem-candidates/detect', undefined, { token: agent.token })).status, 403);
    assert.equal((await api.get('/api/v1/problem-candidates')).status, 401);
    assertProblem(await api.get('/api/v1/problem-candidates?status=maybe', { token: supervisor.token }), 400);
    assertProblem(await api.post('/api/v1/problem-candidates/999999/accept', {}, { token: supervisor.token }), 404);
  });

  test('the detection job proposes what it finds', async () => {
    const { org, requester } = await orgWithRequester();
    await openIncidents(requester.id, OUTLOOK.slice(1, 5), null);
    await problemJobs().handlers[DETECT_JOB](t.deps, null, { attempt: 1, maxAttempts: 10 });
    const [candidate] = await candidatesOf(org.id);
    assert.equal(candidate.ticketCount, 4);
    assert.equal(candidate.categoryId, null);
    assert.equal(candidate.explanation.sameCategory, false);
  });
});
