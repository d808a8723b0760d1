// Skills over real HTTP: CRUD with counts, agents' skills, a category's required skill,
// who may do what, bad input as problem+json.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { client, startTestApp, type TestApp } from '../../test/harness.ts';
import { makeCategory, makeRoleCast, makeUser, uniq } from '../../test/factories.ts';
import { assertProblem } from '../../test/assertions.ts';

let t: TestApp;
let api: ReturnType<typeof client>;
let cast: Awaited<ReturnType<typeof makeRoleCast>>;

before(async () => {
  t = await startTestApp();
  api = client(t);
  cast = await makeRoleCast(t.deps);
});
after(() => t.close());

const create = (name: string, token = cast.admin.token) => api.post('/api/v1/skills', { name }, { token });

describe('skills', () => {
  test('an admin creates, renames and deletes skills; staff read them with their counts', async () => {
    const name = `Networking ${uniq()}`;
    const r = await create(name);
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.deepEqual(r.body, { id: r.body.id, name, agents: 0, categories: 0 });

    const agent = await makeUser(t.deps, { roles: ['agent'] });
    const category = await makeCategory(t.deps);
    assert.equal((await api.put(`/api/v1/users/${agent.id}/skills`, { skillIds: [r.body.id] }, { token: cast.supervisor.token })).status, 200);
    assert.equal((await api.put(`/api/v1/categories/${category.id}/required-skill`, { skillId: r.body.id }, { token: cast.admin.token })).status, 200);
    const list = await api.get('/api/v1/skills', { token: cast.agent.token });
    assert.deepEqual(list.body.items.find((s: { id: number }) => s.id === r.body.id), { id: r.body.id, name, agents: 1, categories: 1 });

    const renamed = await api.patch(`/api/v1/skills/${r.body.id}`, { name: `${name} (LAN)` }, { token: cast.admin.token });
    assert.equal(renamed.status, 200);
    assert.equal(renamed.body.name, `${name} (LAN)`);

    assert.equal((await api.delete(`/api/v1/skills/${r.body.id}`, { token: cast.admin.token })).status, 204);
    assertProblem(await api.delete(`/api/v1/skills/${r.body.id}`, { token: cast.admin.token }), 404, { detail: `Skill ${r.body.id} does not exist.` });
    assert.deepEqual((await api.get(`/api/v1/users/${agent.id}/skills`, { token: cast.agent.token })).body, { items: [] });
    const cat = await t.deps.db.selectFrom('categories').select('required_skill_id').where('id', '=', category.id).executeTakeFirstOrThrow();
    assert.equal(cat.required_skill_id, null);

    const audit = await t.deps.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'skill').where('entity_id', '=', String(r.body.id)).execute();
    assert.deepEqual(audit.map((a) => a.action).sort(), ['skill.create', 'skill.delete', 'skill.update']);
  });

  test('names are unique in any case', async () => {
    const name = `Printers ${uniq()}`;
    const first = await create(name);
    assertProblem(await create(name.toUpperCase()), 409, { detail: `A skill named "${name}" already exists (id ${first.body.id}).` });
    const other = await create(`Other ${uniq()}`);
    assertProblem(await api.patch(`/api/v1/skills/${other.body.id}`, { name }, { token: cast.admin.token }), 409);
    assertProblem(await create('   '), 400);
  });

  test('admins write skills, supervisors set agents’ skills, agents read', async () => {
    const s = await create(`Linux ${uniq()}`);
    for (const who of [cast.supervisor, cast.agent, cast.requester]) {
      assert.equal((await create(`X ${uniq()}`, who.token)).status, 403);
      assert.equal((await api.patch(`/api/v1/skills/${s.body.id}`, { name: `Y ${uniq()}` }, { token: who.token })).status, 403);
      assert.equal((await api.delete(`/api/v1/skills/${s.body.id}`, { token: who.token })).status, 403);
    }
    const category = await makeCategory(t.deps);
    assert.equal((await api.put(`/api/v1/categories/${category.id}/required-skill`, { skillId: s.body.id }, { token: cast.supervisor.token })).status, 403);
    assert.equal((await api.put(`/api/v1/users/${cast.agent.id}/skills`, { skillIds: [s.body.id] }, { token: cast.agent.token })).status, 403);
    assert.equal((await api.get('/api/v1/skills', { token: cast.requester.token })).status, 403);
    assert.equal((await api.get(`/api/v1/users/${cast.agent.id}/skills`, { token: cast.requester.token })).status, 403);
  });

  test('an agent’s skills are replaced as a set; unknown skills and non-staff are refused', async () => {
    const a = await create(`A ${uniq()}`);
    const b = await create(`B ${uniq()}`);
    const agent = await makeUser(t.deps, { roles: ['agent'] });
    const put = (skillIds: number[], id = agent.id) => api.put(`/api/v1/users/${id}/skills`, { skillIds }, { token: cast.supervisor.token });
    const r = await put([b.body.id, a.body.id, a.body.id]);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.deepEqual(r.body.items.map((s: { id: number }) => s.id).sort(), [a.body.id, b.body.id].sort());
    assert.deepEqual((await put([b.body.id])).body.items, [{ id: b.body.id, name: b.body.name }]);
    assertProblem(await put([b.body.id, 999_999]), 422, { detail: '"skillIds": skill 999999 does not exist.' });
    assertProblem(await put([a.body.id], cast.requester.id), 422, { detail: /has no staff role/ });
    assertProblem(await put([a.body.id], 999_999), 404, { detail: 'User 999999 does not exist.' });
    assertProblem(await api.get('/api/v1/users/999999/skills', { token: cast.agent.token }), 404);
    assertProblem(await api.put(`/api/v1/users/${agent.id}/skills`, { skillIds: ['x'] }, { token: cast.supervisor.token }), 400);
    assert.deepEqual((await api.get(`/api/v1/users/${agent.id}/skills`, { token: cast.agent.token })).body.items, [{ id: b.body.id, name: b.body.name }]);
  });

  test('a category requires a skill, or none', async () => {
    const s = await create(`Windows ${uniq()}`);
    const category = await makeCategory(t.deps);
    const put = (skillId: number | null, id = category.id) => api.put(`/api/v1/categories/${id}/required-skill`, { skillId }, { token: cast.admin.token });
    assert.deepEqual((await put(s.body.id)).body, { categoryId: category.id, requiredSkill: { id: s.body.id, name: s.body.name } });
    assert.deepEqual((await put(null)).body, { categoryId: category.id, requiredSkill: null });
    assertProblem(await put(999_999), 422, { detail: '"skillId": skill 999999 does not exist.' });
    assertProblem(await put(s.body.id, 999_999), 404, { detail: 'Category 999999 does not exist.' });
    assertProblem(await api.put(`/api/v1/categories/${category.id}/required-skill`, {}, { token: cast.admin.token }), 400);
  });
});
