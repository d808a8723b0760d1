// Full-text search: accents optional, French and English word forms, replies included,
// internal notes only for staff, ranked by relevance.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { client, startTestApp, type TestApp } from '../../test/harness.ts';
import { makeOrganisation, makeUser, uniq, type MadeUser } from '../../test/factories.ts';
import { toFtsQuery } from './tickets.service.ts';

let t: TestApp;
let api: ReturnType<typeof client>;
let agent: MadeUser;
let requester: MadeUser;
const ids: Record<string, number> = {};

before(async () => {
  t = await startTestApp();
  api = client(t);
  const org = await makeOrganisation(t.deps);
  agent = await makeUser(t.deps, { roles: ['agent'] });
  requester = await makeUser(t.deps, { organisationId: org.id });
  const make = async (key: string, title: string, description: string, token = agent.token) => {
    const body = token === agent.token ? { title, description, requester: { email: requester.email } } : { title, description };
    const r = await api.post('/api/v1/tickets', body, { token });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    ids[key] = r.body.id;
  };
  await make('ecran', "L'écran reste noir au démarrage", 'Le poste affiche un écran noir après la mise à jour.');
  await make('printers', 'Printers offline on floor 2', 'All the printers on the second floor show offline.');
  await make('mention', 'Question about my laptop', 'Also, one of the printers made a noise.');
  await make('vpn', 'VPN disconnects', 'The VPN client drops every ten minutes.', requester.token);
  await make('other', 'Password reset', 'Forgot my password.');
  await api.post(`/api/v1/tickets/${ids.vpn}/replies`, { body: 'Le pare-feu bloque le port UDP 4500' }, { token: agent.token });
  await api.post(`/api/v1/tickets/${ids.other}/notes`, { body: 'Suspect a kerberos desynchronisation' }, { token: agent.token });
});
after(() => t.close());

const search = async (q: string, token = agent.token) => {
  const r = await api.get(`/api/v1/tickets?q=${encodeURIComponent(q)}`, { token });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body.items as { id: number; rank: number }[];
};

describe('search', () => {
  test('accents are optional, in the query and in the text', async () => {
    assert.deepEqual((await search('ecran noir')).map((x) => x.id), [ids.ecran]);
    assert.deepEqual((await search('ÉCRAN')).map((x) => x.id), [ids.ecran]);
    assert.deepEqual((await search('demarrage')).map((x) => x.id), [ids.ecran]);
  });

  test('English word forms match (printer finds printers), and a title match ranks first', async () => {
    const hits = await search('printer');
    assert.deepEqual(hits.map((x) => x.id), [ids.printers, ids.mention]);
    assert.ok(hits[0].rank > hits[1].rank);
    assert.deepEqual((await search('the printers on the floor')).map((x) => x.id), [ids.printers]);
    assert.deepEqual((await search('flo*')).map((x) => x.id), [ids.printers], 'a trailing * matches a prefix');
  });

  test('replies are searched; the ticket is found by what was said in its timeline', async () => {
    assert.deepEqual((await search('pare-feu')).map((x) => x.id), [ids.vpn]);
    assert.deepEqual((await search('pare-feu', requester.token)).map((x) => x.id), [ids.vpn]);
  });

  test('internal notes are searchable by staff only', async () => {
    assert.deepEqual((await search('kerberos')).map((x) => x.id), [ids.other]);
    assert.deepEqual(await search('kerberos', requester.token), []);
  });

  test('search combines with filters and pages by cursor', async () => {
    assert.deepEqual((await api.get(`/api/v1/tickets?q=printer&status=resolved`, { token: agent.token })).body.items, []);
    const first = await api.get('/api/v1/tickets?q=printer&limit=1', { token: agent.token });
    assert.equal(first.body.items[0].id, ids.printers);
    const second = await api.get(`/api/v1/tickets?q=printer&limit=1&cursor=${first.body.nextCursor}`, { token: agent.token });
    assert.equal(second.body.items[0].id, ids.mention);
    assert.equal(second.body.nextCursor, null);
  });

  test('operators and punctuation in user text are taken as words, never as syntax errors', async () => {
    for (const q of ['"unbalanced', 'a AND OR NOT', 'col:umn', '*', '(', "l'écran", 'NEAR(x y)', '-x', 'écran -noir']) {
      const r = await api.get(`/api/v1/tickets?q=${encodeURIComponent(q)}`, { token: agent.token });
      assert.equal(r.status, 200, `${q}: ${JSON.stringify(r.body)}`);
    }
    assert.equal(toFtsQuery('Hello, "world" (x)'), '"Hello" "world" "x"');
    assert.equal(toFtsQuery('imprim* noir'), '"imprim"* "noir"', 'a trailing * asks for a prefix');
    assert.equal(toFtsQuery('  ***  '), '');
    assert.equal(toFtsQuery('mot de passe'), '"mot" "passe"', 'function words are not required');
    assert.equal(toFtsQuery('The'), '"The"', 'unless there is nothing else');
  });

  test('unique text from a new ticket is findable right after creation', async () => {
    const word = `zq${uniq()}`;
    const r = await api.post('/api/v1/tickets', { title: `Odd ${word}`, description: 'x' }, { token: requester.token });
    assert.deepEqual((await search(word)).map((x) => x.id), [r.body.id]);
    await api.patch(`/api/v1/tickets/${r.body.id}`, { title: 'Renamed' }, { token: agent.token });
    assert.deepEqual(await search(word), [], 'the index follows edits');
  });
});
