// Routing rules over real HTTP and findRoutingRule on the real database: each condition,
// first match by position, inactive rules, reorder, the cache forgetting on writes, bad input;
// and tier-escalation rules CRUD with the tier check.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { client, startTestApp, type TestApp } from '../../test/harness.ts';
import { makeCategory, makeGroup, makeOrganisation, makeRoleCast, uniq } from '../../test/factories.ts';
import { assertProblem } from '../../test/assertions.ts';
import { findRoutingRule, type RoutableTicket, wordsOf } from './route.ts';

let t: TestApp;
let api: ReturnType<typeof client>;
let cast: Awaited<ReturnType<typeof makeRoleCast>>;

before(async () => {
  t = await startTestApp();
  api = client(t);
  cast = await makeRoleCast(t.deps);
});
after(() => t.close());

const ticket = (o: Partial<RoutableTicket> = {}): RoutableTicket => ({
  channel: 'portal',
  mailbox_id: null,
  category_id: null,
  organisation_id: null,
  title: 'Something is wrong',
  description: 'Please help.',
  ...o,
});
const route = (o: Partial<RoutableTicket> = {}) => t.deps.db.transaction().execute((trx) => findRoutingRule(trx, ticket(o)));
const createRule = (body: Record<string, unknown>) => api.post('/api/v1/routing/rules', { name: `Rule ${uniq()}`, ...body }, { token: cast.admin.token });

