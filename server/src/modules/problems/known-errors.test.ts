// Known errors suggested for a ticket's text: on the database under test (problems made
// over HTTP, findKnownErrors called as the ticket suggestions call it), then the ranking
// alone on a hand-made corpus.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { client, startTestApp, type TestApp } from '../../test/harness.ts';
import { makeCategory, makeOrganisation, makeTicket, makeUser, type MadeUser } from '../../test/factories.ts';
import { actorForUser, type Actor } from '../../lib/actor.ts';
import type { Role } from '../../../../common/enums.ts';
import { findKnownErrors } from './known-errors.ts';
import { backgroundOf, buildCorpus, rankKnownErrors } from './known-error-rank.ts';

let t: TestApp;
let api: ReturnType<typeof client>;
let agent: MadeUser;
let orgA: { id: number };
let orgB: { id: number };

const actorOf = (u: { id: number }, roles: Role[], o: { organisationId?: number | null; served?: number[] } = {}): Actor =>
  actorForUser({ id: u.id, email: 'x@example.test', name: 'X', roles, organisationId: o.organisationId ?? null, isOrgManager: false, language: 'en', servedOrganisationIds: o.served ?? [] }, 'session');
let everyone: Actor;

before(async () => {
  t = await startTestApp();
  api = client(t);
  orgA = await makeOrganisation(t.deps);
  orgB = await makeOrganisation(t.deps);
  agent = await makeUser(t.deps, { roles: ['agent'] });
  everyone = actorOf(agent, ['agent']);
});
after(() => t.close());

async function problem(body: Record<string, unknown>, token = agent.token) {
  const r = await api.post('/api/v1/problems', body, { token });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body as { id: number; reference: string };
}

const suggest = (text: string, o: { actor?: Actor; categoryId?: number | null; organisationId?: number | null; excludeProblemIds?: number[]; limit?: number } = {}) =>
  findKnownErrors(t.deps, o.actor ?? everyone, { text, categoryId: o.categoryId ?? null, organisationId: o.organisationId ?? null, excludeProblemIds: o.excludeProblemIds, limit: o.limit ?? 5 });
const ids = (s: { problemId: number }[]) => s.map((x) => x.problemId);

