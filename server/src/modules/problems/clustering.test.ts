// Clustering quality on generated incidents with planted recurring ones (pure: no database).
//
// Data (planted-incidents.ts): 3,000 noise incidents and 15 planted incidents of 3–20 tickets
// over 14 days, 4 organisations (and some tickets without one), 12 categories. A planted
// incident is one thing failing one way at one client, told in French and English with
// synonyms, typos, asides and the error code or context often left out; noise tickets use the
// same things, symptoms and filler. Two planted incidents are the same failure at two clients
// (they must stay apart) and every fifth hits the same thing as the one before, differently.
//
// Thresholds: over 24 seeds with the default options, pairwise precision ranged 0.78–1.00
// (mean 0.90) and recall 0.56–0.92 (mean 0.72): the wording is hard on purpose (one ticket in
// ten is a single line without code or context; one in ten is in the other language). The
// assertions sit just under those worst draws, for two seeds that were not used to choose the
// options. What they catch: without the shared-words rules (pairs and attachment) precision
// falls to about 0.4 (0.76 without the pairs' rule alone); mixing organisations or
// categories is asserted directly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { indexTerms } from '../../lib/search-terms.ts';
import { generatePlantedIncidents, pairwiseScores } from './planted-incidents.ts';
import { findClusters, TermDictionary, type ClusterInput } from './clustering.ts';

const NOW = Date.parse('2026-12-02T10:00:00.000Z');
const MIN_PRECISION = 0.8;
const MIN_RECALL = 0.6;

for (const seed of [2026, 2027]) {
  test(`planted recurring incidents are found among noise (seed ${seed})`, () => {
    const data = generatePlantedIncidents({ seed, noise: 3000, clusters: 15, organisations: 4, days: 14, now: NOW });
    const { clusters, stats } = findClusters(data.tickets);
    const scores = pairwiseScores(data.plantedOf, clusters.map((c) => c.members.map((m) => m.index)));
    const summary = `precision ${scores.precision.toFixed(3)}, recall ${scores.recall.toFixed(3)}, ${clusters.length} clusters, ${Math.round(stats.ms.total)} ms`;
    assert.ok(scores.precision >= MIN_PRECISION, summary);
    assert.ok(scores.recall >= MIN_RECALL, summary);
    // Never all pairs: the index compares only tickets sharing an informative term.
    const allPairs = (data.tickets.length * (data.tickets.length - 1)) / 2;
    assert.ok(stats.comparedPairs < allPairs / 3, `${stats.comparedPairs} of ${allPairs} pairs compared`);
    for (const c of clusters) {
      const members = c.members.map((m) => data.tickets[m.index]);
      assert.ok(members.length >= 3);
      assert.ok(members.every((t) => t.organisationId === c.organisationId), 'a cluster never mixes organisations');
      const known = new Set(members.map((t) => t.categoryId).filter((x) => x !== null));
      assert.ok(known.size <= 1 && (known.size === 0 || (c.categoryId !== null && known.has(c.categoryId))), 'nor known categories');
      assert.ok(c.members.every((m, i) => m.similarity > 0 && m.similarity <= 1 && (i === 0 || m.similarity <= c.members[i - 1].similarity)));
      assert.equal(c.suggestedTitle, data.tickets[c.members[0].index].title);
    }
  });
}

const at = (hours: number) => new Date(NOW + hours * 3_600_000).toISOString();
const ticket = (id: number, title: string, description: string, o: Partial<ClusterInput> = {}): ClusterInput => ({
  id, title, description, categoryId: 1, organisationId: 1, createdAt: at(id), ...o,
});
const VPN = [
  ['VPN GlobalProtect : passerelle injoignable', 'Depuis la mise à jour 6.1.3 de GlobalProtect, la passerelle vpn.acme.fr est injoignable en télétravail.'],
  ['GlobalProtect gateway unreachable', 'Since GlobalProtect 6.1.3 the gateway vpn.acme.fr is unreachable when working from home.'],
  ['Passerelle VPN injoignable (GlobalProtect 6.1.3)', 'Bonjour, GlobalProtect ne joint plus la passerelle vpn.acme.fr depuis la version 6.1.3, impossible de travailler à distance.'],
  ['VPN : passerelle vpn.acme.fr injoignable', 'Télétravail bloqué, GlobalProtect 6.1.3 indique passerelle injoignable. Merci.'],
];
const OTHERS = [
  ['Imprimante du 3e en panne', 'Bourrage papier permanent sur l’imprimante du troisième étage.'],
  ['Mot de passe oublié', 'Je n’arrive plus à ouvrir ma session, mot de passe oublié.'],
  ['Écran noir au démarrage', 'Mon PC portable reste sur un écran noir au démarrage.'],
  ['Outlook ne synchronise plus', 'Les nouveaux messages n’arrivent plus dans Outlook depuis ce matin.'],
];