async function makeMailbox() {
  const at = new Date().toISOString();
  const row = await t.deps.db
    .insertInto('mailboxes')
    .values({ name: `Box ${uniq()}`, address: `box-${uniq()}@example.test`, imap_tls: 1, imap_folder: 'INBOX', processed_action: 'flag', processed_folder: '', poll_seconds: 60, is_active: 1, created_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Deletes every rule, so each test starts from an empty list. */
async function clearRules() {
  for (const r of (await api.get('/api/v1/routing/rules', { token: cast.admin.token })).body.items) {
    assert.equal((await api.delete(`/api/v1/routing/rules/${r.id}`, { token: cast.admin.token })).status, 204);
  }
}

test('wordsOf: lower case, accents gone, words separated by single spaces', () => {
  assert.equal(wordsOf('  Mot-de-passe ÉCHOUÉ!! (VPN)'), ' mot de passe echoue vpn ');
  assert.equal(wordsOf('Straße 42'), ' straße 42 ');
  assert.equal(wordsOf('?!'), '  ');
});

describe('routing rules: matching', () => {
  test('each condition on its own', async () => {
    await clearRules();
    const g = await makeGroup(t.deps);
    const box = await makeMailbox();
    const org = await makeOrganisation(t.deps);
    const parent = await makeCategory(t.deps);
    const child = await makeCategory(t.deps, { parentId: parent.id });
    const other = await makeCategory(t.deps);
    const rules: Record<string, number> = {};
    for (const [key, conditions] of Object.entries({
      channel: { channels: ['phone'] },
      mailbox: { mailboxIds: [box] },
      organisation: { organisationIds: [org.id] },
      category: { categoryIds: [parent.id] },
      keywords: { keywords: ['mot de passe', 'VPN'] },
    })) {
      const r = await createRule({ conditions, groupId: g.id });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      rules[key] = r.body.id;
    }
    const ruleOf = async (o: Partial<RoutableTicket>) => (await route(o))?.ruleId ?? null;
    assert.equal(await ruleOf({}), null);
    assert.equal(await ruleOf({ channel: 'phone' }), rules.channel);
    assert.equal(await ruleOf({ channel: 'email', mailbox_id: box }), rules.mailbox);
    assert.equal(await ruleOf({ channel: 'email', mailbox_id: box + 1000 }), null);
    assert.equal(await ruleOf({ organisation_id: org.id }), rules.organisation);
    assert.equal(await ruleOf({ category_id: parent.id }), rules.category);
    assert.equal(await ruleOf({ category_id: child.id }), rules.category, 'a sub-category matches its parent');
    assert.equal(await ruleOf({ category_id: other.id }), null);
    // Keywords: whole words or phrases, in the title or the description, case and accents ignored.
    assert.equal(await ruleOf({ title: 'Le vpn ne répond plus' }), rules.keywords);
    assert.equal(await ruleOf({ description: 'J’ai oublié mon MOT DE PASSE.' }), rules.keywords);
    assert.equal(await ruleOf({ title: 'Mot-de-passé expiré' }), rules.keywords);
    assert.equal(await ruleOf({ title: 'VPNs everywhere' }), null, 'not part of a longer word');
    assert.equal(await ruleOf({ title: 'mot de', description: 'passe' }), null, 'a phrase does not span title and description');
    const found = await route({ channel: 'phone' });
    assert.deepEqual(found, { ruleId: rules.channel, ruleName: found!.ruleName, groupId: g.id });
  });

  test('every condition of a rule must hold; the first rule by position wins; inactive rules are skipped', async () => {
    await clearRules();
    const [g1, g2, g3] = [await makeGroup(t.deps), await makeGroup(t.deps), await makeGroup(t.deps)];
    const org = await makeOrganisation(t.deps);
    const both = await createRule({ conditions: { channels: ['email'], organisationIds: [org.id] }, groupId: g1.id });
    const email = await createRule({ conditions: { channels: ['email', 'chat'] }, groupId: g2.id });
    assert.equal((await route({ channel: 'email' }))?.groupId, g2.id, 'the organisation condition fails');
    assert.equal((await route({ channel: 'email', organisation_id: org.id }))?.groupId, g1.id);

    // Added at position 0, a rule goes first and the others move down.
    const first = await createRule({ conditions: { channels: ['email'] }, groupId: g3.id, position: 0 });
    assert.equal(first.body.position, 0);
    const list = await api.get('/api/v1/routing/rules', { token: cast.agent.token });
    assert.deepEqual(list.body.items.map((r: { id: number; position: number }) => [r.id, r.position]), [[first.body.id, 0], [both.body.id, 1], [email.body.id, 2]]);
    assert.equal((await route({ channel: 'email', organisation_id: org.id }))?.groupId, g3.id, 'the change is seen at once');

    const off = await api.patch(`/api/v1/routing/rules/${first.body.id}`, { isActive: false }, { token: cast.admin.token });
    assert.equal(off.status, 200);
    assert.equal(off.body.isActive, false);
    assert.equal((await route({ channel: 'email', organisation_id: org.id }))?.groupId, g1.id);

    const reordered = await api.put('/api/v1/routing/rules/order', { ids: [email.body.id, first.body.id, both.body.id] }, { token: cast.admin.token });
    assert.equal(reordered.status, 200, JSON.stringify(reordered.body));
    assert.deepEqual(reordered.body.items.map((r: { id: number }) => r.id), [email.body.id, first.body.id, both.body.id]);
    assert.equal((await route({ channel: 'email', organisation_id: org.id }))?.groupId, g2.id);

    // A change of group and conditions.
    const changed = await api.patch(`/api/v1/routing/rules/${email.body.id}`, { conditions: { channels: ['chat'] }, groupId: g3.id, name: 'Chat' }, { token: cast.admin.token });
    assert.equal(changed.status, 200);
    assert.deepEqual([changed.body.name, changed.body.group, changed.body.conditions], ['Chat', { id: g3.id, name: g3.name, tier: g3.tier }, { channels: ['chat'] }]);
    assert.equal((await route({ channel: 'chat' }))?.groupId, g3.id);
    assert.equal((await route({ channel: 'email', organisation_id: org.id }))?.groupId, g1.id);

    // Deleting closes the gap in positions.
    assert.equal((await api.delete(`/api/v1/routing/rules/${email.body.id}`, { token: cast.admin.token })).status, 204);
    const after = await api.get('/api/v1/routing/rules', { token: cast.agent.token });
    assert.deepEqual(after.body.items.map((r: { id: number; position: number }) => [r.id, r.position]), [[first.body.id, 0], [both.body.id, 1]]);
    assert.equal(await route({ channel: 'chat' }), null);
    const audit = await t.deps.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'routing_rule').execute();
    assert.ok(['routing_rule.create', 'routing_rule.update', 'routing_rule.reorder', 'routing_rule.delete'].every((a) => audit.some((x) => x.action === a)));
  });
});

describe('routing rules: a deleted group', () => {
  test('takes its rules with it, and the cached rules forget them at once', async () => {
    await clearRules();
    const g = await makeGroup(t.deps);
    const r = await createRule({ conditions: { channels: ['api'] }, groupId: g.id });
    assert.equal((await route({ channel: 'api' }))?.ruleId, r.body.id);
    assert.equal((await api.delete(`/api/v1/groups/${g.id}`, { token: cast.admin.token })).status, 204);
    assert.equal(await route({ channel: 'api' }), null);
  });
});

describe('routing rules: access and bad input', () => {
  test('agents read, only admins write', async () => {
    const g = await makeGroup(t.deps);
    const r = await createRule({ conditions: { channels: ['api'] }, groupId: g.id });
    for (const who of [cast.supervisor, cast.agent]) {
      assert.equal((await api.post('/api/v1/routing/rules', { name: 'x', conditions: { channels: ['api'] }, groupId: g.id }, { token: who.token })).status, 403);
      assert.equal((await api.patch(`/api/v1/routing/rules/${r.body.id}`, { name: 'y' }, { token: who.token })).status, 403);
      assert.equal((await api.delete(`/api/v1/routing/rules/${r.body.id}`, { token: who.token })).status, 403);
      assert.equal((await api.put('/api/v1/routing/rules/order', { ids: [r.body.id] }, { token: who.token })).status, 403);
    }
    assert.equal((await api.get('/api/v1/routing/rules', { token: cast.requester.token })).status, 403);
  });

  test('problems name the field and the reason', async () => {
    await clearRules();
    const g = await makeGroup(t.deps);
    assertProblem(await createRule({ conditions: {}, groupId: g.id }), 400, { detail: /at least one condition/ });
    assertProblem(await createRule({ conditions: { channels: ['fax'] }, groupId: g.id }), 400);
    assertProblem(await createRule({ conditions: { channels: ['email'] }, groupId: 999_999 }), 422, { detail: '"groupId": group 999999 does not exist.' });
    assertProblem(await createRule({ conditions: { categoryIds: [999_998, 999_999] }, groupId: g.id }), 422, { detail: '"conditions.categoryIds": category 999998, 999999 does not exist.' });
    assertProblem(await createRule({ conditions: { mailboxIds: [999_999] }, groupId: g.id }), 422, { detail: /"conditions.mailboxIds": mailbox 999999 does not exist/ });
    assertProblem(await createRule({ conditions: { organisationIds: [999_999] }, groupId: g.id }), 422, { detail: /organisation 999999 does not exist/ });
    assertProblem(await createRule({ conditions: { keywords: ['--'] }, groupId: g.id }), 422, { detail: '"conditions.keywords": "--" contains no word (letters or digits).' });
    assertProblem(await api.patch('/api/v1/routing/rules/999999', { name: 'x' }, { token: cast.admin.token }), 404, { detail: 'Routing rule 999999 does not exist.' });
    const a = await createRule({ conditions: { channels: ['email'] }, groupId: g.id });
    const b = await createRule({ conditions: { channels: ['chat'] }, groupId: g.id });
    const order = (ids: number[]) => api.put('/api/v1/routing/rules/order', { ids }, { token: cast.admin.token });
    assertProblem(await order([a.body.id]), 422, { detail: `"ids": rule ${b.body.id} is missing; list every rule, first match first.` });
    assertProblem(await order([a.body.id, b.body.id, a.body.id]), 422, { detail: `"ids": rule ${a.body.id} appears more than once.` });
    assertProblem(await order([a.body.id, b.body.id, 999_999]), 422, { detail: '"ids": rule 999999 does not exist.' });
    assertProblem(await api.patch(`/api/v1/routing/rules/${a.body.id}`, { conditions: { keywords: [] } }, { token: cast.admin.token }), 400);
    assert.equal((await api.get('/api/v1/routing/rules', { token: cast.agent.token })).body.items.length, 2);
  });
});

describe('escalation rules', () => {
  test('CRUD, the target group’s tier above the one escalated from, admins only', async () => {
    const tier1 = await makeGroup(t.deps, { tier: 1 });
    const tier2 = await makeGroup(t.deps, { tier: 2 });
    const tier3 = await makeGroup(t.deps, { tier: 3 });
    const create = (body: Record<string, unknown>, token = cast.admin.token) => api.post('/api/v1/escalation-rules', { name: `Esc ${uniq()}`, ...body }, { token });
    const r = await create({ fromTier: 1, afterMinutes: 120, toGroupId: tier2.id });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.deepEqual(
      { ...r.body, createdAt: undefined, updatedAt: undefined },
      { id: r.body.id, name: r.body.name, fromTier: 1, afterMinutes: 120, toGroup: { id: tier2.id, name: tier2.name, tier: 2 }, isActive: true, createdAt: undefined, updatedAt: undefined },
    );
    assert.ok((await api.get('/api/v1/escalation-rules', { token: cast.agent.token })).body.items.some((e: { id: number }) => e.id === r.body.id));

    assertProblem(await create({ fromTier: 2, afterMinutes: 60, toGroupId: tier2.id }), 422, {
      detail: `"toGroupId": group "${tier2.name}" works at tier 2; escalating from tier 2 needs a group of a higher tier.`,
    });
    assertProblem(await create({ fromTier: 2, afterMinutes: 60, toGroupId: tier1.id }), 422);
    assertProblem(await create({ fromTier: 1, afterMinutes: 60, toGroupId: 999_999 }), 422, { detail: '"toGroupId": group 999999 does not exist.' });
    assertProblem(await create({ fromTier: 4, afterMinutes: 60, toGroupId: tier2.id }), 400);
    assertProblem(await create({ fromTier: 1, afterMinutes: 0, toGroupId: tier2.id }), 400);

    // A change is checked with the rule's other values.
    assertProblem(await api.patch(`/api/v1/escalation-rules/${r.body.id}`, { fromTier: 2 }, { token: cast.admin.token }), 422);
    const moved = await api.patch(`/api/v1/escalation-rules/${r.body.id}`, { fromTier: 2, toGroupId: tier3.id, afterMinutes: 30, isActive: false }, { token: cast.admin.token });
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
    assert.deepEqual([moved.body.fromTier, moved.body.toGroup.id, moved.body.afterMinutes, moved.body.isActive], [2, tier3.id, 30, false]);

    for (const who of [cast.supervisor, cast.agent]) {
      assert.equal((await create({ fromTier: 1, afterMinutes: 60, toGroupId: tier2.id }, who.token)).status, 403);
      assert.equal((await api.delete(`/api/v1/escalation-rules/${r.body.id}`, { token: who.token })).status, 403);
    }
    assert.equal((await api.delete(`/api/v1/escalation-rules/${r.body.id}`, { token: cast.admin.token })).status, 204);
    assertProblem(await api.delete(`/api/v1/escalation-rules/${r.body.id}`, { token: cast.admin.token }), 404, { detail: `Escalation rule ${r.body.id} does not exist.` });
  });
});