describe('known errors for a ticket', () => {
  test('a French known error is suggested for a similar French ticket, with its workaround and the shared words', async () => {
    const p = await problem({
      title: "L'imprimante du 3e étage bloque les impressions",
      description: "Les travaux d'impression restent en file d'attente sur l'imprimante partagée.",
      rootCause: "Le spouleur du serveur d'impression plante après la mise à jour du pilote.",
      workaround: 'Redémarrer le service spouleur sur le serveur PRINT01.',
    });
    const [s, ...rest] = await suggest("Impossible d'imprimer : mes documents restent bloqués dans la file de l'imprimante");
    assert.equal(s?.problemId, p.id, JSON.stringify(s));
    assert.equal(rest.filter((x) => x.problemId === p.id).length, 0);
    assert.equal(s.reference, p.reference);
    assert.equal(s.status, 'known_error');
    assert.equal(s.workaround, 'Redémarrer le service spouleur sur le serveur PRINT01.');
    assert.ok(s.score > 0 && s.score <= 1.5, String(s.score));
    // The reader's own words, not stems.
    for (const w of ['imprimante', 'bloqués', 'file']) assert.ok(s.sharedTerms.includes(w), JSON.stringify(s.sharedTerms));
    assert.ok(!ids(await suggest('Demande de création de compte pour un nouvel arrivant')).includes(p.id));
  });

  test('an English known error is suggested for a similar English ticket, not for an unrelated one', async () => {
    const p = await problem({
      title: 'VPN disconnects every few minutes',
      description: 'Remote users lose the VPN tunnel every few minutes on home Wi-Fi.',
      rootCause: 'The gateway idle timeout became too short after the firmware upgrade.',
      workaround: 'Reconnect with the wired network, or use the backup gateway vpn2.example.test.',
    });
    const found = await suggest('My VPN keeps disconnecting from home, I lose the tunnel all the time');
    assert.equal(found[0]?.problemId, p.id, JSON.stringify(found));
    assert.ok(found[0].sharedTerms.includes('vpn') && found[0].sharedTerms.includes('disconnecting'), JSON.stringify(found[0].sharedTerms));
    for (const unrelated of ['Please reset my password for the accounting application', 'Need a new keyboard, the space bar is broken', "Bonjour, mon écran reste noir au démarrage"]) {
      assert.ok(!ids(await suggest(unrelated)).includes(p.id), unrelated);
    }
  });

  test('only problems whose workaround may help now: not open ones, not once resolved', async () => {
    const body = { title: 'Scanner Kodak dépose des PDF vides', description: 'Le scanner Kodak du rez-de-chaussée dépose des PDF vides dans le dossier partagé.' };
    const open = await problem({ ...body, workaround: 'Scanner en TIFF en attendant.' });
    const rck = await problem({ ...body, rootCause: 'Pilote TWAIN incompatible' });
    const text = 'Le scanner Kodak envoie des PDF vides dans le dossier partagé';
    assert.deepEqual(ids(await suggest(text)), []);
    await api.patch(`/api/v1/problems/${rck.id}`, { workaround: 'Scanner en TIFF en attendant.' }, { token: agent.token });
    assert.deepEqual(ids(await suggest(text)), [rck.id], 'root cause known with a workaround');
    await api.post(`/api/v1/problems/${rck.id}/transitions`, { to: 'known_error' }, { token: agent.token });
    assert.deepEqual(ids(await suggest(text)), [rck.id]);
    const r = await api.post(`/api/v1/problems/${rck.id}/resolve`, { resolution: 'Pilote TWAIN mis à jour' }, { token: agent.token });
    assert.equal(r.status, 200);
    assert.deepEqual(ids(await suggest(text)), [], 'a resolved problem is no longer suggested');
    assert.ok(open.id > 0);
  });

  test('only the problems the agent may see; the same category and organisation rank first', async () => {
    const [ra, rb] = [await makeUser(t.deps, { roles: ['requester'], organisationId: orgA.id }), await makeUser(t.deps, { roles: ['requester'], organisationId: orgB.id })];
    const [ta, tb] = [await makeTicket(t.deps, { requesterId: ra.id }), await makeTicket(t.deps, { requesterId: rb.id })];
    const category = await makeCategory(t.deps);
    const base = { description: 'Le badge du parking Nord est refusé par la barrière depuis la mise à jour du lecteur.', rootCause: 'Lecteur mal configuré', workaround: "Appeler l'accueil pour ouvrir la barrière." };
    const inA = await problem({ ...base, title: 'Badge parking Nord refusé à la barrière', incidentIds: [ta.id] });
    const inB = await problem({ ...base, title: 'Badge parking Nord refusé à la barrière', incidentIds: [tb.id], categoryId: category.id });
    const spanning = await problem({ ...base, title: 'Badge parking Nord refusé à la barrière' });
    const text = 'Mon badge est refusé à la barrière du parking Nord';
    const agentA = actorOf(agent, ['agent'], { served: [orgA.id] });
    assert.deepEqual(ids(await suggest(text, { actor: agentA })), [inA.id]);
    assert.deepEqual(ids(await suggest(text, { actor: actorOf(ra, ['requester'], { organisationId: orgA.id }) })), []);
    assert.deepEqual(ids(await suggest(text, { organisationId: orgA.id })).slice(0, 1), [inA.id]);
    assert.deepEqual(ids(await suggest(text, { categoryId: category.id })).slice(0, 1), [inB.id]);
    assert.deepEqual(new Set(ids(await suggest(text))), new Set([inA.id, inB.id, spanning.id]));
    assert.deepEqual(ids(await suggest(text, { excludeProblemIds: [inA.id, inB.id] })), [spanning.id]);
    assert.equal((await suggest(text, { limit: 1 })).length, 1);
    assert.deepEqual(await suggest('   '), []);
  });
});

describe('ranking', () => {
  const row = (id: number, title: string, description: string, rootCause: string | null = null) => ({
    id,
    title,
    description,
    root_cause: rootCause,
    workaround: `Workaround ${id}`,
    status: 'known_error',
    organisation_id: null,
    category_id: null,
  });
  const corpus = buildCorpus(
    [row(1, 'Outlook crashes on start', 'Outlook closes right after opening, with a profile error.', 'A broken add-in'), row(2, 'Printer jams on tray 2', 'Paper jams every time tray 2 is used.')],
    backgroundOf(['Hello, I have a problem with my computer', 'Error when I log in', 'New screen please', 'Access to the shared folder']),
  );
  const rank = (text: string) => rankKnownErrors(corpus, { text, categoryId: null, organisationId: null, limit: 5 }, () => true);

  test('the closer text ranks first; everyday words alone suggest nothing', () => {
    assert.deepEqual(ids(rank('Outlook crashes with a profile error')), [1]);
    assert.deepEqual(ids(rank('Paper jams in tray 2 of the printer')), [2]);
    assert.deepEqual(rank('Hello, I have a problem, error, please help'), []);
    assert.deepEqual(rank('Outlook is very slow today at the office'), [], 'one shared word among several is not enough');
    assert.deepEqual(ids(rank('Outlook')), [1], 'a one-word text needs one');
    // Two shared words lost in a long request about something else: under the threshold.
    assert.deepEqual(rank('New employee starting Monday needs a laptop, a docking station, two screens, a headset, a desk phone, a badge, and paper for the printer'), []);
  });

  test('the visibility filter and the exclusions apply before the limit', () => {
    assert.deepEqual(rankKnownErrors(corpus, { text: 'Outlook crashes with a profile error', categoryId: null, organisationId: null, limit: 5 }, (d) => d.id !== 1), []);
    assert.deepEqual(ids(rankKnownErrors(corpus, { text: 'Outlook crash; printer jams on tray 2', categoryId: null, organisationId: null, excludeProblemIds: [2], limit: 1 }, () => true)), [1]);
  });
});