test('a cluster explains itself in readable words with counts and its time span', () => {
  const input = [...VPN, ...OTHERS].map(([t, d], i) => ticket(i + 1, t, d));
  const { clusters } = findClusters(input);
  assert.equal(clusters.length, 1);
  const [c] = clusters;
  assert.deepEqual(c.members.map((m) => m.id).sort(), [1, 2, 3, 4]);
  const e = c.explanation;
  const terms = new Map(e.sharedTerms.map((s) => [s.term, s.tickets]));
  assert.equal(terms.get('GlobalProtect'), 4, JSON.stringify(e.sharedTerms));
  assert.ok((terms.get('passerelle') ?? 0) >= 3, 'the commonest spelling, not a stem');
  assert.equal(e.ticketCount, 4);
  assert.equal(e.firstAt, at(1));
  assert.equal(e.lastAt, at(4));
  assert.equal(e.spanHours, 3);
  assert.ok(e.meanSimilarity > 0.5 && e.meanSimilarity <= 1);
  assert.equal(e.sameCategory, true);
  assert.equal(e.sameOrganisation, true);
  assert.match(e.summary, /^4 incidents over 3 hours share “GlobalProtect”, /);
  assert.ok(c.signature.length > 0 && c.signature.every((s, i) => i === 0 || c.signature[i - 1] <= s), 'sorted stems');
});

test('clients never mix, an uncategorised ticket may join, two known categories never do', () => {
  const input = [
    ...VPN.slice(0, 2).map(([t, d], i) => ticket(i + 1, t, d, { organisationId: 1 })),
    ...VPN.slice(2, 4).map(([t, d], i) => ticket(i + 3, t, d, { organisationId: 2 })),
    ...OTHERS.map(([t, d], i) => ticket(i + 5, t, d, { organisationId: i % 2 ? 1 : 2 })),
  ];
  assert.equal(findClusters(input).clusters.length, 0, 'two tickets at each client: no cluster of three');
  const sameClient = VPN.map(([t, d], i) => ticket(i + 1, t, d, { organisationId: null, categoryId: i === 3 ? null : 1 }));
  const { clusters } = findClusters([...sameClient, ...OTHERS.map(([t, d], i) => ticket(i + 5, t, d, { organisationId: null }))]);
  assert.equal(clusters.length, 1);
  assert.equal(clusters[0].members.length, 4);
  assert.equal(clusters[0].organisationId, null);
  assert.equal(clusters[0].categoryId, 1);
  assert.equal(clusters[0].explanation.sameCategory, false, 'one of them has no category');
  const split = VPN.map(([t, d], i) => ticket(i + 1, t, d, { categoryId: i < 2 ? 1 : 2 }));
  assert.equal(findClusters([...split, ...OTHERS.map(([t, d], i) => ticket(i + 5, t, d))]).clusters.length, 0);
});

test('the terms are the shared search stems, computed once per word', () => {
  const dict = new TermDictionary();
  const text = 'Les imprimantes du réseau n’impriment plus : printers offline, erreur 0x80070005 à 9h';
  const expected = indexTerms(text).filter((s) => s.length > 1);
  assert.deepEqual(dict.termsOf(text).map((id) => dict.stems[id]), expected);
  assert.deepEqual(dict.termsOf(text).map((id) => dict.stems[id]), expected, 'cached words give the same terms');
});
